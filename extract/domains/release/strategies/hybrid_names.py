"""Person names for the hybrid strategy: find name mentions in the parse and merge them.

Candidates are PERSON entities (widened over proper nouns the small NER model cut off), plus
name-shaped spans of other labels or none that are described as a person ("journalist X",
"X, a journalist"), titled ("Bishop X"), in a credit line ("Reporting by X") or share a
surname with a tagged person. Each is cleaned (no possessive, title or trailing words) and must
look like a name. Mentions of one person (surname alone, other transliterations) are merged
with the project's name matcher, `extract.names`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from extract.names import name_similarity, name_tokens, same_person

from .. import cues
from .hybrid_text import Analysis, country_of, header_kind, list_header, list_item_lead

__all__ = ["Mention", "best_form", "cluster_mentions", "find_mentions", "is_title", "name_rules"]

Token = Any

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
    relative: bool = False  # one name given to a relative ("his son, Y"): never another person's part
    rules: tuple[str, ...] = ("name.ner",)  # how the name was found and cut (`name_rules`), then the name rules that reshaped it
    merged_by: str = "alias.name-matcher"  # how it joined its person's other mentions
    nicknames: tuple[str, ...] = ()  # the same person's name with the inner nickname ("GN Saibaba"): name.inner-nickname
    kin: frozenset[int] = frozenset()  # starts of mentions named as this one's relative: never the same person

    def tokens(self, doc: Any) -> Any:
        return doc[self.start : self.end]


def is_title(token: Token) -> bool:
    """A title word, also in the plural ("the bench of Justices X and Y")."""
    low = token.lower_.rstrip(".")
    return low in cues.TITLES or (len(low) > 4 and low.endswith("s") and low[:-1] in cues.TITLES)


def _is_honorific(token: Token) -> bool:
    """A capitalised title before a name: "President", "Bishop", "Mr" (not "of", "State")."""
    low = token.lower_.rstrip(".")
    return token.text[:1].isupper() and low in cues.TITLES and low not in cues.NOT_HONORIFIC_WORDS


def _demonym(word: str) -> bool:
    """A demonym ("Ukrainian"), not a country's own name (which is also a given name: "Jordan")."""
    country = country_of(word)
    return country is not None and word.lower() != country.lower() and word.endswith(("an", "ese", "ish", "i", "ch"))


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
    if doc[start].lower_ in ("his", "her", "their", "its"):
        return None  # "His Holiness", "Her Majesty": a style, not a name
    # "Conservative MP X Y": a capitalised word before a title belongs to the title
    for index in range(start + 1, min(end - 2, start + 3) + 1):
        if is_title(doc[index]) and doc[index].text[:1].isupper() and all(
            t.text[:1].isupper() and not t.ent_type_ == "PERSON" for t in doc[start:index]
        ):
            start = index
            break
    # "Commissioner for Human Rights X Y": institution words glued before the name
    while end - start > 2 and doc[start].lower_ in cues.NON_PERSON_WORDS | cues.OFFICE_NAME_WORDS and (
        doc[start + 1].text[:1].isupper() or doc[start + 1].lower_ in ("for", "of")
    ):
        start += 1
    while start < end and (
        is_title(doc[start])
        or (end - start >= 2 and _role_word(doc[start]))  # "Activists X, Y walk free": a role, not a name
        or (doc[start].ent_type_ in ("GPE", "NORP") and country_of(doc[start].text))
        or (end - start >= 3 and _demonym(doc[start].text))  # "Freed Ukrainian X Y" tagged as one PERSON
        or (end - start >= 3 and doc[start].lower_ == "by")  # a byline "By X Y" tagged as one PERSON
        or not doc[start].text[:1].isupper()
    ):
        titled = titled or _is_honorific(doc[start])
        start += 1
    if start < end and start > 0 and _role_word(doc[start - 1]) and doc[start].pos_ in ("ADP", "DET", "CCONJ"):
        return None  # "Reporters Without Borders": the role word opens an organisation's name
    while end > start and not doc[end - 1].text[:1].isupper():
        if end - start >= 3 and doc[end - 1].lower_ in cues.PATRONYMIC_SUFFIXES:
            break  # "X Y uulu": the patronymic ends the name
        joined = end - start >= 3 and doc[end - 2].text == "-" and not doc[end - 3].whitespace_
        if joined and not doc[end - 2].whitespace_ and doc[end - 1].is_alpha:
            break  # "Wai-ming": a hyphenated given name
        end -= 1
    if start >= end or (is_title(doc[end - 1]) and not _title_word_surname(doc, start, end)):
        return None  # nothing left, or a headline fragment ending in a title ("... Municipal Deputy")
    return start, end, titled


def _title_word_surname(doc: Any, start: int, end: int) -> bool:
    """A title word ending a name the NER model tagged as a person is its surname (rule
    name.title-word-surname): "Hun Sen", "Julie Bishop", never an abbreviation with its dot."""
    last = doc[end - 1]
    return (
        end - start >= 2
        and all(t.ent_type_ == "PERSON" and t.pos_ == "PROPN" for t in doc[start:end])
        and not last.text.endswith(".")
        and not (end < len(doc) and doc[end].text == "." and not doc[end].whitespace_ and end + 1 < len(doc)
                 and doc[end + 1].text[:1].isupper() and doc[end + 1].ent_type_ == "PERSON")
        and not any(is_title(t) for t in doc[start : end - 1])
    )


def _role_word(token: Token) -> bool:
    """A capitalised role noun opening a name span (rule name.role-word-cut): "Activists",
    "Journalist", "Lawyers" (never a given name)."""
    return token.text[:1].isupper() and (
        token.lower_ in cues.PERSON_ROLE_NOUNS or token.lemma_.lower() in cues.PERSON_ROLE_NOUNS
    ) and token.pos_ in ("NOUN", "PROPN")


def _valid_name(tokens: Any, *, caps_ok: bool = False) -> bool:
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
    if any(t.text in ("-", "–") and t.whitespace_ and t.i > tokens.start and tokens.doc[t.i - 1].whitespace_ for t in tokens):
        return False  # "Sanaa - AFP": a dateline, not a name
    last = tokens[-1]
    if len(words) >= 2 and last.lower_ != last.lemma_.lower() and _role_word(last):
        return False  # "Thai Lawyers (for Human Rights)": a plural role noun ends an organisation's name
    for index, (word, hyphened) in enumerate(words):
        low = word.lower().rstrip(".")
        if any(ch.isdigit() for ch in word) or low in cues.BOILERPLATE_WORDS or low in cues.HEADLINE_FUNCTION_WORDS:
            return False
        if low in cues.NON_PERSON_WORDS and not _surname_like(tokens, index, len(words), low):
            return False
        if hyphened or (low in cues.NAME_PARTICLES and 0 < index < len(words) - 1):
            continue
        if low in cues.PATRONYMIC_SUFFIXES and index >= 2 and index == len(words) - 1:
            continue
        if not word[:1].isupper() or (len(word) > 3 and word.isupper() and not caps_ok):
            return False
    text = tokens.text
    parts = [p for p in re.split(r"[-–]", text) if p]
    if len(parts) >= 2 and all(country_of(p) for p in parts):
        return False  # "U.S.-Venezuelan", "British-Iranian": nationalities, not a name
    return country_of(text) is None and country_of(words[-1][0]) is None


def _surname_like(tokens: Any, index: int, count: int, low: str) -> bool:
    """An organisation or calendar word that is also a surname ends a name the NER model tagged as
    a person (rule name.surname-like-word): "Aidan White", "Theresa May" (never "White House")."""
    return (
        low in cues.SURNAME_LIKE_WORDS
        and count >= 2
        and index == count - 1
        and all(t.ent_type_ == "PERSON" for t in tokens)
    )


def _leader_of_body(tokens: Any) -> bool:
    """The name owns a body a leader heads (rule name.leader-of-body): "X's government", "X's
    ruling party", "the government of X", "the X administration" (not "the X party": a party's
    name). X is a person (a leader merely mentioned), never the place or the organisation. Another
    label than PERSON needs two words."""
    root = tokens.root
    if len(tokens) < 2 and root.ent_type_ != "PERSON":
        return False
    head = root.head
    if root.dep_ == "poss" and head.i >= tokens.end:
        return head.lemma_.lower() in cues.LEADER_BODY_NOUNS
    if root.dep_ in ("compound", "nmod") and head.i == tokens.end and head.tag_ == "NN":
        return head.lemma_.lower() in cues.LEADER_NAMED_BODY_NOUNS
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.i < tokens.start:
        return root.head.head.lemma_.lower() in cues.LEADER_BODY_NOUNS
    return False


def _relative_named(tokens: Any) -> bool:
    """One capitalised name set off by a comma after a singular relative noun (rule
    name.relative-by-first-name): "his son, Ibrahim, said", "X's sister, Salma, wrote". The relative is a person of their own, not
    the person whose relative they are, even when that person's full name contains the word."""
    root = tokens.root
    return (
        len(tokens) == 1
        and root.pos_ == "PROPN"
        and root.text[:1].isupper()
        and not root.text.isupper()
        and root.dep_ == "appos"
        and root.head.i < root.i
        and root.head.tag_ == "NN"
        and root.doc[root.i - 1].text == ","
        and root.head.lemma_.lower() in cues.RELATIVE_NOUNS
    )


def _role_lemma(token: Token) -> bool:
    return token.lemma_.lower() in cues.PERSON_ROLE_NOUNS or token.lower_ in cues.PERSON_ROLE_NOUNS


def _surface_person_context(tokens: Any) -> bool:
    """Person cues the parse may miss: a role noun right before the name ("co-presidents X"),
    a role noun in the phrase before a comma ("the ambassador in Tehran, X,", "a spokesman for the
    Prosecutor-General's Office, X,"), or an age after it ("X, 28, a backpacker") or before it
    ("66-year-old X", rule name.age-described)."""
    doc = tokens.doc
    start, end = tokens.start, tokens.end
    if end - start < 2 or any(t.ent_type_ in ("GPE", "LOC", "FAC") and country_of(t.text) for t in tokens):
        return False
    if start > 0 and _role_lemma(doc[start - 1]) and doc[start - 1].pos_ == "NOUN":
        return True
    if _age_before(doc, start):
        return True
    if end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].like_num and doc[end + 2].text in (",", ")"):
        try:
            return 0 < int(doc[end + 1].text) < 110
        except ValueError:
            return False
    if start > 1 and doc[start - 1].text == ",":
        seen = 0
        for index in range(start - 2, -1, -1):
            token = doc[index]
            if _infix_hyphen(token):
                continue  # "Prosecutor-General": one word
            seen += 1
            if seen > 8 or (token.is_punct or token.is_space or token.ent_type_ == "PERSON"):
                break
            if _role_lemma(token) and token.pos_ == "NOUN":
                return True
    return False


def _age_before(doc: Any, start: int) -> bool:
    """ "66-year-old X", "the 45-year-old X": an age written as a hyphenated adjective right
    before the name (rule name.age-described)."""
    return start >= 5 and doc[start - 1].lower_ == "old" and doc[start - 3].lower_ in ("year", "years") and (
        doc[start - 5].like_num and _infix_hyphen(doc[start - 2]) and _infix_hyphen(doc[start - 4])
    )


def _infix_hyphen(token: Token) -> bool:
    """A hyphen with no space on either side ("45-year-old", "Prosecutor-General")."""
    return token.text == "-" and token.i > 0 and not token.doc[token.i - 1].whitespace_ and not token.whitespace_


def _human_context(tokens: Any) -> bool:
    """A two- or three-word proper name acting or described as a human: "X, a marine
    biologist, ...", "X had pardoned the prisoners", "X told reporters".
    (For names the NER model labelled as an organisation, place or facility.)"""
    if not 2 <= len(tokens) <= 3 or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in tokens):
        return False
    if any(t.lower_ in cues.NON_PERSON_WORDS or (t.ent_type_ in ("GPE", "NORP") and country_of(t.text)) for t in tokens):
        return False  # (a part mistagged as a place or a nationality that names no country is still a name's)
    doc = tokens.doc
    index = tokens.end
    if index < len(doc) and doc[index].text == ",":
        index += 1  # (an age after the comma is a person cue already: `_surface_person_context`)
        if index < len(doc) and doc[index].lower_ in ("a", "an"):
            for token in doc[index + 1 : index + 11]:
                if (token.pos_ == "NOUN" and token.dep_ in ("appos", "conj", "ROOT")) or (
                    token.pos_ == "NOUN" and token.head.i < tokens.end
                ):
                    lemma = token.lemma_.lower()
                    return lemma not in cues.ORGANISATION_NOUNS and lemma not in cues.NOT_PERSON_NOUNS
                if token.is_punct and not _infix_hyphen(token):  # "a 45-year-old contractor" reads on
                    break
        if _one_of_group(tokens):
            return True
    root = tokens.root
    if root.dep_ == "nsubj" and root.head.lemma_.lower() in cues.HUMAN_VERBS | cues.ACTOR_VERBS - {"order", "sign", "grant"}:
        return True
    return _role_predicate(tokens)


def _one_of_group(tokens: Any) -> bool:
    """ "X, one of the country's best-known democracy activists,": one of a plural role noun
    (rule name.one-of-group)."""
    doc = tokens.doc
    if tokens.end + 1 >= len(doc) or doc[tokens.end].text != "," or doc[tokens.end + 1].lower_ != "one":
        return False
    return any(
        c.dep_ == "prep" and c.lower_ == "of" and any(g.dep_ == "pobj" and g.tag_ == "NNS" and _role_lemma(g) for g in c.children)
        for c in doc[tokens.end + 1].children
    )


def _role_predicate(tokens: Any) -> bool:
    """ "X is a freelance journalist": a role noun as the name's predicate (rule name.role-predicate)."""
    root = tokens.root
    return bool(root.dep_ == "nsubj" and root.head.lemma_ == "be" and any(
        c.dep_ == "attr" and c.pos_ == "NOUN" and _role_lemma(c) for c in root.head.children
    ))


def _person_context(tokens: Any) -> bool:
    """The span is described as a person: "journalist X", "X, a journalist", "the envoy, X"."""
    if _surface_person_context(tokens) or _human_context(tokens) or _leader_of_body(tokens):
        return True
    if _described_conjunct(tokens):
        return True
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


def _described_conjunct(tokens: Any) -> bool:
    """A later item of a list of names whose first item a role noun introduces (rule
    name.described-conjunct): "co-presidents A B and C D", "the activists A B, C D and E F". The
    role noun describes every item, whatever label the NER model gave each one."""
    root = tokens.root
    if root.dep_ != "conj" or not all(t.pos_ == "PROPN" for t in tokens):
        return False
    first = root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    if first == root or first.pos_ != "PROPN":
        return False
    doc = tokens.doc
    start = first.i
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i <= first.i:
        start -= 1
    before = doc[start - 1] if start > 0 else None
    if before is not None and before.pos_ == "NOUN" and _role_lemma(before):
        return True
    return first.dep_ == "appos" and first.head.i < start and first.head.pos_ == "NOUN" and _role_lemma(first.head)


def _single_described(token_span: Any) -> bool:
    """One name word standing alone and described as a person by the parse: "her colleague X",
    "X, a researcher", "lawyer X" (an apposition or a role noun right before it)."""
    root = token_span.root
    doc = token_span.doc
    if root.i + 1 < len(doc) and doc[root.i + 1].pos_ == "PROPN":
        return False  # a word of a longer name, described as a whole elsewhere
    if root.i > 0 and doc[root.i - 1].pos_ == "PROPN":
        return False
    if root.dep_ == "appos" and root.head.i == root.i - 1 and root.head.pos_ == "NOUN" and _role_lemma(root.head):
        return True
    if root.i > 0 and doc[root.i - 1].pos_ == "NOUN" and _role_lemma(doc[root.i - 1]) and doc[root.i - 1].dep_ == "compound":
        return True
    return any(
        c.dep_ == "appos" and c.i > root.i and c.pos_ == "NOUN" and _role_lemma(c) and doc[root.i + 1].text == ","
        and c.left_edge.lower_ in ("a", "an", "the")
        for c in root.children
    )


def _organisation_context(doc: Any, span: Any) -> bool:
    """Introduced as an organisation: "rights group X", "the broadcaster X", "X, a charity",
    "a reporter for X", "X journalists"; or a place named with an article ("El Penal", "La Prisión")."""
    if span[0].lower_ in cues.FOREIGN_ARTICLES:
        return True
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in ("for", "at") and root.head.head.lemma_.lower() in cues.WRITER_NOUNS:
        return True
    if root.dep_ == "compound" and root.head.tag_ == "NNS" and root.head.i == span.end and root.ent_type_ != "PERSON":
        return True  # "the four other X journalists"
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lemma_.lower() in cues.ORGANISATION_NOUNS and before.dep_ in ("compound", "amod", "nmod"):
        return True
    root = span.root
    if root.dep_ == "appos" and root.head.i < span.start and root.head.lemma_.lower() in cues.ORGANISATION_NOUNS:
        return True  # "the news site X"
    # "X, a charity": the apposition right after the name (not one the parser hung on it past a
    # relative clause: "X, who was jailed ..., the news agency reported")
    return any(
        c.dep_ == "appos" and c.i >= span.end and c.left_edge.i <= span.end + 2
        and c.lemma_.lower() in cues.ORGANISATION_NOUNS
        for c in root.children
    )


def _introduced_as_organisation(span: Any) -> bool:
    """An organisation or place noun introduces the name ("the outlet X", "the news site X", "the
    cosmetics brand X", "a reporter for X", "X, the armed group,", "X, a prison notorious for ..."):
    the strong cases of `_organisation_context`, which carry over to the name's other mentions
    (rule name.organisation-once). An apposition after the name counts with its article only, so a
    caption's "X, centre," does not; nor do "X Y prisoners"."""
    doc = span.doc
    root = span.root
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lemma_.lower() in cues.ORGANISATION_NOUNS and before.dep_ in ("compound", "amod", "nmod"):
        return True
    if root.dep_ == "appos" and root.head.i < span.start and root.head.lemma_.lower() in _THING_NOUNS:
        return True
    if any(
        c.dep_ == "appos" and c.i >= span.end and c.left_edge.i == span.end + 1 and doc[span.end].text == ","
        and c.left_edge.lower_ in ("a", "an", "the") and c.lemma_.lower() in _THING_NOUNS
        for c in root.children
    ):
        return True
    return root.dep_ == "pobj" and root.head.lower_ in ("for", "at") and root.head.head.lemma_.lower() in cues.WRITER_NOUNS


# Nouns that make a name in apposition an organisation, a place or a thing (never a person).
_THING_NOUNS = cues.ORGANISATION_NOUNS | cues.NOT_PERSON_NOUNS


def _place_name(doc: Any, span: Any) -> bool:
    """The name of a place or institution, not a person: "the prison known as X", "the X prison",
    "handed over in X" (people are rarely the object of "in" or "near").
    A name that modifies such a noun or is given to it ("known as", "called") names the thing."""
    if _leader_of_body(span):
        return False  # "X's government", "X's ruling party": X leads it
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in ("in", "near") and span.start > 0 and doc[span.start - 1].lower_ in ("in", "near"):
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "from" and span.start > 0 and doc[span.start - 1].lower_ == "from":
        described = root.head.head  # "a trade unionist from X", "a teacher from X": where the person is from
        if described.pos_ == "NOUN" and (_role_lemma(described) or described.lower_.endswith(cues.ROLE_SUFFIXES)):
            return True
    node = root
    for _ in range(3):  # "the X prison", "the X women's prison"
        if node.dep_ not in ("compound", "poss", "nmod") or node.head.i < span.end:
            break
        node = node.head
        if node.lemma_.lower() in cues.PLACE_NOUNS:
            return True
    if span.start >= 2 and doc[span.start - 1].lower_ == "as" and doc[span.start - 2].lower_ in ("known", "called"):
        noun = doc[span.start - 2].head
        return noun.lemma_.lower() in cues.PLACE_NOUNS or noun.lower_ in cues.PLACE_NOUNS
    if span.start >= 1 and doc[span.start - 1].lower_ in ("called", "named", "dubbed"):
        noun = doc[span.start - 1].head
        return noun.lemma_.lower() in cues.PLACE_NOUNS
    return False


def _byline(tokens: Any) -> bool:
    """A credit line: "Reporting by X", "Editing by Y", "(Photo: X / Agency)"."""
    doc = tokens.doc
    if tokens.start >= 2 and doc[tokens.start - 1].text == ":" and doc[tokens.start - 2].lower_ in (
        "photo", "photos", "photograph", "photographer", "video", "reporting", "editing", "writing", "credit",
    ):
        return tokens.end >= len(doc) or doc[tokens.end].text in ("/", ")", "|", ",", ";", "\n") or doc[tokens.end].is_space
    if tokens.start == 0 or doc[tokens.start - 1].lower_ != "by":
        return False
    line_start = tokens.start - 1
    while line_start > 0 and "\n" not in doc[line_start - 1].text and "\n" not in doc[line_start - 1].whitespace_:
        line_start -= 1
    first = doc[line_start]
    return first.lower_ in cues.BYLINE_WORDS and tokens.start - line_start <= 4


def _coordinated_with_person(tokens: Any) -> bool:
    """An item of a list of people: "A Roe, B Doe, C Poe and D Loe" where the NER model tagged a
    neighbour as a person but this one as a place or organisation."""
    root = tokens.root
    neighbours = [root.head] if root.dep_ == "conj" else []
    neighbours += [c for c in root.children if c.dep_ == "conj"]
    if any(n.ent_type_ == "PERSON" and n.pos_ == "PROPN" for n in neighbours):
        return True
    # a longer list: most of its items tagged as people ("A Roe, B Doe, C Poe, D Loe and E Moe")
    items = [t for t in root.conjuncts if t.pos_ == "PROPN"]
    people = sum(t.ent_type_ == "PERSON" for t in items)
    return len(items) >= 3 and people * 2 > len(items)


def _traded_for(tokens: Any) -> bool:
    """Two or more untagged proper nouns given "in return/exchange for" a release: a person
    ("released 30 soldiers in return for the politician X Y")."""
    root = tokens.root
    if len(tokens) < 2 or any(t.ent_type_ for t in tokens) or root.dep_ != "pobj" or root.head.lower_ != "for":
        return False
    noun = root.head.head
    return noun.lower_ in ("return", "exchange") and noun.head.lower_ == "in"


def _mistagged_part(token: Token) -> bool:
    """A one-word entity of another label than PERSON that is a part of a name run (rule
    name.mistagged-part): "Elnur" tagged a nationality before "Gahramanov", "Mahmudova" tagged an
    organisation after "Ulviyya". It must name no country, demonym or capital, and be no
    organisation or title word; the run is a person only on the usual evidence."""
    doc = token.doc
    ent_start = token.i if token.ent_iob_ == "B" else None
    single = ent_start is not None and (token.i + 1 >= len(doc) or doc[token.i + 1].ent_iob_ != "I")
    if not single or token.ent_type_ not in ("NORP", "GPE", "ORG", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"):
        return False
    neighbours = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
    return (
        country_of(token.text) is None
        and token.lower_ not in cues.NON_PERSON_WORDS | cues.ORGANISATION_NOUNS | cues.BOILERPLATE_WORDS
        and not is_title(token)
        and any(n.pos_ == "PROPN" and not n.ent_type_ and n.text[:1].isupper() and "\n" not in n.whitespace_ for n in neighbours)
    )


def _name_shaped(tokens: Any) -> bool:
    doc = tokens.doc
    words = [t for t in tokens if not _glued_hyphen(t) and not (t.i > tokens.start and _glued_hyphen(doc[t.i - 1]))]
    return 2 <= len(words) <= 4 and all(
        t.pos_ == "PROPN" or t.lower_ in cues.NAME_PARTICLES or _glued_hyphen(t) for t in tokens
    )


def _glued_hyphen(token: Token) -> bool:
    """A hyphen inside a word ("Al-Mahfoodh", "el-Din", "Min-ji"), not a dash between words."""
    doc = token.doc
    return (
        token.text == "-"
        and 0 < token.i < len(doc) - 1
        and not doc[token.i - 1].whitespace_
        and not token.whitespace_
        and doc[token.i - 1].is_alpha
        and doc[token.i + 1].is_alpha
    )


def _hyphen_part(token: Token) -> bool:
    """A piece of a hyphenated name part the capitalised-run test would cut (rule
    name.hyphenated-part): the hyphen itself, a lower-case proper noun after it ("Min-ji"), or a
    particle glued to it ("el-Din", "al-Kubra"). Never a tagged place, nationality or date."""
    doc = token.doc
    if token.ent_type_ in ("GPE", "LOC", "NORP", "FAC", "DATE"):
        return False
    if _glued_hyphen(token):
        return True
    if token.i > 0 and _glued_hyphen(doc[token.i - 1]):
        return bool(token.pos_ == "PROPN" and token.is_alpha)
    return token.lower_ in cues.NAME_PARTICLES and token.i + 1 < len(doc) and _glued_hyphen(doc[token.i + 1])


def _name_part(token: Token) -> bool:
    return (
        token.pos_ == "PROPN"
        and token.text[:1].isupper()
        and token.ent_type_ in ("", "PERSON")
        and not is_title(token)
        and token.lower_ not in cues.NON_PERSON_WORDS
        and "\n" not in token.whitespace_
    )


def _joined_part(doc: Any, index: int) -> bool:
    """A joining particle then a capitalised proper noun ("bin Salem", "van Berg", "de la" ...),
    with the noun tagged as part of a name, or not as a place."""
    if doc[index].lower_ not in cues.NAME_JOINERS or index + 1 >= len(doc):
        return False
    after = doc[index + 1]
    if after.lower_ in cues.NAME_JOINERS and index + 2 < len(doc):
        after = doc[index + 2]  # "van der Berg"
    return (
        after.pos_ == "PROPN"
        and after.text[:1].isupper()
        and after.ent_type_ not in ("GPE", "LOC", "NORP", "FAC", "DATE")
        and not is_title(after)
        and after.lower_ not in cues.NON_PERSON_WORDS
        and "\n" not in doc[index].whitespace_
    )


def _extend(doc: Any, ent: Any) -> Any:
    """Widen a PERSON entity over adjacent untagged proper nouns: the small model often cuts long
    names ("Juan Pablo" + "Ortiz")."""
    start, end = ent.start, ent.end
    while end < len(doc) and end - start < 5 and "\n" not in doc[end - 1].whitespace_:
        if _name_part(doc[end]):
            end += 1
        elif _joined_part(doc, end):
            end += 2  # "Fatima" + "bint Saeed", "Jan" + "van Berg"
        elif _hyphen_part(doc[end]) and doc[end].ent_type_ in ("", "PERSON"):
            end += 1  # "Bassem Nour" + "el-Din" (rule name.hyphenated-part)
        else:
            break
    while end - start > 1 and (doc[end - 1].text == "-" or doc[end - 1].lower_ in cues.NAME_PARTICLES):
        end -= 1
    if (
        end < len(doc)
        and end - start >= 2
        and doc[end].lower_ in cues.PATRONYMIC_SUFFIXES
        and "\n" not in doc[end - 1].whitespace_
    ):
        end += 1  # "X Y" + "uulu": a Central Asian patronymic
    if (
        end < len(doc)
        and end - start < 5
        and doc[end - 1].dep_ == "compound"
        and doc[end - 1].head.i == end
        and doc[end].text[:1].isupper()
        and doc[end].is_alpha
        and doc[end].lower_ not in cues.NON_PERSON_WORDS
        and not is_title(doc[end])
        and "\n" not in doc[end - 1].whitespace_
    ):
        end += 1  # the capitalised head of the name's compound chain, tagged as a common noun
    return doc[_glue_given_names(doc, start, end) : end]


def _given_name_before(doc: Any, start: int, end: int) -> bool:
    """The word before a name span is a given name the tagger left out (rule name.given-name-glued):
    a capitalised compound of the name that is no title, role or institution word. Opening a
    sentence it must be tagged a proper noun and not read as a role ("Geologist X Y" is not a
    name); inside a sentence a capitalised common noun also counts ("that Eint Khaing Oo ...")."""
    token = doc[start - 1]
    lower = token.lower_
    if (
        not token.text[:1].isupper()
        or not token.is_alpha
        or not (
            (token.dep_ == "compound" and start <= token.head.i < end)
            # "... and Hushom Gulyuam are held": the parser made the two words of one name two
            # conjuncts of the same head, with nothing between them
            or (token.dep_ == "conj" and doc[end - 1].dep_ == "conj" and token.head.i == doc[end - 1].head.i
                and token.ent_type_ == "" and token.pos_ == "PROPN" and end - start == 1)
        )
        or token.ent_type_ not in ("", "PERSON")
        or is_title(token)
        or "\n" in token.whitespace_
        or lower in cues.PERSON_ROLE_NOUNS | cues.NON_PERSON_WORDS | cues.ORGANISATION_NOUNS | cues.BOILERPLATE_WORDS
        or lower in cues.NOT_GIVEN_NAMES
        or token.lemma_.lower() in cues.PERSON_ROLE_NOUNS
        or country_of(token.text) is not None
    ):
        return False
    if token.is_sent_start:
        return token.pos_ == "PROPN" and not lower.endswith(cues.ROLE_SUFFIXES)
    return token.pos_ in ("PROPN", "NOUN")


def _glue_given_names(doc: Any, start: int, end: int) -> int:
    """The start of a name span widened over given names left out of it: "Aliya" + "Nurlanova",
    "Juan" + "Pablo Ortiz", "Ruben" + "Dario Alzate" opening a sentence."""
    while end - start < 5 and start > 0 and _given_name_before(doc, start, end):
        start -= 1
    return start


# Credits that name a person: "(AP Photo/Jane Roe)", "REUTERS/Jane Roe", "[File: Jane Roe/AFP]",
# "Image: Jane Roe / Agency", "Text: Jane Roe", "Edited by: Jane Roe", "(Jane Roe for the Daily)",
# "By Jane Roe & John Doe". The name: two to four capitalised words (any case, any script).
_NAME = r"[A-ZÀ-ÞĀ-Ž][\w'’.-]+(?: (?:[A-ZÀ-ÞĀ-Ž][\w'’.-]+|de|da|van|von|al|el|bin|ibn)){1,3}"
_CREDITS = (
    re.compile(rf"(?:\bPhoto|\bPhotos|\bImage|\bPicture|\bFile|\bText|\bVideo|\bCredit|\bPhotograph|\bIllustration"
               rf"|\bTranslation from \w+|\bTranslated from \w+"
               rf"|[Ee]dited by|[Rr]eporting by|[Ww]riting by|[Tt]ranslated by|[Tt]ranslation by|[Aa]dditional reporting by)"
               rf"\s*:?\s*(?P<n>{_NAME})(?=\s*(?:/|\||\)|\]|,|;|\n|$| for | and | & | in ))"),
    re.compile(rf"(?:AP Photo|REUTERS|Reuters|AFP|EPA|Getty Images|AP)(?: PHOTO| Photo)?\s*/\s*(?P<n>{_NAME})"),
    # any agency: "© Agency/Jane Roe", "EFE/Jane Roe" closing its line (rule name.credit-line)
    re.compile(rf"(?:©\s*[A-Z][\w-]*|\b[A-Z]{{2,6}})\s*/\s*(?P<n>{_NAME})(?=[ \t]*(?:\n|$|\)|\]))"),
    # "(Jane Roe/AFP)", "(JANE ROE/AFP/Getty Images)": the name, then one or more agencies
    re.compile(rf"[(\[](?P<n>{_NAME})\s*(?:/\s*[A-Z][\w /]+|for [A-Z][\w ]+|for the [A-Z][\w ]+)[)\]]"),
    re.compile(rf"(?:^|\n)\s*(?:By|BY)\s+{_NAME}\s*(?:&|and|,)\s*(?P<n>{_NAME})"),
    re.compile(r"(?:^|\n)\s*(?:By|BY)\s+(?P<n>[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){1,3})\s*(?=\n|$|,)"),
)


def _credit_names(a: Analysis) -> list[Any]:
    """Name spans in photo credits, bylines and edit lines, which the NER model often misses."""
    out = []
    for pattern in _CREDITS:
        for match in pattern.finditer(a.text):
            start, end = match.span("n")
            span = a.doc.char_span(start, end, alignment_mode="contract")
            if span is not None and 2 <= len(span) <= 6 and not any(t.lower_ in cues.CREDIT_WORDS for t in span):
                out.append(span)
    return out


_ITEM_END = re.compile(r"[,;:(\n–—]| - ")


def _list_item_names(a: Analysis) -> list[Any]:
    """The name that opens an item of a bulleted list under a header ("Those freed include:"
    then "- Jane Q. Roe, a teacher;"): the words before the first comma, when they are all
    proper nouns or name particles. The NER model often cuts or misses names at line starts."""
    doc = a.doc
    out: list[Any] = []
    offset = 0
    for line in a.text.splitlines(keepends=True):
        lead = list_item_lead(a.text, offset + len(line.rstrip())) if line.strip() else None
        header = list_header(a, lead) if lead is not None else None
        if lead is not None and header is not None:
            # under a list of the freed every item is a person; elsewhere not an organisation or
            # place the NER model did recognise ("- Ruritania Watch, ...")
            people_list = header_kind(a, header) == "released"
            end = _ITEM_END.search(a.text, lead, offset + len(line))
            span = doc.char_span(lead, end.start() if end else offset + len(line.rstrip()), alignment_mode="contract")
            if span is not None and 2 <= len(span) <= 6 and all(
                (t.pos_ == "PROPN" and (people_list or t.ent_type_ in ("", "PERSON")))
                or t.lower_ in cues.NAME_PARTICLES
                or t.text in ("-", ".")
                for t in span
            ):
                out.append(span)
        offset += len(line)
    return out


# A name with a nickname or another given name inside it: 'Yunior "El Brujo" Casanova', 'Sasha
# (Alexander) Roe', 'Gokarakonda Naga "GN" Saibaba'. The inner name: one to three capitalised words.
_CAP = r"[A-ZÀ-ÞĀ-Ž][\w'’.-]*"
_INNER_NICKNAME = re.compile(
    rf"(?P<given>{_CAP}(?: {_CAP}){{0,2}}) "
    rf"(?:[\"“](?P<quoted>{_CAP}(?: {_CAP}){{0,2}})[\"”]|\((?P<bracketed>{_CAP}(?: {_CAP}){{0,2}})\)) "
    r"(?P<surname>[A-ZÀ-ÞĀ-Ž][\w'’-]*)"
)


def _inner_nickname_names(a: Analysis) -> list[Mention]:
    """Names written with a nickname or another given name between the given name and the surname
    (rule name.inner-nickname): the mention is the name without it ("Sasha Roe"), and the nickname
    with the surname ("Alexander Roe", "GN Saibaba") is the same person when the article uses it.
    The given name and the surname must each look like a name, and the NER model must have tagged a
    part as a person or a title or role word come right before it."""
    doc = a.doc
    out: list[Mention] = []
    for match in _INNER_NICKNAME.finditer(a.text):
        given = doc.char_span(*match.span("given"))
        surname = doc.char_span(*match.span("surname"))
        inner = "quoted" if match.group("quoted") else "bracketed"
        nickname = doc.char_span(*match.span(inner))
        if given is None or surname is None or nickname is None or len(surname) != 1:
            continue
        while len(given) > 1 and (is_title(given[0]) or _role_word(given[0])):
            given = given[1:]  # "Rapper Yunior": the role word is no part of the name
        last = surname[0]
        if (
            not _valid_name(given)
            or not _valid_name(surname)
            or any(t.pos_ != "PROPN" for t in (*given, last))
            # a surname tagged as a place after a bracket is a dateline's or a credit's, unless the
            # bracketed word was itself tagged as a person ("Sasha (Alexander) X")
            or (last.ent_type_ not in ("", "PERSON") and inner == "bracketed"
                and not any(t.ent_type_ == "PERSON" for t in nickname))
            or is_title(last)
            or any(is_title(t) or _role_word(t) for t in given)
            or (inner == "bracketed" and (len(nickname) > 1 or nickname.text.isupper()))  # "(PP)": an abbreviation
        ):
            continue
        before = doc[given.start - 1] if given.start > 0 else None
        tagged = any(t.ent_type_ == "PERSON" for t in (*given, *nickname, last))
        introduced = before is not None and (_is_honorific(before) or _role_word(before) or _role_lemma(before))
        sentence = a.sentence_of(given[0])
        if not (tagged or introduced) or sentence is None:
            continue
        out.append(Mention(
            given.start, last.i + 1, f"{given.text} {last.text}", given.start_char, last.idx + len(last.text),
            sentence.index, titled=before is not None and _is_honorific(before), person_context=True,
            rules=("name.inner-nickname",), nicknames=(f"{nickname.text} {last.text}",),
        ))
    return out


# Relatives named with one surname written once (rule name.shared-surname): "the couple A and
# B Roe", "sisters A and B Roe" (A is "A Roe"), "the Roe brothers - A, an engineer, and B" (both).
_KIN_GROUP = r"(?:couple|spouses|sisters|brothers|siblings|twins|parents|husband and wife)"
_WORD = r"[A-ZÀ-ÞĀ-Ž][\w'’-]+"
_SHARED_SURNAME = (
    re.compile(rf"\b{_KIN_GROUP},? (?P<a>{_WORD}) and {_WORD} (?P<s>{_WORD})\b(?! [A-ZÀ-ÞĀ-Ž])"),
    re.compile(rf"\b(?P<s>{_WORD}) {_KIN_GROUP} ?[-–—:,] ?(?P<a>{_WORD})(?:, [^,.;\n]{{1,50}},)? and (?P<b>{_WORD})\b"),
)


def _shared_surname_names(a: Analysis) -> list[Mention]:
    """Given names whose surname the article writes once for several relatives (rule
    name.shared-surname): the mention is the given name's token, its name the given name and the
    surname. Every word must be a proper noun that is no title, role, place or nationality."""
    doc = a.doc
    out: list[Mention] = []
    for pattern in _SHARED_SURNAME:
        for match in pattern.finditer(a.text):
            surname = doc.char_span(*match.span("s"))
            if surname is None or len(surname) != 1 or not _plain_name_word(surname[0]):
                continue
            for group in ("a", "b"):
                if group not in pattern.groupindex:
                    continue
                given = doc.char_span(*match.span(group))
                if given is None or len(given) != 1 or not _plain_name_word(given[0]):
                    continue
                sentence = a.sentence_of(given[0])
                if sentence is None:
                    continue
                token = given[0]
                out.append(Mention(
                    token.i, token.i + 1, f"{token.text} {surname[0].text}", token.idx, token.idx + len(token.text),
                    sentence.index, person_context=True, rules=("name.shared-surname",),
                ))
    return out


def _plain_name_word(token: Token) -> bool:
    return (
        token.pos_ == "PROPN"
        and token.text[:1].isupper()
        and not token.text.isupper()
        and token.ent_type_ not in ("NORP", "DATE")  # (a given name tagged as a place is common; a country is not)
        and not is_title(token)
        and not _role_lemma(token)
        and token.lower_ not in cues.NON_PERSON_WORDS
        and country_of(token.text) is None
    )


def _split_coordination(ent: Any) -> list[Any]:
    """An entity that joins names with "and" or "&" ("X-Y and Jane Roe" read as one organisation)
    split into its parts (rule name.coordination-split); a part is then a person only on the usual
    evidence. An entity of one part is returned whole."""
    joints = [t.i for t in ent if t.lower_ in ("and", "&") and t.i > ent.start]
    if not joints:
        return [ent]
    doc = ent.doc
    parts: list[Any] = []
    start = ent.start
    for joint in [*joints, ent.end]:
        end = joint - 1 if joint - 1 > start and doc[joint - 1].text == "," else joint
        if end > start:
            parts.append(doc[start:end])
        start = joint + 1
    return parts


def find_mentions(a: Analysis) -> list[Mention]:
    doc = a.doc
    found: dict[tuple[int, int], Mention] = {}
    person_words: set[str] = set()
    spans: list[tuple[Any, bool]] = []
    glued: set[int] = set()  # starts of spans widened over a given name (name.given-name-glued)
    split: set[tuple[int, int]] = set()  # parts of an entity cut at "and" (name.coordination-split)
    for ent in (e.span for e in a.ents if e.label in _ALL_NAME_LABELS):
        if ent.label_ == "PERSON":
            widened = _extend(doc, ent)
            if widened.start < ent.start:
                glued.add(widened.start)
            spans.append((widened, True))
        elif ent.label_ in _ALL_NAME_LABELS:
            parts = _split_coordination(ent)
            if len(parts) > 1:
                split.update((part.start, part.end) for part in parts)
            spans.extend((part, False) for part in parts)
    surnames: set[str] = set()
    # a name word the article describes as a person when used alone ("her colleague X", "X, an
    # anthropologist"): a name-shaped span ending in it is a person's (rule name.surname-described)
    described = {
        t.text for t in doc
        if t.pos_ == "PROPN" and t.text[:1].isupper() and not t.text.isupper() and t.ent_type_ in ("", "PERSON", "ORG", "NORP", "GPE")
        and country_of(t.text) is None and t.lower_ not in cues.NON_PERSON_WORDS and not is_title(t)
        and _single_described(doc[t.i : t.i + 1])
    }
    for ent, is_person in spans:
        if is_person:
            person_words.update(t.text for t in ent if t.text[:1].isupper() and not is_title(t))
            capitalised = [t for t in ent if t.text[:1].isupper() and not is_title(t) and t.pos_ == "PROPN"]
            if len(capitalised) >= 2:  # the last name word, even when the entity overruns ("X Y - were")
                surnames.add(capitalised[-1].text)
    # Names the NER model missed: runs of proper nouns outside any entity, or over a one-word
    # entity the model mistagged (rule name.mistagged-part).
    run: list[Token] = []
    for token in [*doc, None]:
        if token is not None and token.pos_ == "PROPN" and token.text[:1].isupper() and (
            not token.ent_type_ or _mistagged_part(token)
        ):
            run.append(token)
            continue
        if token is not None and run and _hyphen_part(token) and not token.ent_type_:
            run.append(token)  # "Nour el-Din", "Min-ji Seo" (rule name.hyphenated-part)
            continue
        while run and (run[-1].text == "-" or run[-1].lower_ in cues.NAME_PARTICLES):
            run.pop()  # a run never ends on a hyphen or a particle
        if len(run) >= 2 or (len(run) == 1 and run[0].text in surnames):
            # a lone untagged proper noun counts only as the surname of a tagged full name
            # ("Ana Ruiz ... Ruiz, who had taught there ..."); the check below applies
            first = _glue_given_names(doc, run[0].i, run[-1].i + 1) if len(run) >= 2 else run[0].i
            if first < run[0].i:
                glued.add(first)
            spans.append((doc[first : run[-1].i + 1], False))
        run = []
    listed = _list_item_names(a)
    spans.extend((span, True) for span in listed)
    credits = _credit_names(a)
    spans.extend((span, True) for span in credits)
    credit_starts = {span.start for span in credits}
    taken: set[int] = set()
    nicknames: set[str] = set()  # "GN Saibaba" of 'Gokarakonda Naga "GN" Saibaba': a name in any mention
    for m in _inner_nickname_names(a):
        found[(m.start, m.end)] = m
        taken.update(range(m.start, m.end))
        nicknames.update(m.nicknames)
    for m in _shared_surname_names(a):
        if not any(i in taken for i in range(m.start, m.end)):
            found[(m.start, m.end)] = m
            taken.update(range(m.start, m.end))
    # a name the article introduces as an organisation once ("the outlet X") is one in every
    # mention ("two X journalists", "X's director") (rule name.organisation-once)
    organisations = {_name_key(span) for span, _ in spans if _introduced_as_organisation(span)}
    # PERSON spans first (a widened one may cover the next entity), then the other candidates.
    for span, is_person in sorted(spans, key=lambda item: (not item[1], item[0].start)):
        if any(i in taken for i in range(span.start, span.end)):
            continue
        if is_person:
            taken.update(range(span.start, span.end))
        if _organisation_context(doc, span) or _place_name(doc, span):
            continue
        if _name_key(span) in organisations:
            continue
        cleaned = _clean(doc, span.start, span.end)
        if cleaned is None:
            continue
        start, end, titled = cleaned
        tokens = doc[start:end]
        if not _valid_name(tokens, caps_ok=span.start in credit_starts):
            continue
        context = _person_context(tokens)
        if not is_person:
            # Another label (or none): a person only when described as one, titled ("Bishop X"),
            # or sharing its surname with a name the NER model did tag as a person.
            # the small tagger sometimes reads unfamiliar names as common nouns ("the writer U Tin
            # Aung Oo"): capitalised words then do when the span is described as a person or titled
            loose = (context or titled) and 2 <= len(tokens) <= 4 and all(
                t.text[:1].isupper() or t.lower_ in cues.NAME_PARTICLES for t in tokens
            )
            shaped = (_name_shaped(tokens) or loose) and (
                context or titled or tokens[-1].text in person_words or tokens[-1].text in described
                or _coordinated_with_person(tokens)
                or _traded_for(tokens) or tokens.text in nicknames
            )
            if not (shaped or (len(tokens) == 1 and (tokens[0].text in surnames or _relative_named(tokens)))):
                continue
        sentence = a.sentence_of(tokens.root)
        if sentence is None:
            continue
        relative = _relative_named(tokens)
        found[(start, end)] = Mention(
            start, end, tokens.text, tokens.start_char, tokens.end_char, sentence.index, titled, context, relative,
            name_rules(span, (start, end), is_person, credit=span.start in credit_starts, listed=span in listed)
            + tuple(rule for rule, fired in (
                ("name.given-name-glued", span.start in glued and start == span.start),
                ("name.role-word-cut", any(_role_word(doc[i]) for i in range(span.start, start))),
                ("name.coordination-split", (span.start, span.end) in split),
                ("name.relative-by-first-name", relative),
                ("name.mistagged-part", not is_person and len(tokens) >= 2 and any(_mistagged_part(t) for t in tokens)),
                ("name.leader-of-body", _leader_of_body(tokens)),
                ("name.title-word-surname", is_title(doc[end - 1])),
                ("name.surname-like-word", tokens[-1].lower_ in cues.NON_PERSON_WORDS),
                ("name.inner-nickname", tokens.text in nicknames),
                ("name.age-described", not is_person and _age_before(doc, start)),
                ("name.described-conjunct", not is_person and _described_conjunct(tokens)),
                ("name.surname-described", not is_person and not context and tokens[-1].text in described
                 and tokens[-1].text not in person_words),
                ("name.one-of-group", not is_person and _one_of_group(tokens)),
                ("name.role-predicate", not is_person and _role_predicate(tokens)),
                ("name.hyphenated-part", any(_hyphen_part(t) for t in tokens)
                 and any(t.ent_type_ != "PERSON" for t in tokens)),
            ) if fired),
        )
        if len(tokens) >= 2 and tokens[-1].text[:1].isupper():
            surnames.add(tokens[-1].text)  # a later lone surname mistagged as a place is this person
    mentions = sorted(found.values(), key=lambda m: m.start)
    _link_kin(doc, mentions)
    return mentions


def _link_kin(doc: Any, mentions: list[Mention]) -> None:
    """Two names of one sentence joined through a relative noun are two people, however alike
    their names (rule name.kin-apart): "X Y Z, father of footballer X Z", "X Y Z, whose son X Z
    plays ...", "A's sister, B A". The dependency path between the two names (at most four arcs)
    passes through a relative noun (`cues.RELATIVE_NOUNS`)."""
    for index, m in enumerate(mentions):
        for n in mentions[index + 1 :]:
            if n.sentence != m.sentence:
                continue
            if _kin_path(doc[m.start : m.end].root, doc[n.start : n.end].root):
                m.kin = m.kin | {n.start}
                n.kin = n.kin | {m.start}


def _kin_path(a: Token, b: Token) -> bool:
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    common = next((t for t in up_a if t in up_b), None)
    if common is None:
        return False
    path = up_a[: up_a.index(common) + 1] + up_b[: up_b.index(common)]
    if len(path) - 1 > 4:
        return False
    return any(t.lemma_.lower() in cues.RELATIVE_NOUNS and t.pos_ == "NOUN" for t in path if t not in (a, b))


def _name_key(span: Any) -> str:
    """A span's words without a leading article or a trailing possessive: "the X Y's" -> "X Y"."""
    words = [t.text for t in span if t.tag_ != "POS" and t.lower_ not in ("'s", "’s") and not t.is_space]
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def name_rules(span: Any, cut: tuple[int, int], is_person: bool, *, credit: bool, listed: bool) -> tuple[str, ...]:
    """Rule ids of one name mention: where the candidate span came from, and whether it was cut."""
    doc = span.doc
    if credit:
        found = "name.credit-line"
    elif listed:
        found = "name.list-item"
    elif is_person:
        tagged = doc[span.start].ent_type_ == "PERSON" and doc[span.end - 1].ent_type_ == "PERSON"
        found = "name.ner" if tagged else "name.ner-widened"
    elif any(t.ent_type_ for t in span):
        found = "name.other-label-described"
    else:
        found = "name.untagged-proper-nouns"
    return (found, "name.cut") if cut != (span.start, span.end) else (found,)


def best_form(mentions: list[Mention]) -> str:
    aliases = {m.text for m in mentions if "name.alias-merged" in m.rules}
    mentions = [m for m in mentions if m.text not in aliases] or mentions  # "X, alias Y": X, not Y
    counts = Counter(m.text for m in mentions)
    first: dict[str, int] = {}
    for m in sorted(mentions, key=lambda m: m.char_start):
        first.setdefault(m.text, m.char_start)
    return max(counts, key=lambda t: (len(name_tokens(t)), counts[t], -first[t]))


def _part_of(short: str, long: str) -> bool:
    """A shorter form of a longer name: its surnames alone ("Ruiz Soto" of "Ana Ruiz Soto", a
    hyphenated "Ben-Ami" of "Dan Ben-Ami") or the given name with the first surname ("Ana Ruiz"
    of "Ana Ruiz Soto"), as Spanish, Portuguese and hyphenated names are shortened."""
    s, full = name_tokens(short), name_tokens(long)
    if len(s) < 2 or len(full) <= len(s):
        return False
    if full[-len(s) :] == s:
        return True
    return s[0] == full[0] and s == full[: len(s)]


def cluster_mentions(mentions: list[Mention]) -> list[list[Mention]]:
    full = [m for m in mentions if len(name_tokens(m.text)) >= 2]
    single = [m for m in mentions if len(name_tokens(m.text)) < 2]
    clusters: list[list[Mention]] = []
    for m in sorted(full, key=lambda m: (-len(name_tokens(m.text)), m.start)):
        alike = [
            cluster for cluster in clusters
            if same_person(m.text, sorted({c.text for c in cluster})) or any(
                _part_of(m.text, c.text) or m.text in c.nicknames or c.text in m.nicknames for c in cluster
            )
        ]
        fits = [cluster for cluster in alike if not any(c.start in m.kin for c in cluster)]
        if len(fits) < len(alike):
            m.rules = (*m.rules, "name.kin-apart")
        if fits:
            # the cluster holding this very name wins (a father and a son both "X Z": the son's)
            same = [cluster for cluster in fits if any(c.text == m.text for c in cluster)]
            (same or fits)[0].append(m)
        else:
            clusters.append([m])
    singles: list[list[Mention]] = []
    for m in sorted(single, key=lambda m: m.start):
        if m.relative:
            # "his son, Ibrahim": not a part of the father's "X Ibrahim Y" (name.relative-by-first-name),
            # but the first name of the relative's own full name ("Ibrahim X" told later)
            own = [cl for cl in clusters if any(name_tokens(c.text)[:1] == name_tokens(m.text) for c in cl)]
            for cluster in own[:1] or [cl for cl in singles if same_person(m.text, cl[0].text)][:1]:
                cluster.append(m)
                break
            else:
                singles.append([m])
            continue
        scored = [(max(name_similarity(m.text, c.text) for c in cl), i) for i, cl in enumerate(clusters)]
        good = [(s, i) for s, i in scored if s >= 85.0]
        if good:
            top = max(s for s, _ in good)
            best = [i for s, i in good if s >= top - 1e-9]
            if len(best) > 1:
                # a shared surname: the full name in the nearest sentence before it wins; within
                # that sentence the first named ("X embraces his sister, Y X": X)
                def nearest(i: int, start: int = m.start) -> tuple[int, int]:
                    before = [c for c in clusters[i] if c.start < start]
                    if not before:
                        return (-1, 0)
                    sentence = max(c.sentence for c in before)
                    return (sentence, -min(c.start for c in before if c.sentence == sentence))

                best.sort(key=nearest)
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
