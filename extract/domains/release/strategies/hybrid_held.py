"""Still-held cues for the hybrid strategy that the mention cues of `hybrid_status` do not give.

A person the article shows in custody with no release of their own is `still_detained`:

- `held.sentenced-no-release` (still_detained, 2): in an article that tells of no release, the
  name is the one sentenced, convicted, jailed, arrested or charged ("X was given a prison term",
  "the court convicted X", "X was arrested on Monday and charged");
- `held.sentence-standing` (still_detained, 2): a sentence that stands now, in any article: "X has
  been sentenced to 15 years", "X was given a further ten-month sentence";
- `held.detention-of` (still_detained, 2): a detention that goes on: "the continued detention of
  X", "X's ongoing imprisonment";
- `held.faces-charges` (still_detained, 2): "X faces charges", "X is facing trial" (present tense);
- `held.proceedings-against` (still_detained, 2): in an article that tells of no release, "the case against
  X", "the verdict against X", "X's trial";
- `held.described-in-detention` (still_detained, 2.5): the name in apposition to a person described
  as held: "a second journalist in detention, X", "the activist behind bars, X".

Status and strength of each rule are in the table of `status_rules` (a release cue of the same
person, 3, still wins).
"""

from __future__ import annotations

from typing import Any

from .. import cues
from .hybrid_names import Mention, is_title
from .hybrid_status import climb, in_absentia
from .hybrid_text import Analysis, in_earlier_clause, is_negated
from .status_rules import Cue, cue

__all__ = ["held_cues"]

Token = Any


def _penalised(verb: Token, node: Token) -> bool:
    """The name is the one sentenced or jailed by `verb` (as its passive subject or object)."""
    if in_absentia(verb):
        return False
    lemma = verb.lemma_.lower()
    passive = node.dep_ == "nsubjpass" or any(c.dep_ == "auxpass" for c in verb.children)
    if lemma in cues.SENTENCING_VERBS:
        return passive or node.dep_ == "dobj"
    if lemma == "find" and passive:  # "X was found guilty"
        return any(c.lower_ == "guilty" for c in verb.children)
    if lemma in ("give", "hand") and passive:  # "X was given a prison term", "handed a five-year sentence"
        return any(c.dep_ == "dobj" and c.lemma_.lower() in cues.PENALTY_NOUNS for c in verb.children)
    return False


def _accused(verb: Token, node: Token) -> bool:
    passive = node.dep_ == "nsubjpass" or any(c.dep_ == "auxpass" for c in verb.children)
    return verb.lemma_.lower() in cues.ACCUSING_VERBS and (passive or node.dep_ == "dobj") and not in_absentia(verb)


def _faces_charges(verb: Token, node: Token) -> bool:
    """ "X faces charges", "X is facing trial", "X faces ten years": the subject of a present "face"
    whose object is a proceeding or a penalty (rule held.faces-charges)."""
    if verb.lemma_.lower() != "face" or node.dep_ != "nsubj" or verb.tag_ not in ("VBZ", "VBP", "VBG"):
        return False
    if any(c.dep_ == "aux" and c.lower_ in ("was", "were", "had") for c in verb.children) or in_absentia(verb):
        return False
    return any(c.dep_ == "dobj" and c.lemma_.lower() in cues.FACED_PROCEEDING_NOUNS for c in verb.children)


def _standing(verb: Token) -> bool:
    """A penalty that stands now: present perfect ("has been sentenced") or "a further" sentence."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"has", "have"}:
        return True
    return any(c.dep_ == "dobj" and any(g.lower_ == "further" for g in c.children) for c in verb.children)


def _clause_cues(a: Analysis, m: Mention, root: Token) -> list[Cue]:
    """In an article that tells of no release: "X, who was arrested in May,", "X, a reporter jailed
    in 2023,": a relative or participle clause on the name (or on its appositive) that jails it."""
    if a.reports_release:
        return []
    clauses = [c for c in root.children if c.dep_ in ("relcl", "acl") and c.i > root.i]
    for appos in (c for c in root.children if c.dep_ == "appos" and c.i > root.i):
        clauses += [c for c in appos.children if c.dep_ in ("relcl", "acl") and c.i > appos.i]
    for clause in clauses:
        if is_negated(clause) or in_earlier_clause(clause) or any(
            c.dep_ == "aux" and c.lower_ in cues.MODAL_VERBS for c in clause.children
        ):
            continue
        # a participle ("a reporter jailed in May", tagged VBN or VBD) or a passive relative clause
        participle = clause.dep_ == "acl" and clause.tag_ in ("VBN", "VBD")
        passive = (participle and not any(c.dep_ in ("dobj", "nsubj") for c in clause.children)) or any(
            c.dep_ == "auxpass" for c in clause.children)
        if passive and clause.lemma_.lower() in cues.SENTENCING_VERBS | cues.ACCUSING_VERBS and not in_absentia(clause):
            return [cue("held.sentenced-no-release", m.sentence)]
    return []


def _verb_cues(a: Analysis, m: Mention, node: Token) -> list[Cue]:
    if node.dep_ in ("nsubj", "nsubjpass"):
        verb = node.head
        if verb.dep_ in ("aux", "auxpass") and verb.head != verb:
            verb = verb.head
    elif node.dep_ == "dobj":
        verb = node.head
    else:
        return []
    if is_negated(verb) or in_earlier_clause(verb) or any(
        c.dep_ == "aux" and c.lower_ in cues.MODAL_VERBS for c in verb.children
    ):
        return []
    verbs = [verb, *(c for c in verb.conjuncts if c.i > verb.i and not any(
        g.dep_ in ("nsubj", "nsubjpass") for g in c.children))]  # "X was arrested ... and charged"
    penalised = any(_penalised(v, node) for v in verbs)
    if penalised and _standing(verb):
        return [cue("held.sentence-standing", m.sentence)]
    if not a.reports_release and (penalised or any(_accused(v, node) for v in verbs)):
        return [cue("held.sentenced-no-release", m.sentence)]
    if any(_faces_charges(v, node) for v in verbs):
        return [cue("held.faces-charges", m.sentence)]
    return []


def _proceedings_cues(a: Analysis, node: Token, sentence: int) -> list[Cue]:
    """In an article that tells of no release: "the case against X", "the verdict against X", "charges
    against X and Y", "X's trial", "the trial of X": the one proceeded against (rule held.proceedings-against)."""
    if a.reports_release:
        return []
    if node.dep_ == "pobj" and node.head.lower_ == "against":
        noun = node.head.head
    elif (node.dep_ == "poss" or (node.dep_ == "pobj" and node.head.lower_ == "of")) and (
            node.head.lemma_.lower() in cues.TRIAL_NOUNS or node.head.head.lemma_.lower() in cues.TRIAL_NOUNS):
        noun = node.head if node.dep_ == "poss" else node.head.head  # "X's trial", "the trial of X"
        if noun.lemma_.lower() not in cues.TRIAL_NOUNS:
            return []
    else:
        return []
    if noun.lemma_.lower() not in cues.PROCEEDING_NOUNS or any(
        c.dep_ == "prep" and c.lower_ == "in" and any(g.lower_ in cues.ABSENTIA_WORDS for g in c.children)
        for c in noun.children
    ):
        return []
    verb = noun.head
    for _ in range(8):  # the clause the noun sits in: "charges against X were dropped" ends them
        if verb.pos_ in ("VERB", "AUX") or verb.head == verb:
            break
        verb = verb.head
    if verb.lemma_.lower() in cues.PROCEEDING_END_VERBS or is_negated(verb):
        return []
    return [cue("held.proceedings-against", sentence)]


def _detention_noun_cues(a: Analysis, m: Mention, node: Token) -> list[Cue]:
    """ "the continued detention of X", "X's ongoing imprisonment"."""
    if node.dep_ == "poss":
        noun = node.head
    elif node.dep_ == "pobj" and node.head.lower_ == "of":
        noun = node.head.head
    else:
        return []
    if noun.lemma_.lower() in cues.DETENTION_STATE_NOUNS and any(c.lower_ in cues.ONGOING_WORDS for c in noun.children):
        return [cue("held.detention-of", m.sentence)]
    if not a.reports_release and noun.lemma_.lower() in cues.DETENTION_STATE_NOUNS:
        return [cue("held.detention-no-release", m.sentence)]  # "X's detention", "the arrest of X": no release told
    return []


_NP_WORDS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "PART"})


def _surface_detention_of(a: Analysis, m: Mention) -> list[Cue]:
    """Fallback when the parse lost the phrase: "the persistent detention of rights defender X"
    read on the surface (only noun-phrase words between "of" and the name)."""
    index = m.start - 1
    start = a.sents[m.sentence].span.start
    while index > start and m.start - index <= 6 and a.doc[index].pos_ in _NP_WORDS and a.doc[index].lower_ != "of":
        index -= 1
    if index <= start or a.doc[index].lower_ != "of":
        return []
    noun = a.doc[index - 1]
    if noun.lemma_.lower() not in cues.DETENTION_STATE_NOUNS:
        return []
    if any(c.lower_ in cues.ONGOING_WORDS for c in noun.children):
        return [cue("held.detention-of", m.sentence)]
    return [] if a.reports_release else [cue("held.detention-no-release", m.sentence)]


def _since_cues(m: Mention, root: Token) -> list[Cue]:
    """ "X, jailed since 2024,", "X, a blogger held since May": a detention participle with "since"
    on the name or its appositive is a custody that goes on (not "had been held since")."""
    clauses = [c for c in root.children if c.dep_ == "acl" and c.i > root.i]
    for appos in (c for c in root.children if c.dep_ == "appos" and c.i > root.i):
        clauses += [c for c in appos.children if c.dep_ == "acl" and c.i > appos.i]
    for clause in clauses:
        if clause.lemma_.lower() in cues.DETENTION_VERBS | cues.SENTENCING_VERBS | cues.ACCUSING_VERBS and not any(
            c.dep_ in ("aux", "auxpass", "nsubj", "dobj") for c in clause.children
        ) and not is_negated(clause) and any(c.dep_ == "prep" and c.lower_ == "since" for c in clause.children):
            return [cue("held.since", m.sentence)]
    doc = root.doc  # the parse may hang the participle elsewhere: read "X, jailed since" on the surface
    words = [t for t in doc[m.end : min(m.end + 4, len(doc))] if t.lower_ not in ("still", "also")]
    if len(words) >= 3 and words[0].text == "," and words[1].tag_ in ("VBN", "VBD") and (
        words[1].lemma_.lower() in cues.DETENTION_VERBS | cues.SENTENCING_VERBS | cues.ACCUSING_VERBS
    ) and words[2].lower_ == "since":
        return [cue("held.since", m.sentence)]
    return []


def _described_cues(m: Mention, root: Token) -> list[Cue]:
    """ "a journalist in detention, X": the noun the name is in apposition to is held."""
    if root.dep_ != "appos" or root.head.i > root.i or root.head.pos_ != "NOUN":
        return []
    for child in root.head.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "behind", "under") and any(
            g.dep_ == "pobj" and g.lemma_.lower() in cues.DETENTION_WORDS for g in child.children
        ):
            return [cue("held.described-in-detention", m.sentence)]
    return []


def _described_surface(a: Analysis, m: Mention) -> list[Cue]:
    """Fallback when the parse lost the apposition: "for a second journalist in detention, Mr X, the
    minister said" read on the surface (a person noun, in/behind/under a place of detention, a comma,
    titles, the name)."""
    index = m.start - 1
    while index > 0 and is_title(a.doc[index]):
        index -= 1
    start = a.sents[m.sentence].span.start
    if index - 3 < start or a.doc[index].text != ",":
        return []
    place, prep, noun = a.doc[index - 1], a.doc[index - 2], a.doc[index - 3]
    if place.lemma_.lower() in cues.DETENTION_WORDS and prep.lower_ in ("in", "behind", "under") and (
        noun.pos_ == "NOUN" and noun.lemma_.lower() not in cues.DETENTION_WORDS
    ) and prep.head.i == noun.i:
        return [cue("held.described-in-detention", m.sentence)]
    return []


def held_cues(a: Analysis, m: Mention) -> list[Cue]:
    """The still-held cues of one mention (see the module docstring)."""
    root = m.tokens(a.doc).root
    node, _ = climb(root)
    return ((_verb_cues(a, m, node) or _clause_cues(a, m, root)) + (_detention_noun_cues(a, m, node) or _surface_detention_of(a, m))
            + _proceedings_cues(a, node, m.sentence)
            + (_described_cues(m, root) or _described_surface(a, m)) + _since_cues(m, root))
