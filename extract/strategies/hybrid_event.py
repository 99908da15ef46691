"""Event fields for the hybrid strategy, each from entities near release cues, with its sentence.

Every finder returns a value and the index of the sentence that decided it (the evidence).
Counts keep the article's own figure ("more than 40" -> 40, via `parse_count`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .. import cues
from ..countries import canonical_country
from ..schema import Destination, parse_count
from .hybrid_dates import dateline_span, latest_year, resolve_date
from .hybrid_people import PersonFinding
from .hybrid_text import Analysis, country_of, has_phrase, is_negated, is_release_token, is_wished_release

__all__ = ["EventFindings", "find_event"]

Token = Any

_SANCTION_VERBS = frozenset({"lift", "ease", "repeal", "remove", "relax", "suspend", "waive", "drop", "end", "loosen"})
_SANCTION_NOUNS = frozenset({"lifting", "easing", "repeal", "removal", "relaxation", "suspension", "relief", "waiver"})
_INVOLVEMENT = frozenset({
    "mediation", "role", "participation", "involvement", "effort", "help", "assistance", "facilitation",
    "intervention", "good offices", "support", "pressure",
})
_PARTNER_NOUNS = frozenset({
    "agreement", "deal", "arrangement", "talk", "negotiation", "dialogue", "accord", "understanding", "contact",
})
_BODY_NOUNS = frozenset({
    "authority", "government", "regime", "court", "junta", "administration", "state", "military", "ministry",
    "president", "presidency", "leadership", "kremlin", "officials", "official", "council", "army", "group",
    "militant", "rebel", "police", "service", "tribunal", "gunman", "gunmen", "kidnapper", "captor",
    "abductor", "insurgent", "faction", "movement", "judge", "judiciary",
})
_GROUP_SUBJECTS = frozenset({"those", "rest", "others", "other", "some", "most", "many", "all", "they", "them",
                             "he", "she", "remainder", "majority", "group", "half", "several"})


@dataclass
class EventFindings:
    """Event values and the sentence index each came from."""

    releasing_country: str | None = None
    releasing_authority: str | None = None
    event_date: date | None = None
    released_count: int | None = None
    remaining_prisoners: int | None = None
    quid_pro_quo: str | None = None
    destinations: list[Destination] = field(default_factory=list)
    nationalities_released: list[str] = field(default_factory=list)
    mediators: list[str] = field(default_factory=list)
    charges: list[str] = field(default_factory=list)
    evidence: dict[str, int] = field(default_factory=dict)


# ---------------------------------------------------------------- helpers


def _release_tokens(sentence: Any) -> list[Token]:
    """Release words of a release that happened: not negated, demanded or refused."""
    return [t for t in sentence if is_release_token(t) and not is_negated(t) and not is_wished_release(t)]


def _ent_of(token: Token) -> Any | None:
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def _number_tokens(a: Analysis) -> list[tuple[Any, Token]]:
    """(CARDINAL entity, its numeral head token) for every count-like number in the article."""
    out = []
    for ent in a.doc.ents:
        if ent.label_ != "CARDINAL":
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
    return noun.lemma_.lower() in cues.DETAINEE_NOUNS or (noun.ent_type_ == "NORP" and noun.tag_ in ("NNPS", "NNS"))


def _noun_of_number(num: Token) -> Token:
    """The noun a numeral counts: "40 political prisoners" -> prisoners; "30 of them" -> the number."""
    if num.dep_ in ("nummod", "quantmod", "compound") and num.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return num.head
    return num


def _headline(a: Analysis, sentence_index: int) -> bool:
    """The first sentence when it has no final punctuation (a title line)."""
    return sentence_index == 0 and not a.sents[0].text.rstrip().endswith((".", "!", "?", '"', "”"))


def _past_round(a: Analysis, sentence_index: int) -> bool:
    return has_phrase(a.lower(a.sents[sentence_index]), cues.PAST_ROUND_PHRASES)


def _clause_verb(token: Token) -> Token:
    node = token
    for _ in range(6):
        if node.dep_ in ("conj", "appos", "compound", "amod", "nummod", "quantmod", "pobj", "prep") and node.head is not node:
            if node.dep_ == "pobj" and node.head.lower_ not in ("of", "including", "among"):
                break
            node = node.head
        else:
            break
    return node


def _is_destination_subject(noun: Token) -> bool:
    verb = _verb_head(noun)
    return verb is not None and verb.lemma_.lower() in cues.TRANSFER_VERBS - {"release", "free"} and _gpe_targets(verb)


def _verb_head(token: Token) -> Token | None:
    node = token
    for _ in range(5):
        if node.dep_ in ("nsubj", "nsubjpass", "dobj") and node.head.pos_ in ("VERB", "AUX"):
            verb = node.head
            if verb.dep_ in ("auxpass", "aux") and verb.head is not verb:
                verb = verb.head
            return verb
        if node.head is node:
            return None
        node = node.head
    return None


# ---------------------------------------------------------------- counts


def _released_count(a: Analysis) -> tuple[int | None, int | None]:
    scores: dict[int, float] = defaultdict(float)
    first: dict[int, tuple[float, int]] = {}
    for ent, num in _number_tokens(a):
        sentence = a.sentence_of(num)
        if sentence is None:
            continue
        noun = _noun_of_number(num)
        if noun.lemma_.lower() in _TIME_NOUNS:
            continue
        weight = 0.0
        verb = _verb_head(noun)
        direct = verb is not None and is_release_token(verb) and not is_negated(verb) and not is_wished_release(verb)
        if noun is not num and not _counts_people(noun) and not (direct and noun.tag_ == "NNS"):
            continue
        if direct:
            weight = 2.0
        elif noun.dep_ == "pobj" and noun.head.lower_ in ("of", "for") and is_release_token(noun.head.head):
            weight = 2.0  # "the release of 40 detainees"
        elif any(is_release_token(c) for c in noun.children if c.dep_ in ("amod", "acl", "relcl")):
            weight = 1.5  # "40 freed prisoners", "40 prisoners released on Monday"
        elif _release_tokens(sentence.span) and noun is not num and _clause_verb(noun) in _release_tokens(sentence.span):
            weight = 1.0
        if weight == 0.0:
            continue
        if _is_destination_subject(noun) or _remain_context(noun):
            continue
        if any(t.lower_ in ("of", "among") and t.head is num for t in num.children) or any(
            c.dep_ == "prep" and c.lower_ == "of" for c in num.children
        ):
            continue  # "30 of the freed men": a part, not the total
        if _past_round(a, sentence.index):
            weight *= 0.2
        if _headline(a, sentence.index):
            weight *= 1.5
        elif sentence.index == _lead_index(a):
            weight *= 2.5
        value = parse_count(ent.text)
        if value is None or value <= 0:
            continue
        scores[value] += weight
        if value not in first or weight > first[value][0]:
            first[value] = (weight, sentence.index)
    if not scores:
        return None, None
    best = max(scores, key=lambda v: (round(scores[v], 6), v))  # a tie goes to the larger (total) figure
    return best, first[best][1]


_TIME_NOUNS = frozenset({"year", "day", "month", "week", "hour", "minute", "decade", "time", "percent", "%"})


def _lead_index(a: Analysis) -> int:
    """The first sentence of the body: after the title line and any short header lines."""
    for sentence in a.sents:
        if _headline(a, sentence.index) or len(sentence.text) < 60 or not sentence.text.rstrip().endswith((".", '"', "”")):
            continue
        return sentence.index
    return 0


def _remain_context(noun: Token) -> bool:
    verb = _verb_head(noun)
    if verb is None:
        return False
    lemma = verb.lemma_.lower()
    if lemma in ("remain", "stay", "languish"):
        return True
    words = {t.lower_ for t in verb.children}
    return "still" in words or (lemma in ("hold", "jail", "imprison", "detain") and verb.tag_ in ("VBZ", "VBP", "VBN") and "still" in {
        t.lower_ for t in verb.subtree
    })


def _remaining(a: Analysis) -> tuple[int | None, int | None]:
    found: list[tuple[bool, int, int]] = []
    for ent, num in _number_tokens(a):
        noun = _noun_of_number(num)
        if noun is not num and not _counts_people(noun):
            continue
        sentence = a.sentence_of(num)
        if sentence is None:
            continue
        tail = a.text[ent.end_char : sentence.end].lower()[:80]
        if not (_remain_context(noun) or has_phrase(tail, cues.REMAIN_PHRASES)):
            continue
        if has_phrase(a.lower(sentence), ("released", "freed", "pardoned")) and not _remain_context(noun):
            continue
        value = parse_count(ent.text)
        if value is None:
            continue
        rights = has_phrase(a.lower(sentence), cues.RIGHTS_GROUP_WORDS)
        found.append((rights, sentence.index, value))
    if not found:
        return None, None
    rights = [f for f in found if f[0]]
    pick = (rights or found)[0]
    return pick[2], pick[1]


# ---------------------------------------------------------------- places


def _gpe_targets(verb: Token) -> list[Any]:
    """Countries a movement verb points to: "flown to Oman", "landed at an airbase in Doha"."""
    out = []
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("to", "into", "in", "at", "for", "toward", "towards"):
            continue
        for token in _place_chain(prep):
            if token.ent_type_ == "GPE":
                ent = _ent_of(token)
                if ent is not None and ent not in out:
                    out.append(ent)
    countries = []
    for ent in sorted((e for e in out if e is not None), key=lambda e: e.start):
        if ent is None:
            continue
        # "Vilnius, Lithuania": the country in apposition wins over the city
        country = country_of(ent.text)
        if country is not None:
            countries.append((country, ent))
    return countries


def _place_chain(prep: Token) -> list[Token]:
    """Tokens of a place phrase: the object of `prep` and what hangs off it through place
    prepositions, apposition and possessives ("a hotel in Doha, Qatar", "Tokyo's
    airport"), never through verbs or clauses ("a deal brokered by ...")."""
    out: list[Token] = []
    stack = [c for c in prep.children if c.dep_ == "pobj"]
    while stack and len(out) < 30:
        token = stack.pop()
        out.append(token)
        for child in token.children:
            # not compounds: "the French embassy in Doha" is in Qatar
            if child.dep_ in ("appos", "poss", "conj") or (child.dep_ == "compound" and token.ent_type_ == "GPE"):
                stack.append(child)
            elif child.dep_ == "prep" and child.lower_ in ("in", "of", "near", "outside", "at"):
                stack.extend(c for c in child.children if c.dep_ == "pobj")
    return out


def _destinations(a: Analysis, people: list[PersonFinding], releasing: str | None) -> tuple[list[Destination], int | None]:
    released_roots = {
        a.doc[m.start : m.end].root.i for p in people if p.status == "released" for m in p.mentions
    }
    found: dict[str, Destination] = {}
    first_sentence: int | None = None
    for sentence in a.sents:
        for verb in sentence.span:
            if verb.lemma_.lower() not in cues.TRANSFER_VERBS or verb.pos_ not in ("VERB", "AUX"):
                continue
            if verb.lemma_.lower() == "leave" or is_negated(verb):
                continue
            targets = _gpe_targets(verb)
            if not targets:
                continue
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            objects = [c for c in verb.children if c.dep_ == "dobj"]
            if objects:
                subjects = objects  # "flew them to Washington": the object is who moved
            if verb.dep_ in ("acl", "relcl") and not subjects:
                subjects = [verb.head]
            if verb.dep_ == "conj" and not subjects:
                subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not subjects:
                continue
            count: int | None = None
            ok = False
            for subject in subjects:
                group = [subject, *[c for c in subject.conjuncts]]
                for token in group:
                    lemma = token.lemma_.lower()
                    if token.i in released_roots or token.like_num or lemma in _GROUP_SUBJECTS:
                        ok = True
                    elif lemma in cues.DETAINEE_NOUNS or any(is_release_token(t) for t in token.subtree):
                        ok = True
                    head = token.head
                    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.like_num:
                        token = head.head  # "30 of the freed men were flown to ..."
                    if token.like_num or any(c.dep_ == "nummod" for c in token.children):
                        num = token if token.like_num else next(c for c in token.children if c.dep_ == "nummod")
                        ent = _ent_of(num)
                        try:
                            count = parse_count(ent.text if ent is not None else num.text)
                        except ValueError:
                            count = None
            if not ok:
                continue
            seen_here: set[str] = set()
            for country, _ent in targets[-1:] if len(targets) > 1 else targets:
                if country == releasing or country in seen_here:
                    continue
                seen_here.add(country)
                if country not in found:
                    found[country] = Destination(country=country, count=count)
                    first_sentence = sentence.index if first_sentence is None else first_sentence
                elif found[country].count is None and count is not None:
                    found[country] = Destination(country=country, count=count)
    return list(found.values()), first_sentence


# ---------------------------------------------------------------- country, authority


def _releasing(a: Analysis, people: list[PersonFinding]) -> tuple[str | None, int | None, str | None, int | None]:
    """(country, its sentence, authority, its sentence) from the performers of release verbs."""
    votes: dict[str, float] = defaultdict(float)
    country_sentence: dict[str, int] = {}
    bodies: list[tuple[str, int]] = []
    for sentence in a.sents:
        for verb in _release_tokens(sentence.span):
            if verb.pos_ not in ("VERB",) or verb.lemma_.lower() not in cues.ACTOR_VERBS:
                continue
            agents = [c for c in verb.children if c.dep_ == "nsubj"]
            agents += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            for agent in agents:
                country = _country_of_np(agent)
                if country:
                    votes[country] += 2 if sentence.index > 0 else 1
                    country_sentence.setdefault(country, sentence.index)
                if agent.lemma_.lower() in _BODY_NOUNS or agent.lower_ in _BODY_NOUNS or agent.ent_type_ == "ORG":
                    body = _np_text(agent)
                    if body:
                        bodies.append((body, sentence.index))
            # "released from Belarusian prisons", "held in Iran"
            for prep in verb.children:
                if prep.dep_ == "prep" and prep.lower_ in ("from", "by"):
                    for token in prep.subtree:
                        country = country_of(token.text) if token.ent_type_ in ("GPE", "NORP") else None
                        if country:
                            votes[country] += 1
                            country_sentence.setdefault(country, sentence.index)
    actors = [p for p in people if p.actor_sentences]
    for person in actors:
        if person.nationality and "," not in person.nationality:
            votes[person.nationality] += 1.5
            country_sentence.setdefault(person.nationality, person.actor_sentences[0])
    authority, authority_sentence = None, None
    if actors:
        best = max(actors, key=lambda p: (len(p.actor_sentences), -p.actor_sentences[0]))
        authority, authority_sentence = best.name, best.actor_sentences[0]
    elif bodies:
        bodies.sort(key=lambda b: (_headline(a, b[1]), b[1]))
        authority, authority_sentence = bodies[0]
    if not votes:
        # Fall back on the country named most often in release sentences.
        for sentence in a.sents:
            if not _release_tokens(sentence.span):
                continue
            for ent in a.ents:
                if ent.sentence == sentence.index and ent.label in ("GPE", "NORP"):
                    country = country_of(ent.text)
                    if country:
                        votes[country] += 0.5
                        country_sentence.setdefault(country, sentence.index)
    if not votes:
        return None, None, authority, authority_sentence
    country = max(votes, key=lambda c: (votes[c], -country_sentence[c]))
    return country, country_sentence[country], authority, authority_sentence


def _country_of_np(token: Token) -> str | None:
    if token.ent_type_ in ("GPE", "NORP", "ORG"):
        ent = _ent_of(token)
        found = country_of(ent.text if ent is not None else token.text)
        if found:
            return found
    for child in token.children:
        if child.dep_ in ("amod", "compound", "nmod", "poss") and child.ent_type_ in ("GPE", "NORP"):
            ent = _ent_of(child)
            found = country_of(ent.text if ent is not None else child.text)
            if found:
                return found
    return None


def _np_text(token: Token) -> str | None:
    words = [t for t in token.subtree if t.i <= token.i and t.dep_ not in ("det", "predet", "punct")]
    words = [t for t in words if t.i >= (words[0].i if words else token.i)]
    if not words:
        return None
    doc = token.doc
    text = doc.text[words[0].idx : token.idx + len(token.text)]
    return text if len(text.split()) <= 5 else None


# ---------------------------------------------------------------- date


def _event_date(a: Analysis) -> tuple[date | None, int | None]:
    found = dateline_span(a.text)
    dateline, line_start, line_end = found if found else (None, -1, -1)
    year = latest_year(a.text)
    for sentence in a.sents:
        releases = [t for t in _release_tokens(sentence.span) if t.pos_ in ("VERB", "NOUN")]
        if not releases or _past_round(a, sentence.index):
            continue
        for ent in sentence.span.ents:
            if ent.label_ != "DATE" or (ent.start_char < line_end and ent.end_char > line_start):
                continue  # the dateline itself is when the story was filed, not the release
            resolved = resolve_date(ent.text, dateline, year)
            if resolved is None:
                continue
            if dateline is not None and resolved > dateline:
                continue
            return resolved, sentence.index
    return None, None


# ---------------------------------------------------------------- lists


def _nationalities(a: Analysis, people: list[PersonFinding]) -> list[str]:
    out: list[str] = []
    for sentence in a.sents:
        lower = a.lower(sentence)
        release = (
            bool(_release_tokens(sentence.span))
            or has_phrase(lower, ("the group includes", "the group included"))
            or any(t.lemma_.lower() in cues.TRANSFER_VERBS and t.pos_ == "VERB" and _gpe_targets(t) for t in sentence.span)
        )
        if not release:
            continue
        for token in sentence.span:
            if token.lemma_.lower() not in cues.CITIZEN_NOUNS or token.pos_ != "NOUN":
                continue
            if any(c.lower_ in ("held", "remain") for c in token.children):
                continue
            for child in token.subtree:
                if child.ent_type_ not in ("NORP", "GPE") or child.ent_iob_ != "B":
                    continue
                if child.i > token.i and not any(t.lower_ == "of" for t in child.ancestors if t.i > token.i):
                    continue
                ent = _ent_of(child)
                country = country_of(ent.text) if ent is not None else None
                if country and country not in out:
                    out.append(country)
    for person in people:
        if person.status == "released" and person.nationality:
            for country in person.nationality.split(", "):
                if country not in out:
                    out.append(country)
    return out


def _mediators(a: Analysis, people: list[PersonFinding], releasing: str | None) -> list[str]:
    explicit: list[str] = []
    partners: list[str] = []

    def add(target: list[str], text: str) -> None:
        country = country_of(text) or canonical_country(text)
        if country and country != releasing and country not in target:
            target.append(country)

    for sentence in a.sents:
        span = sentence.span
        lower = a.lower(sentence)
        for token in span:
            # "US-facilitated", "Qatari-brokered"
            if token.text == "-" and token.i + 1 < len(a.doc) and token.i > 0:
                left, right = a.doc[token.i - 1], a.doc[token.i + 1]
                if right.lower_ in cues.MEDIATION_NOUNS | {"driven", "led"} and left.ent_type_ in ("GPE", "NORP"):
                    add(explicit, _ent_of(left).text if _ent_of(left) is not None else left.text)
            lemma = token.lemma_.lower()
            if lemma in _INVOLVEMENT and token.pos_ == "NOUN":
                for child in token.children:
                    if child.dep_ == "poss" and (child.ent_type_ in ("GPE", "NORP", "ORG") or country_of(child.text)):
                        add(explicit, (_ent_of(child) or child).text)
                    elif child.dep_ == "poss" and child.lower_ in ("its", "their"):
                        before = [e for e in span.ents if e.end <= child.i and e.label_ in ("GPE", "ORG")]
                        if before:
                            add(explicit, before[-1].text)
                    elif child.dep_ == "prep" and child.lower_ in ("of", "from", "by"):
                        for g in child.children:
                            if g.ent_type_ in ("GPE", "NORP", "ORG"):
                                add(explicit, (_ent_of(g) or g).text)
            if lemma in _PARTNER_NOUNS and token.pos_ == "NOUN":
                for child in token.children:
                    if child.dep_ == "prep" and child.lower_ in ("with", "between"):
                        for g in child.subtree:
                            if g.ent_type_ == "GPE" and g.ent_iob_ == "B":
                                add(partners, (_ent_of(g) or g).text)
                    if child.dep_ in ("compound", "amod", "nmod") and child.ent_type_ in ("GPE", "NORP"):
                        add(partners, (_ent_of(child) or child).text)
        for match in _phrase_spans(lower, cues.MEDIATION_PHRASES):
            for ent in span.ents:
                offset = ent.start_char - sentence.start
                if ent.label_ in ("GPE", "ORG", "NORP") and 0 <= offset - match < 40:
                    add(explicit, ent.text)
                    for other in ent.root.conjuncts:  # "brokered by Oman, Egypt and Switzerland"
                        conj = _ent_of(other)
                        if conj is not None:
                            add(explicit, conj.text)
                    break
    for person in people:
        if person.status != "negotiator":
            continue
        if person.nationality:
            add(explicit, person.nationality)
        if person.role:
            for ent in a.ents:
                if ent.label in ("ORG", "GPE", "NORP") and ent.text in person.role:
                    add(explicit, ent.text)  # "European Union envoy", "UN mediator"
                    break
    out = explicit[:]
    for country in partners:
        if country not in out:
            out.append(country)
    return out


def _phrase_spans(lower: str, phrases: tuple[str, ...]) -> list[int]:
    from .hybrid_text import find_phrases

    return [m.end() for m in find_phrases(lower, phrases)]


def _quid_pro_quo(a: Analysis) -> tuple[str | None, int | None]:
    candidates: list[tuple[float, int, str]] = []
    for sentence in a.sents:
        span = sentence.span
        lower = a.lower(sentence)
        related = bool(_release_tokens(span)) or has_phrase(lower, cues.EXCHANGE_PHRASES)
        if any(t.lemma_.lower() in ("demand", "call", "seek", "urge", "offer", "propose") for t in span):
            continue  # a demand or offer is not what was received
        for token in span:
            lemma = token.lemma_.lower()
            text: str | None = None
            if token.lower_ in _SANCTION_NOUNS and any(t.lemma_.lower() == "sanction" for t in token.subtree):
                text = _cut_np(token)
            elif lemma in _SANCTION_VERBS and token.pos_ == "VERB":
                objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() == "sanction"]
                if objects:
                    noun = {"lift": "lifting", "ease": "easing", "repeal": "repeal", "remove": "removal"}.get(lemma, "lifting")
                    text = f"{noun} of {_cut_np(objects[0], keep_det=False)}"
            elif token.lower_ == "for" and token.head.lower_ in ("exchange", "return", "swap"):
                objects = [c for c in token.children if c.dep_ == "pobj"]
                if objects and not is_release_token(objects[0]):
                    text = _cut_np(objects[0])
            if text and text.strip():
                weight = (2.0 if related else 1.0) * (0.5 if _headline(a, sentence.index) else 1.0)
                candidates.append((weight, sentence.index, " ".join(text.split())))
    if not candidates:
        return None, None
    best = max(candidates, key=lambda c: (c[0], -c[1]))
    return best[2], best[1]


def _cut_np(token: Token, *, keep_det: bool = False) -> str:
    """The noun phrase headed by `token`, cut at the first comma, dash or relative clause."""
    words = []
    for t in token.subtree:
        if t.i > token.i and (t.dep_ in ("relcl", "punct", "cc") or t.lower_ in ("which", "that", "who", "–", "—")):
            break
        if t.is_space or "\n" in t.text:
            break
        words.append(t)
    while words and not keep_det and words[0].dep_ in ("det", "predet"):
        words = words[1:]
    doc = token.doc
    return doc.text[words[0].idx : words[-1].idx + len(words[-1].text)] if words else token.text


def _charges(a: Analysis, people: list[PersonFinding]) -> list[str]:
    still = {m.sentence for p in people if p.status == "still_detained" for m in p.mentions}
    released = {m.sentence for p in people if p.status == "released" for m in p.mentions}
    out: list[str] = []
    stems = sorted(cues.CHARGE_TERMS, key=len, reverse=True)
    for sentence in a.sents:
        span = sentence.span
        if not any(t.lemma_.lower() in cues.CHARGE_CUES for t in span):
            continue
        if sentence.index in still and sentence.index not in released:
            continue
        about_freed = (
            _release_tokens(span)
            or sentence.index in released
            or has_phrase(a.lower(sentence), ("many of whom", "those freed", "the freed", "the released"))
            or (sentence.index > 0
            and any(_release_tokens(a.sents[i].span) or i in released for i in range(max(0, sentence.index - 2), sentence.index))
            and any(t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in _GROUP_SUBJECTS | {"pair", "two", "three", "both"}
                    for t in span))
        )
        if not about_freed:
            continue
        for token in span:
            low = token.lower_
            window = " ".join(t.lower_ for t in a.doc[token.i : token.i + 3])
            for stem in stems:
                if (" " in stem and window.startswith(stem)) or (" " not in stem and low.startswith(stem)):
                    if _charged(token):
                        charge = cues.CHARGE_TERMS[stem]
                        if charge not in out:
                            out.append(charge)
                    break
    return out


def _charged(token: Token) -> bool:
    """The word hangs off a charge word: "convicted of espionage", "fraud charges", "charges such as"."""
    node = token
    for _ in range(6):
        head = node.head
        if head is node:
            return False
        if head.lemma_.lower() in cues.CHARGE_CUES:
            return True
        if head.pos_ in ("VERB", "AUX") and node.dep_ not in ("pobj", "pcomp", "dobj", "xcomp", "prep"):
            return False  # a clause boundary: the word belongs to another predicate
        node = head
    return False


# ---------------------------------------------------------------- all


def find_event(a: Analysis, people: list[PersonFinding]) -> EventFindings:
    """Every event field the rules can read from the article."""
    out = EventFindings()
    country, c_sent, authority, a_sent = _releasing(a, people)
    out.releasing_country, out.releasing_authority = country, authority
    if c_sent is not None and country:
        out.evidence["releasing_country"] = c_sent
    if a_sent is not None and authority:
        out.evidence["releasing_authority"] = a_sent
    out.released_count, s = _released_count(a)
    if s is not None:
        out.evidence["released_count"] = s
    out.remaining_prisoners, s = _remaining(a)
    if s is not None:
        out.evidence["remaining_prisoners"] = s
    out.event_date, s = _event_date(a)
    if s is not None:
        out.evidence["event_date"] = s
    out.quid_pro_quo, s = _quid_pro_quo(a)
    if s is not None:
        out.evidence["quid_pro_quo"] = s
    out.destinations, _ = _destinations(a, people, country)
    out.nationalities_released = _nationalities(a, people)
    out.mediators = _mediators(a, people, country)
    out.charges = _charges(a, people)
    return out
