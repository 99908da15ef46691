"""Shared analysis for the hybrid strategy: one parsed article and cue look-ups on its tokens.

Everything here reads `extract.cues` and the spaCy parse; nothing calls a model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from extract.countries import canonical_country
from extract.errors import ContextTooLong, InputError
from extract.nlp import Entity, Sentence, entities, parse, sentences

from .. import cues

__all__ = [
    "MAX_PARSE_CHARS",
    "VEHICLES",
    "Analysis",
    "analyse",
    "analysis_of",
    "country_of",
    "done_releases",
    "ent_span",
    "find_phrases",
    "has_phrase",
    "header_kind",
    "in_demand_list",
    "in_earlier_clause",
    "is_headline",
    "is_negated",
    "is_release_token",
    "is_wished_release",
    "list_header",
    "list_item_lead",
    "looks_like_release_form",
    "on_event_topic",
    "past_round",
    "phrase_pattern",
    "prepare_text",
    "release_expression",
    "vehicle_preps",
    "verb_head",
]

Token = Any  # spacy.tokens.Token


@dataclass
class Analysis:
    """A parsed article: text, Doc, sentences and entities, with offsets into `text`."""

    text: str
    doc: Any
    sents: list[Sentence]
    ents: list[Entity]
    _sent_of_token: dict[int, int] = field(default_factory=dict)
    _ents_by_sentence: dict[int, list[Entity]] = field(default_factory=dict)
    _reports_release: bool | None = None
    _lemmas: dict[int, frozenset[str]] = field(default_factory=dict)

    def sentence_of(self, token: Token) -> Sentence | None:
        """The (trimmed) sentence holding a token, or None for whitespace."""
        index = self._sent_of_token.get(token.i)
        return self.sents[index] if index is not None else None

    def lower(self, sentence: Sentence) -> str:
        return sentence.text.lower()

    @property
    def reports_release(self) -> bool:
        """Some sentence tells of a release that happened (computed once)."""
        if self._reports_release is None:
            self._reports_release = any(
                done_releases(s.span) and not has_phrase(self.lower(s), cues.PAST_ROUND_PHRASES) for s in self.sents
            )
        return self._reports_release

    def lemmas(self, sentence: int) -> frozenset[str]:
        """Lower-case lemmas of one sentence (computed once: token objects are costly to rebuild)."""
        found = self._lemmas.get(sentence)
        if found is None:
            found = frozenset(t.lemma_.lower() for t in self.sents[sentence].span)
            self._lemmas[sentence] = found
        return found

    def ents_in(self, sentence: int) -> list[Entity]:
        """Entities of one sentence (spaCy rebuilds `Doc.ents` on every access; this is an index)."""
        return self._ents_by_sentence.get(sentence, [])


# News articles are a few thousand characters; the parser needs about 1 GB of memory per 100,000
# characters, so a longer input is refused with a clear error record, never silently truncated.
MAX_PARSE_CHARS = 100_000


def analyse(text: str) -> Analysis:
    """Parse `text` once; CPU-bound, so run it in a thread. Raises ContextTooLong past MAX_PARSE_CHARS."""
    text = prepare_text(text)
    return analysis_of(text, parse(text))


def prepare_text(text: str) -> str:
    """The text the parser reads: page furniture masked (offsets kept). Raises ContextTooLong
    past MAX_PARSE_CHARS, InputError for a text in another language than English."""
    if len(text) > MAX_PARSE_CHARS:
        raise ContextTooLong(
            f"the article is {len(text):,} characters; the hybrid strategy reads at most {MAX_PARSE_CHARS:,} "
            "(split it into several articles)"
        )
    _check_english(text)
    return mask_furniture(text.translate(_SAME_WIDTH_SPACING))


# The rules and the parser are English: a text of at least this many words where fewer than this share
# are English function words (`cues.ENGLISH_FUNCTION_WORDS`) is refused rather than read as an empty
# event. Measured 2026-12-05: every labelled English article is above 0.13 (pages full of menus
# included); French and Arabic pages are at 0.
MIN_WORDS_FOR_LANGUAGE = 40
MIN_ENGLISH_SHARE = 0.03


def _check_english(text: str) -> None:
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        return
    share = sum(w in cues.ENGLISH_FUNCTION_WORDS for w in words) / len(words)
    if share < MIN_ENGLISH_SHARE:
        raise InputError(
            f"the text does not look English ({share:.0%} of {len(words)} words are English function words); "
            "the offline rules read English only: use a model (--base-url, strategy single) for it"
        )


# Characters the tokenizer does not split on, read as their plain forms (one character for one, so
# offsets hold): a non-breaking hyphen glued "president‑elect Rodrigo Paz" into one entity, and a
# no-break space can glue a name to the word before it.
_SAME_WIDTH_SPACING = str.maketrans({"\u2011": "-", "\u2010": "-", "\u00a0": " ", "\u202f": " "})


def analysis_of(text: str, doc: Any) -> Analysis:
    """The Analysis of a prepared text and its Doc (from `parse` or `nlp.pipe`)."""
    sents = sentences(doc)
    ents = entities(doc, labels={ent.label_ for ent in doc.ents}, sents=sents)  # names hide under any label
    by_token: dict[int, int] = {}
    for s in sents:
        for token in s.span:
            if s.start <= token.idx < s.end:
                by_token[token.i] = s.index
    by_sentence: dict[int, list[Entity]] = {}
    for ent in ents:
        by_sentence.setdefault(ent.sentence, []).append(ent)
    return Analysis(text, doc, sents, ents, by_token, by_sentence)


# Headers of page furniture: the lines under them (to a blank line) are other stories' headlines.
_FURNITURE_HEADERS = re.compile(
    r"(?:read (?:more|also)|also read|see also|related(?: (?:stories|articles|news|content|coverage|links|reading))?"
    r"|more on this story|more stories|more from [\w' ]{1,30}|most (?:read|popular|viewed|shared)"
    r"|you (?:may|might) also like|recommended(?: stories| reading)?|top stories|latest (?:news|stories)|trending"
    r"|editor'?s picks|popular now)\s*[:»>]*",
    re.IGNORECASE,
)
# A single furniture line: "Read also: <another story's headline>", "» <headline>".
_FURNITURE_LINE = re.compile(r"(?:(?:read (?:more|also)|also read|see also|related)\s*:|[»›])\s*\S", re.IGNORECASE)
_FURNITURE_BLOCK_LINES = 12


def mask_furniture(text: str) -> str:
    """`text` with page furniture blanked out, offsets unchanged: a "Read more:" / "Related" /
    "Most read" header and the lines under it up to a blank line, and single "Read also: ..." or
    "» ..." lines. Names and numbers in other stories' headlines are not this article's."""
    out = list(text)
    lines = text.splitlines(keepends=True)
    offset = 0
    block = 0
    for line in lines:
        stripped = line.strip()
        if not stripped:
            block = 0
        elif block:
            block -= 1
            _blank(out, offset, line)
        elif _FURNITURE_HEADERS.fullmatch(stripped):
            block = _FURNITURE_BLOCK_LINES
            _blank(out, offset, line)
        elif _FURNITURE_LINE.match(stripped):
            _blank(out, offset, line)
        offset += len(line)
    return "".join(out)


def _blank(out: list[str], offset: int, line: str) -> None:
    for i, ch in enumerate(line):
        if not ch.isspace():
            out[offset + i] = " "


def ent_span(token: Token) -> Any | None:
    """The entity span holding a token, from its IOB tags (no scan of `Doc.ents`)."""
    if not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


@cache
def phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """A case-insensitive regex matching any of the phrases on word boundaries (longest first)."""
    alternatives = sorted({re.escape(p) for p in phrases}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE)


def has_phrase(text: str, phrases: tuple[str, ...]) -> bool:
    return phrase_pattern(phrases).search(text) is not None


def find_phrases(text: str, phrases: tuple[str, ...]) -> list[re.Match[str]]:
    return list(phrase_pattern(phrases).finditer(text))


def country_of(text: str) -> str | None:
    """Canonical country for a country name, demonym, code or capital; None otherwise."""
    cleaned = re.sub(r"(?:['’]s|['’])$", "", text.strip())
    cleaned = re.sub(r"^the\s+", "", cleaned, flags=re.IGNORECASE)
    if not cleaned:
        return None
    found = canonical_country(cleaned)
    if found is not None:
        return found
    return cues.CAPITALS.get(cleaned)


def is_negated(token: Token) -> bool:
    """True when the token (or its auxiliary chain) carries a negation: "was not freed"."""
    for child in token.children:
        if child.dep_ == "neg" or (child.lower_ in cues.NEGATION_WORDS and child.dep_ in ("advmod", "det")):
            return True
    if token.dep_ in ("xcomp", "ccomp", "acomp", "conj") and token.head != token:
        head = token.head
        if head.lemma_ in ("be", "remain") and any(c.dep_ == "neg" for c in head.children):
            return True
    return False


_FORM = re.compile(r"(?:ing|ed|d|s)$")


def looks_like_release_form(token: Token) -> bool:
    """A release verb form whatever its tag ("freeing" is sometimes tagged as a noun)."""
    lower = token.lower_
    if lower in cues.RELEASE_ADJECTIVES:
        return True
    stem = _FORM.sub("", lower)
    return lower.endswith(("ing", "ed")) and (stem in cues.RELEASE_VERBS or stem + "e" in cues.RELEASE_VERBS)


def is_release_token(token: Token) -> bool:
    """A verb, noun or participle of release ("freed", "pardon", "release", "swap", "sent home").

    A verb is one of `cues.RELEASE_VERBS`, or tells a release with what hangs from it in the parse
    (`release_expression`: "set free", "let go", "walked out of prison", "regained his freedom",
    "was allowed to leave", "was granted bail", "is a free man")."""
    lemma = token.lemma_.lower()
    lower = token.lower_
    if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
        if lemma in cues.RELEASE_VERBS:
            return not (lemma == "discharge" and _discharged_from_elsewhere(token))
        return release_expression(token) is not None
    if token.pos_ == "PROPN" and token.ent_type_ == "ORG" and token.dep_ == "compound" and token.head.ent_type_ == "ORG" and (
        token.head.pos_ == "PROPN"
    ):
        return False  # "Amnesty International said ...": a word of an organisation's name (rule release.not-an-org-name)
    if token.dep_ == "compound" and lower in ("pardon", "amnesty", "clemency"):
        return True  # "the pardon decree", "an amnesty law" (the modifier is sometimes tagged ADJ)
    if token.pos_ in ("NOUN", "PROPN") and lemma in cues.RELEASE_NOUNS:
        return lemma != "return" or any(c.lower_ in ("home",) for c in token.children)
    return lower in cues.RELEASE_ADJECTIVES


def release_expression(verb: Token) -> str | None:
    """How a verb that is not a release verb tells a release, from its children in the parse (the
    vocabulary is `cues`' release expressions), or None:

    - "complement": a particle or complement of `cues.RELEASE_COMPLEMENTS` ("set free", "let go",
      "walked free", "handed over");
    - "home": a verb of moving with "home" ("sent home", "returned home after six years");
    - "handed-to": people handed to someone ("handed five prisoners to Polish officials");
    - "left-detention": leaving a place of detention ("walked out of prison", "got out of jail");
    - "gained-freedom": the subject gains their own freedom ("regained his freedom", "won her
      release", "received a pardon", "benefited from the amnesty");
    - "given-freedom": bail, a pardon or freedom given ("was granted bail", "was given his freedom");
    - "permitted-exit": permitted to go free ("was allowed to leave prison", "allowed to return
      home"; "let" with any leaving: "Iran lets two dual nationals leave", rule release.let-leave;
      "allowed to leave the country" after a pardon is an exit, not the release);
    - "to-house-arrest": moved to house arrest (freed to house arrest counts as released);
    - "free-state": a person is free or out ("X is free", "X is a free man", "X is out of prison",
      "walked out a free man").
    """
    lemma = verb.lemma_.lower()
    children = list(verb.children)
    if lemma in cues.RELEASE_COMPLEMENTS and any(
        c.lower_ in cues.RELEASE_COMPLEMENTS[lemma] and c.dep_ not in ("nsubj", "nsubjpass", "dobj")
        and not _go_of(c)
        # "set X free" is sometimes parsed with "free" as a modifier of X
        for c in children + [g for d in children if d.dep_ == "dobj" for g in d.children if g.i > d.i and g.dep_ == "amod"]
    ):
        return "complement"
    if lemma in cues.TRANSFER_VERBS and any(c.lower_ == "home" for c in children):
        return "home"
    if lemma in ("hand", "transfer") and any(
        c.dep_ == "dobj" and (c.lemma_.lower() in cues.DETAINEE_NOUNS or c.ent_type_ == "NORP") for c in children
    ) and any(c.dep_ == "prep" and c.lower_ == "to" for c in children):
        return "handed-to"
    if lemma in cues.LEAVE_VERBS and _leaves_detention(verb):
        return "left-detention"
    if lemma in cues.FREEDOM_GAIN_VERBS and any(
        _own_freedom(g) for c in children
        for g in ([c] if c.dep_ == "dobj" else [o for o in c.children if o.dep_ == "pobj"] if c.dep_ == "prep" and c.lower_ == "from" else [])
    ):
        return "gained-freedom"
    if lemma in cues.GIVE_FREEDOM_VERBS and any(
        c.dep_ == "dobj" and c.lemma_.lower() in cues.GRANTED_FREEDOM_NOUNS for c in children
    ):
        return "given-freedom"
    if lemma in cues.PERMIT_VERBS and any(
        c.dep_ in ("ccomp", "xcomp") and (
            c.lemma_.lower() in cues.PERMITTED_EXIT_VERBS and not _go_of(c) if lemma == "let" else is_release_token(c))
        for c in children
    ):
        return "permitted-exit"
    if lemma in cues.TRANSFER_VERBS and any(
        c.dep_ == "prep" and c.lower_ == "to" and has_phrase(" ".join(t.lower_ for t in c.subtree), cues.RELEASED_TO_PHRASES)
        for c in children
    ):
        return "to-house-arrest"
    if _free_state(verb):
        return "free-state"
    return None


def _go_of(word: Token) -> bool:
    """ "let go of a plan": giving up a thing, no release ("let go of 230 prisoners" is one)."""
    return word.lower_ == "go" and any(
        g.dep_ == "prep" and g.lower_ == "of" and not any(_person_like(o) for o in g.children if o.dep_ == "pobj")
        for g in word.children
    )


_PEOPLE_NOUNS = cues.DETAINEE_NOUNS | cues.PERSON_ROLE_NOUNS  # nouns that stand for people


def _person_like(noun: Token) -> bool:
    """A noun that stands for people: a name, a demonym, a noun of detainees or of a person's role, a
    figure of people or a pronoun ("230 prisoners", "the two Britons", "them")."""
    return (noun.ent_type_ in ("PERSON", "NORP") or noun.lower_ in ("him", "her", "them")
            or noun.lemma_.lower() in _PEOPLE_NOUNS
            or any(c.dep_ == "nummod" for c in noun.children))


def _own_freedom(noun: Token) -> bool:
    """A freedom noun that is the subject's own: not someone else's ("the release of 40 prisoners",
    "her son's release") nor a liberty ("press freedom", "freedom of speech")."""
    if noun.lemma_.lower() not in cues.FREEDOM_NOUNS:
        return False
    if any(c.dep_ == "prep" and c.lower_ in ("of", "for") for c in noun.children):
        return False  # "won the release of 40 prisoners", "to win freedom for the journalist"
    if any(c.dep_ in ("compound", "amod") and c.lower_ in cues.LIBERTY_WORDS for c in noun.children):
        return False
    return not any(c.dep_ == "poss" and c.pos_ != "PRON" for c in noun.children)


def _free_state(verb: Token) -> bool:
    """A person is free or out of custody, told by "be" or a verb of going: "X is free", "X is a free
    man", "X is out of prison", "X is out on bail", "walked out a free woman" (a person, not "the
    elections were free")."""
    lemma = verb.lemma_.lower()
    if lemma != "be" and lemma not in cues.SELF_RELEASE_VERBS:
        return False
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or not (
        subject.pos_ == "PROPN" or subject.lower_ in ("he", "she", "they", "we", "i")
        or subject.lemma_.lower() in _PEOPLE_NOUNS
    ):
        return False
    for c in verb.children:
        if lemma == "be" and c.dep_ == "acomp" and c.lower_ == "free" and not any(
            (g.dep_ == "prep" and g.lower_ == "of") or (g.dep_ in ("xcomp", "prep") and any(
                h.lower_ == "to" for h in g.subtree if h.i <= g.i)) for g in c.children
        ):  # not "free of debt", "free to protest"
            return True
        if c.dep_ in ("attr", "oprd", "npadvmod", "dobj") and c.lemma_.lower() in cues.FREE_PERSON_NOUNS and any(
            g.dep_ == "amod" and g.lower_ == "free" for g in c.children
        ):
            return True
        if lemma == "be" and c.lower_ == "out" and (
            any(t.lemma_.lower() in cues.DETENTION_PLACES for t in c.subtree if t.pos_ in ("NOUN", "PROPN"))
            or any(t.lemma_.lower() in cues.DETENTION_PLACES for p in verb.children if p.lower_ in ("of", "from")
                   for t in p.subtree)
            or any(t.dep_ == "pobj" and t.head.lower_ == "on" and t.lemma_.lower() in cues.GRANTED_FREEDOM_NOUNS
                   for t in verb.subtree)
        ):
            return True
    return False


def _discharged_from_elsewhere(verb: Token) -> bool:
    """ "discharged from hospital", "discharged from the army": no release from custody."""
    return any(
        g.dep_ == "pobj" and g.lemma_.lower() in cues.NOT_CUSTODY_NOUNS
        for c in verb.children if c.dep_ == "prep" and c.lower_ == "from" for g in c.children
    )


def _date_follows(mark: Token) -> bool:
    """ "jailed since 2011 were freed": the parser sometimes makes "since" the marker of the next
    clause when it is a preposition before a date; a marker followed by a date opens no clause."""
    following = mark.doc[mark.i + 1] if mark.i + 1 < len(mark.doc) else None
    return following is not None and (following.ent_type_ == "DATE" or following.like_num)


def _leaves_detention(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ == "dobj" and verb.lemma_.lower() == "leave":
            nouns = [child]
        elif child.lower_ in ("out", "from", "of") and child.dep_ in ("prt", "prep", "advmod"):
            nouns = [t for t in child.subtree if t.pos_ in ("NOUN", "PROPN")]
            if child.lower_ == "out":
                nouns += [t for c in verb.children if c.lower_ in ("of", "from") for t in c.subtree]
        else:
            continue
        if any(t.lemma_.lower() in cues.DETENTION_PLACES for t in nouns):
            return True
    return False


def in_earlier_clause(token: Token) -> bool:
    """The word sits in a clause about an earlier event: "weeks after the kingdom freed X",
    "hours after militants released Y" (a subordinate clause opened by after/before/since)."""
    node = token
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ in ("after", "before", "since") and not _date_follows(c) for c in node.children):
            return node.dep_ in ("advcl", "pcomp", "prep", "npadvmod")
        if node.dep_ == "pcomp" and node.head.lower_ in ("after", "before", "since"):
            return True
        if node.head == node or node.dep_ not in ("conj", "xcomp", "ccomp"):
            break
        node = node.head
    return False


def on_event_topic(verb: Token) -> bool:
    """The clause of `verb` is about a release, a detention, a case or a deal: a verb of dealing
    with one (`cues.ENGAGEMENT_VERBS`: "X met Y", "X thanked Y"), a release word, a detention word or
    an event-topic word (`cues.EVENT_TOPIC_WORDS`) in its subtree. Another person named in the
    clause is no topic ("X attended Y's swearing-in", "X led the overthrow of Y": a leader merely
    mentioned). A relative clause also reads the noun it describes ("talks in which X took part")."""
    if verb.lemma_.lower() in cues.ENGAGEMENT_VERBS:
        return True
    tokens = list(verb.subtree)
    if verb.dep_ == "relcl":
        tokens.append(verb.head)
    for token in tokens:
        lemma = token.lemma_.lower()
        if is_release_token(token) or lemma in cues.DETENTION_WORDS or lemma in cues.EVENT_TOPIC_WORDS:
            return True
    return False


def is_wished_release(token: Token) -> bool:
    """A release that is demanded, hoped for or refused rather than done: "called for her release"."""
    node = token
    for _ in range(4):
        if node.head == node:
            return False
        node = node.head
        if node.dep_ == "prep" and node.lower_ in ("after", "following", "since"):
            return False  # "urged X to free Y after the release of Z": Z's release is done
        # the small lemmatiser reads "hoped" as "hop": the surface form is checked too
        if node.lemma_.lower() in cues.FAILED_VERBS or node.lower_ in ("pending", "without", "hoped", "hopes", "hoping"):
            return True
        if is_negated(node):
            return True
    return False


def _not_an_event(token: Token) -> bool:
    """A release word that names no release: a liberty ("press freedom", "freedom of speech") or a
    generic present-tense clause ("any judge who acquits them")."""
    if token.lower_ == "freedom" and (
        any(c.dep_ in ("compound", "amod") and c.lower_ in cues.LIBERTY_WORDS for c in token.children)
        or any(c.dep_ == "prep" and c.lower_ == "of" and any(g.lower_ in cues.LIBERTY_WORDS for g in c.children)
               for c in token.children)
    ):
        return True
    if token.pos_ == "VERB" and token.lemma_.lower() == "release" and _published(token):
        return True  # "a handout photo released by the UN", "the ministry released a statement"
    return token.tag_ in ("VBZ", "VBP") and token.dep_ == "relcl"


def _published(verb: Token) -> bool:
    """ "release" used for publishing (rule release-means-publish): its object, passive subject or the
    noun its participle describes is a document, picture or statement."""
    things = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if verb.dep_ == "acl":
        things.append(verb.head)
    return any(t.lemma_.lower() in cues.PUBLISHED_NOUNS for t in things)


def done_releases(sentence: Any) -> list[Token]:
    """Release words of a release that happened: not negated, demanded or refused.

    Memoised per span on its Doc: the rules ask this of the same sentences many times."""
    memo: dict[tuple[int, int], list[Token]] = sentence.doc.user_data.setdefault("extract_done_releases", {})
    key = (sentence.start, sentence.end)
    found = memo.get(key)
    if found is None:
        found = [
            t for t in sentence
            if is_release_token(t) and not is_negated(t) and not is_wished_release(t) and not _not_an_event(t)
        ]
        memo[key] = found
    return list(found)


VEHICLES = frozenset({"flight", "plane", "aircraft", "jet", "bus", "boat", "ship", "ferry", "train", "helicopter"})


def vehicle_preps(verb: Token) -> list[Token]:
    """ "placed on a plane to X", "put aboard a plane for X": the destination preposition hangs
    off the vehicle, not the verb (memoised per token on its Doc)."""
    memo: dict[int, list[Token]] = verb.doc.user_data.setdefault("extract_vehicle_preps", {})
    found = memo.get(verb.i)
    if found is None:
        found = _vehicle_preps(verb)
        memo[verb.i] = found
    return list(found)


def _vehicle_preps(verb: Token) -> list[Token]:
    preps = [c for c in verb.children if c.dep_ == "prep"]
    # one level down too: "expelled following his release on a plane to X" (the parser hangs "on a
    # flight" off the noun of the preceding phrase)
    preps += [g for c in preps for o in c.children if o.dep_ == "pobj" for g in o.children if g.dep_ == "prep"]
    vehicles = [
        v
        for c in preps
        if c.lower_ in ("on", "onto", "aboard")
        for v in c.children
        if v.dep_ == "pobj" and v.lemma_.lower() in VEHICLES
    ]
    if verb.lemma_.lower() == "board" or any(c.dep_ == "prt" and c.lower_ in ("on", "onto", "aboard") for c in verb.children):
        vehicles += [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in VEHICLES]  # "put on a flight"
    return [p for v in vehicles for p in v.children if p.dep_ == "prep"]


def verb_head(token: Token) -> Token | None:
    node = token
    for _ in range(5):
        if node.dep_ in ("nsubj", "nsubjpass", "dobj") and node.head.pos_ in ("VERB", "AUX"):
            verb = node.head
            if verb.dep_ in ("auxpass", "aux") and verb.head != verb:
                verb = verb.head
            return verb
        if node.head == node:
            return None
        node = node.head
    return None


def is_headline(a: Analysis, sentence_index: int) -> bool:
    """The first sentence when it has no final punctuation (a title line)."""
    return sentence_index == 0 and not a.sents[0].text.rstrip().endswith((".", "!", "?", '"', "”"))


# A list item: a line opened by a bullet or a number ("- ", "• ", "* ", "3. ", "2) ").
_BULLET = re.compile(r"[ \t]*(?:[-•*–—·▪◦‣●]|\d{1,2}[.)])[ \t]+")


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def list_item_lead(text: str, pos: int) -> int | None:
    """Where the words of the list item holding `pos` begin (after its bullet), or None when
    `pos` is not on a bulleted or numbered line."""
    start, _ = _line_bounds(text, pos)
    match = _BULLET.match(text, start)
    return match.end() if match and match.end() <= pos else None


def list_header(a: Analysis, pos: int) -> Sentence | None:
    """The sentence that introduces the bulleted list holding `pos`: the nearest line above that
    is neither blank nor a list item, when it ends with a colon ("The freed prisoners are:")."""
    if list_item_lead(a.text, pos) is None:
        return None
    start, _ = _line_bounds(a.text, pos)
    while start > 0:
        line_start, line_end = _line_bounds(a.text, start - 1)
        line = a.text[line_start:line_end]
        start = line_start
        if not line.strip() or _BULLET.match(line):
            continue
        if not line.rstrip().endswith(":"):
            return None
        for sentence in a.sents:
            if line_start <= sentence.start < line_end and sentence.text.rstrip().endswith(":"):
                return sentence
        return None
    return None


def header_kind(a: Analysis, header: Sentence) -> str | None:
    """ "released" for a list introduced as the freed ("The freed prisoners are:", "The following
    were pardoned:"), "demanded" for a list of demands ("We call on the government to:"), else None."""
    if any(t.lemma_.lower() in cues.DEMAND_VERBS for t in header.span):
        return "demanded"
    if done_releases(header.span) and not past_round(a, header.index):
        return "released"
    return None


def in_demand_list(a: Analysis, sentence: Sentence) -> bool:
    """The sentence is an item of a list of demands ("We call on the authorities to:")."""
    header = list_header(a, sentence.start)
    return header is not None and header_kind(a, header) == "demanded"


def past_round(a: Analysis, sentence_index: int) -> bool:
    """The sentence puts a release in the past or another round ("an earlier swap"), not in a
    comparative of timing ("freed hours earlier than planned"), nor in a pluperfect reported by
    a past verb of speech ("announced that it had pardoned him": the tense of reported speech,
    rule release.reported-pluperfect)."""
    sentence = a.sents[sentence_index]
    text = a.lower(sentence)
    for token in sentence.span:
        if _reported_pluperfect(token):
            start, end = token.idx - sentence.start, token.head.idx + len(token.head) - sentence.start
            if 0 <= start < end <= len(text):
                text = text[:start] + " " * (end - start) + text[end:]
    text = phrase_pattern(cues.SCHEDULE_COMPARATIVES).sub(" ", text)
    return has_phrase(text, cues.PAST_ROUND_PHRASES)


def _reported_pluperfect(aux: Token) -> bool:
    """ "had" of a release verb that is the clause a past verb of speech reports: "officials said
    they had released 200" tells the release reported, not an earlier one."""
    verb = aux.head
    if aux.lower_ != "had" or aux.dep_ != "aux" or verb.i != aux.i + 1 or verb.lemma_.lower() not in cues.RELEASE_VERBS:
        return False
    node = verb
    while node.dep_ == "conj" and node.head != node:
        node = node.head
    speech = node.head
    return (node.dep_ == "ccomp" and speech.lemma_.lower() in cues.SPEECH_VERBS and speech.tag_ in ("VBD", "VBN")
            and not is_negated(speech))
