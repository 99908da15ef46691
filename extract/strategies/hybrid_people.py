"""People for the hybrid strategy: name mentions, merging, role, nationality and status.

Status comes from the words that govern each mention in the dependency parse. Every mention
yields zero or more cues `(status, strength, sentence)`; a person's status is the cue with the
highest strength, ties broken by the precedence still_detained > released > negotiator >
official > other (a specific, rarer claim beats a general one). Strengths:

- 3    direct: object or passive subject of a release verb ("X was pardoned", "they freed X"),
       a negated release or a detention verb ("X was not freed", "X remains in prison"), the
       performer of the release (official), a brokering verb (negotiator), "released prisoner X".
- 2.5  list membership under a release ("freed 40 people, including X", "Among those freed are
       X"), an envoy or mediator role (negotiator).
- 2    "X's release" / "the release of X" (still_detained under "called for"), speech: quoted
       people are official with an official role, else other; a relative's role (other).
- 1.5  arrival verbs ("X arrived in"), an official acting (any other verb).
- 1    participants in talks, an official title on someone merely mentioned (other).

A person with no cue is "other". The evidence is the sentence that gave the winning cue.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .. import cues
from ..names import name_similarity, name_tokens, same_person
from ..schema import Person
from .hybrid_text import (
    Analysis,
    country_of,
    find_phrases,
    has_phrase,
    is_negated,
    is_release_token,
    is_wished_release,
    looks_like_release_form,
)

__all__ = ["PRECEDENCE", "Cue", "Mention", "PersonFinding", "find_people"]

Token = Any

PRECEDENCE: dict[str, int] = {"still_detained": 5, "released": 4, "negotiator": 3, "official": 2, "other": 1}

_LIST_PREPS = frozenset({"including", "among", "like", "as", "include", "includes", "included", "amongst"})
_DETENTION_VERBS = frozenset({"hold", "detain", "jail", "imprison", "keep", "incarcerate"})
_SELF_RELEASE = frozenset({"walk", "go", "leave", "regain", "win", "come", "emerge", "step"})
_DETAINED_MODIFIERS = frozenset({"jailed", "imprisoned", "detained", "incarcerated", "captive", "kidnapped", "abducted"})
_TALK_NOUNS = frozenset({"talk", "negotiation", "meeting", "dialogue", "contact", "discussion", "summit"})
_ALL_NAME_LABELS = frozenset({"PERSON", "ORG", "FAC", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "LOC", "EVENT"})


@dataclass
class Mention:
    """One cleaned name mention: token span [start, end) and its exact article text."""

    start: int
    end: int
    text: str
    char_start: int
    char_end: int
    sentence: int
    titled: bool = False
    person_context: bool = False

    def tokens(self, doc: Any) -> Any:
        return doc[self.start : self.end]


@dataclass
class Cue:
    status: str
    strength: float
    sentence: int
    why: str


@dataclass
class PersonFinding:
    """A merged person with everything the rules found about them."""

    mentions: list[Mention]
    cues: list[Cue] = field(default_factory=list)
    role: str | None = None
    nationality: str | None = None
    official_role: bool = False
    head_of_state: bool = False
    negotiator_role: bool = False
    relative_role: bool = False
    actor_sentences: list[int] = field(default_factory=list)
    principals: list[int] = field(default_factory=list)  # token ids of the person they serve
    status: str = "other"
    evidence_sentence: int | None = None

    @property
    def name(self) -> str:
        return _best_form(self.mentions)

    @property
    def aliases(self) -> list[str]:
        name = self.name
        seen: list[str] = []
        for m in sorted(self.mentions, key=lambda m: m.char_start):
            if m.text != name and m.text not in seen:
                seen.append(m.text)
        return seen

    def to_person(self, analysis: Analysis) -> Person:
        evidence = analysis.sents[self.evidence_sentence].text if self.evidence_sentence is not None else None
        return Person(
            name=self.name,
            aliases=self.aliases,
            status=self.status,  # type: ignore[arg-type]
            role=self.role,
            nationality=self.nationality,
            evidence=evidence,
        )


# ---------------------------------------------------------------- mentions


def _is_title(token: Token) -> bool:
    return token.lower_.rstrip(".") in cues.TITLES


_NOT_HONORIFIC = frozenset({"of", "the", "state", "former", "ex", "late", "acting", "foreign", "special", "vice"})


def _is_honorific(token: Token) -> bool:
    """A capitalised title before a name: "President", "Bishop", "Mr" (not "of", "State")."""
    low = token.lower_.rstrip(".")
    return token.text[:1].isupper() and low in cues.TITLES and low not in _NOT_HONORIFIC


def _clean(doc: Any, start: int, end: int) -> tuple[int, int, bool] | None:
    """Cut a name span to the name itself: no possessive, titles, punctuation or trailing words."""
    for token in doc[start:end]:
        if token.tag_ == "POS" or token.lower_ in ("'s", "’s", "'", "’") or token.is_space or "\n" in token.text:
            end = token.i
            break
        if token.is_punct and token.text not in ("-", ".", "'", "’") and token.i > start:
            end = token.i
            break
    titled = start > 0 and _is_honorific(doc[start - 1])
    while start < end and (
        _is_title(doc[start])
        or (doc[start].ent_type_ in ("GPE", "NORP") and country_of(doc[start].text))
        or not doc[start].text[:1].isupper()
    ):
        titled = titled or _is_honorific(doc[start])
        start += 1
    while end > start and not doc[end - 1].text[:1].isupper():
        joined = end - start >= 3 and doc[end - 2].text == "-" and not doc[end - 3].whitespace_
        if joined and not doc[end - 2].whitespace_ and doc[end - 1].is_alpha:
            break  # "Wai-ming": a hyphenated given name
        end -= 1
    if start >= end:
        return None
    return start, end, titled


def _valid_name(tokens: Any) -> bool:
    """Looks like a person's name: 1-5 capitalised words (particles and hyphenated parts allowed),
    no digits, no page furniture, not an organisation word, not a country or capital."""
    words: list[Any] = []
    for token in tokens:
        if token.text in ("-", "'", "’"):
            continue
        hyphened = token.i > tokens.start and tokens.doc[token.i - 1].text == "-" and not tokens.doc[token.i - 1].whitespace_
        words.append((token.text, hyphened))
    if not 1 <= len(words) <= 5:
        return False
    for index, (word, hyphened) in enumerate(words):
        low = word.lower().rstrip(".")
        if any(ch.isdigit() for ch in word) or low in cues.BOILERPLATE_WORDS or low in cues.NON_PERSON_WORDS:
            return False
        if hyphened or (low in cues.NAME_PARTICLES and 0 < index < len(words) - 1):
            continue
        if not word[:1].isupper() or (len(word) > 3 and word.isupper()):
            return False
    text = tokens.text
    return country_of(text) is None and country_of(words[-1][0]) is None


def _person_context(tokens: Any) -> bool:
    """The span is described as a person: "journalist X", "X, a journalist", "the envoy, X"."""
    root = tokens.root
    for child in root.children:
        lemma = child.lemma_.lower()
        if child.dep_ == "appos" and child.i > root.i and lemma in cues.PERSON_ROLE_NOUNS:
            return True
        if child.dep_ in ("compound", "amod", "nmod") and child.i < tokens.start and lemma in cues.PERSON_ROLE_NOUNS:
            return True
    if root.dep_ == "appos" and root.head.lemma_.lower() in cues.PERSON_ROLE_NOUNS:
        return True
    return _byline(tokens)


def _byline(tokens: Any) -> bool:
    """A credit line: "Reporting by X", "Translation by X"."""
    doc = tokens.doc
    if tokens.start == 0 or doc[tokens.start - 1].lower_ != "by":
        return False
    line_start = tokens.start - 1
    while line_start > 0 and "\n" not in doc[line_start - 1].text and "\n" not in doc[line_start - 1].whitespace_:
        line_start -= 1
    first = doc[line_start]
    return first.lower_ in cues.BYLINE_WORDS and tokens.start - line_start <= 4


def _name_shaped(tokens: Any) -> bool:
    return 2 <= len(tokens) <= 4 and all(t.pos_ == "PROPN" or t.lower_ in cues.NAME_PARTICLES for t in tokens)


def _name_part(token: Token) -> bool:
    return (
        token.pos_ == "PROPN"
        and token.text[:1].isupper()
        and token.ent_type_ in ("", "PERSON")
        and not _is_title(token)
        and token.lower_ not in cues.NON_PERSON_WORDS
        and "\n" not in token.whitespace_
    )


def _extend(doc: Any, ent: Any) -> Any:
    """Widen a PERSON entity over adjacent untagged proper nouns: the small model often cuts long
    names ("Maria Corina" + "Machado")."""
    start, end = ent.start, ent.end
    while end < len(doc) and end - start < 5 and _name_part(doc[end]) and "\n" not in doc[end - 1].whitespace_:
        end += 1
    return doc[start:end]


def _mentions(a: Analysis) -> list[Mention]:
    doc = a.doc
    found: dict[tuple[int, int], Mention] = {}
    person_words: set[str] = set()
    spans: list[tuple[Any, bool]] = []
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            spans.append((_extend(doc, ent), True))
        elif ent.label_ in _ALL_NAME_LABELS:
            spans.append((ent, False))
    surnames: set[str] = set()
    for ent, is_person in spans:
        if is_person:
            person_words.update(t.text for t in ent if t.text[:1].isupper() and not _is_title(t))
            if len(ent) >= 2:
                surnames.add(ent[-1].text)
    # Names the NER model missed: runs of proper nouns outside any entity.
    run: list[Token] = []
    for token in [*doc, None]:
        if token is not None and token.pos_ == "PROPN" and not token.ent_type_ and token.text[:1].isupper():
            run.append(token)
            continue
        if len(run) >= 2:
            spans.append((doc[run[0].i : run[-1].i + 1], False))
        run = []
    taken: set[int] = set()
    for span, is_person in spans:
        if not is_person and any(i in taken for i in range(span.start, span.end)):
            continue
        if is_person:
            taken.update(range(span.start, span.end))
        cleaned = _clean(doc, span.start, span.end)
        if cleaned is None:
            continue
        start, end, titled = cleaned
        tokens = doc[start:end]
        if not _valid_name(tokens):
            continue
        context = _person_context(tokens)
        if not is_person:
            # Another label (or none): a person only when described as one, titled ("Bishop X"),
            # or sharing its surname with a name the NER model did tag as a person.
            shaped = _name_shaped(tokens) and (context or titled or tokens[-1].text in person_words)
            if not (shaped or (len(tokens) == 1 and tokens[0].text in surnames)):
                continue
        sentence = a.sentence_of(tokens.root)
        if sentence is None:
            continue
        found[(start, end)] = Mention(
            start, end, tokens.text, tokens.start_char, tokens.end_char, sentence.index, titled, context
        )
    return sorted(found.values(), key=lambda m: m.start)


# ---------------------------------------------------------------- merging


def _best_form(mentions: list[Mention]) -> str:
    counts = Counter(m.text for m in mentions)
    first = {}
    for m in sorted(mentions, key=lambda m: m.char_start):
        first.setdefault(m.text, m.char_start)
    return max(counts, key=lambda t: (len(name_tokens(t)), counts[t], -first[t]))


def _cluster(mentions: list[Mention]) -> list[list[Mention]]:
    full = [m for m in mentions if len(name_tokens(m.text)) >= 2]
    single = [m for m in mentions if len(name_tokens(m.text)) < 2]
    clusters: list[list[Mention]] = []
    for m in sorted(full, key=lambda m: (-len(name_tokens(m.text)), m.start)):
        for cluster in clusters:
            if same_person(m.text, sorted({c.text for c in cluster})):
                cluster.append(m)
                break
        else:
            clusters.append([m])
    singles: list[list[Mention]] = []
    for m in sorted(single, key=lambda m: m.start):
        scored = [(max(name_similarity(m.text, c.text) for c in cl), i) for i, cl in enumerate(clusters)]
        good = [(s, i) for s, i in scored if s >= 85.0]
        if good:
            top = max(s for s, _ in good)
            best = [i for s, i in good if s >= top - 1e-9]
            if len(best) > 1:  # a shared surname: the nearest full mention before it wins
                best.sort(key=lambda i: max((c.start for c in clusters[i] if c.start < m.start), default=-1))
            clusters[best[-1]].append(m)
            continue
        token = name_tokens(m.text)[0] if name_tokens(m.text) else ""
        if any(name_tokens(c.text)[0] == token for cl in clusters for c in cl):
            continue  # a first name alone
        for cluster in singles:
            if same_person(m.text, cluster[0].text):
                cluster.append(m)
                break
        else:
            singles.append([m])
    for cluster in singles:
        if any(m.titled or m.person_context for m in cluster):
            clusters.append(cluster)
    return clusters


# ---------------------------------------------------------------- roles


def _np_left(doc: Any, m: Mention) -> tuple[list[Token], Token | None]:
    """Tokens of the noun phrase left of the name, after any possessive or determiner, and the
    possessor if there was one ("the king's envoy X" -> [envoy], king)."""
    root = m.tokens(doc).root
    left = [t for t in doc[root.left_edge.i : m.start] if not t.is_space]
    possessor = None
    for index in range(len(left) - 1, -1, -1):
        if left[index].tag_ == "POS" or left[index].dep_ == "poss" or left[index].is_punct:
            if not left[index].is_punct:
                possessor = left[index] if left[index].dep_ == "poss" else left[index].head
            left = left[index + 1 :]
            break
    inside = {t.i for t in left}
    for index in range(len(left) - 1, -1, -1):
        token = left[index]
        outside_pp = token.pos_ == "ADP" and token.head.i not in inside
        if (token.pos_ in ("VERB", "AUX") or outside_pp) and not looks_like_release_form(token):
            left = left[index + 1 :]
            break
    while left and (left[0].dep_ in ("det", "predet") or left[0].lower_ in ("also", "and")):
        left = left[1:]
    return left, possessor


def _appositive(doc: Any, m: Mention) -> list[Token]:
    """The appositive after the name ("X, a journalist, ..."), or the noun the name is in apposition to."""
    root = m.tokens(doc).root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= m.end and child.pos_ in ("NOUN", "ADJ", "PROPN"):
            words: list[Token] = []
            for t in child.subtree:
                if t.i < m.end:
                    continue
                if (t.dep_ in ("relcl", "acl") and t.i > child.i) or t.lower_ in ("who", "which", "whose"):
                    break
                if t.is_punct and t.text != "-" and t.i > child.i:
                    break
                words.append(t)
            for index in range(len(words) - 1, -1, -1):
                if words[index].tag_ == "POS":
                    owner = words[index].head
                    words = words[index + 1 :]  # "Ukraine's human rights commissioner"
                    if owner.ent_type_ in ("GPE", "NORP") and words:
                        words = [owner, *words]  # keeps the country for the nationality
                    break
            while words and (words[0].dep_ in ("det", "predet") or words[0].is_punct):
                words = words[1:]
            return words
    if root.dep_ == "appos" and root.head.i < m.start and root.head.pos_ == "NOUN":
        head = root.head
        words = [t for t in doc[head.left_edge.i : head.i + 1] if not t.is_space]
        for index in range(len(words) - 1, -1, -1):
            if words[index].tag_ == "POS" or words[index].dep_ == "poss":
                words = words[index + 1 :]
                break
        while words and words[0].dep_ in ("det", "predet"):
            words = words[1:]
        return words
    return []


def _phrase(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]


def _role_words(tokens: list[Token]) -> set[str]:
    lemmas = [t.lemma_.lower() for t in tokens]
    words = set(lemmas) | {t.lower_ for t in tokens}
    words |= {f"{a} {b}" for a, b in itertools.pairwise(lemmas)}
    return words


def _apply_roles(a: Analysis, person: PersonFinding) -> None:
    doc = a.doc
    role_texts: list[str] = []
    for m in person.mentions:
        left, possessor = _np_left(doc, m)
        appos = _appositive(doc, m)
        if possessor is not None:
            person.principals.append(possessor.i)
            owner_country = country_of(possessor.text) if possessor.ent_type_ in ("GPE", "NORP") else None
            if owner_country and person.nationality is None:
                person.nationality = owner_country  # "Canada's foreign minister X"
        for t in appos:
            if t.ent_type_ == "PERSON" and t.dep_ != "compound":
                person.principals.append(t.i)
        if any(looks_like_release_form(t) for t in left):
            # "released prisoner X", "with Moscow freeing reporter X": X is the one freed
            person.cues.append(Cue("released", 3, m.sentence, "released-modifier"))
            cut = max(i for i, t in enumerate(left) if looks_like_release_form(t))
            if left[cut].lower_.endswith("ing"):
                left = left[cut + 1 :]
            else:
                left = left[cut:]
        if any(t.lower_ in _DETAINED_MODIFIERS for t in (*left, *appos[:3])):
            person.cues.append(Cue("still_detained", 1.2, m.sentence, "jailed-modifier"))  # "jailed tycoon X"
        title = [t for t in doc[m.start - 1 : m.start] if _is_title(t)] if m.titled and not left else []
        for part, gpe_ok in ((appos, True), (left, possessor is None), (title, False)):
            if not part:
                continue
            words = _role_words(part)
            if words & cues.NEGOTIATOR_ROLES:
                person.negotiator_role = True
            if words & cues.OFFICIAL_ROLES and not words & {"opposition", "former", "ex", "exiled", "campaign"}:
                person.official_role = True
                if words & cues.HEAD_OF_STATE_TITLES:
                    person.head_of_state = True
            if words & cues.RELATIVE_NOUNS and not words & cues.OFFICIAL_ROLES:
                person.relative_role = True
            nationality = _nationality(part, gpe_ok=gpe_ok)
            if nationality and person.nationality is None:
                person.nationality = nationality
            role = _role_text(part)
            if role:
                role_texts.append(role)
    if role_texts:
        person.role = role_texts[0]


def _nationality(tokens: list[Token], *, gpe_ok: bool) -> str | None:
    """Countries of the demonyms (and a leading country name) that modify a person's role:
    "Polish citizen" -> Poland, "US President" -> United States, "Polish-Belarusian" -> both."""
    found: list[str] = []
    for token in tokens:
        if token.ent_type_ == "NORP" or (gpe_ok and token.ent_type_ == "GPE" and token.i == tokens[0].i):
            ent_text = token.text
            for ent in token.doc.ents:
                if ent.start <= token.i < ent.end:
                    ent_text = ent.text
            country = country_of(ent_text)
            parts = [country] if country else [country_of(p) for p in ent_text.replace("–", "-").split("-")]
            for part in parts:
                if part and part not in found:
                    found.append(part)
        elif found and not (token.text in ("-", "–") or token.ent_type_ in ("NORP", "GPE")):
            break
    return ", ".join(found) or None


def _role_text(tokens: list[Token]) -> str | None:
    words = [t for t in tokens if not (t.ent_type_ in ("NORP", "GPE") and country_of(t.text))]
    while words and (words[0].is_punct or words[0].dep_ in ("det", "predet")):
        words = words[1:]
    if not words or not any(t.pos_ == "NOUN" or t.lower_.rstrip(".") in cues.TITLES for t in words):
        return None
    if len(words) > 12:
        words = words[:12]
    text = _phrase(words)
    if text[:1].isupper() and words[0].pos_ != "PROPN":
        text = text[0].lower() + text[1:]
    return text.strip(" ,") or None


# ---------------------------------------------------------------- status cues


def _climb(token: Token) -> tuple[Token, bool]:
    """From a name up through conjunctions, appositions and list prepositions to its clause role.

    Returns the node whose dependency relation places the name in its clause, and whether the
    path went through a list marker ("including", "among", "such as").
    """
    node, listed = token, False
    for _ in range(8):
        dep = node.dep_
        if dep in ("conj", "appos") and node.head is not node:
            node = node.head
        elif dep == "compound" and node.head.pos_ == "PROPN" and node.head is not node:
            node = node.head
        elif dep == "pobj" and node.head.lower_ in _LIST_PREPS and node.head.head is not node.head:
            listed = True
            node = node.head.head
        elif dep == "prep" and node.lower_ in _LIST_PREPS:
            listed = True
            node = node.head
        else:
            break
    return node, listed


def _verb_of(node: Token) -> Token:
    verb = node.head
    if verb.dep_ in ("auxpass", "aux") and verb.head is not verb:
        verb = verb.head
    return verb


def _passive(verb: Token, node: Token) -> bool:
    if node.dep_ == "nsubjpass" or node.head.dep_ == "auxpass":
        return True
    if any(c.dep_ == "auxpass" for c in verb.children):
        return True
    # headline ellipsis: "Activist freed after two years"
    return verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "dobj") for c in verb.children)


def _detention_context(verb: Token) -> bool:
    words = {t.lemma_.lower() for t in verb.subtree} | {t.lower_ for t in verb.subtree}
    return bool(words & cues.DETENTION_WORDS)


def _release_in(tokens: Any) -> Token | None:
    for t in tokens:
        if is_release_token(t) and not is_negated(t):
            return t
    return None


def _release_noun_cue(noun: Token, sentence: int) -> Cue:
    if is_wished_release(noun):
        return Cue("still_detained", 2, sentence, "release-demanded")
    if noun.lemma_.lower() in ("exchange", "swap", "return"):
        return Cue("released", 1.5, sentence, "exchange-of")
    return Cue("released", 2, sentence, "release-of")


def _subject_cues(verb: Token, node: Token, sentence: int) -> list[Cue]:
    """Cues for a name that is the (active or passive) subject of `verb`."""
    lemma = verb.lemma_.lower()
    negated = is_negated(verb)
    children = list(verb.children)
    if is_release_token(verb):
        if _passive(verb, node) or lemma in _SELF_RELEASE:
            return [Cue("still_detained" if negated else "released", 3, sentence, "release-subject")]
        if lemma in cues.ACTOR_VERBS:
            return [Cue("official", 3, sentence, "release-actor")]
    if lemma in ("sign", "issue", "order", "approve") and any(is_release_token(t) for t in verb.subtree if t is not verb):
        return [Cue("official", 3, sentence, "release-actor")]  # "signed a decree pardoning 40 prisoners"
    if lemma in _SELF_RELEASE and any(c.lower_ in ("free", "freedom", "liberty") for c in verb.subtree):
        return [Cue("still_detained" if negated else "released", 3, sentence, "walked-free")]
    if lemma in ("remain", "stay", "languish", "continue") and (
        _detention_context(verb) or lemma == "languish"
    ):
        return [Cue("released" if negated else "still_detained", 3, sentence, "remains-detained")]
    if lemma in _DETENTION_VERBS and _passive(verb, node) and (
        verb.tag_ in ("VBZ", "VBP", "VBG") or any(c.lower_ in ("still", "remain", "is", "are") for c in children)
    ):
        return [Cue("still_detained", 2.5, sentence, "still-held")]
    if lemma == "be":
        preps = [c for c in children if c.dep_ == "prep"]
        for prep in preps:
            if prep.lower_ in ("among", "amongst") or any(t.lower_ == "list" for t in prep.subtree):
                has_release = _release_in(prep.subtree) is not None or any(
                    is_release_token(t) for t in prep.subtree
                )
                if (negated and has_release) or (negated and prep.lower_ == "on"):
                    return [Cue("still_detained", 3, sentence, "not-among")]
                if has_release:
                    return [Cue("released", 3, sentence, "among-freed")]
        if any(c.dep_ == "advmod" and c.lower_ == "still" for c in children) and _detention_context(verb):
            return [Cue("still_detained", 3, sentence, "still-in-prison")]
        if any(c.dep_ in ("acomp", "attr") and c.lower_ in ("free", "freed", "released") for c in children):
            return [Cue("still_detained" if negated else "released", 3, sentence, "is-free")]
        for child in children:
            if child.dep_ == "attr" and _release_in(child.subtree) is not None:
                return [Cue("released", 2.5, sentence, "one-of-freed")]
    if lemma in cues.NEGOTIATION_VERBS or (
        lemma in ("help", "work") and any(c.lemma_.lower() in cues.NEGOTIATION_VERBS for c in children)
    ):
        return [Cue("negotiator", 3, sentence, "brokered")]
    if lemma == "lead" and any(t.lemma_.lower() in _TALK_NOUNS | {"delegation", "effort"} for t in children):
        return [Cue("negotiator", 2.5, sentence, "led-talks")]
    if lemma in cues.ARRIVAL_VERBS:
        return [Cue("released", 1.5, sentence, "arrived")]
    if lemma in cues.TRANSFER_VERBS and _passive(verb, node) and not _detention_context(verb):
        return [Cue("released", 1.5, sentence, "moved")]  # "the hostages, A and B, were taken to ..."
    if lemma in cues.SPEECH_VERBS:
        return [Cue("speech", 2, sentence, "speech")]
    if verb.pos_ in ("VERB", "AUX"):
        return [Cue("act", 1.5, sentence, "act")]
    return []


def _agency_owner(node: Token) -> Token | None:
    """The decision noun a name owns: "on the orders of Governor X", "X's decision"."""
    owner = node.head if node.dep_ == "poss" else node.head.head if node.head.lower_ == "of" else None
    if owner is not None and owner.lemma_.lower() in cues.AGENCY_NOUNS:
        return owner
    return None


def _mention_cues(a: Analysis, m: Mention) -> list[Cue]:
    doc = a.doc
    root = m.tokens(doc).root
    s = m.sentence
    out: list[Cue] = []
    # Relative and reduced relative clauses on the name: "X, who was freed", "X, freed on Monday".
    for child in root.children:
        if child.dep_ in ("relcl", "acl") and child.i > root.i:
            out.extend(c for c in _subject_cues(child, child, s) if c.status in ("released", "still_detained"))
    node, listed = _climb(root)
    dep = node.dep_
    if dep in ("nsubj", "nsubjpass", "csubj"):
        out.extend(_subject_cues(_verb_of(node), node, s))
    elif dep in ("dobj", "attr", "oprd", "dative") or (dep == "pobj" and node.head.dep_ == "agent"):
        verb = node.head
        if dep == "pobj":  # "freed by X": the performer
            out.append(Cue("official", 3, s, "release-agent") if is_release_token(verb.head) else Cue("act", 1, s, "by"))
        elif is_release_token(verb):
            negated = is_negated(verb)
            out.append(Cue("still_detained" if negated else "released", 3 if not listed else 2.5, s, "release-object"))
        elif verb.lemma_.lower() in ("include", "comprise", "feature", "number"):
            subject = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            group = any(
                _release_in(c.subtree) is not None or c.lemma_.lower() in cues.DETAINEE_NOUNS | {"group", "list"}
                for c in subject
            )
            if group:
                out.append(Cue("still_detained" if is_negated(verb) else "released", 2.5, s, "group-includes"))
        elif dep == "attr" and verb.lemma_ == "be":
            out.extend(_subject_cues(verb, node, s))
        elif verb.lemma_.lower() in ("welcome", "greet", "embrace", "meet", "receive") and _release_in(
            a.sents[s].span
        ):
            out.append(Cue("released", 1, s, "welcomed"))
    elif dep == "pobj":
        prep = node.head
        owner = prep.head
        p = prep.lower_
        if p in ("of", "for") and owner.pos_ == "NOUN" and owner.lemma_.lower() in cues.RELEASE_NOUNS:
            out.append(_release_noun_cue(owner, s))
        elif p in ("with", "between") and owner.lemma_.lower() in _TALK_NOUNS:
            out.append(Cue("talks", 1, s, "talks"))
        elif p == "to" and owner.lower_ == "according":
            out.append(Cue("speech", 2, s, "according-to"))
    elif dep == "poss" and node.head.lemma_.lower() in cues.RELEASE_NOUNS and node.head.pos_ == "NOUN":
        out.append(_release_noun_cue(node.head, s))
    if (
        dep == "poss"
        and node.head.lemma_.lower() in cues.REPRESENTATIVE_NOUNS
        and node.head.dep_ in ("nsubj", "nsubjpass")
        and node.head.head.lemma_.lower() in cues.SPEECH_VERBS
    ):
        out.append(Cue("speech", 2, s, "office-speaks"))  # "X's office said"
    if dep in ("poss", "pobj") and _agency_owner(node) is not None:
        out.append(Cue("act", 1.5, s, "agency"))
    if listed and not any(c.status in ("released", "still_detained") for c in out):
        sentence = a.sents[s]
        release = _release_in(sentence.span)
        if release is not None and not has_phrase(a.lower(sentence), cues.PAST_ROUND_PHRASES):
            out.append(Cue("released", 2.5, s, "listed-in-release"))
    if not any(c.status in ("released", "still_detained") for c in out):
        out.extend(_surface_list_cue(a, m))
    if not any(c.status == "still_detained" for c in out):
        out.extend(_phrase_cues(a, m))
    return out


_SEPARATORS = frozenset({",", "and", "were", "are", "was", "is", ":", ";", "including", "like", "them", "as", "plus"})
_NP_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "PART", "PUNCT", "ADV"})


def _surface_list_cue(a: Analysis, m: Mention) -> list[Cue]:
    """Fallback when the parse is broken: a name coordinated after a list opener of a release
    sentence ("Also released were A, ..., as well as B") is a member of the freed group."""
    sentence = a.sents[m.sentence]
    before = a.text[sentence.start : m.char_start].lower()
    among = before.startswith(("among ", "amongst ")) and any(
        is_release_token(t) for t in a.doc[sentence.span.start : m.start]
    )  # "Among the Russians sent home was X"
    if not (has_phrase(before, cues.LIST_OPENERS) or among) or not _release_in(sentence.span):
        return []
    if has_phrase(a.lower(sentence), cues.PAST_ROUND_PHRASES) or any(
        is_negated(t) for t in sentence.span if is_release_token(t)
    ):
        return []
    doc = a.doc
    index = m.start - 1
    while index >= sentence.span.start:
        token = doc[index]
        if token.lower_ in _SEPARATORS:
            return [Cue("released", 2, m.sentence, "listed-surface")]
        if token.pos_ not in _NP_POS or (token.is_punct and token.text not in ("-", "'", "’")):
            return []
        index -= 1
    return []


def _phrase_cues(a: Analysis, m: Mention) -> list[Cue]:
    """Surface fallback: a still-detained phrase right after the name in its sentence."""
    sentence = a.sents[m.sentence]
    tail = a.text[m.char_end : sentence.end].lower()
    for match in find_phrases(tail, cues.STILL_DETAINED_PHRASES):
        before = tail[: match.start()]
        if match.start() < 120 and not any(c in before for c in (".", ";", " and ", " but ", " while ")):
            return [Cue("still_detained", 2, m.sentence, "still-detained-phrase")]
    return []


def _pronoun_release_cues(a: Analysis, mentions: list[Mention]) -> dict[int, Cue]:
    """ "After her release, X said ...": a his/her/their release goes to the sentence's subject name."""
    out: dict[int, Cue] = {}
    for sentence in a.sents:
        for token in sentence.span:
            if token.lemma_.lower() not in ("release", "freedom") or token.pos_ != "NOUN":
                continue
            if not any(c.dep_ == "poss" and c.lower_ in ("his", "her", "their") for c in token.children):
                continue
            if not (token.dep_ == "pobj" and token.head.lower_ in ("after", "following", "since", "upon", "on")):
                continue  # only "after her release, X ...": elsewhere the pronoun may be anyone
            cue = _release_noun_cue(token, sentence.index)
            here = [m for m in mentions if m.sentence == sentence.index]
            subjects = [m for m in here if a.doc[m.start : m.end].root.dep_ in ("nsubj", "nsubjpass")]
            pick = (subjects or [m for m in here if m.start < token.i])[:1]
            for m in pick:
                out[id(m)] = cue
    return out


# ---------------------------------------------------------------- decision


def _decide(person: PersonFinding) -> None:
    resolved: list[Cue] = []
    for cue in person.cues:
        if cue.status == "speech":
            status = "official" if person.official_role else "other"
            resolved.append(Cue(status, cue.strength, cue.sentence, cue.why))
        elif cue.status == "act":
            if person.official_role:
                resolved.append(Cue("official", cue.strength, cue.sentence, cue.why))
        elif cue.status == "talks":
            resolved.append(Cue("official" if person.official_role else "negotiator", 1, cue.sentence, cue.why))
        else:
            resolved.append(cue)
    first = min(m.sentence for m in person.mentions)
    if person.negotiator_role:
        resolved.append(Cue("negotiator", 2.5, _role_sentence(person), "envoy-role"))
    if person.relative_role:
        resolved.append(Cue("other", 2, _role_sentence(person), "relative"))
    if person.official_role:
        resolved.append(Cue("other", 1, first, "title-only"))
    if not resolved:
        person.status, person.evidence_sentence = "other", first
        return
    best = max(resolved, key=lambda c: (c.strength, PRECEDENCE.get(c.status, 0), -c.sentence))
    person.status, person.evidence_sentence = best.status, best.sentence


def _role_sentence(person: PersonFinding) -> int:
    return min(m.sentence for m in person.mentions)


def find_people(a: Analysis) -> list[PersonFinding]:
    """Every named person in the article, merged, with role, nationality, status and evidence."""
    mentions = _mentions(a)
    pronoun = _pronoun_release_cues(a, mentions)
    people: list[PersonFinding] = []
    for cluster in _cluster(mentions):
        person = PersonFinding(sorted(cluster, key=lambda m: m.start))
        _apply_roles(a, person)
        for m in person.mentions:
            found = _mention_cues(a, m)
            person.cues.extend(found)
            if any(c.why in ("release-actor", "release-agent") for c in found):
                person.actor_sentences.append(m.sentence)
            if id(m) in pronoun:
                person.cues.append(pronoun[id(m)])
        people.append(person)
    _share_coordinated(a, people)
    for person in people:
        _decide(person)
    _inherit_nationality(a, people)
    people.sort(key=lambda p: p.mentions[0].start)
    return people


def _share_coordinated(a: Analysis, people: list[PersonFinding]) -> None:
    """Names coordinated with a name freed by a modifier share it: "freeing reporter A and B"."""
    owner = {m.start: p for p in people for m in p.mentions}
    roots = {a.doc[m.start : m.end].root.i: (p, m) for p in people for m in p.mentions}
    for person in people:
        for cue in [c for c in person.cues if c.why == "released-modifier"]:
            for m in person.mentions:
                if m.sentence != cue.sentence:
                    continue
                for other in a.doc[m.start : m.end].root.conjuncts:
                    found = roots.get(other.i)
                    if found is not None and found[0] is not person and found[0] is not owner.get(m.start, None):
                        found[0].cues.append(Cue("released", 2.5, cue.sentence, "coordinated"))


def _inherit_nationality(a: Analysis, people: list[PersonFinding]) -> None:
    """An envoy or official with no stated nationality takes that of the person they serve
    ("an adviser to Brazilian President X") or of the delegation they lead ("the Swiss
    team, headed by mediator X")."""
    by_token = {t: p for p in people for m in p.mentions for t in range(m.start, m.end)}
    for person in people:
        if person.nationality or not (person.negotiator_role or person.official_role):
            continue
        for token in person.principals:
            principal = by_token.get(token)
            if principal is not None and principal is not person and principal.nationality:
                person.nationality = principal.nationality
                break
        if person.nationality:
            continue
        for m in person.mentions:
            node, _ = _climb(a.doc[m.start : m.end].root)
            if node.dep_ == "pobj" and node.head.dep_ == "agent" and node.head.head.dep_ in ("acl", "relcl"):
                group = node.head.head.head
                found = _nationality([c for c in group.children if c.i < group.i], gpe_ok=True)
                if found:
                    person.nationality = found
                    break
