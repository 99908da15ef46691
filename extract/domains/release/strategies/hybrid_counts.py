"""Counts for the hybrid strategy: how many were freed, and how many remain detained.

A count is a number whose noun is a people noun ("40 political prisoners", "five Americans")
governed by a release word; parts of a whole ("30 of them"), destinations ("12 were flown to X")
and remaining figures are not totals. Occurrences are weighted (the lead sentence and the
headline most; earlier rounds least) and the highest total wins, a tie going to the larger figure.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from .. import cues
from ..schema import parse_count
from .hybrid_dates import caption_spans, find_dateline, latest_year
from .hybrid_places import gpe_targets, told_at_another_time
from .hybrid_text import (
    Analysis,
    country_of,
    done_releases,
    has_phrase,
    is_headline,
    is_negated,
    is_release_token,
    is_wished_release,
    past_round,
    verb_head,
)

__all__ = ["CountCandidate", "count_candidates", "lead_index", "released_count", "remaining_prisoners"]

Token = Any


# The NER model sometimes labels a bare count before a noun as a product or an organisation
# ("some 75 detainees" -> PRODUCT); a span of digits only, followed by a noun, is still a count.
_MISLABELLED = frozenset({"PRODUCT", "ORG", "WORK_OF_ART", "FAC", "LAW", "NORP"})


_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")


def _number_tokens(a: Analysis) -> list[tuple[Any, Token]]:
    """(CARDINAL entity, its numeral head token) for every count-like number in the article."""
    out = []
    for entity in a.ents:
        ent = entity.span
        if entity.label == "DATE" and _THOUSANDS.fullmatch(ent[-1].text) and len(ent) > 1:
            out.append((ent[-1:], ent[-1]))  # "as of Friday 21,499 of them": a count the date swallowed
            continue
        if entity.label != "CARDINAL" and not (
            entity.label in _MISLABELLED and all(t.like_num for t in ent) and ent[-1].i + 1 < len(ent.doc)
            and ent[-1].nbor().pos_ == "NOUN"
        ):
            continue
        nums = [t for t in ent if t.like_num]
        if not nums:
            continue
        try:
            parse_count(ent.text)
        except ValueError:
            continue
        out.append((ent, nums[-1]))
    return out


def _counts_people(noun: Token) -> bool:
    """A noun for people: "prisoners", "detainees", or a plural demonym ("Americans")."""
    lemma = noun.lemma_.lower()
    if noun.tag_ in ("NNPS", "NNP") and lemma.endswith("s"):
        lemma = lemma[:-1]  # a title-case headline: "Sixteen Freed Prisoners" (lemma "Prisoners")
    return lemma in cues.DETAINEE_NOUNS or (noun.ent_type_ == "NORP" and noun.tag_ in ("NNPS", "NNS"))


def _noun_of_number(num: Token) -> Token:
    """The noun a numeral counts: "40 political prisoners" -> prisoners; "30 of them" -> the number."""
    if num.dep_ in ("nummod", "quantmod", "compound") and num.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return num.head
    return num


def _clause_verb(token: Token) -> Token:
    node = token
    for _ in range(6):
        if node.dep_ in ("conj", "appos", "compound", "amod", "nummod", "quantmod", "pobj", "prep") and node.head != node:
            if node.dep_ == "pobj" and node.head.lower_ not in ("of", "including", "among"):
                break
            node = node.head
        else:
            break
    return node


def _is_destination_subject(noun: Token) -> bool:
    verb = verb_head(noun)
    if verb is None or verb.lemma_.lower() not in cues.TRANSFER_VERBS - {"release", "free"}:
        return False
    targets = gpe_targets(verb)
    if noun.dep_ == "dobj" and (verb.lemma_.lower() in cues.RELEASE_VERBS or is_release_token(verb)) and len(targets) == 1:
        return False  # "X expels 148 prisoners to Y": the expulsion is the release, its object the total
    if _freed_to_several(noun, targets):
        return False
    return bool(targets)


def _freed_to_several(noun: Token, targets: list[Any]) -> bool:
    """ "Sixteen freed prisoners deported to Lithuania and Poland": all of the freed, sent to two
    places (a part would go to one)."""
    return len(targets) > 1 and any(is_release_token(c) for c in noun.children if c.dep_ in ("amod", "compound"))


def _release_verb_before(ent: Any) -> bool:
    doc = ent.doc
    if ent.start == 0:
        return False
    verb = doc[ent.start - 1]
    return verb.pos_ == "VERB" and is_release_token(verb) and not is_negated(verb) and not is_wished_release(verb)


def _releases(verb: Token) -> bool:
    """The verb (or one it shares its subject with) is a release that happened: "were freed",
    "were given a pardon and let go"."""
    for node in (verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))):
        done = not is_negated(node) and not is_wished_release(node)
        if done and is_release_token(node):
            return True
        if done and node.lemma_.lower() in cues.RECEIVED_FIGURE_VERBS and any(
            c.dep_ == "dobj" and c.lemma_.lower() in cues.RELEASE_NOUNS for c in node.children
        ):
            return True
    return False


def _secondary_release(verb: Token) -> bool:
    """A release told as the background or sequel of the main one: "A freed two pilots as B
    released 35 inmates", "..., and days later B freed 35": the main clause's count
    is the event's (the other side's release is its counterpart)."""
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("as", "while", "whereas") for c in verb.children):
        return True
    return verb.dep_ == "conj" and any(
        c.dep_ in ("advmod", "npadvmod") and any(t.lower_ in ("later", "afterwards", "subsequently") for t in c.subtree)
        for c in verb.children
    )


def lead_index(a: Analysis) -> int:
    """The first sentence of the body: after the title line, any short header lines and any photo
    caption (credited, or shown twice; rule lead.not-a-caption)."""
    captions = caption_spans(a.text)
    for sentence in a.sents:
        if is_headline(a, sentence.index) or len(sentence.text) < 60 or not sentence.text.rstrip().endswith((".", '"', "”")):
            continue
        if any(start <= sentence.start < end for start, end in captions):
            continue
        return sentence.index
    return 0


@dataclass(frozen=True)
class CountCandidate:
    """One figure read as a number freed, with the ids of the rules that weighed it."""

    value: int
    weight: float
    sentence: int
    rules: tuple[str, ...]
    earlier: bool = False  # told after the lead, in a sentence about an earlier round of releases
    bound: str | None = None  # "about", "above" or "below" for a rounded figure ("some 300", "more than 300")


def released_count(a: Analysis, skip: frozenset[int] = frozenset()) -> tuple[int | None, int | None, list[str]]:
    """The number freed, its sentence and the ids of the rules behind it; figures in the
    sentences `skip` (releases only announced or supposed, embedded instructions) do not count.

    A figure's weight counts once per sentence (the highest reading of it there), and each further
    sentence that tells it adds half its weight (`count.repeats-weigh-half`). A rounded
    figure ("more than 300") and a precise one it brackets ("304") are one count: the precise
    figure takes both weights. A figure told only about earlier rounds of releases is not this
    event's count."""
    every = count_candidates(a, skip)
    candidates = [c for c in every if c.weight > 0]
    best_in_sentence: dict[tuple[int, int], CountCandidate] = {}
    for c in candidates:
        key = (c.value, c.sentence)
        if key not in best_in_sentence or c.weight > best_in_sentence[key].weight:
            best_in_sentence[key] = c
    by_value: dict[int, list[CountCandidate]] = defaultdict(list)
    for c in best_in_sentence.values():
        by_value[c.value].append(c)
    merged: dict[int, list[str]] = defaultdict(list)
    for value, group in list(by_value.items()):
        rounded = [c for c in group if c.bound is not None]
        if not rounded:
            continue
        precise = [v for v in by_value if v != value and _brackets(value, rounded[0].bound, v)
                   and any(c.bound is None for c in by_value[v])]
        if len(precise) == 1:  # the rounded figure's other mentions ("pardons 300") round too
            by_value[precise[0]].extend(group)
            merged[precise[0]].append("count.precise-over-rounded")
            by_value[value] = []
    scores = {v: _repeated_weight(group) for v, group in by_value.items() if group}
    if not scores:
        return None, None, []
    best = max(scores, key=lambda v: (round(scores[v], 6), v))  # a tie goes to the larger (total) figure
    raw = {v: sum(c.weight for c in group) for v, group in by_value.items() if group}
    if max(raw, key=lambda v: (round(raw[v], 6), v)) != best:
        merged[best].append("count.repeats-weigh-half")  # the lead's figure beat one told more often
    group = by_value[best]
    if all(c.earlier for c in group):
        return None, None, []  # "last month 40 prisoners were freed": another event's count
    top = max(group, key=lambda c: (c.value == best, c.weight, -c.sentence))
    set_aside = [r for c in every if c.value != best for r in c.rules if r in _SET_ASIDE_RULES]
    rules = ["count.weighted-release-figures", *(r for c in group for r in c.rules), *merged[best], *set_aside]
    return best, top.sentence, list(dict.fromkeys(rules))


# Rules that weigh a competing figure down or set it aside: they decide the count too (the trail
# names them with the winner's own rules).
_SET_ASIDE_RULES = frozenset({
    "count.group-of-part", "count.exchange-counterpart", "count.coordinated-part", "count.others-not-the-total",
    "count.release-at-another-time", "count.places-not-people",
})


def _repeated_weight(group: list[CountCandidate]) -> float:
    """A figure's weight over the sentences that tell it: the strongest reading in full, each further
    one at half its weight (a figure told again and again in the body does not outweigh the lead's)."""
    weights = sorted((c.weight for c in group), reverse=True)
    return weights[0] + 0.5 * sum(weights[1:])


def _brackets(rounded: int, bound: str | None, precise: int) -> bool:
    """ "more than 300" brackets 304, "close to 14,000" brackets 13,915, "some 300" both: within a tenth."""
    if rounded % 10 or precise % 100 == 0:
        return False  # only a round figure is a rounding of another
    if bound == "above":
        return rounded < precise <= rounded * 1.1
    if bound == "below":
        return rounded * 0.9 <= precise < rounded
    return abs(precise - rounded) <= rounded * 0.1


def _bound(ent: Any) -> str | None:
    doc = ent.doc
    before = " ".join(t.lower_ for t in doc[max(0, ent.start - 3) : ent.start + 2] if t.i < ent.end - 1 or not t.like_num)
    words = " ".join(t.lower_ for t in ent if not t.like_num)
    lead = f"{before} {words}".strip()
    for bound, phrases in (("below", cues.BELOW_PHRASES), ("above", cues.ABOVE_PHRASES), ("about", cues.ABOUT_PHRASES)):
        if any(lead.endswith(p) or f" {p} " in f" {lead} " for p in phrases):
            return bound
    return None


def _whole_of_part(num: Token, noun: Token) -> bool:
    """ "four of six Japanese", "one of the three Americans": the figure after "of" counts the
    group some of whom were freed, not the freed."""
    if any(c.dep_ == "quantmod" and c.lower_ == "of" for c in num.children):
        return True  # a headline's "frees four of six nationals", parsed as one quantity
    part = noun.head.head if noun.dep_ == "pobj" else noun
    if any(is_release_token(c) for t in (noun, part) for c in t.children if c.dep_ in ("amod", "acl", "relcl")):
        return False  # "one of three prisoners freed on Monday": the group is the freed
    if _group_freed_by_relative(noun):
        return False
    return noun.dep_ == "pobj" and noun.head.lower_ == "of" and (
        noun.head.head.like_num or noun.head.head.lower_ in ("some", "several", "most", "many", "all", "none")
    )


def _group_freed_by_relative(noun: Token) -> bool:
    """ "X is one of 33 detainees, 21 of them sentenced, who have been freed": the parser hangs the
    "who" clause on a later noun, yet it tells of the group after "one of" (rule
    count.group-freed-by-relative)."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "of" or noun.head.head.lower_ != "one":
        return False
    return any(
        t.dep_ == "relcl" and is_release_token(t) and any(c.lower_ in ("who", "whom") for c in t.children)
        for t in noun.head.head.subtree
    )


def _part_of_released(num: Token) -> bool:
    """ "30 of the freed men", "ten of them", "two of those exchanged": a part of the freed; "two
    of the three defendants" (a release's object) is the number freed."""
    groups = [g for c in num.children if c.dep_ == "prep" and c.lower_ in ("of", "among") for g in c.children if g.dep_ == "pobj"]
    if not groups:
        return False
    of_release = num.dep_ == "pobj" and num.head.lower_ == "of" and is_release_token(num.head.head) and (
        num.head.head.pos_ == "NOUN")  # "ordered the release of two of the three journalists": the release's object
    if not of_release and (num.dep_ not in ("dobj", "nsubjpass", "nsubj") or not _releases(num.head)):
        return True
    return any(g.lower_ in ("them", "those", "these", "whom") or any(is_release_token(t) for t in g.subtree) for g in groups)


def _exchange_counterpart(noun: Token) -> bool:
    """ "swap for four Russians", "in exchange for 20 prisoners": what the other side handed over."""
    return any(
        head.lower_ == "for" and head.head.lemma_.lower() in ("exchange", "swap", "return", "trade")
        for head in itertools.islice(noun.ancestors, 6)
    )


def _counts_others(num: Token, noun: Token) -> bool:
    """ "nineteen others were pardoned too", "784 other prisoners", "eight other people have been
    freed": a figure for people besides someone already told of counts an addition (another group,
    another round, the rest beside a named person), never the event's whole number (rule
    count.others-not-the-total; "no arithmetic", evals/GUIDELINES.md)."""
    if noun == num:
        return False
    return noun.lemma_.lower() == "other" or any(c.dep_ == "amod" and c.lower_ == "other" for c in noun.children)


def _coordinated_part(noun: Token) -> bool:
    """ "three Lithuanians and three Belarusians", "a Dane and two Austrians": a counted group
    coordinated with another group of people is a part of those freed."""
    def people(t: Token) -> bool:
        if t.pos_ not in ("NOUN", "PROPN"):
            return False
        return (_counts_people(t) or t.ent_type_ in ("NORP", "PERSON") or t.tag_ in ("NNP", "NNPS")
                or t.lemma_.lower() in cues.DETAINEE_NOUNS or any(c.like_num for c in t.children))

    if noun.dep_ == "conj" and people(noun.head):
        return True
    return any(c.dep_ == "conj" and people(c) for c in noun.children)


def _returned_captives(verb: Token, noun: Token) -> bool:
    """ "44 captives came back to Armenia from Azerbaijan", "95 soldiers returned home from
    captivity": captives (the verb's subject) coming back is their release."""
    if noun.dep_ != "nsubj" or verb.lemma_.lower() not in ("return", "come") or is_negated(verb) or is_wished_release(verb):
        return False
    if not (noun.lemma_.lower() in cues.CAPTIVE_NOUNS or (noun.ent_type_ == "NORP" and noun.tag_ in ("NNPS", "NNS"))):
        return False
    back = any(c.lower_ in ("back", "home") for c in verb.children)
    source = any(c.dep_ == "prep" and c.lower_ == "from" and any(
        g.ent_type_ == "GPE" or g.lemma_.lower() in ("captivity", "prison", "jail", "detention") for g in c.children
    ) for c in verb.children)
    return source and (back or verb.lemma_.lower() == "return")


def _release_noun_for(noun: Token) -> bool:
    """ "announced an amnesty for 5,600 people", "granted bail to 18 supporters": the people a
    release noun (the verb's object) is for, with the preposition hung on the verb."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in ("for", "to"):
        return False
    verb = noun.head.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    if noun.head.lower_ == "to" and verb.lemma_.lower() in cues.GIVING_VERBS and is_release_token(verb):
        return True
    return noun.head.lower_ == "for" and verb.lemma_.lower() in cues.ENACT_VERBS and any(
        c.dep_ == "dobj" and c.pos_ == "NOUN" and c.lemma_.lower() in ("amnesty", "pardon", "clemency") for c in verb.children
    )


def count_candidates(a: Analysis, skip: frozenset[int] = frozenset()) -> list[CountCandidate]:
    """Every figure read as a number freed."""
    out: list[CountCandidate] = []
    lead = lead_index(a)
    dateline = find_dateline(a.text)
    reference_year = dateline.year if dateline else latest_year(a.text)
    for ent, num in _number_tokens(a):
        sentence = a.sentence_of(num)
        if sentence is None or sentence.index in skip:
            continue
        noun = _noun_of_number(num)
        if noun.lemma_.lower() in cues.TIME_NOUNS:
            continue
        weight = 0.0
        rules: list[str] = []
        verb = verb_head(noun)
        direct = verb is not None and _releases(verb)
        if not direct:
            direct = _release_verb_before(ent)  # "released at least 35 people ..., a group said"
        for_people = _release_noun_for(noun)
        if noun != num and not _counts_people(noun) and not ((direct or (for_people)) and noun.tag_ == "NNS"):
            continue
        if noun != num and noun.lemma_.lower() in cues.FACILITY_NOUNS:
            # "released people held in three detention centres": places, not people. Kept with no
            # weight, for the trail (rule count.places-not-people).
            value = parse_count(ent.text)
            if value:
                out.append(CountCandidate(value, 0.0, sentence.index, ("count.places-not-people",)))
            continue
        demoted = "count.group-of-part" if _whole_of_part(num, noun) else (
            "count.exchange-counterpart" if _exchange_counterpart(noun) else (
                "count.others-not-the-total" if _counts_others(num, noun) else None))
        if demoted is not None:
            # "four of six Japanese": the group, not the freed; "freed three Americans in a swap
            # for four Russians": the other side. Kept with no weight, for the trail.
            value = parse_count(ent.text)
            if value:
                out.append(CountCandidate(value, 0.0, sentence.index, (demoted,)))
            continue
        if direct:
            weight = 2.0
        elif noun.dep_ == "pobj" and noun.head.lower_ in ("of", "for") and is_release_token(noun.head.head):
            weight = 2.0  # "the release of 40 detainees"
        elif noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_ == "go" and (
            noun.head.head.head.lemma_.lower() == "let" and not is_negated(noun.head.head.head)
        ):
            weight = 2.0  # "Russia let go of 230 prisoners"
            rules.append("count.let-go-of")
        elif noun.dep_ == "pobj" and noun.head.lower_ == "to" and noun.head.head.lemma_.lower() in cues.GIVING_VERBS and any(
            c.dep_ == "dobj" and is_release_token(c) for c in noun.head.head.children
        ):
            weight = 2.0  # "granted pardons to more than 400 people"
        elif verb is not None and _returned_captives(verb, noun):
            weight = 2.0  # "44 captives came back to Armenia from Azerbaijan"
            rules.append("count.returned-captives")
        elif for_people:
            weight = 2.0  # "announced an amnesty for 5,600 people", "granted bail to 18 supporters"
            rules.append("count.release-noun-for-people")
        elif any(is_release_token(c) for c in noun.children if c.dep_ in ("amod", "acl", "relcl", "compound")) or (
            noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ == "one"
            and any(is_release_token(c) for c in noun.head.head.children if c.dep_ in ("acl", "relcl"))
        ):
            weight = 1.5  # "40 freed prisoners", "40 prisoners released on Monday", "one of three prisoners freed"
        elif _group_freed_by_relative(noun):
            weight = 1.5
            rules.append("count.group-freed-by-relative")
        elif done_releases(sentence.span) and noun != num and _clause_verb(noun) in done_releases(sentence.span):
            weight = 1.0
        if weight == 0.0:
            continue
        if _is_destination_subject(noun) or _remain_context(noun):
            continue
        if verb is not None and _freed_to_several(noun, gpe_targets(verb)):
            rules.append("count.freed-sent-to-several-places")
        if verb is not None and _secondary_release(verb):
            weight *= 0.5
        if _part_of_released(num):
            continue  # "30 of the freed men": a part, not the total
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in num.children):
            rules.append("count.part-of-group-freed")  # "freed two of the three defendants"
        lead_in = " ".join(t.lower_ for t in ent.doc[max(0, ent.start - 3) : ent.start])
        if lead_in.endswith(("among them", "among whom", "including", "among those")):
            continue  # "freed five prisoners, among them three citizens of X": a part
        if _coordinated_part(noun):
            weight *= 0.5
            rules.append("count.coordinated-part")
        earlier = past_round(a, sentence.index)
        if not earlier and verb is not None and told_at_another_time(verb, reference_year):
            earlier = True  # "since 2024, more than 300 have been released", "in 2019, when 200 were freed"
            rules.append("count.release-at-another-time")
        if earlier:
            weight *= 0.2
        top = is_headline(a, sentence.index) or sentence.index == lead
        if a.lower(sentence).startswith(("in total", "in all", "altogether", "all told")):
            weight *= 2  # "In total, six people were released - three X and three Y"
        if is_headline(a, sentence.index):
            weight *= 1.5
        elif sentence.index == lead:
            weight *= 2.5
        value = parse_count(ent.text)
        if value is None or value <= 0:
            continue
        out.append(CountCandidate(value, weight, sentence.index, tuple(rules), earlier and not top, _bound(ent)))
    return out


def _remain_context(noun: Token) -> bool:
    verb = verb_head(noun)
    if verb is None and noun.dep_ == "attr" and noun.head.lemma_ == "be":
        verb = noun.head  # "there are 1,131 political prisoners in the country"
    if verb is None:
        return False
    lemma = verb.lemma_.lower()
    if lemma in ("remain", "stay", "languish"):
        return True
    if lemma in ("hold", "keep", "detain", "jail", "imprison") and verb.tag_ in ("VBZ", "VBP"):
        return True  # "the country holds some 300 dissidents"
    if lemma in ("hold", "keep", "detain", "jail", "imprison") and any(
        c.dep_ == "auxpass" and c.lower_ in ("are", "is") for c in verb.children
    ):
        return True  # present passive: "some 90 dissidents are held in the country"
    if lemma == "be" and verb.tag_ in ("VBZ", "VBP") and any(c.dep_ == "expl" for c in verb.children) and _political(noun, verb):
        return True  # "there are 1,131 political prisoners in the country"
    if lemma in ("count", "recognise", "recognize", "list", "consider", "number", "document", "register", "verify") and (
        verb.tag_ in ("VBZ", "VBP") or (lemma in ("count", "verify", "document") and verb.tag_ in ("VBD", "VBN"))
        or any(c.dep_ == "auxpass" and c.lower_ in ("are", "is") for c in verb.children)
    ) and _political(noun, verb):
        return True  # "the rights centre counts 1,108 political prisoners", "N are recognised as political prisoners"
    if lemma in ("count", "list", "document", "register", "include") and verb.tag_ in ("VBZ", "VBP") and any(
        t.dep_ in ("acl", "amod") and t.lemma_.lower() in ("imprison", "jail", "detain", "hold", "incarcerate")
        for t in noun.children
    ):
        return True  # "the project counts 812 people currently imprisoned"
    if lemma == "leave" and verb.tag_ in ("VBZ", "VBP") and any(
        t.lemma_.lower() in ("detain", "jail", "imprison", "hold") or t.lower_ in ("behind", "detained")
        for t in noun.subtree
    ):
        return True  # "the exchange leaves eight Americans ... detained"
    words = {t.lower_ for t in verb.children}
    return "still" in words or (lemma in ("hold", "jail", "imprison", "detain") and verb.tag_ in ("VBZ", "VBP", "VBN") and "still" in {
        t.lower_ for t in verb.subtree
    })


def _political(noun: Token, verb: Token) -> bool:
    """The counted people are called political prisoners: "1,108 political prisoners", "N people
    (are recognised) as political prisoners"."""
    def political(t: Token) -> bool:
        return t.lemma_.lower() in cues.DETAINEE_NOUNS and any(c.lower_ == "political" for c in t.children)

    if political(noun):
        return True
    return any(
        c.dep_ == "prep" and c.lower_ == "as" and any(political(g) for g in c.children) for c in verb.children
    )


def _estimated_total(num: Token) -> int:
    """How a figure is given as the number of people detained, 0 if it is not:
    2 for "the total of jailed dissidents is about 640" (the figure is what the number of
    detained people is), 1 for "estimates the number of detainees at 95" (an estimate, weaker:
    official bodies phrase their own counts this way too)."""
    noun = _noun_of_number(num)
    if noun != num:
        return 0
    if num.dep_ == "attr" and num.head.lemma_ == "be":
        subject = [c for c in num.head.children if c.dep_ == "nsubj"]
        if subject and _number_of_detained(subject[0]):
            return 2
        if subject and subject[0].lemma_.lower() in ("figure", "tally", "count") and any(
            t.lower_ in ("verified", "own", "latest", "updated") for t in subject[0].children
        ):
            return 2  # "the rights centre said its own verified figure was 1,073" (after another figure)
    if num.dep_ == "pobj" and num.head.lower_ == "at" and num.head.head.lemma_.lower() in ("put", "estimate", "place"):
        verb = num.head.head
        if any(c.dep_ == "dobj" and _number_of_detained(c) for c in verb.children):
            return 1
    return 0


def _number_of_detained(noun: Token) -> bool:
    """ "the (true) number / total / figure of political prisoners (in X)"."""
    if noun.lemma_.lower() not in ("number", "total", "figure", "tally", "count"):
        return False
    return any(
        c.dep_ == "prep" and c.lower_ == "of" and any(g.lemma_.lower() in cues.DETAINEE_NOUNS for g in c.children)
        for c in noun.children
    )


def _subgroup(a: Analysis, num: Token, noun: Token, tail: str) -> bool:
    """The figure counts a subgroup, not the country's political prisoners (evals/GUIDELINES.md):
    a nationality or an occupation ("14 European nationals", "eight Americans", "28 journalists"),
    "other"/"more" people just mentioned ("three more remain"), or one cause ("jailed over posts")."""
    if noun != num:
        if noun.lemma_.lower() in cues.SUBGROUP_NOUNS or noun.ent_type_ == "NORP" or country_of(noun.text):
            return True
        if any(c.lower_ in ("other", "foreign", "dual") for c in noun.children):
            return True
    following = a.doc[num.i + 1] if num.i + 1 < len(a.doc) else None
    if following is not None and following.lower_ in cues.SUBGROUP_TAILS and noun == num:
        return True
    return has_phrase(tail, cues.SUBGROUP_CAUSES)


def _political_or_attributed(a: Analysis, sentence: Any) -> bool:
    """The still-held figure is called political ("political prisoners", "jailed for political
    reasons", "prisoners of conscience") or given by a rights group: a count of the country's
    political prisoners, not of some detainees the article follows ("two others are still held")."""
    lower = a.lower(sentence)
    return has_phrase(lower, cues.POLITICAL_DETENTION_PHRASES) or has_phrase(lower, cues.RIGHTS_GROUP_WORDS) or has_phrase(
        lower, ("the group said", "the group says", "according to the group", "monitoring group", "the monitor")
    )


def _detention_told(noun: Token, tail: str) -> bool:
    """The figure is of people held: a detainee noun, a holding verb, or a detention word after
    it ("remain behind bars"); not "a nation of 12 million people is still among the poorest"."""
    if noun.lemma_.lower() in cues.HELD_PERSON_NOUNS:
        return True
    verb = verb_head(noun)
    if verb is not None and verb.lemma_.lower() in ("hold", "keep", "detain", "jail", "imprison", "count", "list"):
        return True
    return any(w in cues.DETENTION_WORDS or w.removesuffix("s") in cues.HELD_PERSON_NOUNS for w in re.findall(r"[a-z]+", tail))


def remaining_prisoners(a: Analysis) -> tuple[int | None, int | None, list[str]]:
    """The country's still-held political prisoners: (value, sentence, rule ids). The figure a
    rights group gives wins over others; else the first."""
    found: list[tuple[bool, int, int, str]] = []
    estimates: list[tuple[bool, int, int, str]] = []
    for ent, num in _number_tokens(a):
        noun = _noun_of_number(num)
        sentence = a.sentence_of(num)
        if sentence is None:
            continue
        estimate = _estimated_total(num)
        if estimate and not done_releases(sentence.span):
            value = parse_count(ent.text)
            if value:
                rights = has_phrase(a.lower(sentence), cues.RIGHTS_GROUP_WORDS)
                (found if estimate == 2 else estimates).append((rights, sentence.index, value, "remaining.estimated-total"))
            continue
        if noun != num and not _counts_people(noun):
            continue
        rule = "remaining.country-still-held-figure"
        if noun.lemma_.lower() in cues.STAFF_NOUNS:
            continue  # "four staff members of the paper": a subgroup, not the country's figure
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in num.children):
            if not _part_of_political_count(a, num, sentence):
                continue  # "418 of them", "12 of the journalists": a subgroup, not the country's figure
            rule = "remaining.part-still-held-of-political-count"
        tail = a.text[ent.end_char : sentence.end].lower()[:80]
        other_number = next((t for t in a.doc[ent.end : sentence.span.end] if t.like_num and t.idx < ent.end_char + 80), None)
        if other_number is not None:
            tail = tail[: other_number.idx - ent.end_char]  # "92 of the 3,214 were ..., and 22,000 remain": not the 92
        if not (_remain_context(noun) or has_phrase(tail, cues.REMAIN_PHRASES)):
            continue
        if has_phrase(a.lower(sentence), ("released", "freed", "pardoned")) and not _remain_context(noun):
            continue
        verb = verb_head(noun)
        if verb is not None and is_release_token(verb) and not _remain_context(noun):
            continue  # "X frees 65 inmates; activists say many remain": the 65 were freed
        if _subgroup(a, num, noun, a.text[ent.end_char : sentence.end].lower()):
            continue
        if not _detention_told(noun, tail) or not _political_or_attributed(a, sentence):
            continue  # rule remaining.political-or-attributed
        value = parse_count(ent.text)
        if value is None:
            continue
        rights = has_phrase(a.lower(sentence), cues.RIGHTS_GROUP_WORDS)
        found.append((rights, sentence.index, value, rule))
    found = found or estimates
    if not found:
        return None, None, []
    attributed = [f for f in found if f[0]]
    pick = (attributed or found)[0]
    return pick[2], pick[1], list(dict.fromkeys([pick[3], "remaining.political-or-attributed"]))


def _part_of_political_count(a: Analysis, num: Token, sentence: Any) -> bool:
    """ "28,096 people have been detained on political charges, and 21,499 of them remain behind
    bars, a rights group says": the part still held of a country-wide political count is the
    figure (a part of a named group, "12 of the journalists", is not)."""
    groups = [g for c in num.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    if not groups or not all(g.lower_ in ("them", "those") for g in groups):
        return False
    lower = a.lower(sentence)
    return has_phrase(lower, cues.POLITICAL_DETENTION_PHRASES) and has_phrase(lower, cues.RIGHTS_GROUP_WORDS) and any(
        t.like_num and t.i < num.i and t.ent_type_ == "CARDINAL" for t in sentence.span
    )
