"""Places and parties for the hybrid strategy: who freed the prisoners, where they went, their
citizenship, and who mediated."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

from extract.countries import canonical_country, fold

from .. import cues
from ..schema import Destination, parse_count
from .hybrid_dates import caption_spans, find_dateline, latest_year
from .hybrid_items import Items
from .hybrid_people import PersonFinding
from .hybrid_text import (
    VEHICLES,
    Analysis,
    country_of,
    done_releases,
    ent_span,
    find_phrases,
    has_phrase,
    in_demand_list,
    in_earlier_clause,
    is_negated,
    is_release_token,
    is_wished_release,
    vehicle_preps,
)

__all__ = [
    "GROUP_SUBJECTS", "Party", "destinations", "gpe_targets", "mediators", "nationalities_released", "releasing_party",
    "told_at_another_time",
]

Token = Any


GROUP_SUBJECTS = frozenset({"those", "rest", "others", "other", "some", "most", "many", "all", "they", "them",
                             "he", "she", "remainder", "majority", "group", "half", "several"})


_PARTY_LABELS = ("GPE", "NORP", "ORG", "FAC", "LOC")


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


def _bare_country(ent: Any) -> bool:
    """The entity's text is exactly a country's name (whatever label the NER model gave it)."""
    return ent is not None and country_of(ent.text) == ent.text


def gpe_targets(verb: Token) -> list[Any]:
    """Countries a movement verb points to: "flown to Oman", "landed at an airbase in Doha",
    "placed on a plane to Oman", "handed over to Omani diplomats"."""
    out = []
    receivers: list[tuple[str, Any]] = []
    for prep in [*verb.children, *vehicle_preps(verb)]:
        if prep.dep_ != "prep" or prep.lower_ not in ("to", "into", "in", "at", "for", "toward", "towards", "outside", "near"):
            continue
        for token in _place_chain(prep):
            if token.ent_type_ == "GPE":
                ent = ent_span(token)
                if ent is not None and ent.root.dep_ == "poss" and ent.root.head.lemma_.lower() in cues.AGENCY_NOUNS:
                    continue  # "at Ruritania's invitation" is no place
                if ent is not None and ent not in out:
                    out.append(ent)
            elif (
                prep.lower_ in ("to", "into") and token.dep_ == "pobj" and token.pos_ == "PROPN"
                and token.ent_type_ not in ("GPE", "NORP") and _bare_country(ent_span(token))
            ):
                out.append(ent_span(token))  # NER mislabel: "repatriated to Chad" tagged as a person
            elif prep.lower_ == "to" and token.lemma_.lower() in cues.RECEIVER_NOUNS and token.dep_ == "pobj":
                # "handed over to Ruritanian officials", "driven to the Ruritanian border"
                for child in (*token.children, *(g for c in token.children if c.dep_ == "compound" for g in c.children)):
                    if child.dep_ in ("amod", "compound") and (
                        child.ent_type_ in ("NORP", "GPE") or (child.pos_ == "ADJ" and country_of(child.text))
                    ):
                        country = country_of((ent_span(child) or child).text)
                        if country:
                            receivers.append((country, ent_span(child) or child))
    countries = [*receivers]
    for ent in sorted((e for e in out if e is not None), key=lambda e: e.start):
        if ent is None:
            continue
        # "Lyon, France": the country in apposition wins over the city
        country = country_of(ent.text)
        if country is not None:
            countries.append((country, ent))
    return countries


def destinations(a: Analysis, people: list[PersonFinding], releasing: str | None) -> tuple[Items[Destination], int | None]:
    """Countries the freed were taken to, each with the ids of the rules that found it (who moved:
    a released person or a group of the freed), and the first sentence naming one."""
    released_roots = {
        a.doc[m.start : m.end].root.i for p in people if p.status == "released" for m in p.mentions
    }
    found: dict[str, Destination] = {}
    rules: dict[str, list[str]] = {}
    first_sentence: int | None = None
    for sentence in a.sents:
        for verb in sentence.span:
            moving = verb.lemma_.lower() in cues.TRANSFER_VERBS or bool(vehicle_preps(verb))
            if not moving or verb.pos_ not in ("VERB", "AUX"):
                continue
            if verb.lemma_.lower() == "leave" or is_negated(verb) or is_wished_release(verb):
                continue  # "hopes to settle in X one day" is not where anyone was taken
            targets = gpe_targets(verb)
            if not targets:
                continue
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            objects = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() not in VEHICLES]
            if objects:
                subjects = objects  # "flew them to Madrid": the object is who moved
            if verb.dep_ in ("acl", "relcl") and not subjects:
                subjects = [verb.head]
            if verb.dep_ in ("conj", "advcl", "xcomp", "pcomp") and not subjects:
                # "were freed and flown to X", "flown to X before driving on to Y", "were permitted
                # to travel to X": the subject is that of the verb this one continues
                head = verb.head
                for _ in range(4):
                    if head.pos_ == "ADP" and head.head != head:
                        head = head.head  # "before driving": through the preposition
                    subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
                    if subjects or head.dep_ not in ("conj", "advcl", "xcomp", "pcomp", "prep") or head.head == head:
                        break
                    head = head.head
            if not subjects:
                continue
            count: int | None = None
            ok = False
            movers: list[str] = []  # ids of the rules that said who moved
            for subject in subjects:
                group = [subject, *[c for c in subject.conjuncts]]
                for token in group:
                    lemma = token.lemma_.lower()
                    if token.i in released_roots:
                        ok = True
                        movers.append("destinations.released-person-taken")
                    elif token.like_num or token.ent_type_ == "CARDINAL" or lemma in GROUP_SUBJECTS:
                        ok = True
                        movers.append("destinations.group-taken")
                    elif token.ent_type_ == "NORP" and any(c.dep_ == "nummod" for c in token.children):
                        ok = True  # "the three Ruritanians were flown to ...": a counted group
                        movers.append("destinations.group-taken")
                    elif lemma in cues.DETAINEE_NOUNS or any(is_release_token(t) for t in token.subtree):
                        ok = True
                        movers.append("destinations.detainees-taken")
                    head = token.head
                    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.like_num:
                        token = head.head  # "30 of the freed men were flown to ..."
                    if token.like_num or token.ent_type_ == "CARDINAL" or any(c.dep_ == "nummod" for c in token.children):
                        num = token if token.like_num or token.ent_type_ == "CARDINAL" else next(
                            c for c in token.children if c.dep_ == "nummod"
                        )  # "A dozen of those freed": the CARDINAL entity's head noun
                        ent = ent_span(num)
                        try:
                            count = parse_count(ent.text if ent is not None else num.text)
                        except ValueError:
                            count = None
            if not ok:
                continue
            seen_here: set[str] = set()
            for country, _ent in targets:
                if country == releasing or country in seen_here:
                    continue
                seen_here.add(country)
                ids = rules.setdefault(country, [])
                ids.extend(rule for rule in movers if rule not in ids)
                if country not in found:
                    found[country] = Destination(country=country, count=count)
                    first_sentence = sentence.index if first_sentence is None else first_sentence
                elif found[country].count is None and count is not None:
                    found[country] = Destination(country=country, count=count)
    return Items(list(found.values()), [rules[country] for country in found]), first_sentence


def _is_target(ent: Any) -> bool:
    """A place someone went to: "flew to X", "arrived in X", "deported to X and Y"."""
    root = ent.root
    while root.dep_ == "conj" and root.head != root:
        root = root.head  # "to Lithuania and Poland": Poland too
    prep = root.head
    return root.dep_ == "pobj" and prep.lower_ in ("to", "into") and prep.head.lemma_.lower() in cues.TRANSFER_VERBS


def _country_of_np(token: Token) -> str | None:
    if token.ent_type_ in ("GPE", "NORP", "ORG"):
        ent = ent_span(token)
        found = country_of(ent.text if ent is not None else token.text)
        if found:
            return found
    dateline = False
    for child in token.children:
        if child.i < token.i and _dash_between(child, token):
            dateline = True  # "Tartu, Estonia - Latvia released ...": the dateline's country, not the subject's
            continue
        if child.dep_ in ("amod", "compound", "nmod", "poss") and child.ent_type_ in ("GPE", "NORP"):
            ent = ent_span(child)
            found = country_of(ent.text if ent is not None else child.text)
            if found:
                return found
        if child.dep_ in ("poss", "compound") and child.pos_ == "PROPN" and child.ent_type_ not in ("GPE", "NORP"):
            # the NER model missed the country: "Sierra Leone's military government" (text as written)
            words = [t for t in child.subtree if t.pos_ == "PROPN" and t.i <= child.i]
            found = country_of(token.doc[words[0].i : child.i + 1].text) if words else None
            if found:
                return found
        if child.dep_ == "prep" and child.lower_ in ("in", "of"):  # "authorities in X", "the government of X"
            for place in (g for g in child.children if g.dep_ == "pobj" and g.ent_type_ == "GPE"):
                found = country_of((ent_span(place) or place).text)
                if found:
                    return found
    if dateline and token.pos_ == "PROPN":
        return country_of(token.text)  # the NER model lost the subject's label to the dateline
    return None


def _speaker_of(pronoun: Token) -> Token | None:
    """The state or body a pronoun subject stands for when a verb of speech reports its clause
    ("Russia's security service stated that it had handed over X"), else None
    (rule country.speaker-of-reported-release; the speaker is `_reporting_speaker`'s)."""
    speaker = _reporting_speaker(pronoun) if pronoun.dep_ == "nsubj" else None
    return speaker if speaker is not None and (_country_of_np(speaker) or country_of(speaker.text)) else None


def _traded_for(verb: Token) -> bool:
    """The release is the one traded for the other side's: "Moscow released X in return for Y",
    "X was freed in Sweden in exchange for Y" (not a sentence opening "In return, ...")."""
    return any(
        c.dep_ == "prep" and c.lower_ == "in"
        and any(g.lower_ in ("return", "exchange") and any(f.lower_ == "for" for f in g.children) for g in c.children)
        for c in verb.children
    )


def _traded_release_country(verb: Token) -> str | None:
    """The state that performed a release traded for the other side's: the subject of an active
    verb ("Moscow released X in return for Y"), the "by" agent, or for a passive the country it
    happened in ("X was freed in Sweden in return for Y")."""
    if not _traded_for(verb):
        return None
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    candidates = [] if passive else [c for c in verb.children if c.dep_ == "nsubj"]
    candidates += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if passive:
        candidates += [
            g for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"
            for g in c.children if g.dep_ == "pobj" and g.ent_type_ == "GPE"
        ]
        # "Seven Americans held in Venezuelan jails have been freed in return for ...": where they
        # were held (rule country.traded-release, held-in place)
        candidates += [
            g for s in verb.children if s.dep_ == "nsubjpass"
            for held in s.children if held.dep_ == "acl" and held.lemma_.lower() in cues.CAPTIVITY_VERBS | {"jail", "imprison"}
            for c in held.children if c.dep_ == "prep" and c.lower_ == "in"
            for g in c.children if g.dep_ == "pobj"
        ]
    for candidate in candidates:
        country = _country_of_np(candidate) or cues.CAPITALS.get(candidate.text) or (
            country_of(candidate.text) if candidate.pos_ == "PROPN" else None
        )
        if country:
            return country
    return None


def _in_return_for(verb: Token) -> bool:
    """The release is what was given in return: "in return for Hamas releasing three hostages"."""
    doc = verb.doc
    for node in (verb, *verb.ancestors):
        if node.lower_ == "for" and node.head.lower_ in ("return", "exchange", "swap"):
            return True
        if any(c.lower_ == "for" and c.i > 0 and doc[c.i - 1].lower_ in ("return", "exchange", "swap")
               for c in node.children if c.dep_ == "mark"):
            return True  # "in return for the group releasing ...": "for" marks the clause
    return False


def _captor(token: Token) -> bool:
    """A non-state captor: kidnappers, militants, rebels; an armed, militant or Islamist group; an
    armed group named in `cues.ARMED_GROUPS` ("Hamas", "al-Shabaab")."""
    if token.lower_ in cues.NON_STATE_CAPTORS or token.lemma_.lower() in cues.NON_STATE_CAPTORS:
        return True
    if token.lemma_.lower() in cues.ARMED_GROUP_NOUNS and any(
        c.dep_ in ("amod", "compound") and (c.lower_ in cues.ARMED_GROUP_MODIFIERS or c.lower_ in cues.NON_STATE_CAPTORS)
        for c in token.children
    ):
        return True
    ent = ent_span(token)
    return fold((ent.text if ent is not None else token.text).removeprefix("the ")) in cues.ARMED_GROUPS


def _freed_kind(token: Token) -> bool:
    """A noun for the freed rather than for a state: a detainee noun ("hostage"), a person's name or a
    demonym used as a noun ("two Britons", "American freed in ..."; rule country.demonym-is-the-freed)."""
    return (token.lemma_.lower() in cues.DETAINEE_NOUNS or token.ent_type_ == "PERSON"
            or (token.ent_type_ == "NORP" and (token.tag_ in ("NNS", "NNPS", "NN", "NNP") or token.dep_ == "nsubj")))


def _holds_captive(verb: Token) -> Token | None:
    """The captor of a verb of captivity: "held by al-Qaeda", "gunmen seized the woman", "her
    kidnappers took her" (None when the holder is not a non-state captor)."""
    if verb.lemma_.lower() not in cues.CAPTIVITY_VERBS or verb.pos_ != "VERB" or is_negated(verb):
        return None
    passive = verb.tag_ == "VBN" and (verb.dep_ in ("acl", "relcl") or any(c.dep_ == "auxpass" for c in verb.children))
    holders = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if not passive:
        holders += [c for c in verb.children if c.dep_ == "nsubj"]
    return next((h for h in holders if _captor(h)), None)


def _captives_freed(a: Analysis, top: int) -> bool:
    """The headline or lead frees someone a non-state captor held: "the release of a hostage held by
    al-Qaeda" (not "in exchange for hostages held by X": those are the other side's)."""
    for sentence in a.sents[: top + 1]:
        freed = {t.i for t in _freed_nouns(sentence.span) if not _in_return_for(t)}
        for verb in sentence.span:
            if verb.dep_ == "acl" and verb.head.i in freed and _holds_captive(verb) is not None:
                return True
    return False


def _held_by_captors(a: Analysis) -> bool:
    """The article says a non-state captor took or held the captives ("gunmen seized the woman",
    "her kidnappers"): with no state said to have freed them, no state did."""
    for token in a.doc:
        if _holds_captive(token) is not None:
            return True
        if token.lemma_.lower() in ("kidnapper", "captor", "abductor") and any(
            c.dep_ == "poss" and c.lower_ in ("her", "his", "their") for c in token.children
        ):
            return True
    return False


def _between_sides(ent: Any) -> bool:
    """The entity is one of the sides in "between X and Y" (the parties, not the go-between)."""
    node = ent.root
    while node.dep_ in ("conj", "nmod", "compound", "amod") and node.head != node:
        node = node.head  # "between Iran and Western governments": Iran modifies the object
    return bool(node.dep_ == "pobj" and node.head.lower_ == "between")


def _counter_move(verb: Token) -> bool:
    """The release sits in "a deal/swap that also saw X release ..." or in a sentence opening "In
    return, X freed ...": X is the counterparty, not the releasing side."""
    opening = verb.sent.text.lstrip().lower()
    if opening.startswith(("in return", "in exchange")) and not opening.startswith(("in return for", "in exchange for")):
        return True
    return any(
        t.lemma_.lower() == "see" and t.dep_ == "relcl"
        and t.head.lemma_.lower() in ("deal", "exchange", "swap", "agreement", "arrangement", "trade")
        for t in verb.ancestors
    )


# A headline whose first words are a state and whose verb is an active release: "Georgia Frees 40
# Protesters" (not "American Freed in X": a passive headline names the freed).
_HEADLINE_ACTOR = re.compile(
    r"\s*([A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3}?)\s+['‘\"“]?(?:[Ff]rees|[Rr]eleases|[Pp]ardons|[Hh]ands [Oo]ver|[Ss]ets [Ff]ree)\b"
)


def _headline_actor(a: Analysis, lead: int) -> tuple[str, int] | None:
    """The state a headline tells as freeing people ("Georgia Frees 40 Protesters", "Iran 'frees
    French researcher'"): the first title line before the lead (a page's furniture lines may come
    first) whose first words are a state or its capital, with its sentence."""
    for sentence in a.sents[:lead]:
        if sentence.text.rstrip().endswith((".", "!", "?")):
            continue
        match = _HEADLINE_ACTOR.match(sentence.text)
        country = (country_of(match.group(1)) or cues.CAPITALS.get(match.group(1))) if match else None
        if country:
            return country, sentence.index
    return None


@dataclass(frozen=True)
class Party:
    """Who freed the prisoners: the country and the authority, each with its sentence and rule id."""

    country: str | None
    country_sentence: int | None
    authority: str | None
    authority_sentence: int | None
    country_rule: str | None
    authority_rule: str | None
    shaped_by: tuple[str, ...] = ()  # ids of rules that kept a candidate country from voting
    authority_shaped_by: tuple[str, ...] = ()  # ids of rules that set a candidate authority aside


def releasing_party(a: Analysis, people: list[PersonFinding]) -> Party:
    """The releasing country and authority from the performers of release verbs; the authority
    is the named person who performed or ordered it (never a body: evals/GUIDELINES.md), else
    the one named leader of the releasing country when the release is told as a leader's act
    by title only ("a presidential pardon", "the head of the junta granted an amnesty")."""
    party = _releasing_party(a, people)
    if party.authority is not None and any(
        p.actor_sentences and p.status != "released" and not _acts_in_this_release(a, p) for p in people
    ):
        party = replace(party, authority_shaped_by=("authority.not-another-time",))
    return party


def _releasing_party(a: Analysis, people: list[PersonFinding]) -> Party:
    votes: dict[str, float] = defaultdict(float)
    country_sentence: dict[str, int] = {}
    from .hybrid_counts import lead_index  # hybrid_counts imports this module

    top = lead_index(a) + 1
    captors = _captives_freed(a, top)  # a non-state captor held the freed or performs the release up top
    performers = False  # a state performed a release (a subject or agent voted)
    shaped: set[str] = set()  # ids of rules that kept a candidate from voting
    traded_rule = False
    captions = caption_spans(a.text)
    for sentence in a.sents:
        if in_demand_list(a, sentence):
            continue  # "We urge the State to:" / "1. release ...": asked for, not done
        if _in_caption(sentence, captions):
            if done_releases(sentence.span):
                shaped.add("country.not-from-captions")
            continue  # a photo caption (credited, or shown twice) may picture another release
        if a.lower(sentence).startswith(("in return", "in exchange")):
            continue  # "In return, Stockholm released X": the other side's release
        for verb in done_releases(sentence.span):
            # "ordered their release" (object) or "the release was ordered by X" (passive subject)
            decided = verb.pos_ == "NOUN" and verb.dep_ in ("dobj", "nsubjpass") and verb.head.lemma_.lower() in cues.RELEASE_ORDER_VERBS
            if decided:
                verb = verb.head  # "the court ordered her release", "the king granted a pardon"
            elif verb.pos_ == "NOUN" and any(c.dep_ == "prep" and c.lower_ == "by" for c in verb.children):
                pass  # "the release of 25 detainees by the army": the "by" phrase performs it
            elif verb.pos_ not in ("VERB",) or verb.lemma_.lower() not in cues.PERFORMER_VERBS:
                continue
            if _counter_move(verb):
                continue  # "in a deal that also saw Y release a pilot": the other side's release
            traded = _traded_release_country(verb) if verb.pos_ == "VERB" else None
            if traded:
                # an exchange: the release traded "in return for" the other side's is the one
                # the article counts (evals/GUIDELINES.md, exchanges)
                votes[traded] += 4
                country_sentence.setdefault(traded, sentence.index)
                traded_rule = performers = True
            if in_earlier_clause(verb) and not decided:  # "freed after the court ordered their release"
                continue  # "hours after the militants freed ...": another, earlier release
            agents = [c for c in verb.children if c.dep_ == "nsubj"]
            if verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
                agents = []  # a headline's passive: "Polish citizen freed from X prison" (the citizen was freed)
            if not agents and verb.dep_ == "xcomp" and verb.head.lemma_.lower() in cues.INTEND_VERBS:
                agents = [c for c in verb.head.children if c.dep_ == "nsubj"]  # "the government decided to free ..."
            agents += [
                g
                for c in verb.children
                if c.dep_ == "agent" or (verb.pos_ == "NOUN" and c.dep_ == "prep" and c.lower_ == "by")
                for g in c.children
                if g.dep_ == "pobj"
            ]
            # "CAPITAL, <date> - Ruritania's army has freed ...": the parser makes the
            # dateline city the subject and the real subject its apposition
            agents += [g for c in agents if c.text.isupper() for g in c.children if g.dep_ == "appos"]
            # "Lahore, Pakistan - India on Friday released ...": a dateline in mixed case, the real
            # subject an apposition after the dash (rule country.dateline-subject)
            after_dash = [g for c in agents if not c.text.isupper() for g in c.children
                          if g.dep_ == "appos" and _dash_between(c, g)]
            if after_dash:
                shaped.add("country.dateline-subject")
                agents = [c for c in agents if not any(g.head.i == c.i for g in after_dash)] + after_dash
            # "HAVANA, Feb 6 (Agency) - Ruritania has freed ...": not the agency in the dateline
            agents = [
                c for c in agents
                if not ((c.left_edge.i > 0 and a.doc[c.left_edge.i - 1].text == "(") or c.left_edge.text == "(")
            ]
            if not any(c.dep_ in ("dobj", "dative") for c in verb.children) and verb.pos_ == "VERB":
                # "Swiss hostage held in Yemen released": an active release with nothing freed is a
                # headline's passive, its subject the freed (rule country.no-object-no-performer)
                kept = [c for c in agents if c.dep_ != "nsubj" or not _freed_kind(c)]
                if len(kept) < len(agents):
                    shaped.add("country.no-object-no-performer")
                agents = kept
            speakers = [_speaker_of(c) for c in agents]
            spoken = {sp.i for sp in speakers if sp is not None}
            if any(speakers):
                # "Azerbaijan said it had handed 15 prisoners over": the pronoun is the speaker
                # (rule country.speaker-of-reported-release)
                shaped.add("country.speaker-of-reported-release")
                agents = [sp or c for sp, c in zip(speakers, agents, strict=True)]
            performed = False
            for agent in agents:
                if _captor(agent):
                    # "hostages released by kidnappers": no state freed them (country.non-state-captor);
                    # not "Ruritania freed 90 in return for Hamas releasing three": the other side
                    captors = captors or (sentence.index <= top and not _in_return_for(verb))
                    continue
                if agent.dep_ == "nsubj" and _in_return_for(verb):
                    shaped.add("country.counter-release-no-vote")
                    continue  # "handed over X in return for the United States releasing Y": the other side
                country = _country_of_np(agent) or (country_of(agent.text) if agent.i in spoken else None)
                if country and any(c.i < agent.i and _dash_between(c, agent) for c in agent.children):
                    shaped.add("country.dateline-subject")
                if country and any(country_of(t.text) for t in agent.conjuncts) and _mutual_release_sides(sentence.span):
                    continue  # "X and Y each freed five": both sides, no vote for either
                if country:
                    votes[country] += 2 if sentence.index > 0 else 1
                    country_sentence.setdefault(country, sentence.index)
                    performed = True
            if performed:
                performers = True
            # "released from Belarusian prisons", "held in Iran", "let out of prison in Iran"
            preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("from", "by")]
            preps += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("out", "of", "from")
                      for t in c.subtree if t.lemma_.lower() in cues.DETENTION_WORDS
                      for g in t.children if g.dep_ == "prep" and g.lower_ == "in"]
            if any(c.dep_ == "prep" and c.lower_ in ("out", "of", "from") and any(
                t.lemma_.lower() in cues.DETENTION_WORDS for t in c.subtree) for c in verb.children):
                preps += [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"]  # misparse of the above
            for prep in preps:
                for token in prep.subtree:
                    country = country_of(token.text) if token.ent_type_ in ("GPE", "NORP") else None
                    if country:
                        votes[country] += 1
                        country_sentence.setdefault(country, sentence.index)
    # a person the cues call freed is never the one who freed them ("crowds came
    # to see X released" parses X as the subject of an active "released")
    actors = [p for p in people if p.actor_sentences and p.status != "released"]
    actors = [p for p in actors if _acts_in_this_release(a, p)]
    for person in actors:
        if person.nationality and "," not in person.nationality:
            votes[person.nationality] += 1.5
            country_sentence.setdefault(person.nationality, person.actor_sentences[0])
    # "Georgia Frees 40 Protesters" (a title-case headline the parser reads as one name): the state
    # whose release the headline tells, which in an exchange is the one the article counts
    # (evals/GUIDELINES.md), outweighs every other vote (rule country.headline-actor)
    headline = _headline_actor(a, top)
    without_headline = max(votes, key=lambda c: (votes[c], -country_sentence[c])) if votes else None
    if headline:
        votes[headline[0]] += 2 + sum(votes.values())
        country_sentence[headline[0]] = min(country_sentence.get(headline[0], headline[1]), headline[1])
    # The authority is a named person who performed or ordered the release, never a body
    # ("the authorities", "the interior ministry", "a court"): GUIDELINES, releasing_authority.
    authority, authority_sentence, authority_rule = None, None, None
    best = _best_actor(actors)
    if best is not None:
        authority, authority_sentence, authority_rule = best.name, best.actor_sentences[0], "authority.named-performer"
    rule = "country.performer"
    if not votes:
        rule = "country.named-in-release-sentences"
        # Fall back on the country named most often in release sentences.
        for sentence in a.sents:
            if not done_releases(sentence.span) or _in_caption(sentence, captions):
                continue
            for ent in a.ents_in(sentence.index):
                head = ent.span.root.head
                describes_person = head.ent_type_ == "PERSON" or head.lemma_.lower() in cues.PERSON_ROLE_NOUNS
                # "Britons freed", "American freed in X": a demonym used as a noun names people
                # (the country of the foreigners freed), not a state (rule country.demonym-is-the-freed)
                describes_person = describes_person or (ent.label == "NORP" and _freed_kind(ent.span.root))
                if ent.label in ("GPE", "NORP") and not describes_person and not _is_target(ent.span) and not _counter_move(
                    ent.span.root
                ) and not _in_return_for(ent.span.root):
                    country = country_of(ent.text)
                    if country:
                        votes[country] += 0.5
                        country_sentence.setdefault(country, sentence.index)
        held = _held_in(a)
        if held:
            # "a charity worker held in Iran for six years": the country that held the freed
            # (rule country.held-in), before a country merely named near the release
            for country, index in held:
                votes[country] += 1
                country_sentence.setdefault(country, index)
            rule = "country.held-in"
    if not captors and not performers and _held_by_captors(a):
        captors = True  # "gunmen seized the woman ..." and no state is said to have freed her
    if headline:
        captors = False  # "Ruritania Frees 90 Prisoners in Swap for Hostages": the headline counts a state's release
    if captors:  # kidnappers or militants held or freed them
        return Party(None, None, authority, authority_sentence, "country.non-state-captor", authority_rule)
    if not votes:
        # The one candidate: an article that names exactly one country (measured against the model
        # question by benchmarks/decide_hybrid_questions.py) names the releasing one; with several,
        # the one named most often (not in the other side's part: "In return, X agreed to ...").
        other_side = {s.index for s in a.sents if a.lower(s).startswith(("in return", "in exchange"))}
        named = _named_countries(a, other_side) if a.reports_release else []
        if len(named) == 1 or (len(named) > 1 and named[0][1] > named[1][1]):
            country, _, first = named[0]
            rule = "country.one-candidate" if len(named) == 1 else "country.most-named"
            return _named_authority(a, people, Party(country, first, authority, authority_sentence,
                                                     rule, authority_rule, tuple(sorted(shaped))))
        return Party(None, None, authority, authority_sentence, None, authority_rule)
    country = max(votes, key=lambda c: (votes[c], -country_sentence[c]))
    if headline and country == headline[0] and country != without_headline:
        rule = "country.headline-actor"  # the headline decided it
    elif traded_rule:
        rule = "country.traded-release"
    return _named_authority(a, people, Party(country, country_sentence[country], authority, authority_sentence, rule,
                                             authority_rule, tuple(sorted(shaped))))


def _named_countries(a: Analysis, other_side: set[int]) -> list[tuple[str, int, int]]:
    """Each country the article names (its places, capitals and demonyms, whatever entity label the
    model gave them: "Bishkek's detention centre" read as an organisation, "Moldovan" as a person),
    with how often and the first sentence naming it, most named first. Sentences about the other
    side's part ("In return ...") are not read. Rules country.one-candidate (one country named) and
    country.most-named (one named more often than any other), when no state performs the release."""
    counts: dict[str, int] = defaultdict(int)
    first: dict[str, int] = {}
    for ent in a.ents:
        if ent.sentence < 0 or ent.sentence in other_side or _in_return_for(ent.span.root):
            continue
        country = country_of(ent.text) or cues.CAPITALS.get(ent.text)
        if country and country not in cues.INTERNATIONAL_BODIES:
            counts[country] += 1
            first.setdefault(country, ent.sentence)
    return sorted(((c, n, first[c]) for c, n in counts.items()), key=lambda item: (-item[1], item[2]))


_YEAR = re.compile(r"(?:19|20)\d\d")


def _verb_of_mention(a: Analysis, start: int, end: int) -> Token | None:
    """The verb a name is an argument of: its subject, object or "by" agent."""
    node = a.doc[start:end].root
    for _ in range(4):
        if node.head == node:
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None


def told_at_another_time(verb: Token, reference_year: int | None) -> bool:
    """The verb's own time phrases put the act at another time than the event: an earlier one
    ("last year", "previously"), a year before the article's ("in 2019"), or a tally over a span
    ("has pardoned 1,000 since taking office"); or it tells what happened at an earlier time it
    describes ("since 2019, when 200 were freed"). A clause it heads is not read ("after X pardoned
    him" is the cause of this release)."""
    from .hybrid_status import _in_sub_clause  # hybrid_status imports this module's callers

    if verb.dep_ in ("relcl", "advcl") and verb.head.ent_type_ == "DATE" and reference_year is not None and any(
        _YEAR.fullmatch(t.text) and int(t.text) < reference_year for t in verb.head.subtree if t.ent_type_ == "DATE"
    ):
        return True
    words: list[str] = []
    for child in verb.children:
        if child.dep_ not in ("prep", "npadvmod", "advmod"):
            continue
        if child.lower_ == "since":
            return True
        for t in child.subtree:
            if _in_sub_clause(t, child):
                continue
            words.append(t.lower_)
            if t.ent_type_ == "DATE" and _YEAR.fullmatch(t.text) and reference_year is not None and int(t.text) < reference_year:
                return True
    return has_phrase(" ".join(words), cues.EARLIER_RELEASE_PHRASES)


def _acts_in_this_release(a: Analysis, person: PersonFinding) -> bool:
    """A named performer of this release: a sentence where the person frees, orders or grants it is
    not told at another time (rule authority.not-another-time: "In 2019, President X pardoned 500
    inmates" names the performer of another release)."""
    dateline = find_dateline(a.text)
    reference = dateline.year if dateline else latest_year(a.text)
    for m in person.mentions:
        if m.sentence not in person.actor_sentences:
            continue
        verb = _verb_of_mention(a, m.start, m.end)
        if verb is None or not told_at_another_time(verb, reference):
            return True
    return False


def _held_in(a: Analysis) -> list[tuple[str, int]]:
    """Each "held/detained/jailed in <country or capital>" told of a person, with its sentence."""
    out: list[tuple[str, int]] = []
    for token in a.doc:
        if token.lemma_.lower() not in cues.DETENTION_VERBS or token.tag_ != "VBN" or is_negated(token):
            continue
        if token.head.pos_ not in ("NOUN", "PROPN") and token.dep_ not in ("acl", "relcl"):
            continue  # "X, held in Iran," describes a person; not "the talks held in Oman"
        if token.head.lemma_.lower() in ("talk", "meeting", "election", "vote", "conference", "event", "summit"):
            continue
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "in"):
            for place in (g for g in prep.children if g.dep_ == "pobj" and g.ent_type_ == "GPE"):
                name = (ent_span(place) or place).text
                country = country_of(name) or cues.CAPITALS.get(name)
                sentence = a.sentence_of(token)
                if country and sentence is not None:
                    out.append((country, sentence.index))
    return out


def _in_caption(sentence: Any, captions: list[tuple[int, int]]) -> bool:
    return any(start <= sentence.start < end for start, end in captions)


def _dash_between(left: Token, right: Token) -> bool:
    """A dash between `left` and `right` (a dateline's "CITY, Country - Subject")."""
    return any(t.text in ("-", "–", "—", "--") for t in left.doc[left.i + 1 : right.i])


# A release told as a leader's act by title only: "a presidential pardon", "by royal decree", "the
# head of the military government granted an amnesty", "the president freed ...".
_LEADER_ADJECTIVES = {"presidential": frozenset({"president"}), "royal": cues.MONARCHS}
_LEADER_NOUNS = {
    "president": frozenset({"president"}), "presidency": frozenset({"president"}), "head": cues.ANY_LEADER_TITLES,
    "leader": cues.ANY_LEADER_TITLES, "ruler": cues.ANY_LEADER_TITLES, **{k: cues.MONARCHS for k in cues.MONARCHS},
}
_HEAD_OF = re.compile(r"\bhead of (?:the )?(?:\w+ ){0,2}(?:state|government|junta|regime)\b", re.IGNORECASE)


def _leader_act(a: Analysis) -> tuple[int, frozenset[str]] | None:
    """The first sentence telling the release as an act of a leader named by title only, with
    the titles that leader may carry ("presidential" -> president, "the head of ..." -> head)."""
    for sentence in a.sents:
        for token in sentence.span:
            if token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in cues.LEADER_ACTS and not is_negated(token.head):
                for c in token.subtree:
                    if c.i < token.i and c.dep_ in ("amod", "compound") and c.lower_ in _LEADER_ADJECTIVES:
                        # "the presidential order", "a royal pardon", "the presidential pardon measure"
                        return sentence.index, _LEADER_ADJECTIVES[c.lower_]
        for g in _release_agents(sentence.span):
            if g.lemma_.lower() in _LEADER_NOUNS and g.ent_type_ != "PERSON" and not any(
                c.dep_ in ("appos", "compound") and c.ent_type_ == "PERSON" for c in g.children
            ):
                # "the head of the military government granted an amnesty"
                return sentence.index, _LEADER_NOUNS[g.lemma_.lower()]
    return None


def _release_agents(span: Any) -> list[Token]:
    """Who performs or orders each done release of a sentence, not told as an earlier event: the
    active subject or the passive's "by" agent of the release verb, or of the verb that ordered it
    ("the president ordered their release", "a court ordered X to be released")."""
    agents: list[Token] = []
    for word in done_releases(span):
        verb = word.head if word.pos_ == "NOUN" and word.dep_ in ("dobj", "nsubjpass") else word
        if verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_.lower() in cues.RELEASE_ORDER_VERBS:
            verb = verb.head  # "a court ordered X to be released": who ordered it
        if verb.pos_ != "VERB" or in_earlier_clause(verb):
            continue
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
        agents += [] if passive else [c for c in verb.children if c.dep_ == "nsubj"]
        agents += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return agents


def _titles(a: Analysis, person: PersonFinding) -> set[str]:
    """Lower-case words of a person's role and of the words right before each mention ("President X")."""
    words = set((person.role or "").lower().split())
    for m in person.mentions:
        words |= {t.lower_ for t in a.doc[max(0, m.start - 3) : m.start]}
    return words


def _with_leader(a: Analysis, people: list[PersonFinding], party: Party) -> Party:
    """With no named performer, a release told as a leader's act by title (`_leader_act`) names
    the one leader of the releasing country the article names with that title (rule
    authority.leader-by-title): one who acts or speaks in the article (status official, not a
    leader merely mentioned), of no other country."""
    if party.authority is not None or party.country is None:
        return party
    act = _leader_act(a)
    if act is None:
        return party
    sentence, titles = act
    leaders = [
        p for p in people
        if (p.head_of_state
            or (p.role is not None and (p.role.lower() in _LEADER_NOUNS or _HEAD_OF.search(p.role))))
        and p.status == "official" and p.nationality in (None, party.country) and _titles(a, p) & titles
    ]
    if len(leaders) != 1:
        return party
    return replace(party, authority=leaders[0].name, authority_sentence=sentence, authority_rule="authority.leader-by-title")


def _named_authority(a: Analysis, people: list[PersonFinding], party: Party) -> Party:
    """The performer of the releasing side (`_of_releasing_side`); with none, the leader named by
    title (`_with_leader`), else the judge of a court's release (`_with_judge`)."""
    return _with_judge(a, people, _with_leader(a, people, _with_granter(a, people, _of_releasing_side(people, party))))


def _granted_by(a: Analysis, m: Any) -> bool:
    """The name is who granted a release told done in its sentence: the subject or "by" agent of a
    granter verb (`cues.GRANTER_VERBS`) or the "by"/"of"/"from" of a granted act
    (`cues.GRANTED_ACT_NOUNS`) inside a done release's clause ("freed after X pardoned him",
    "walked free under a decree signed by X", "following a pardon by X"), not told at another time."""
    node = a.doc[m.start : m.end].root
    if node.dep_ == "nsubj":
        granter = node.head
    elif node.dep_ == "pobj" and node.head.lower_ in ("by", "of", "from"):
        granter = node.head.head
    else:
        return False
    lemma = granter.lemma_.lower()
    if granter.pos_ in ("NOUN", "PROPN"):
        act = lemma in cues.GRANTED_ACT_NOUNS or (lemma in cues.GRANTER_VERBS and node.head.lower_ == "by")
    else:
        act = lemma in cues.GRANTER_VERBS and (is_release_token(granter) or any(
            t.lemma_.lower() in cues.GRANTED_ACT_NOUNS | cues.RELEASE_NOUNS or t.lower_ in ("him", "her", "them")
            for t in [*granter.subtree, granter.head] if t.i != node.i
        ))
    if not act or is_negated(granter) or is_wished_release(granter):
        return False
    if granter.pos_ in ("VERB", "AUX") and told_at_another_time(granter, None):
        return False
    releases = [t for t in done_releases(a.sents[m.sentence].span) if t.i != granter.i and t.pos_ == "VERB"]
    return any(granter.i in {t.i for t in r.subtree} for r in releases)


def _with_granter(a: Analysis, people: list[PersonFinding], party: Party) -> Party:
    """With no named performer, the one person who granted a release told done in the same
    sentence, of the releasing country or of none (rule authority.granter-of-the-release)."""
    if party.authority is not None or party.country is None:
        return party
    found: dict[str, int] = {}
    for person in people:
        if person.status in ("released", "still_detained") or _foreign_to(person, party.country):
            continue
        for m in person.mentions:
            if _granted_by(a, m):
                found.setdefault(person.name, m.sentence)
    if len(found) != 1:
        return party
    (name, sentence), = found.items()
    return replace(party, authority=name, authority_sentence=sentence, authority_rule="authority.granter-of-the-release")


def _foreign_to(person: PersonFinding, country: str) -> bool:
    """The article ties the person to a country, and not to `country`."""
    return bool(person.nationality) and country not in {
        country_of(part.strip()) or part.strip() for part in (person.nationality or "").split(",")
    }


def _best_actor(actors: list[PersonFinding]) -> PersonFinding | None:
    """The performer told most often, the first told on a tie."""
    return max(actors, key=lambda p: (len(p.actor_sentences), -p.actor_sentences[0])) if actors else None


def _of_releasing_side(people: list[PersonFinding], party: Party) -> Party:
    """The authority grants the release of the releasing country: a named performer the article ties
    to another country (the other side of an exchange: "Romanian President X pardoned 20 Moldovans
    in return") is not it; the releasing side's own performer, if any, is (rule
    authority.of-the-releasing-side)."""
    if party.authority is None or party.country is None:
        return party
    chosen = next((p for p in people if p.name == party.authority), None)
    if chosen is None or not _foreign_to(chosen, party.country):
        return party
    best = _best_actor([p for p in people if p.actor_sentences and p.status != "released"
                        and not _foreign_to(p, party.country)])
    if best is None:
        return replace(party, authority=None, authority_sentence=None, authority_rule=None)
    return replace(party, authority=best.name, authority_sentence=best.actor_sentences[0],
                   authority_rule="authority.of-the-releasing-side")


def _judge_titled(a: Analysis, person: PersonFinding) -> bool:
    """Whether the article gives the person a judge's title: right before a mention ("Judge X",
    "Justice X", "presiding judge X"; not "Justice Minister X") or in the role ("a High Court judge")."""
    role = set((person.role or "").lower().split())
    return bool(role & cues.JUDGE_TITLES and "minister" not in role) or any(
        m.start > 0 and a.doc[m.start - 1].lower_ in cues.JUDGE_TITLES for m in person.mentions
    )


def _with_judge(a: Analysis, people: list[PersonFinding], party: Party) -> Party:
    """With no named performer or leader, a release told as a court's act ("the court ordered their
    release", "a Moscow court freed two") names the one judge the article names by title (rule
    authority.judge-of-court): the named person who granted it (evals/GUIDELINES.md,
    releasing_authority). A court without a named judge, or several judges, stays null."""
    if party.authority is not None or party.country is None:
        return party
    acts = [s.index for s in a.sents for g in _release_agents(s.span) if g.lemma_.lower() in cues.COURT_NOUNS]
    if not acts:
        return party
    judges = [p for p in people if p.status not in ("released", "still_detained") and _judge_titled(a, p)]
    if len(judges) != 1:
        return party
    return replace(party, authority=judges[0].name, authority_sentence=acts[0], authority_rule="authority.judge-of-court")


def _freed_nouns(span: Any) -> list[Token]:
    """Nouns for the people a release sentence frees: the object or passive subject of a done
    release verb ("freed two Ruritanian journalists", "four Freedonians were released"), the
    object of "the release of", and the subject of "were among those freed"."""
    out: list[Token] = []
    for verb in done_releases(span):
        if in_earlier_clause(verb) or verb.pos_ not in ("VERB", "NOUN"):
            continue
        if verb.pos_ == "VERB":
            heads = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        else:
            heads = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        for head in [*heads, verb]:
            if head != verb:
                out.extend([head, *head.conjuncts])
            out.extend(  # "freed 24 detainees, including a Franco-Ruritanian engineer"
                g
                for c in head.children
                if c.dep_ == "prep" and c.lower_ in ("including", "among")
                for g in c.children
                if g.dep_ == "pobj"
                for g in (g, *g.conjuncts)
            )
    for token in span:
        if token.lemma_ == "be" and any(
            c.dep_ == "prep" and c.lower_ in ("among", "amongst") and any(is_release_token(t) for t in c.subtree)
            for c in token.children
        ):
            out.extend(c for c in token.children if c.dep_ == "nsubj")  # "Nine Freedonians were among those freed"
    return [t for t in out if t.pos_ in ("NOUN", "PROPN")]


def _traded_for_nouns(span: Any) -> list[Token]:
    """The people the other side freed in an exchange: the object of "in return/exchange for"
    on a done release ("freed 12 fishermen in exchange for two Chilean sailors", "... for the
    release of five Peruvian detainees")."""
    out: list[Token] = []
    for verb in done_releases(span):
        if verb.pos_ != "VERB" or not _traded_for(verb):
            continue
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"):
            for noun in (g for g in prep.children if g.lower_ in ("return", "exchange")):
                for g in (g for f in noun.children if f.lower_ == "for" for g in f.children if g.dep_ == "pobj"):
                    if g.lemma_.lower() in cues.RELEASE_NOUNS:
                        g = next((o for c in g.children if c.lower_ == "of" for o in c.children if o.dep_ == "pobj"), g)
                    out.extend((g, *g.conjuncts))
    return [t for t in out if t.pos_ in ("NOUN", "PROPN")]


def _mutual_release_sides(span: Any) -> list[str]:
    """Both states of a mutual release: "the United States and Iran each freed five detainees",
    "Iran, Sweden free prisoners in swap": two coordinated states each freeing the other's people
    (an exchange word or "each" in the sentence)."""
    each = bool({t.lower_ for t in span} & {"each", "mutual", "mutually"})
    for verb in done_releases(span):
        if verb.pos_ != "VERB":
            continue
        in_swap = any(
            c.dep_ == "prep" and c.lower_ in ("in", "under") and any(
                g.lemma_.lower() in ("swap", "exchange", "deal", "trade")
                and not any(d.lower_ in ("that", "this", "an", "earlier", "previous") for d in g.children)
                for g in c.children if g.dep_ == "pobj"
            )
            for c in verb.children
        )  # "free prisoners in swap" (not "In that exchange X and Y released ...": an earlier one)
        if not (each or in_swap):
            continue
        for subject in (c for c in verb.children if c.dep_ == "nsubj"):
            sides = [country_of(t.text) or _country_of_np(t) for t in (subject, *subject.conjuncts)]
            found = [c for c in sides if c]
            if len(found) >= 2 and len(found) == len(sides):
                return list(dict.fromkeys(found))
    return []


def _demonyms(noun: Token) -> list[str]:
    """Countries of a people noun: a plural demonym ("two Freedonians") or its demonym
    modifiers ("a Franco-Ruritanian academic", "Ruritanian prisoners"); nothing for a name."""
    if noun.ent_type_ == "PERSON":
        return []
    if noun.ent_type_ == "NORP" and noun.tag_ in ("NNPS", "NNS"):
        found = country_of(noun.text)
        return [found] if found else []
    lemma = noun.lemma_.lower()
    if lemma not in cues.DETAINEE_NOUNS and lemma not in cues.PERSON_ROLE_NOUNS:
        return []
    out: list[str] = []
    for child in (t for t in noun.subtree if t.i < noun.i and t.dep_ in ("amod", "compound", "nmod")):
        # the small NER model misses some demonyms: an untagged modifier that is one counts too
        if child.ent_type_ not in ("NORP", "GPE") and country_of(child.text) is None:
            continue
        ent = ent_span(child)
        text = ent.text if ent is not None else child.text
        whole = country_of(text)
        parts = [whole] if whole else [country_of(p) for p in text.replace("–", "-").split("-")]
        out.extend(p for p in parts if p and p not in out)
    return out


_COUNTRY_LIST = re.compile(
    r"\b(?:nationals|citizens|foreigners|prisoners|detainees|people)\s+from\s+(?:\w+\s+){0,2}countries,?\s+"
    r"(?:among them|including|such as|notably)\b", re.IGNORECASE,
)


def nationalities_released(a: Analysis, people: list[PersonFinding]) -> Items[str]:
    """Citizenships of the freed, each with the ids of the rules that found it."""
    out: Items[str] = Items()
    for sentence in a.sents:
        lower = a.lower(sentence)
        release = (
            bool(done_releases(sentence.span))
            or has_phrase(lower, ("the group includes", "the group included"))
            or any(t.lemma_.lower() in cues.TRANSFER_VERBS and t.pos_ == "VERB" and gpe_targets(t) for t in sentence.span)
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
                if child.i > token.i and not any(t.lower_ in ("of", "from") for t in child.ancestors if t.i > token.i):
                    continue
                ent = ent_span(child)
                country = country_of(ent.text) if ent is not None else None
                if country:
                    out.add(country, "nationalities.citizens-of")
        listed = _COUNTRY_LIST.search(sentence.text)
        if listed:  # "66 foreign nationals from 18 countries, among them X, Y and Z"
            for ent in a.ents_in(sentence.index):
                country = country_of(ent.text) if ent.label == "GPE" else None
                if country and ent.span.start_char - sentence.start >= listed.end():
                    out.add(country, "nationalities.countries-listed")
        for noun in _freed_nouns(sentence.span):
            for country in _demonyms(noun):
                out.add(country, "nationalities.freed-demonym")
        for noun in _traded_for_nouns(sentence.span):
            for country in _demonyms(noun):
                out.add(country, "nationalities.traded-for-demonym")
        for country in _mutual_release_sides(sentence.span):
            out.add(country, "nationalities.exchange-sides")
    for person in people:
        if person.status == "released" and person.nationality:
            for country in person.nationality.split(", "):
                out.add(country, "nationalities.released-person")
    return out


def _party(token: Token) -> str | None:
    """The country or organisation a token names or modifies: "Qatar", "Qatari officials"."""
    if token.ent_type_ in _PARTY_LABELS:
        return str((ent_span(token) or token).text)
    for child in token.children:
        if child.dep_ in ("amod", "compound", "nmod") and child.ent_type_ in _PARTY_LABELS:
            return str((ent_span(child) or child).text)
    return None


def _resolved_party(token: Token) -> str | None:
    """The country or organisation a noun names, or that names it through a modifier or "of":
    "Qatar", "Qatari officials", "the U.S. government", "Turkish intelligence agency MIT", "the
    state of Qatar". Only a name that resolves to a known country or organisation."""
    candidates = [token, *(t for t in token.subtree if t.i < token.i and t.dep_ in ("amod", "compound", "nmod", "poss"))]
    candidates += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    for t in candidates:
        if t.ent_type_ in _PARTY_LABELS or country_of(t.text):
            text = str((ent_span(t) or t).text)
            if country_of(text) or canonical_country(text):
                return text
    return None


def _parties(token: Token) -> list[str]:
    """`_resolved_party` of a noun and of each of its conjuncts ("the UAE and the United States")."""
    return [
        found for node in (token, *token.conjuncts)
        if (found := _resolved_party(node) or (_resolved_party(node.head) if node.dep_ == "appos" else None))
    ]  # an appositive name renames its head: "the Turkish intelligence agency MIT"


def _role_noun(token: Token) -> bool:
    """An envoy or go-between noun ("mediators", "a neutral intermediary", "a go-between"), or a
    state's delegation ("a US delegation": its envoys)."""
    return token.lemma_.lower() in cues.NEGOTIATOR_ROLES | cues.DELEGATION_NOUNS or (
        token.lower_ == "between" and any(c.lower_ == "go" for c in token.children)
    )


def _subjects(verb: Token) -> list[Token]:
    """The subject of a verb, through a relative pronoun ("Oman, which mediated") and control
    ("Qatar helped broker", "Oman agreed to act as"), at most three verbs up; none when a verb on
    the way is negated ("did not help negotiate")."""
    node = verb
    for _ in range(3):
        if is_negated(node):
            return []
        found = [c for c in node.children if c.dep_ == "nsubj"]
        if found:
            if found[0].lower_ in ("which", "who", "that") and node.dep_ == "relcl":
                return [node.head]
            return found
        if node.dep_ not in ("xcomp", "conj") or node.head == node:
            return []
        node = node.head
    return []


def _deal_or_talks(noun: Token) -> bool:
    """A noun of a deal, talks or a release: "deal", "swap", "talks", "the release"."""
    lemma = noun.lemma_.lower()
    return lemma in cues.DEAL_NOUNS | cues.PARTNER_NOUNS | cues.TALK_NOUNS or is_release_token(noun)


def _reporting_speaker(subject: Token) -> Token | None:
    """ "Lithuania's foreign ministry said it had facilitated the handover": a pronoun subject ("it",
    "they") of a clause reported by a verb of speaking stands for that verb's subject, found up
    to five heads up past speech verbs whose own subject is a pronoun (rule mediators.speaker-pronoun)."""
    if subject.lower_ not in ("it", "they"):
        return None
    node = subject.head
    for _ in range(5):
        if node.head == node:
            return None
        node = node.head
        if node.pos_ == "VERB" and node.lemma_.lower() in cues.SPEECH_VERBS:
            found = [c for c in node.children if c.dep_ == "nsubj"]
            if found and found[0].pos_ != "PRON":
                return found[0]
    return None


def _took_part(verb: Token) -> bool:
    """ "The Red Cross had a part in the handover", "with Kenyan officials taking part": a verb of
    having or taking with a share noun as object, not negated, whose "in" phrase (if any) is about
    the release or the talks (rule mediators.took-part)."""
    if verb.lemma_.lower() not in cues.PART_TAKING_VERBS or verb.pos_ != "VERB" or is_negated(verb):
        return False
    shares = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in cues.SHARE_NOUNS
              and not any(g.lower_ == "no" for g in c.children)]
    if not shares:
        return False
    scopes = [g for node in (verb, shares[0]) for c in node.children if c.dep_ == "prep" and c.lower_ == "in"
              for g in c.children if g.dep_ in ("pobj", "pcomp")]
    return not scopes or any(
        is_release_token(t) or t.lemma_.lower() in cues.NEGOTIATION_VERBS | cues.PARTNER_NOUNS | cues.DEAL_NOUNS
        for g in scopes for t in g.subtree
    )


def _as_role_parties(prep: Token) -> list[str]:
    """ "X acted as a go-between", "with Saudi Arabia and Turkey as mediators", "Qatar, as the
    mediator, ...": the parties an "as <envoy noun>" phrase describes."""
    before = prep.doc[prep.i - 1] if prep.i > 0 else None
    if before is not None and before.dep_ in ("pobj", "conj") and any(
        t.lower_ == "with" and t.dep_ == "prep" for t in before.ancestors
    ):
        node = before
        while node.dep_ == "conj":
            node = node.head
        return _parties(node)  # "with X and Y as mediators"
    head = prep.head
    if head.pos_ in ("VERB", "AUX"):
        return [p for s in _subjects(head) for p in _parties(s)]
    return _parties(head) if head.pos_ in ("PROPN", "NOUN") else []


def _speculative(token: Token) -> bool:
    """The word sits in a clause told as a guess or an open question: "pressure from X may have
    played a part", "it was not clear whether X had helped negotiate"."""
    node = token
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX") and any(
            (c.dep_ == "aux" and c.lower_ in ("may", "might", "could")) or (c.dep_ == "mark" and c.lower_ in cues.HYPOTHETICAL_MARKERS)
            for c in node.children
        ):
            return True
        if node.head == node:
            return False
        node = node.head
    return False


def _phrase_spans(lower: str, phrases: tuple[str, ...]) -> list[int]:
    return [m.end() for m in find_phrases(lower, phrases)]


def mediators(a: Analysis, people: list[PersonFinding], releasing: str | None) -> Items[str]:
    """Countries and organisations that brokered the release (never persons), explicit ones
    first, then the other parties to the deal or talks ("an agreement with X"), each with the ids
    of the rules that found it."""
    explicit: Items[str] = Items()
    partners: Items[str] = Items()

    def add(target: Items[str], text: str, rule: str) -> None:
        country = country_of(text) or canonical_country(text)
        if country and country != releasing:
            target.add(country, f"mediators.{rule}")

    def subject_parties(verb: Token) -> list[tuple[str, bool]]:
        """The parties of a verb's subjects, a pronoun read as the speaker reporting it."""
        out: list[tuple[str, bool]] = []
        for subject in _subjects(verb):
            speaker = _reporting_speaker(subject)
            out.extend((found, speaker is not None) for found in _parties(speaker or subject))
        return out

    def add_subjects(verb: Token, rule: str) -> list[str]:
        found_all = subject_parties(verb)
        for found, via_speaker in found_all:
            add(explicit, found, rule)
            if via_speaker:
                add(explicit, found, "speaker-pronoun")
        return [found for found, _ in found_all]

    for sentence in a.sents:
        span = sentence.span
        lower = a.lower(sentence)
        talks_told = any(t.lemma_.lower() in cues.PARTNER_NOUNS | cues.NEGOTIATION_VERBS for t in span) and not has_phrase(
            lower, cues.DENIAL_PHRASES
        )
        for token in span:
            if _speculative(token):
                continue
            # "Qatari-brokered", "UN-backed"
            if token.text == "-" and token.i + 1 < len(a.doc) and token.i > 0:
                left, right = a.doc[token.i - 1], a.doc[token.i + 1]
                if right.lower_ in cues.MEDIATION_NOUNS | cues.SUPPORT_PARTICIPLES and left.ent_type_ in _PARTY_LABELS and (
                    right.lower_ not in cues.SUPPORT_PARTICIPLES or _deal_or_talks(right.head)
                ):  # "Iran-backed rebels", "a Saudi-led coalition": allegiance, not mediation (rule mediators.hyphen-brokered)
                    add(explicit, (ent_span(left) or left).text, "hyphen-brokered")
            lemma = token.lemma_.lower()
            if lemma in cues.NEGOTIATION_VERBS - {"secure", "arrange"} and token.pos_ == "VERB" and not is_negated(token):
                # "Qatar, which brokered the truce with Egypt", "Qatari officials, who mediated",
                # "Qatar helped broker the deal"
                if add_subjects(token, "negotiated"):
                    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "with"):
                        for g in prep.subtree:
                            if g.ent_type_ in ("GPE", "ORG") and g.ent_iob_ == "B":
                                add(explicit, (ent_span(g) or g).text, "negotiated-with")
            if lemma in ("act", "serve") and token.pos_ == "VERB" and any(
                c.dep_ == "prep" and c.lower_ == "as" and any(_role_noun(g) for g in c.children)
                for c in token.children
            ):
                # "the Red Cross served as a go-between"; "it" is the speaker ("X said it had served as")
                add_subjects(token, "served-as")
            elif token.lower_ == "as" and token.dep_ == "prep" and any(_role_noun(g) for g in token.children if g.dep_ == "pobj"):
                # "with Oman and Qatar as mediators", "Qatar, as mediator, said ..."
                for found in _as_role_parties(token):
                    add(explicit, found, "served-as")
            if lemma in cues.CONTRIBUTION_VERBS and token.pos_ == "VERB" and not is_negated(token) and any(
                c.dep_ == "dobj" and c.lemma_.lower() in cues.INVOLVEMENT_NOUNS | {"part"}
                and not any(g.lower_ == "no" for g in c.children) for c in token.children
            ):
                # "our American partners played an important role", "Turkey provided assistance"
                add_subjects(token, "played-role")
            if _took_part(token):
                # "the Red Cross had a part in the handover", "with Georgian officials taking part"
                add_subjects(token, "took-part")
            if lemma in cues.HELP_VERBS and token.pos_ == "VERB" and not is_negated(token) and any(
                is_release_token(t) or t.lemma_.lower() in cues.NEGOTIATION_VERBS | cues.PARTNER_NOUNS
                for c in token.children if c.dep_ in ("xcomp", "ccomp", "prep", "dobj") for t in c.subtree
            ):
                # "Oman helped free the two", "Qatar assisted in the talks"
                add_subjects(token, "helped")
            if token.i == span.start and lower.startswith(("in return", "in exchange")) and not lower.startswith(
                ("in return for", "in exchange for")
            ):
                # "In return, Ruritania agreed to ...": the side that paid for the release is the
                # counterparty of the deal (counted among mediators like "an agreement with X")
                main = span.root
                if main.lemma_.lower() in cues.SPEECH_VERBS:
                    main = next((c for c in main.children if c.dep_ in ("ccomp", "parataxis")), main)
                for subject in (c for c in main.children if c.dep_ == "nsubj"):
                    if subject.ent_type_ == "GPE":
                        add(partners, (ent_span(subject) or subject).text, "paid-in-return")
            if (lemma in cues.INVOLVEMENT_NOUNS or (lemma == "part" and any(
                c.dep_ in ("acl", "relcl") and c.lemma_.lower() == "play" for c in token.children
            ))) and token.pos_ == "NOUN":
                for child in token.children:
                    if child.dep_ == "poss" and _parties(child):
                        for found in _parties(child):  # "Qatar's mediation", "the U.S. government's role"
                            add(explicit, found, "involvement-of")
                    elif child.dep_ in ("acl", "relcl") and child.pos_ == "VERB" and not is_negated(child):
                        # "the role played by Qatar", "the facilitation the state of Qatar provided"
                        doers = [g for c in child.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
                        doers += [c for c in child.children if c.dep_ == "nsubj"]
                        for doer in doers:
                            for found in _parties(doer):
                                add(explicit, found, "involvement-of")
                    elif child.dep_ == "poss" and child.lower_ in ("its", "their"):
                        before = [
                            e.span for e in a.ents_in(sentence.index) if e.span.end <= child.i and e.label in _PARTY_LABELS
                        ]
                        # not a side named in "mediated between X and Y, ... its mediation"
                        before = [e for e in before if not _between_sides(e)]
                        if before:
                            add(explicit, before[-1].text, "involvement-of")
                    elif child.dep_ == "prep" and child.lower_ in ("of", "from", "by"):
                        for g in child.children:
                            if g.dep_ == "pobj" and g.ent_type_ in ("GPE", "NORP", "ORG"):
                                for found in _parties(g):  # "mediation from the UAE and the United States"
                                    add(explicit, found, "involvement-of")
            if _role_noun(token) and token.pos_ in ("NOUN", "PROPN") and (
                token.lemma_.lower() not in cues.DELEGATION_NOUNS or talks_told
            ):  # a delegation counts where the sentence tells of talks ("held talks"), not a mere visit
                for child in token.children:  # "Norwegian mediators", "a Qatari envoy", "Oman's envoy"
                    if child.dep_ in ("amod", "compound", "nmod", "poss") and child.ent_type_ in ("GPE", "NORP", "ORG"):
                        add(explicit, (ent_span(child) or child).text, "envoy-of")
                    elif child.dep_ == "prep" and child.lower_ in ("of", "from"):
                        for g in child.children:  # "the envoy of Qatar", "mediators from Oman and Egypt"
                            if g.dep_ == "pobj":
                                for found in _parties(g):
                                    add(explicit, found, "envoy-of")
            if lemma in cues.PARTNER_NOUNS and token.pos_ == "NOUN":
                # "an agreement with X", and through the participle or relative clause on the noun:
                # "the deal made last month with X", "talks that were held with X" (mediators.deal-partner-via-verb)
                sides = [(c, "deal-partner") for c in token.children]
                sides += [(c, "deal-partner-via-verb") for v in token.children
                          if v.dep_ in ("acl", "relcl") and v.pos_ == "VERB" and not is_negated(v) for c in v.children]
                for child, rule in sides:
                    if child.dep_ == "prep" and child.lower_ in ("with", "between"):
                        found_all = [(ent_span(g) or g).text for g in child.subtree if g.ent_type_ == "GPE" and g.ent_iob_ == "B"]
                        # a known state or body whatever label the NER model gave it ("talks with the Vatican")
                        found_all += [(ent_span(n) or n).text for g in child.children if g.dep_ == "pobj"
                                      for n in (g, *g.conjuncts) if n.pos_ == "PROPN" and n.ent_type_ != "GPE"]
                        for found in found_all:
                            add(partners, found, "deal-partner")
                            if rule != "deal-partner":
                                add(partners, found, rule)
                    if child.dep_ in ("compound", "amod", "nmod") and child.ent_type_ in ("GPE", "NORP"):
                        add(partners, (ent_span(child) or child).text, "deal-partner")
        for match in _phrase_spans(lower, cues.MEDIATION_PHRASES):
            for ent in (e.span for e in a.ents_in(sentence.index)):
                offset = ent.start_char - sentence.start
                if ent.label_ in _PARTY_LABELS and 0 <= offset - match < 40:
                    if _between_sides(ent):
                        continue  # "mediated between X and Y": X and Y are the sides
                    add(explicit, ent.text, "mediation-phrase")
                    for other in ent.root.conjuncts:  # "brokered by Oman, Egypt and Switzerland"
                        conj = ent_span(other)
                        if conj is not None:
                            add(explicit, conj.text, "mediation-phrase")
                    head = ent.root
                    while head.dep_ in ("amod", "compound", "nmod") and head.head != head:
                        head = head.head
                    if head != ent.root:  # "help from the Swiss government and the Red Cross"
                        for other in head.conjuncts:
                            for found in _parties(other):
                                add(explicit, found, "mediation-phrase")
                    break
    for person in people:
        if person.status != "negotiator":
            continue
        if person.nationality:
            add(explicit, person.nationality, "negotiator-nationality")
        if person.role:
            for ent in a.ents:
                if ent.label in ("ORG", "GPE", "NORP") and ent.text in person.role:
                    add(explicit, ent.text, "negotiator-role")  # "a UN envoy", "an African Union mediator"
                    break
    out: Items[str] = Items()
    out.extend(explicit)
    out.extend(partners)
    return out
