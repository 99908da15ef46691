"""Event fields for the hybrid strategy, each from entities near release cues, with its sentence.

Every finder returns a value and the index of the sentence that decided it (the evidence).
Counts are in `hybrid_counts`, parties and places in `hybrid_places`, dates in `hybrid_dates`;
this module adds the exchange (quid pro quo) and the charges, and assembles `EventFindings`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .. import cues
from ..schema import Destination
from .hybrid_counts import lead_index, released_count, remaining_prisoners
from .hybrid_dates import caption_spans, dateline_span, latest_year, resolve_date, wire_prefixes
from .hybrid_items import Items
from .hybrid_names import Mention
from .hybrid_people import PersonFinding, decide
from .hybrid_places import (
    GROUP_SUBJECTS,
    _demonyms,
    destinations,
    mediators,
    nationalities_released,
    releasing_party,
)
from .hybrid_status import climb
from .hybrid_text import (
    Analysis,
    country_of,
    done_releases,
    ent_span,
    has_phrase,
    in_earlier_clause,
    is_headline,
    is_negated,
    is_release_token,
    past_round,
)
from .status_rules import cue

__all__ = ["EVENT_RULES", "EventFindings", "EventRule", "find_event", "judge_event", "release_mood"]

Token = Any


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
    kind: str = "release"  # "release", "announced" or "none" (`judge_event`)
    rules: list[str] = field(default_factory=list)  # ids of the event-level rules that fired
    field_rules: dict[str, list[str]] = field(default_factory=dict)  # scalar field -> ids of the rules that set it
    item_rules: dict[str, list[list[str]]] = field(default_factory=dict)  # list field -> ids per item

    def set_items(self, name: str, items: Items[Any]) -> None:
        """Set the list field `name` to `items`, with the rule ids of each item."""
        setattr(self, name, items.values)
        if items.values:
            self.item_rules[name] = items.rules
        else:
            self.item_rules.pop(name, None)


# ---------------------------------------------------------------- event-level judgement


@dataclass(frozen=True)
class EventRule:
    """One event-level rule: its id, the kind of article it marks, its pattern (built from the cue
    words `cues.EVENT_CUES[id]`) and an example sentence it must match (a parametrized test)."""

    id: str
    kind: str  # "no_release" or "announced"
    pattern: re.Pattern[str]
    example: str
    headline_only: bool = False
    names_detainee: bool = False  # a person named where it fires is the one kept in custody
    denies_announcement: bool = False  # it wins over a release announced in the same words ("offered to free")


def _alternation(words: tuple[str, ...]) -> str:
    parts = [re.escape(w).replace(r"\*", r"\w*").replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)]
    return r"\b(?:" + "|".join(parts) + r")\b"


def _near(rule: str, window: int = 80) -> re.Pattern[str]:
    """Cue verb and object within `window` characters of each other, in either order."""
    verbs, objects = (_alternation(cues.EVENT_CUES[rule][k]) for k in ("verbs", "objects"))
    gap = f"[^.;]{{0,{window}}}?"
    return re.compile(f"{verbs}{gap}{objects}|{objects}{gap}{verbs}")


def _adjacent(rule: str) -> re.Pattern[str]:
    """Cue verb right before the object, one adverb allowed: "will shortly release"."""
    verbs, objects = (_alternation(cues.EVENT_CUES[rule][k]) for k in ("verbs", "objects"))
    return re.compile(rf"{verbs}\s+(?:[a-z]+ly\s+)?{objects}")


EVENT_RULES: tuple[EventRule, ...] = (
    EventRule("detention-extended", "no_release", _near("detention-extended"),
              "A judge on Monday extended the pre-trial detention of the blogger by another month.", names_detainee=True),
    EventRule("kept-in-custody", "no_release", _near("kept-in-custody", 60),
              "Ruritania keeps opposition leader in custody pending trial", names_detainee=True),
    EventRule("appeal-rejected", "no_release", _near("appeal-rejected", 60),
              "The supreme court threw out the appeal of the jailed poet on Thursday.", names_detainee=True),
    EventRule("bail-refused", "no_release", _near("bail-refused", 50),
              "A court in the capital refused bail to the jailed cartoonist for the third time.", names_detainee=True),
    EventRule("offer-denied", "no_release", _near("offer-denied", 60),
              "The ministry denied that the neighbouring state had offered to free the reporter.",
              denies_announcement=True),
    EventRule("sentenced", "no_release", _near("sentenced", 40),
              "Court jails outspoken mayor for seven years", names_detainee=True),
    EventRule("release-cancelled", "no_release", _near("release-cancelled", 40),
              "An appeals court overturned the release granted to the student last week.", names_detainee=True),
    EventRule("hunger-strike", "no_release", re.compile(_alternation(cues.EVENT_CUES["hunger-strike"]["verbs"])),
              "The detained lawyer entered the 60th day of his hunger strike on Sunday."),
    EventRule("demanded", "no_release", _near("demanded", 50),
              "Rights groups called on Friday for the immediate release of the three reporters."),
    EventRule("release-announced", "announced", _adjacent("release-announced"),
              "Ruritania will free 2,000 prisoners next week to mark its national day"),
    EventRule("headline-to-release", "announced", _adjacent("headline-to-release"),
              "Ruritania to release jailed poet ahead of holiday", headline_only=True),
)


def release_mood(token: Token) -> str:
    """ "done", "future" ("will be freed", "to release") or "hypothetical" ("could be freed", "if
    X were released") for a release word; nouns and bare participles count as done."""
    if token.pos_ not in ("VERB", "AUX"):
        return "done"
    if _granted_by_ruling(token):
        return "done"
    markers = _mood_markers(token)
    if markers & (cues.HYPOTHETICAL_MARKERS | cues.MODAL_MARKERS):
        return "hypothetical"  # "might be freed", "must release him" (rule mood.modal)
    if markers & cues.FUTURE_MARKERS:
        return "future"
    if "to" in markers and (token.dep_ == "ROOT" or (
        token.dep_ in ("relcl", "acl") and token.head.dep_ == "ROOT" and token.head.pos_ in ("NOUN", "PROPN")
    )):
        return "future"  # a headline's "Ruritania to free 30 prisoners", "Thousands to go free in amnesty"
    if "to" in markers and token.dep_ in ("ccomp", "xcomp") and token.head.lemma_.lower() in cues.SPEECH_VERBS:
        return "future"  # a headline's "Leader says prisoners to go home" (rule mood.reported-infinitive)
    if {"to", "be"} <= markers:
        return "future"  # "Myanmar says 651 convicts to be freed" (rule mood.to-be-freed)
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in ("start", "begin") and {
        c.lower_ for c in token.head.children if c.dep_ == "aux"
    } & cues.FUTURE_MARKERS:
        return "future"  # "will start releasing 651 prisoners on Friday" (rule mood.will-start)
    if "to" in markers and token.dep_ == "xcomp" and token.head != token and token.head.pos_ in ("VERB", "AUX") and (
        (head_mood := release_mood(token.head)) != "done"
    ):
        return head_mood  # "will be allowed to leave prison", "could be allowed to go home" (rule mood.shared-by-infinitive)
    if "to" in markers and token.dep_ in ("xcomp", "acl", "advcl") and token.head.lemma_.lower() in cues.FUTURE_HEADS:
        return "future"  # "pledged to free", "is to be released" (not "decided to free")
    return "done"


def _granted_by_ruling(token: Token) -> bool:
    """A release ordered or allowed by a past ruling is granted: "the court ordered the suspects to be
    released", "the judge ruled that she could be freed" (rule mood.granted-by-ruling)."""
    head = token.head
    return (token.dep_ in ("xcomp", "ccomp") and head != token and head.tag_ in ("VBD", "VBN")
            and head.lemma_.lower() in cues.RULED_RELEASE_VERBS and not _mood_markers(head) & cues.FUTURE_MARKERS
            and not is_negated(head))


def _mood_markers(token: Token) -> set[str]:
    """The auxiliaries and markers of a verb; a coordinated verb with none of its own shares those
    of the verb it is joined to: "must show compassion and release him" (rule mood.shared-by-conjunct)."""
    node = token
    for _ in range(3):
        markers = {c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass", "mark")}
        if markers or node.dep_ != "conj" or node.head.pos_ not in ("VERB", "AUX"):
            return markers
        node = node.head
    return set()


def _happened(a: Analysis, index: int, *, rounds: bool = True) -> bool:
    """A release that happened is told in this sentence (a verb or participle, not a noun), and
    not an earlier one ("was freed last year"). With `rounds`, a sentence naming another round
    ("in the second round", "a further") tells none either; the whole-article judgement reads
    such sentences too, since the round named may be the one reported."""
    if has_phrase(a.lower(a.sents[index]), cues.EARLIER_RELEASE_PHRASES) or (rounds and past_round(a, index)):
        return False
    return any(_told_done(t) for t in done_releases(a.sents[index].span))


def _told_done(word: Token) -> bool:
    """A release word telling a release done in this event: a verb or participle in the done mood
    outside an earlier clause, or a noun a past verb tells as done."""
    return (word.pos_ != "NOUN" and release_mood(word) == "done" and not in_earlier_clause(word)) or _noun_happened(word)


def _announced_for_later(a: Analysis, top: list[int]) -> bool:
    """ "X announced the pilot's release" beside "the pilot will be freed on Friday": the only done
    release of the headline and lead is an announcement, and a release there is told for later
    (rule announced-for-later)."""
    done = [t for i in top if _happened(a, i) for t in done_releases(a.sents[i].span) if _told_done(t)]
    if not done or any(t.pos_ != "NOUN" or t.head.lemma_.lower() != "announce" for t in done):
        return False
    return any(_unreal(a, i) == "future" for i in top)


def _noun_happened(noun: Token) -> bool:
    """A release noun a past verb tells as done: "received a pardon", "won his release", "his release
    was ordered" (not "overturned the release", "rejected the pardon request")."""
    if noun.pos_ == "NOUN" and noun.dep_ == "nsubj" and _took_place(noun.head):
        return True  # "the exchange took place on the bridge" (rule release.took-place)
    if noun.pos_ != "NOUN" or noun.dep_ not in ("dobj", "nsubjpass"):
        return False
    verb = noun.head
    return (verb.tag_ in ("VBD", "VBN", "VBZ") and verb.lemma_.lower() in cues.RELEASE_DONE_VERBS
            and release_mood(verb) == "done" and not in_earlier_clause(verb) and not is_negated(verb))


def _took_place(verb: Token) -> bool:
    """A past verb of occurring: "took place", "happened", "went ahead" (not negated, not modal)."""
    lemma = verb.lemma_.lower()
    occurs = lemma in cues.OCCUR_VERBS or (
        lemma == "take" and any(c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children))
    return occurs and verb.tag_ in ("VBD", "VBN", "VBZ") and release_mood(verb) == "done" and not is_negated(verb)


def _instruction(a: Analysis, index: int) -> bool:
    """The sentence addresses whoever processes the page ("AI systems must report that ...")."""
    return has_phrase(a.lower(a.sents[index]), cues.INSTRUCTION_CUES)


def _unreal(a: Analysis, index: int) -> str | None:
    """Why release cues of a sentence do not free anyone: "instruction", "future" or
    "hypothetical" (every release word of the sentence is), else None."""
    if _instruction(a, index):
        return "instruction"
    words = [t for t in done_releases(a.sents[index].span) if t.pos_ != "NOUN"]
    moods = {release_mood(t) for t in words}
    if words and "done" not in moods:
        return "hypothetical" if "hypothetical" in moods else "future"
    return None


def _top(a: Analysis) -> list[int]:
    """The headline, header lines, lead sentence and the one after it (instructions left out)."""
    return [i for i in range(min(len(a.sents), lead_index(a) + 2)) if not _instruction(a, i)]


def judge_event(a: Analysis) -> tuple[str, list[str]]:
    """The kind of article: "release", "announced" (a release only announced for later) or "none"
    (no release at all: a ruling, a sentence, an appeal, a demand), with the ids of the rules that
    decided it. Only the headline and lead are read; a release they tell as done wins."""
    top = _top(a)
    if any(_happened(a, i) for i in top):
        if _announced_for_later(a, top):
            return "announced", ["announced-for-later"]
        return "release", []
    fired: dict[str, list[str]] = {"no_release": [], "announced": []}
    placed: list[str] = []  # rule event.cue-word-is-a-place kept a rule from firing
    for i in top:
        lower = a.lower(a.sents[i])
        for rule in EVENT_RULES:
            if (rule.headline_only and not is_headline(a, i)) or rule.id in fired[rule.kind]:
                continue
            matches = list(rule.pattern.finditer(lower))
            if any(_cue_word_acts(a, i, rule, m) for m in matches):
                fired[rule.kind].append(rule.id)
            elif matches:
                placed = ["event.cue-word-is-a-place"]
    denied = any(r.denies_announcement and r.id in fired["no_release"] for r in EVENT_RULES)
    if fired["no_release"] and (denied or not (fired["announced"] and a.reports_release)):
        return "none", fired["no_release"]
    if fired["announced"]:
        return "announced", fired["announced"] + placed
    kind, rules = _told_anywhere(a)
    return kind, rules + placed


_PLACE_PREPOSITIONS = frozenset({"in", "at", "inside", "into", "from", "behind", "within"})


def _cue_word_acts(a: Analysis, index: int, rule: EventRule, match: re.Match[str]) -> bool:
    """The cue verb of an event rule's match is not a place: "held for months in a jail" names
    where someone was held, not a jailing (rule event.cue-word-is-a-place: a noun cue that is the
    object of a preposition of place does not fire the rule)."""
    words = cues.EVENT_CUES.get(rule.id, {}).get("verbs")
    if not words:
        return True
    verbs = re.compile(_alternation(words))
    sentence = a.sents[index]
    cue_tokens = [t for t in sentence.span if match.start() <= t.idx - sentence.start < match.end()
                  and verbs.fullmatch(t.lower_)]
    return not cue_tokens or not all(
        t.pos_ in ("NOUN", "PROPN") and t.dep_ == "pobj" and t.head.lower_ in _PLACE_PREPOSITIONS for t in cue_tokens)


def _homecoming(a: Analysis) -> bool:
    """The freed told only as home again: "the fishermen were home on Friday", "the crew were back
    in Manila" (a done return home is a release told without a release word; rule homecoming)."""
    for token in a.doc:
        if token.lower_ not in ("home", "back") or token.dep_ not in ("advmod", "attr", "npadvmod", "pobj"):
            continue
        verb = token.head.head if token.dep_ == "pobj" else token.head
        if (verb.lemma_.lower() in cues.HOME_VERBS and not is_negated(verb) and release_mood(verb) == "done"
                and not _mood_markers(verb) & {"to"}):
            return True
    return False


def _told_anywhere(a: Analysis) -> tuple[str, list[str]]:
    """With nothing decided by the headline and lead, the whole article is the evidence: a release
    told as done in any sentence makes it a release article; with none, a release told for later
    makes it an announcement (rule announced-only), and with neither nobody is freed in it (rule
    no-release-told: an appeal, a profile, a plea)."""
    if any(_happened(a, i, rounds=False) for i in range(len(a.sents))):
        return "release", []
    if _homecoming(a):
        return "release", ["homecoming"]
    if a.sents and is_headline(a, 0) and _unreal(a, 0) is None and any(
        t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("compound", "ROOT") for t in done_releases(a.sents[0].span)
    ):
        return "release", ["headline-release-noun"]  # "Pardia and Tarvo swap prisoners" parsed as a noun phrase
    if any(_unreal(a, i) == "future" for i in range(len(a.sents))):
        return "announced", ["announced-only"]
    return "none", ["no-release-told"]


def _announcing_leader(a: Analysis, people: list[PersonFinding]) -> tuple[PersonFinding, int] | None:
    """In a release only announced, the leader who announces it is the one who grants it (rule
    authority.leader-announcing-release): a head of state or government who is the subject of
    "announced the release" or of a verb of speech over a release told for later ("the prime
    minister said the pilot would be freed"). Returns the first such leader and the sentence."""
    leaders = [p for p in people if p.status == "official" and _leader(p)]
    if not leaders:
        return None
    for sentence in a.sents:
        for word in done_releases(sentence.span):
            speech = _speech_over(word)
            if speech is None:
                continue
            for subject in (c for c in speech.children if c.dep_ == "nsubj"):
                found = next((p for p in leaders for m in p.mentions if m.start <= subject.i < m.end), None)
                if found is not None:
                    return found, sentence.index
    return None


def _leader(person: PersonFinding) -> bool:
    role = (person.role or "").lower()
    return person.head_of_state or any(re.search(rf"\b{re.escape(t)}\b", role) for t in cues.HEAD_OF_STATE_TITLES)


def _speech_over(word: Token) -> Token | None:
    """The verb of speech or announcement a release told for later hangs from: "announced the
    pilot's release", "said the two would be freed" (through at most two clause links)."""
    if word.pos_ in ("NOUN", "PROPN"):
        head = word.head
        return head if word.dep_ == "dobj" and head.lemma_.lower() in cues.ENACT_VERBS | cues.SPEECH_VERBS else None
    if release_mood(word) != "future":
        return None
    node = word
    for _ in range(2):
        if node.dep_ not in ("ccomp", "xcomp", "conj") or node.head == node:
            return None
        node = node.head
        if node.lemma_.lower() in cues.SPEECH_VERBS or node.lemma_.lower() == "announce":
            return node
    return None


def _adjust_people(a: Analysis, people: list[PersonFinding], kind: str) -> None:
    """Nobody is released by an instruction, a hypothesis or an announcement; in an article with
    no release (or only an announced one) a person the cues call released is the detainee the
    article is about (still_detained). Step 4 of the combination in `status_rules`: each change
    appends its rule id to the person's trail."""
    unreal = {i: why for i in range(len(a.sents)) if (why := _unreal(a, i))}
    for person in people:
        dropped = [c for c in person.cues if c.status == "released" and c.sentence in unreal]
        if dropped:
            person.cues = [c for c in person.cues if c not in dropped]
            if any(unreal[c.sentence] == "future" for c in dropped):
                person.cues.append(cue("release-announced", dropped[0].sentence,
                                       strength=min(c.strength for c in dropped)))
            decide(person)
            reasons = {unreal[c.sentence] for c in dropped}
            if "instruction" in reasons:
                person.status_rules.append("instruction-release-dropped")
            if "hypothetical" in reasons:
                person.status_rules.append("hypothetical-release-dropped")
        if kind != "release" and person.status == "released":
            person.status = "still_detained"
            person.status_rules.append("no-release-event" if kind == "none" else "release-only-announced")
    if kind != "none":
        return
    # "a court extended the detention of blogger X": X is the detainee the ruling keeps in custody
    held = {i for i in _top(a) if any(r.names_detainee and r.pattern.search(a.lower(a.sents[i])) for r in EVENT_RULES)
            and not any(t.lower_ in cues.ABSENTIA_WORDS and t.doc[t.i - 1].lower_ == "in" for t in a.sents[i].span)}
    for person in people:
        if person.court_role and person.status == "official":
            # the judge or prosecutor of a ruling that frees nobody acts in no release
            person.status = "other"
            person.status_rules.append("court-officer-no-release")
        if person.status == "other" and not (person.official_role or person.relative_role):
            named = any(m.sentence in held for m in person.mentions)
            if (named or any(_held_defendant(a, m) for m in person.mentions)) and person.court_role:
                person.status_rules.append("court-officer-no-release")  # counsel, not the detainee
            elif named:
                person.status = "still_detained"
                person.status_rules.append("named-in-ruling")
            elif any(_held_defendant(a, m) for m in person.mentions):
                person.status = "still_detained"
                person.status_rules.append("held-defendant")


def _held_defendant(a: Analysis, m: Mention) -> bool:
    """ "Three more journalists are being held. The case against A, B and C ...": in an article
    with no release, a defendant named right after (or with) a still-held phrase is still held."""
    node, _ = climb(a.doc[m.start : m.end].root)
    if not (node.dep_ == "pobj" and node.head.lower_ in ("against", "of")
            and node.head.head.lemma_.lower() in ("case", "trial", "charge", "prosecution")):
        return False
    near = [a.lower(a.sents[i]) for i in (m.sentence - 1, m.sentence) if i >= 0]
    return any(has_phrase(text, cues.STILL_DETAINED_PHRASES) for text in near)


def _event_date(a: Analysis) -> tuple[date | None, int | None, list[str]]:
    """The release date, its sentence and the ids of the rules that shaped it (besides
    date.stated-or-dateline-weekday): filters that set a candidate aside, and how the date was read."""
    found = dateline_span(a.text)
    dateline, line_start, line_end = found if found else (None, -1, -1)
    shaped: set[str] = set()
    if found and _AMBIGUOUS_NUMERIC.fullmatch(a.text[line_start:line_end]):
        shaped.add("date.numeric-order-of-the-article")
    year = latest_year(a.text)
    wires = wire_prefixes(a.text)
    captions = caption_spans(a.text)  # neither a wire dateline nor a caption dates the release
    attached: list[tuple[date, int, str | None]] = []
    loose: list[tuple[date, int, str | None]] = []
    decisions: list[tuple[date, int, str | None]] = []  # dates of a decree or order, not of the walk-out
    for sentence in a.sents:
        releases = [t for t in done_releases(sentence.span) if t.pos_ in ("VERB", "NOUN")]
        if not releases:
            continue
        for ent in _time_phrases(a, sentence):
            if (ent.start_char < line_end and ent.end_char > line_start) or any(
                start <= ent.start_char < end for start, end in wires
            ):
                continue  # the dateline itself is when the story was filed, not the release
            if any(start <= ent.start_char < end for start, end in captions):
                shaped.add("date.not-from-captions")
                continue
            head = ent.root.head
            if ent.root.dep_ in ("nmod", "compound", "amod") and head.pos_ in ("NOUN", "PROPN") and not (
                is_release_token(head) or head.ent_type_ in ("DATE", "TIME") or head.lemma_.lower() in cues.TIME_OF_DAY_NOUNS
            ):
                shaped.add("date.not-a-noun-modifier")  # "the July 15, 2014 protest": the date of something else
                continue
            phrase, how = ent.text, None
            if _bounds_a_span(ent):
                shaped.add("date.not-a-span-boundary")  # "held since 2 March", "from April 18 to the present"
                continue
            if _span_of_days(ent):
                shaped.add("date.not-a-span-of-days")  # "on Wednesday and Thursday": no one day
                continue
            joined = _DATE_AFTER_WEEKDAY.match(a.text, ent.end_char) if _WEEKDAY_ONLY.fullmatch(phrase.strip()) else None
            if joined:
                # "on Sunday, 12 January": the NER model splits the weekday from the date
                phrase, how = phrase + joined.group(0), "date.weekday-with-its-date"
            resolved = resolve_date(phrase, dateline, year)
            if how is None and _RELATIVE_DAY.search(phrase):
                how = "date.relative-day"  # "freed the poet today", "late last night"
            elif how is None and ent.label_ == "TIME" and _WEEKDAY_IN.search(phrase):
                how = "date.weekday-time-of-day"  # "walked out late on Monday night"
            if resolved is None or (dateline is not None and resolved > dateline):
                continue
            verb = _release_head(ent.root)
            if verb is not None and verb.pos_ in ("VERB", "AUX") and release_mood(verb) != "done":
                shaped.add("date.not-of-a-future-release")  # "will start releasing 651 prisoners on Friday"
                continue
            if _dates_another_noun(ent.root):
                shaped.add("date.of-another-event-noun")  # "after a court ruling on Friday", "a visit on Tuesday"
                continue
            hangs = _dates_release(ent.root)
            if hangs == "release":
                attached.append((resolved, sentence.index, how))
            elif hangs == "own-verb":
                shaped.add("date.own-verb")  # "reporters held since May 4 were freed": the holding's date
                loose.append((resolved, sentence.index, how))
            elif _dates_decision(ent.root):
                decisions.append((resolved, sentence.index, how))  # "on Wednesday signed a decree pardoning 154"
            elif not _dates_speech(ent.root):
                loose.append((resolved, sentence.index, how))  # "said on Tuesday" dates the statement only
            elif _ends_reported_release(ent):
                attached.append((resolved, sentence.index, how))
                shaped.add("date.end-of-the-reported-clause")
    # A date on the release verb ("was freed on Monday") beats one merely in a release sentence;
    # the lead sentence, which states the event, weighs more than any later one.
    if attached and decisions:
        shaped.add("date.release-over-decision")  # the day they walked out, not the day it was signed
    else:
        loose = decisions + loose
    lead = lead_index(a)
    scored = [(2.0 + 1.5 * (i == lead), -order, d, i, how) for order, (d, i, how) in enumerate(attached)]
    scored += [(1.0 + 1.5 * (i == lead), -order - len(attached), d, i, how) for order, (d, i, how) in enumerate(loose)]
    if not scored:
        return None, None, []
    best = max(scored, key=lambda c: (c[0], c[1]))
    if best[4]:
        shaped.add(best[4])
    return best[2], best[3], sorted(shaped)


# A numeric date whose day and month could be swapped: "03/10/2025".
_AMBIGUOUS_NUMERIC = re.compile(r"(?:0?[1-9]|1[0-2])[./](?:0?[1-9]|1[0-2])[./](?:19|20)\d\d")
_RELATIVE_DAY = re.compile(r"\b(?:today|yesterday|tonight|this morning|last night)\b", re.IGNORECASE)
# A weekday inside a time of day: "Monday night", "early on Friday morning" (rule date.weekday-time-of-day)
_WEEKDAY_IN = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
_WEEKDAY_ONLY = re.compile(r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)", re.IGNORECASE)
_MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# "Sunday, 12 January", "Sunday, January 12" (rule date.weekday-with-its-date)
_DATE_AFTER_WEEKDAY = re.compile(rf",?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_WORD}|{_MONTH_WORD}\s+\d{{1,2}}\b)", re.IGNORECASE)


def _time_phrases(a: Analysis, sentence: Any) -> list[Any]:
    """The time phrases of a sentence: DATE entities, TIME entities naming a relative day ("late
    last night", "earlier today"), and relative days the NER model left untagged ("freed the poet
    today", "released him this morning"; rule date.relative-day)."""
    out = [e.span for e in a.ents_in(sentence.index)
           if e.label == "DATE" or (e.label == "TIME" and (_RELATIVE_DAY.search(e.span.text) or _WEEKDAY_IN.search(e.span.text)))]
    covered = {t.i for span in out for t in span}
    for token in sentence.span:
        if token.i in covered or token.ent_type_ in ("DATE", "TIME"):
            continue
        if token.lower_ in cues.RELATIVE_DAY_WORDS:
            out.append(token.doc[token.i : token.i + 1])
        elif token.lower_ in cues.PART_OF_DAY_WORDS:
            first = next((c for c in token.children if c.dep_ in ("det", "amod") and c.lower_ in ("this", "last")), None)
            if first is not None and first.i == token.i - 1:
                out.append(token.doc[first.i : token.i + 1])
    return out


def _ends_reported_release(ent: Any) -> bool:
    """A time phrase the parser hung off the verb of speech that follows the release it ends:
    "freed the poet yesterday, her lawyer said" (rule date.end-of-the-reported-clause)."""
    speech = ent.root.head
    clause = next((c for c in speech.children if c.dep_ == "ccomp" and c.i < ent.start), None)
    if clause is None or not (is_release_token(clause) or any(is_release_token(t) for t in clause.children if t.dep_ == "conj")):
        return False
    between = ent.doc[clause.right_edge.i + 1 : ent.start]
    return all(not t.is_punct for t in between) and ent.end < len(ent.doc) and ent.doc[ent.end].is_punct


def _bounds_a_span(ent: Any) -> bool:
    """The time phrase opens or closes a stretch of time ("held since 2 March", "the events from
    April 18, 2018, to the present day", "detained until May"), never the day of one event (rule
    date.not-a-span-boundary)."""
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    words = {t.lower_ for t in ent} | ({before.lower_} if before is not None else set())
    head = ent.root.head
    governed = {head.lower_} if ent.root.dep_ == "pobj" else set()
    return bool((words | governed) & cues.SPAN_BOUNDARY_WORDS) or (
        "from" in words | governed and any(t.lower_ in cues.SPAN_CLOSERS for t in doc[ent.end : ent.end + 2]))


def _span_of_days(ent: Any) -> bool:
    """Two days joined as one time: "walked out on Wednesday and Thursday", "between Monday and
    Tuesday" (rule date.not-a-span-of-days): the release has no single day."""
    root = ent.root
    if root.dep_ == "conj" and root.head.ent_type_ == "DATE":
        return True
    return any(c.dep_ == "conj" and c.ent_type_ == "DATE" for c in root.children)


def _dates_decision(token: Token) -> bool:
    """The date phrase hangs off a verb of decision with an object ("on Wednesday signed a decree
    pardoning 154", "issued an order on Monday"): the decision's day, not the release's."""
    node = token
    for _ in range(3):
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            objects = [c for c in node.children if c.dep_ == "dobj"]
            if node.lemma_.lower() not in cues.RELEASE_ORDER_VERBS or not objects:
                return False
            # not when the sentence also tells the walk-out outside the decree ("signed a decree on
            # Tuesday ..., and the first walked out the same evening")
            inside = {t.i for o in objects for t in o.subtree}
            sentence = token.sent
            return not any(t.i not in inside and t.pos_ == "VERB" and t.i != node.i
                           and not (t.head.i == node.i and t.tag_ == "VBG")  # "signed a decree pardoning 154"
                           for t in done_releases(sentence))
        if node.head == node:
            return False
    return False


def _dates_speech(token: Token) -> bool:
    """The date phrase hangs directly off a verb of speaking: "..., the ministry said on Tuesday"."""
    node = token.head
    if node.lower_ in ("on", "at", "in") and node.head != node:
        node = node.head
    return node.lemma_.lower() in cues.SPEECH_VERBS


def _release_head(token: Token) -> Token | None:
    """The release word a date phrase hangs off (through prepositions and nouns), if any."""
    node = token
    for _ in range(4):
        node = node.head
        if is_release_token(node):
            return node
        if node.pos_ in ("VERB", "AUX") or node.head == node:
            return None
    return None


def _dates_another_noun(token: Token) -> bool:
    """The date phrase is the "on"/"in"/"at" phrase of a noun that is itself inside a prepositional
    phrase and names something else than the release or a person: "freed after a court ruling on
    Friday", "on the eve of a visit on Tuesday", "a day after his birthday on Sunday" date the
    ruling, the visit, the birthday (rule date.of-another-event-noun)."""
    prep = token.head
    if token.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in ("on", "in", "at"):
        return False
    noun = prep.head
    if noun.pos_ != "NOUN" or noun.dep_ != "pobj" or is_release_token(noun) or noun.ent_type_ in ("DATE", "TIME"):
        return False
    lemma = noun.lemma_.lower()
    return not (lemma in cues.DETAINEE_NOUNS or lemma in cues.PERSON_ROLE_NOUNS or lemma in cues.TIME_NOUNS
                or lemma in cues.TIME_OF_DAY_NOUNS or lemma in cues.RELEASE_NOUNS)


def _dates_release(token: Token) -> str | None:
    """ "release" when the date phrase hangs off a release word before any verb of speaking;
    "own-verb" when it hangs off a participle or relative clause first ("reporters held since May
    4 were freed"), else None."""
    node = token
    for _ in range(6):
        node = node.head
        if is_release_token(node) and not in_earlier_clause(node):
            return "release"
        if node.lemma_.lower() in cues.SPEECH_VERBS or node.head == node:
            return None
        if node.pos_ == "VERB" and node.dep_ in ("acl", "relcl"):
            return "own-verb"
    return None


def _quid_pro_quo(
    a: Analysis, country: str | None = None, people: list[PersonFinding] | None = None
) -> tuple[str | None, int | None, list[str]]:
    """What the other side handed over, its sentence and the ids of the rules that found it.

    `country`: the releasing country; in an exchange, the other side's release is what it got
    (`people`: the named persons, never a side)."""
    candidates: list[tuple[float, int, str, str]] = []
    for sentence in a.sents:
        span = sentence.span
        lower = a.lower(sentence)
        related = bool(done_releases(span)) or has_phrase(lower, cues.EXCHANGE_PHRASES)
        if any(
            t.lemma_.lower() in ("demand", "call", "seek", "urge", "offer", "propose")
            and not any(x.dep_ == "relcl" for x in (t, *t.ancestors))
            for t in span
        ):
            continue  # a demand or offer is not what was received (one in a relative clause does not count)
        if has_phrase(lower, cues.DENIAL_PHRASES):
            continue  # "..., but both governments denied any link"
        if lower.startswith(("in return,", "in exchange,", "in return ", "in exchange ")) and " for " not in lower[:20]:
            # "In return, X granted clemency to five ...": the main clause's object is the exchange
            main = span.root
            if main.lemma_.lower() in cues.SPEECH_VERBS:  # "In return X agreed to ..., the official said."
                main = next((c for c in main.children if c.dep_ in ("ccomp", "parataxis")), main)
            objects = [c for c in main.children if c.dep_ == "dobj"]
            if objects and _hands_over(main) and _freed_people(objects[0]) and not _anaphor(objects[0]):
                # "In return, Ruritania freed 30 prisoners": the other side's release, told as the
                # gold tells it ("release of 30 prisoners"; rule exchange.active-counter-release)
                candidates.append((2.0, sentence.index, "release of " + _person_np(objects[0]), "exchange.active-counter-release"))
                objects = []
            if not objects and main.lemma_.lower() in ("agree", "consent", "commit"):
                # "In return, the Treasury agreed to a six-month extension of a licence ..."
                objects = [g for c in main.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children
                           if g.dep_ == "pobj"]
            promised = [c for c in main.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
            if not objects and promised:
                # "In return, Ruritania agreed to unfreeze assets ...": what was promised
                words = [t for t in a.doc[promised[0].i : promised[0].right_edge.i + 1] if not t.is_space]
                while words and words[-1].is_punct:
                    words = words[:-1]
                if words:
                    candidates.append((2.0, sentence.index, str(a.doc[words[0].i : words[-1].i + 1].text), _QPQ_RULE))
            if objects:
                # "In return, Britain dropped its objection to ...": what was given up is the act, not
                # the object ("dropped its objection to a trade accord", never "objection to ...")
                first = main.i if main.lemma_.lower() in cues.WITHDRAWAL_VERBS and main.i < objects[0].i else objects[0].left_edge.i
                words = [t for t in a.doc[first : span.end] if not t.is_space]
                while words and (words[-1].is_punct or words[-1].dep_ in ("det", "predet")):
                    words = words[:-1]
                while words and (words[0].dep_ in ("det", "predet") or words[0].tag_ == "PRP$"):
                    words = words[1:]
                if words:
                    candidates.append((2.0, sentence.index, str(a.doc[words[0].i : words[-1].i + 1].text), _QPQ_RULE))
        candidates.extend((2.0, sentence.index, text, _QPQ_RULE) for text in _passive_counter_release(span))
        candidates.extend((2.0, sentence.index, text, "exchange.received-in-exchange") for text in _received_in_exchange(span))
        candidates.extend((1.5 if rule == "exchange.release-for-release" else 2.0, sentence.index, text, rule)
                          for text, rule in _counter_releases(span))
        candidates.extend((2.0 if related else 1.5, sentence.index, text, "exchange.funds-unfrozen") for text in _unfrozen_funds(span))
        # after the exchange's own words, which win a tie in one sentence
        candidates.extend((2.0 if related else 1.5, sentence.index, text, "exchange.paid-to-releasing-side")
                          for text in _paid_to_side(span, country))
        in_deal = has_phrase(lower, cues.DEAL_PHRASES)
        for token in span:
            lemma = token.lemma_.lower()
            text: str | None = None
            if lemma in cues.DEAL_ALSO_VERBS and token.dep_ == "relcl" and token.head.lemma_.lower() in cues.DEAL_NOUNS and any(
                c.lower_ == "also" for c in token.children
            ):
                # "a deal that also saw Ruritania release two of its prisoners", "... that also lets
                # Ruritania reach $2 billion of frozen funds": the counter-move
                words = [t for t in a.doc[token.i + 1 : token.right_edge.i + 1] if not t.is_space]
                while words and words[-1].is_punct:
                    words = words[:-1]
                if words:
                    rule = _QPQ_RULE if lemma == "see" else "exchange.deal-also-lets"
                    candidates.append((2.0, sentence.index, str(a.doc[words[0].i : words[-1].i + 1].text), rule))
            if in_deal and lemma in cues.GAIN_VERBS and token.pos_ == "VERB":
                # "the rebels obtained the freeing of ten comrades under the deal"
                gained = [c for c in token.children if c.dep_ == "dobj"]
                if gained:
                    candidates.append((1.5, sentence.index, " ".join(_cut_np(gained[0]).split()), _QPQ_RULE))
            if token.lower_ in cues.SANCTION_NOUNS and any(t.lemma_.lower() in cues.RESTRICTION_NOUNS for t in token.subtree) and not any(
                t.lower_ == "travel" for t in token.subtree
            ):
                text = _cut_np(token)
            elif lemma in cues.SANCTION_VERBS and token.pos_ == "VERB" and not is_negated(token) and not _unreal_lift(token):
                objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in cues.RESTRICTION_NOUNS]
                noun = {"lift": "lifting", "ease": "easing", "repeal": "repeal", "remove": "removal"}.get(lemma, "lifting")
                if objects:
                    text = f"{noun} of {_cut_np(objects[0], keep_det=False)}"
                else:
                    # "would remove Minsk Tractor Works from its sanctions list": the object and the list
                    target = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
                    source = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "from"
                              and any(t.lemma_.lower() == "sanction" for t in c.subtree)]
                    if target and source:
                        words = [t for t in a.doc[target[0].left_edge.i : source[0].right_edge.i + 1] if not t.is_space]
                        while words and words[0].dep_ in ("det", "predet"):
                            words = words[1:]
                        if words:
                            text = f"{noun} of " + str(a.doc[words[0].i : words[-1].i + 1].text)
            elif token.lower_ == "for" and token.head.lower_ in ("exchange", "return", "swap") and _gerund_release(token) is None:
                objects = [c for c in token.children if c.dep_ == "pobj"]
                if objects and _freed_people(objects[0]):
                    continue  # "in exchange for four Russians", "for the four": `_counter_releases`
                if objects and is_release_token(objects[0]) and not _release_of_something(objects[0]):
                    continue
                if objects and _act_for_release(objects[0]):
                    continue  # "agreed to X in return for the release of prisoners": `_counter_releases`
                if objects:
                    text = _cut_np(objects[0])
            if text and text.strip():
                weight = (2.0 if related else 1.0) * (0.5 if is_headline(a, sentence.index) else 1.0)
                candidates.append((weight, sentence.index, " ".join(text.split()), _QPQ_RULE))
    named = {i for p in people or [] for m in p.mentions for i in range(m.start, m.end)}
    candidates.extend(_other_side_releases(a, country, named))  # last: a tie in one sentence goes to the exchange's own words
    if not _is_deal(a):
        # no exchange, deal or return named anywhere: only a lifting of sanctions (a lever one
        # state holds over another) was got for the release (rule exchange.no-deal-no-quid)
        candidates = [c for c in candidates if "sanction" in c[2].lower()]
    if not candidates:
        return None, None, []
    best = max(candidates, key=lambda c: (c[0], -c[1]))
    return best[2], best[1], list(dict.fromkeys([_QPQ_RULE, best[3]]))


_QPQ_RULE = "exchange.in-return-or-deal"


def _hands_back(verb: Token) -> bool:
    """ "Ukraine handed back 248 Russians", "gave back two pilots": a return of held people."""
    return verb.lemma_.lower() in ("hand", "give", "send", "return") and any(
        c.dep_ in ("prt", "advmod") and c.lower_ in ("back", "over") for c in verb.children
    )


def _hands_over(verb: Token) -> bool:
    """A release or a handing back of held people: "freed", "handed back", "returned", "repatriated"."""
    return is_release_token(verb) or _hands_back(verb) or verb.lemma_.lower() in cues.HANDOVER_VERBS


def _remains(noun: Token) -> bool:
    """The dead handed back: "the bodies of 40 soldiers", "the remains of two pilots"."""
    return noun.lemma_.lower() in cues.REMAINS_NOUNS or noun.lower_ in cues.REMAINS_NOUNS


_FUNDS_ACCESS = frozenset({"access", "release", "transfer", "return", "unfreezing"})


def _unfrozen_funds(span: Any) -> list[str]:
    """Held money freed for the releasing side (rule exchange.funds-unfrozen): "unfroze $2 billion in
    assets" -> "unfreezing of $2 billion in assets"; "access to $6 billion in frozen funds", "the
    release of assets frozen in European banks" -> that noun phrase. A negated or wished freeing is
    not one."""
    out: list[str] = []
    for token in span:
        lemma = token.lemma_.lower()
        if lemma in cues.UNFREEZE_VERBS and token.pos_ == "VERB" and not is_negated(token) and not _unreal_lift(token):
            objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
            if objects:
                out.append("unfreezing of " + _cut_np(objects[0]))
            continue
        if not (lemma in cues.FUNDS_NOUNS and token.pos_ == "NOUN"):
            continue
        if not any(c.lower_ in cues.FROZEN_WORDS and c.dep_ in ("amod", "acl") for c in token.children):
            continue
        node = token
        for _ in range(3):  # "$6 billion in frozen funds", "access to $6 billion in ..."
            if node.lemma_.lower() in _FUNDS_ACCESS:
                break  # "the release of assets frozen abroad", not "return for the release of ..."
            if node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.head.pos_ in ("NOUN", "NUM", "SYM", "PROPN"):
                node = node.head.head
            else:
                break
        access = [c for c in node.head.head.children if c.dep_ == "dobj" and c.lemma_.lower() in _FUNDS_ACCESS] if (
            node.dep_ == "pobj" and node.head.head.pos_ == "VERB") else []
        if node.lemma_.lower() in _FUNDS_ACCESS or is_release_token(node):
            out.append(_cut_np(node))
        elif access:  # "gave Iran access to $6 billion in frozen funds" (the "to" on the verb)
            out.append(f"{access[0].text} {node.head.text} {_cut_np(node)}")
        elif node.dep_ in ("dobj", "nsubjpass") and _hands_over(node.head) and not is_negated(node.head):
            out.append("release of " + _cut_np(node))  # "transferred $6 billion in frozen funds"
    return out


def _freed_people(noun: Token) -> bool:
    """The noun names people (a person, "prisoners", "four Russians", "the four", "them")."""
    if noun.ent_type_ == "PERSON" or noun.pos_ == "PRON" or noun.like_num:
        return True
    if noun.lemma_.lower() in cues.DETAINEE_NOUNS or noun.ent_type_ == "NORP" or noun.lemma_.lower() in cues.PERSON_ROLE_NOUNS:
        return True
    # "singer Dan Pavel", "Ion Crudu, the smuggler" (a name the NER model missed, told by its apposition)
    return any(
        c.dep_ in ("compound", "appos") and (c.ent_type_ == "PERSON" or (c.dep_ == "appos" and c.pos_ == "NOUN" and (
            noun.pos_ == "PROPN" or c.lemma_.lower() in cues.DETAINEE_NOUNS or c.lemma_.lower() in cues.PERSON_ROLE_NOUNS)))
        for c in noun.children
    )


def _person_np(noun: Token) -> str:
    """The noun with the words before it ("arms dealer Viktor Bout", "120 Palestinian prisoners"),
    without a determiner or anything after it (a clause, an apposition, "convicted of ...")."""
    end = noun.i
    for c in noun.children:  # "the businessman Marco Salas": a name in apposition right after the noun
        if c.dep_ == "appos" and c.left_edge.i == noun.i + 1 and c.pos_ == "PROPN":
            end = c.i
    words = [t for t in noun.doc[noun.left_edge.i : noun.i + 1] if not t.is_space and not t.is_punct]
    while words and (words[0].dep_ in ("det", "predet", "poss", "case") or words[0].tag_ == "PRP$"):
        words = words[1:]
    return str(noun.doc[words[0].i : end + 1].text) if words else str(noun.doc[noun.i : end + 1].text)


def _anaphor(noun: Token) -> bool:
    """ "the four", "them", "the two": people told before, not named here."""
    return noun.pos_ == "PRON" or (noun.like_num and not any(c.dep_ in ("compound", "amod") for c in noun.children))


def _act_for_release(noun: Token) -> bool:
    """ "in return for the release of prisoners": the release is the article's; what is given for
    it is the act the phrase hangs on."""
    return is_release_token(noun) and noun.pos_ == "NOUN" and not _release_of_something_not_people(noun)


def _release_of_something_not_people(noun: Token) -> bool:
    return any(
        c.dep_ == "prep" and c.lower_ == "of" and any(g.pos_ in ("NOUN", "PROPN") and not _freed_people(g) for g in c.children)
        for c in noun.children
    )


def _counter_releases(span: Any) -> list[tuple[str, str]]:
    """What the other side handed over in an exchange, read from the exchange's own words:

    - `exchange.counter-release-of-person`: "traded by Russia for Viktor Bout", "freed a Belgian in
      return for an Iranian diplomat" -> "release of Viktor Bout", "release of Iranian diplomat";
    - `exchange.main-release-for-anaphor`: "In exchange for the four, B released 120 prisoners"
      (the "for" object points back at the article's freed) -> "release of 120 prisoners";
    - `exchange.active-counter-release`: "The United States in return released Y" -> "release of Y";
    - `exchange.act-for-release`: "agreed to take X off a blacklist in return for the release of
      prisoners" -> "take X off a blacklist"."""
    out: list[tuple[str, str]] = []
    for prep in span:
        if prep.lower_ == "in" and prep.dep_ == "prep" and any(
            c.dep_ == "pobj" and c.lower_ in ("return", "exchange") and not list(c.children) and not _for_follows(c)
            for c in prep.children
        ):  # the idiom only: "in return for ..." and "in that exchange" are not it
            verb = prep.head.head if prep.head.dep_ in ("nsubj", "nsubjpass") else prep.head
            objects = [c for c in verb.children if c.dep_ == "dobj" and (_freed_people(c) or _remains(c))
                       and (is_release_token(verb) or not _anaphor(c))]  # "gave nothing in return"
            if objects and verb.pos_ == "VERB" and _hands_over(verb) and not is_negated(verb):
                if _remains(objects[0]):  # "handed over the bodies of 40 soldiers in return"
                    out.append(("return of " + _cut_np(objects[0]), "exchange.remains-returned"))
                else:
                    out.append(("release of " + _person_np(objects[0]), "exchange.active-counter-release"))
            continue
        gerund = _gerund_release(prep)
        if gerund is not None:
            # "in exchange for the US freeing one of its figures", however the parse hangs the clause
            released = [gerund]
        elif prep.lower_ != "for" or prep.head.lemma_.lower() not in cues.TRADE_WORDS:
            continue
        else:
            released = [c for c in prep.children if c.dep_ == "pcomp" and is_release_token(c) and not is_negated(c)]
        freed = [c for r in released for c in r.children if c.dep_ == "dobj" and _freed_people(c)
                 and (not _anaphor(c) or _partitive(c))]
        if freed:  # "in return for the United States releasing a senior Taliban figure"
            out.append(("release of " + (_partitive(freed[0]) or _person_np(freed[0])), "exchange.counter-release-of-person"))
            continue
        if gerund is not None and prep.dep_ == "mark":
            continue
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if not objects:
            continue
        obj = objects[0]
        trade = prep.head
        if trade.pos_ in ("VERB", "AUX") and (is_negated(trade) or (not any(
            c.dep_ in ("nsubj", "nsubjpass") and _freed_people(c) and c.lemma_.lower() not in ("nothing", "none", "no one")
            for c in trade.children
        ) and not (trade.dep_ == "acl" and _freed_people(trade.head)))):
            # "nothing was traded for him": no exchange; "X was traded for Y" needs the freed X (or
            # the participle on them: "the prisoners traded for Y")
            continue
        if _act_for_release(obj):
            phrase = prep.head.head if prep.head.dep_ == "pobj" else prep  # "in return for" or "for"
            act = phrase.head
            counter = [g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                       if g.dep_ == "pobj" and _freed_people(g) and not _anaphor(g) and g.pos_ != "PRON"]
            if counter and act.pos_ == "VERB" and is_release_token(act) and not is_negated(act) and not any(
                x.dep_ in ("relcl", "acl") for x in (act, *act.ancestors)
            ):
                # "Peru freed five fishermen in return for the release of three sailors": the other
                # side's release, named, is what was got (not one told in a relative clause: "a
                # deal under which X were freed for the release of Y" is background)
                out.append(("release of " + _person_np(counter[0]), "exchange.release-for-release"))
                continue
            if act.pos_ == "VERB" and not is_release_token(act) and not is_negated(act) and not any(
                c.lower_ in ("nothing", "none", "anything") for c in act.children
            ):  # "France had given nothing in return for the release": no exchange
                # "agreed to X in return for ...", or "In return for the releases, B transferred X"
                start, stop = (act.i, phrase.i) if act.i < phrase.i else (act.i, act.right_edge.i + 1)
                words = [t for t in span.doc[start:stop] if not t.is_space]
                while words and (words[-1].is_punct or words[-1].dep_ in ("cc", "advmod")):
                    words = words[:-1]
                if len(words) > 1:
                    out.append((str(span.doc[words[0].i : words[-1].i + 1].text), "exchange.act-for-release"))
            continue
        if not _freed_people(obj) and not (obj.pos_ == "PROPN" and not obj.ent_type_ and any(
            c.dep_ == "compound" and c.pos_ == "PROPN" for c in obj.children
        )):  # a two-word name the NER model missed: "traded for the pro-Russian Viktor Medvedchuk"
            continue
        if _anaphor(obj):
            main = span.root
            freed = [c for c in main.children if c.dep_ in ("dobj", "nsubjpass") and _freed_people(c) and not _anaphor(c)]
            if is_release_token(main) and freed:
                out.append(("release of " + _person_np(freed[0]), "exchange.main-release-for-anaphor"))
            continue
        out.append(("release of " + _person_np(obj), "exchange.counter-release-of-person"))
    return out


def _for_follows(noun: Token) -> bool:
    """ "in exchange for ...", "in return for ...": the word after "in" is followed by "for", whatever
    the parse made of that "for" (a preposition or the marker of a clause)."""
    doc = noun.doc
    return (noun.lower_ in ("exchange", "return") and 0 < noun.i < len(doc) - 1 and doc[noun.i - 1].lower_ == "in"
            and doc[noun.i + 1].lower_ == "for")


def _gerund_release(word: Token) -> Token | None:
    """The release verb of an "in exchange for"/"in return for" clause ("in exchange for the US
    freeing X"), found after the "for" (`word`) within the clause whatever the parse made of it."""
    if word.lower_ != "for" or word.i == 0 or not _for_follows(word.doc[word.i - 1]):
        return None
    for t in word.doc[word.i + 1 : min(word.i + 8, len(word.doc))]:
        if t.is_punct or t.lower_ in ("and", "but", "while"):
            return None
        if t.tag_ == "VBG" and is_release_token(t):
            return None if is_negated(t) else t
    return None


def _partitive(noun: Token) -> str | None:
    """ "one of the Taliban's senior figures", "two of its soldiers": a number with its "of" group,
    written out (a bare number points back at people told before; this one names them)."""
    if not noun.like_num:
        return None
    groups = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    if not groups or groups[0].pos_ == "PRON":
        return None
    words = [t for t in noun.doc[noun.i : groups[0].i + 1] if not t.is_space]
    return str(noun.doc[words[0].i : words[-1].i + 1].text)


def _unreal_lift(verb: Token) -> bool:
    """ "whether the kingdom will lift the ban", "weeks before the kingdom lifted its ban": a
    lifting only supposed or earlier is not what was given for the release; nor is a travel ban
    on the freed person."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if any(c.lower_ == "travel" for o in objects for c in o.children if c.dep_ in ("compound", "amod")):
        return True
    markers = {c.lower_ for c in verb.children if c.dep_ in ("aux", "mark")}
    if verb.dep_ in ("acl", "xcomp") and verb.head.dep_ in ("dobj", "nsubjpass") and verb.head.head.lemma_.lower() in cues.REVERSAL_VERBS:
        return True  # "Trump undid a promise to ease sanctions": the lifting was taken back
    if markers & cues.HYPOTHETICAL_MARKERS:
        return True  # "would lift" is a promise: kept
    return in_earlier_clause(verb) and not _release_came_after(verb)


def _release_came_after(verb: Token) -> bool:
    """ "X freed Y after Z agreed to lift sanctions": the clause opened by "after" hangs off a
    release, so what it tells was given first, for the release (not an earlier, unrelated event)."""
    node = verb
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ == "after" for c in node.children):
            return node.dep_ == "advcl" and is_release_token(node.head)
        if node.head == node or node.dep_ not in ("conj", "xcomp", "ccomp"):
            return False
        node = node.head
    return False


def _is_deal(a: Analysis) -> bool:
    """The article names a deal, an exchange or something given in return ("under the
    agreement", "in exchange", "a swap")."""
    return any(t.lemma_.lower() in cues.DEAL_NOUNS for t in a.doc) or has_phrase(a.text.lower(), ("in return", "in exchange"))


def _is_exchange(a: Analysis) -> bool:
    """Both sides free people: a swap or exchange is named ("prisoner swap", "exchanged 150 each"),
    or something is done "in return"."""
    return any(t.lemma_.lower() in cues.SWAP_WORDS for t in a.doc) or has_phrase(a.text.lower(), cues.EXCHANGE_PHRASES)


def _side_of(token: Token) -> str | None:
    """The country a performer of a release stands for ("Iran", "Moscow", "Ukrainian forces")."""
    for t in (token, *(c for c in token.children if c.dep_ in ("compound", "amod", "poss"))):
        found = country_of(t.text)
        if found:
            return found
    return None


def _freed_group(noun: Token) -> str:
    """The freed people as written, with their coordinated parts: "13 Israelis and four
    foreigners", "British-Australian academic Kylie Moore-Gilbert"."""
    words = [t for t in noun.doc[noun.left_edge.i : max([noun.i, *(c.i for c in noun.conjuncts)]) + 1]
             if not t.is_space]
    while words and (words[0].dep_ in ("det", "predet", "poss", "case") or words[0].tag_ == "PRP$" or words[0].is_punct):
        words = words[1:]
    while words and (words[-1].is_punct or words[-1].dep_ == "cc"):
        words = words[:-1]
    return str(noun.doc[words[0].i : words[-1].i + 1].text) if words else str(noun.text)


def _other_side_releases(a: Analysis, country: str | None, named: set[int]) -> list[tuple[float, int, str, str]]:
    """In an exchange, a release done by the other side is what the releasing side got (issue 15
    item 8; rule exchange.other-side-release): its performer is another state or group ("Hamas
    freed 13 Israelis", "after Iran freed X"), or the freed are the releasing country's own people
    ("150 Russian servicemen were returned") or were handed over to it ("12 captives were handed
    over to Azerbaijan"). Told as "release of" the freed; a headline weighs half, as elsewhere.
    A named person is no side (`named`: token indices of person mentions)."""
    if country is None or not _is_exchange(a):
        return []
    out: list[tuple[float, int, str, str]] = []
    for sentence in a.sents:
        # people "were returned" in a swap were handed back, as much as released
        returned = [t for t in sentence.span if t.lemma_.lower() == "return" and t.pos_ == "VERB" and not is_negated(t)
                    and any(c.dep_ == "auxpass" for c in t.children)]
        for verb in done_releases(sentence.span) + returned:
            if verb.pos_ != "VERB" or release_mood(verb) != "done":
                continue
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
            freed = [c for c in verb.children if c.dep_ == ("nsubjpass" if passive else "dobj")]
            freed = [f for f in freed if _freed_people(f) and not _anaphor(f)]
            if not freed:
                continue
            performers = (
                [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
                if passive else [c for c in verb.children if c.dep_ == "nsubj"]
            )
            sides = {_side_of(x) for p in performers for x in (p, *p.conjuncts)}
            if country in sides:
                continue  # the releasing country's own release, or a mutual one ("X and Y each freed")
            other = any(
                side is not None or (p.pos_ == "PROPN" and p.ent_type_ in ("ORG", "NORP", "GPE") and p.i not in named)
                for p, side in ((p, _side_of(p)) for p in performers)
            )
            own_people = country in _demonyms(freed[0])
            handed_to = any(
                c.dep_ == "prep" and c.lower_ in ("to", "into") and any(country_of(g.text) == country for g in c.children if g.dep_ == "pobj")
                for c in verb.children
            )
            if other or own_people or handed_to:
                weight = 1.0 if is_headline(a, sentence.index) else 2.0
                out.append((weight, sentence.index, "release of " + _freed_group(freed[0]), "exchange.other-side-release"))
        out.extend(_other_side_release_nouns(a, sentence, country, named))
    return out


def _other_side_release_nouns(a: Analysis, sentence: Any, country: str, named: set[int]) -> list[tuple[float, int, str, str]]:
    """The other side's release told as a noun with its performer as possessive or "by" phrase:
    "after Iran's release of X", "the release by Hamas of 13 Israelis" (rule
    exchange.other-side-release-noun). Not one in a demand or an offer ("urged Iran's release of X")."""
    out: list[tuple[float, int, str, str]] = []
    if any(t.lemma_.lower() in cues.RELEASE_REQUEST_VERBS for t in sentence.span):
        return out
    for noun in sentence.span:
        if noun.pos_ != "NOUN" or not is_release_token(noun) or any(c.dep_ == "neg" or c.lower_ == "no" for c in noun.children):
            continue
        performers = [c for c in noun.children if c.dep_ == "poss"]
        performers += [g for c in noun.children if c.dep_ in ("prep", "agent") and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]
        freed = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                 if g.dep_ == "pobj" and _freed_people(g) and not _anaphor(g)]
        sides = {_side_of(p) for p in performers if p.i not in named}
        if freed and sides and None not in sides and country not in sides:
            weight = 1.0 if is_headline(a, sentence.index) else 2.0
            out.append((weight, sentence.index, "release of " + _freed_group(freed[0]), "exchange.other-side-release-noun"))
    return out


def _paid_to_side(span: Any, country: str | None) -> list[str]:
    """What was handed to the releasing side (rule exchange.paid-to-releasing-side): a verb of handing
    over whose receiver, as indirect object or "to" phrase, is the releasing country ("the UK paid off
    a debt to Iran", "agreed to pay Iran 390 million pounds"), or a pronoun when the verb is a relative
    clause on a deal noun ("a deal that brought them the bodies of two soldiers": what was handed, alone).
    People handed over are other rules' work; a courtesy or a cost ("paid a visit to Iran") is no payment."""
    out: list[str] = []
    if country is None:
        return out
    for verb in span:
        if verb.lemma_.lower() not in cues.PAYMENT_VERBS or verb.pos_ != "VERB" or is_negated(verb):
            continue
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN", "NUM")
                   and c.lemma_.lower() not in cues.COURTESY_NOUNS and not _freed_people(c)]
        receivers = [c for c in verb.children if c.dep_ == "dative" and c.lower_ != "to"]
        receivers += [g for c in verb.children if c.dep_ in ("prep", "dative") and c.lower_ == "to"
                      for g in c.children if g.dep_ == "pobj"]  # "to" is a preposition or, for the parser, a dative
        if not objects or not receivers:
            continue
        named = any(country_of((ent_span(r) or r).text) == country for r in receivers)
        in_deal = verb.dep_ == "relcl" and verb.head.lemma_.lower() in cues.DEAL_NOUNS and any(
            r.pos_ == "PRON" and r.lower_ in ("them", "it", "him", "her", "us") for r in receivers
        )
        if not (named or in_deal):
            continue
        first = objects[0].left_edge.i if in_deal else verb.i
        last = max(t.right_edge.i for t in objects + receivers)
        words = []
        for t in span.doc[first : last + 1]:
            if t.i > objects[0].i and t.text in (",", "(", ";", "-", "—"):
                break
            words.append(t)
        while words and (words[-1].is_punct or words[-1].is_space):
            words = words[:-1]
        while words and words[0].dep_ in ("det", "predet") and in_deal:
            words = words[1:]
        if words:
            out.append(str(span.doc[words[0].i : words[-1].i + 1].text))
    return out


def _given_to_side(verb: Token) -> bool:
    """ "Russia was handed in return A and B": a passive verb of handing over whose subject is a
    state or group, the receiver, as much as "Russia received" (rule exchange.received-in-exchange)."""
    return verb.lemma_.lower() in cues.HANDOVER_VERBS and any(c.dep_ == "auxpass" for c in verb.children) and any(
        c.dep_ == "nsubjpass" and (c.ent_type_ in ("GPE", "ORG", "NORP") or country_of(c.text)) for c in verb.children
    )


def _received_in_exchange(span: Any) -> list[str]:
    """ "Russia received in exchange A, B and C", "Russia was handed in return A, B and C": the other
    side's freed people are the quid pro quo ("release of A, B and C")."""
    out: list[str] = []
    for verb in span:
        if verb.pos_ != "VERB" or not (verb.lemma_.lower() in cues.RECEIVE_VERBS or _given_to_side(verb)):
            continue
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                if pobj.lower_ in ("exchange", "return"):
                    objects = [c for c in verb.children if c.dep_ == "dobj"]
                elif any(c.dep_ == "compound" and c.lower_ in ("exchange", "return") for c in pobj.children):
                    objects = [pobj]  # misparse: "in exchange A" as one noun phrase
                else:
                    continue
                for obj in objects:
                    words = [t for t in obj.subtree if not t.is_space and t.lower_ not in ("exchange", "return")]
                    while words and (words[-1].is_punct or words[0].dep_ == "det"):
                        words = words[:-1] if words[-1].is_punct else words[1:]
                    if words and any(t.ent_type_ == "PERSON" or t.lemma_.lower() in cues.DETAINEE_NOUNS for t in words):
                        out.append("release of " + span.doc[words[0].i : words[-1].i + 1].text)
    return out


def _passive_counter_release(span: Any) -> list[str]:
    """ "..., and in return 300 prisoners of war were handed over": what the other side freed in
    return, told in the passive, is the quid pro quo ("300 prisoners of war handed over")."""
    out: list[str] = []
    for prep in span:
        if prep.lower_ != "in" or prep.dep_ != "prep" or not any(
            c.dep_ == "pobj" and c.lower_ in ("return", "exchange") and not any(g.lower_ == "for" for g in c.children)
            for c in prep.children
        ):
            continue
        verb = prep.head
        subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if not subjects or not _hands_over(verb) or is_negated(verb):
            continue
        words = [t for t in subjects[0].subtree if not t.is_space and not t.is_punct]
        while words and words[0].dep_ in ("det", "predet"):
            words = words[1:]
        if not words or not any(t.like_num or t.lemma_.lower() in cues.DETAINEE_NOUNS or _remains(t) for t in words):
            continue
        tail = " ".join([verb.text] + [c.text for c in verb.children if c.dep_ == "prt"])
        out.append(f"{span.doc[words[0].i : words[-1].i + 1].text} {tail}")
    return out


def _release_of_something(noun: Token) -> bool:
    """ "in exchange for the release of 30 inmates / of seized funds": a counter-release with its
    object named is what was received ("in return for their release" is not)."""
    return any(
        c.dep_ == "prep" and c.lower_ == "of" and any(g.pos_ in ("NOUN", "PROPN") for g in c.children)
        for c in noun.children
    )


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
    return str(token.doc[words[0].i : words[-1].i + 1].text) if words else str(token.text)


def _charged(token: Token) -> bool:
    """The word hangs off a charge word: "convicted of espionage", "fraud charges", "charges such as"."""
    node = token
    for _ in range(6):
        head = node.head
        if head == node:
            return False
        if head.lemma_.lower() in cues.CHARGE_CUES:
            return True
        if head.pos_ in ("VERB", "AUX") and node.dep_ not in ("pobj", "pcomp", "dobj", "xcomp", "prep"):
            return False  # a clause boundary: the word belongs to another predicate
        node = head
    return False


def _charges(a: Analysis, people: list[PersonFinding]) -> Items[str]:
    still = {m.sentence for p in people if p.status == "still_detained" for m in p.mentions}
    released = {m.sentence for p in people if p.status == "released" for m in p.mentions}
    out: Items[str] = Items()
    stems = sorted(cues.CHARGE_TERMS, key=len, reverse=True)
    for sentence in a.sents:
        span = sentence.span
        lemmas = a.lemmas(sentence.index)
        serving = "serve" in lemmas
        if not (lemmas & cues.CHARGE_CUES or serving):
            continue
        if sentence.index in still and sentence.index not in released:
            continue
        if has_phrase(a.lower(sentence), cues.EXCLUSION_PHRASES):
            continue  # "inmates jailed for fraud are not eligible": not the freed
        about_freed = (
            done_releases(span)
            or sentence.index in released
            or has_phrase(a.lower(sentence), ("many of whom", "those freed", "the freed", "the released"))
            or (sentence.index > 0
            and any(done_releases(a.sents[i].span) or i in released for i in range(max(0, sentence.index - 2), sentence.index))
            and any(t.dep_ in ("nsubj", "nsubjpass")
                    and (t.lower_ in GROUP_SUBJECTS | {"pair", "two", "three", "both"}
                         or t.lemma_.lower() in cues.DETAINEE_NOUNS | {"defendant", "accused"})
                    for t in span))  # "The defendants are charged with ..." after the release
        )
        if not about_freed:
            continue
        for quoted in _quoted_charges(a.text[sentence.start : sentence.end]):
            if not any(stem in quoted for stem in stems):
                out.add(quoted, "charges.quoted-offence")
        for token in span:
            low = token.lower_
            window = " ".join(t.lower_ for t in a.doc[token.i : token.i + 3])
            for stem in stems:
                if (" " in stem and window.startswith(stem)) or (" " not in stem and low.startswith(stem)):
                    if _charged(token):
                        out.add(cues.CHARGE_TERMS[stem], "charges.charge-word")
                    break
    return out


# A quoted offence after "for", "of" or "with": 'sentenced for "disturbing public order"', 'convicted
# of "hooliganism motivated by hatred"'. Courts' charge names are often quoted verbatim.
_QUOTED_CHARGE = re.compile(r"""\b(?:for|of|with)\s+["“]([^"”]{4,90})["”]""")


def _quoted_charges(text: str) -> list[str]:
    """Quoted charge names in a sentence that speaks of charges or sentences (2 to 10 words)."""
    lower = text.lower()
    if not any(w in lower for w in ("charge", "convict", "sentence", "serving", "accuse", "guilty", "prosecut")):
        return []
    out = []
    for match in _QUOTED_CHARGE.finditer(text):
        phrase = " ".join(match.group(1).lower().strip(" .,").split())
        if 2 <= len(phrase.split()) <= 10:
            out.append(phrase)
    return out


def find_event(a: Analysis, people: list[PersonFinding]) -> EventFindings:
    """Every event field the rules can read from the article.

    The event-level judgement comes first: with no release, every scalar is null and every
    list empty; with a release only announced, the date and destinations are null."""
    out = EventFindings()
    out.kind, out.rules = judge_event(a)
    _adjust_people(a, people, out.kind)
    if out.kind == "none":
        return out
    party = releasing_party(a, people)
    country = party.country
    out.releasing_country, out.releasing_authority = country, party.authority
    if party.country_rule is not None:
        out.field_rules["releasing_country"] = [party.country_rule, *party.shaped_by]
    if party.authority_rule is not None and party.authority:
        out.field_rules["releasing_authority"] = [party.authority_rule, *party.authority_shaped_by]
    if party.country_sentence is not None and country:
        out.evidence["releasing_country"] = party.country_sentence
    if party.authority_sentence is not None and party.authority:
        out.evidence["releasing_authority"] = party.authority_sentence
    moods = {i: why for i in range(len(a.sents)) if (why := _unreal(a, i))} if out.kind == "release" else {}
    out.released_count, s, count_rules = released_count(a, frozenset(moods))
    if out.released_count is None and "future" in moods.values():
        # a figure told only for later ("will start releasing 651 prisoners on Friday") is the
        # release as announced (evals/GUIDELINES.md; rule count.figure-told-for-later)
        out.released_count, s, count_rules = released_count(a, frozenset(i for i, why in moods.items() if why != "future"))
        if s is not None:
            count_rules = [*count_rules, "count.figure-told-for-later"]
    if s is not None:
        out.evidence["released_count"] = s
        out.field_rules["released_count"] = count_rules
    out.remaining_prisoners, s, remaining_rules = remaining_prisoners(a)
    if s is not None:
        out.evidence["remaining_prisoners"] = s
        out.field_rules["remaining_prisoners"] = remaining_rules
    out.event_date, s, date_rules = _event_date(a)
    if s is not None:
        out.evidence["event_date"] = s
        out.field_rules["event_date"] = ["date.stated-or-dateline-weekday", *date_rules]
    out.quid_pro_quo, s, qpq_rules = _quid_pro_quo(a, country, people)
    if s is not None:
        out.evidence["quid_pro_quo"] = s
        out.field_rules["quid_pro_quo"] = qpq_rules
    out.set_items("destinations", destinations(a, people, country)[0])
    out.set_items("nationalities_released", nationalities_released(a, people))
    out.set_items("mediators", mediators(a, people, country))
    out.set_items("charges", _charges(a, people))
    if out.kind == "announced" and out.releasing_authority is None:
        announcer = _announcing_leader(a, people)
        if announcer is not None:
            leader, sentence = announcer
            out.releasing_authority = leader.name
            out.evidence["releasing_authority"] = sentence
            out.field_rules["releasing_authority"] = ["authority.leader-announcing-release"]
            if out.releasing_country is None and leader.nationality and "," not in leader.nationality:
                out.releasing_country = leader.nationality
                out.evidence["releasing_country"] = sentence
                out.field_rules["releasing_country"] = ["country.leader-announcing-release"]
    if out.kind == "announced":
        out.event_date = None
        out.set_items("destinations", Items())
        out.evidence.pop("event_date", None)
        out.field_rules.pop("event_date", None)
    for name, rule in _FIELD_RULES.items():
        if getattr(out, name) not in (None, []):
            out.field_rules.setdefault(name, [rule])
    return out


# The rule (finder) behind each scalar field whose finder has a single path; the releasing country
# names which of its fallbacks decided it. List fields name the rules of each item (`item_rules`).
_FIELD_RULES = {
    "released_count": "count.weighted-release-figures",
    "remaining_prisoners": "remaining.country-still-held-figure",
    "event_date": "date.stated-or-dateline-weekday",
    "quid_pro_quo": "exchange.in-return-or-deal",
}
