"""Status cues for the hybrid strategy: what the words governing one name mention say about it.

Each mention yields zero or more cues, each made from a rule id of the table in `status_rules`
(`cue("release-subject", sentence)`), which fixes its status and strength. The detectors here
run in the order `mention_cues` calls them; for the verb a name is the subject of, the first
detector of `SUBJECT_CHAIN` that names a rule decides. `status_rules` says how the cues combine.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import cues
from .hybrid_dates import MONTH_NAMES
from .hybrid_names import Mention, is_title
from .hybrid_text import (
    Analysis,
    country_of,
    done_releases,
    find_phrases,
    has_phrase,
    header_kind,
    in_earlier_clause,
    is_negated,
    is_release_token,
    is_wished_release,
    list_header,
    list_item_lead,
    looks_like_release_form,
    on_event_topic,
    release_expression,
    vehicle_preps,
)
from .status_rules import PRECEDENCE, Cue, cue, rule

__all__ = ["PRECEDENCE", "SUBJECT_CHAIN", "Cue", "climb", "comma_described", "in_absentia", "mention_cues", "pronoun_held_cues", "pronoun_release_cues"]

Token = Any


def _comparison(prep: Token) -> bool:
    """ "like X" or "as X" on a verb ("Y, like X, pointed to other cases"): a comparison of the clause's
    subject with X, not a list ("such as X" is one wherever it hangs)."""
    return prep.lower_ in ("like", "as") and prep.head.pos_ in ("VERB", "AUX") and not any(
        c.lower_ == "such" for c in prep.children)


def comma_described(root: Token) -> Token | None:
    """Fallback for a misparsed apposition: "on the instructions of the head of state, Captain X": the
    parser made the name an adverbial of the verb (npadvmod), so the noun phrase right before the comma
    is what the name stands in apposition to (its head noun, through "of": "head" of "the head of state")."""
    if root.dep_ != "npadvmod" or root.ent_type_ != "PERSON":
        return None
    doc = root.doc
    if any(t.pos_ != "PROPN" and not is_title(t) for t in doc[root.left_edge.i : root.i]):
        return None  # only the name's own words before it ("prisoners, among them laureate X": a list)
    index = root.left_edge.i - 1
    while index > 0 and is_title(doc[index]):
        index -= 1
    if index < 1 or doc[index].text != ",":
        return None
    noun = doc[index - 1]
    if noun.pos_ != "NOUN" or noun.head.i == root.i:
        return None
    person_nouns = cues.PERSON_ROLE_NOUNS | cues.POST_NOUNS
    for _ in range(3):  # up to the person noun: "the head of state" -> head, not "the instructions of ..."
        if noun.lemma_.lower() in person_nouns or not (
                noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN"):
            break
        noun = noun.head.head
    # a description of a person ("the head of state", "a detained journalist"), not "in its spelling, X"
    return noun if noun.lemma_.lower() in person_nouns else None


def climb(token: Token) -> tuple[Token, bool]:
    """From a name up through conjunctions, appositions and list prepositions to its clause role.

    Returns the node whose dependency relation places the name in its clause, and whether the
    path went through a list marker ("including", "among", "such as").
    """
    node, listed = token, False
    steps = 0
    for _ in range(64):  # a long list is a long conj chain: those hops do not count against the 8
        if steps >= 8:
            break
        dep = node.dep_
        steps += dep != "conj"
        described = comma_described(node) if node == token else None
        if described is not None:
            node = described  # "..., the head of state, Captain X": as if in apposition to "head"
        elif dep == "appos" and node.head.dep_ == "pobj" and (
            (node.head.ent_type_ in ("GPE", "LOC") and node.head.head.lower_ in ("in", "at", "to"))
            or (node.head.head.lower_ in ("for", "of") and (
                node.head.head.head.lemma_.lower() in cues.PERSON_ROLE_NOUNS | cues.TITLES
                or node.head.head.head.lower_ in cues.TITLES
            ))
        ) and node.head.head.head.pos_ in ("NOUN", "PROPN"):
            # misparse of "the ambassador in Paris, X, said" or "the Special Representative for the
            # region, X": the name describes the noun that the phrase modifies, not its object
            node = node.head.head.head
        elif dep in ("conj", "appos") and node.head != node:
            node = node.head
        elif dep == "compound" and node.head.pos_ == "PROPN" and node.head != node:
            node = node.head
        elif dep == "pobj" and node.head.lower_ in cues.LIST_PREPOSITIONS and node.head.head != node.head:
            if _comparison(node.head):
                break  # "the chancellor, like X, pointed to ...": a comparison, not a member of a group
            listed = True
            node = node.head.head
        elif dep == "prep" and node.lower_ in cues.LIST_PREPOSITIONS:
            listed = True
            node = node.head
        elif dep == "pobj" and node.head.lower_ == "with" and node.head.head.lower_ in ("along", "together"):
            listed = True  # "X was pardoned along with Y": Y shares the predicate
            node = node.head.head.head
        else:
            break
    return node, listed


def _verb_of(node: Token) -> Token:
    verb = node.head
    if verb.dep_ in ("auxpass", "aux") and verb.head != verb:
        verb = verb.head
    return verb


def _clause_verb(node: Token) -> Token:
    """The verb of the clause a word sits in (the word itself at the root of a verbless clause)."""
    for _ in range(8):
        if node.pos_ in ("VERB", "AUX") or node.head == node:
            break
        node = node.head
    return node


def _contact_on_topic(contact: Token) -> bool:
    """A call or visit told in a clause on the event, not one only asked about ("would not say whether
    the release was raised in his call with X")."""
    verb = _clause_verb(contact)
    asked = any(c.dep_ == "mark" and c.lower_ in cues.HYPOTHETICAL_MARKERS for c in verb.children)
    return not asked and on_event_topic(verb)


def _passive(verb: Token, node: Token) -> bool:
    if node.dep_ == "nsubjpass" or node.head.dep_ == "auxpass":
        return True
    if any(c.dep_ == "auxpass" for c in verb.children):
        return True
    # headline ellipsis: "Activist freed after two years"
    return verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "dobj") for c in verb.children)


def _headline_past(verb: Token, node: Token) -> bool:
    """The headline ellipsis tagged as a past tense: "X freed on bail after her arrest": a named
    subject of a release verb with nothing freed is the freed (rule headline-passive)."""
    return (verb.tag_ == "VBD" and node.pos_ == "PROPN" and node.dep_ == "nsubj" and not any(
        c.dep_ in ("aux", "dobj", "dative", "ccomp", "xcomp", "oprd", "attr") for c in verb.children))


_MONTH_WORDS = MONTH_NAMES | cues.SEASON_WORDS


def _earlier(verb: Token) -> bool:
    """An earlier release: "was freed last year", "weeks after the kingdom freed X", and in a
    relative clause "who was himself released in January", "who was freed in July's pardon"."""
    if in_earlier_clause(verb):
        return True
    if verb.dep_ in ("relcl", "acl"):
        if any(c.lower_ in ("himself", "herself", "themselves") for c in verb.children):
            return True
        if any(
            c.dep_ == "prep" and c.lower_ == "in" and any(t.lower_ in _MONTH_WORDS or t.lower_ == "last" for t in c.subtree)
            for c in verb.children
        ):
            return True
    words = " ".join(
        t.lower_ for c in verb.children if c.dep_ in ("npadvmod", "advmod", "prep") for t in c.subtree
        if not _in_sub_clause(t, c)
    )
    return has_phrase(words, cues.EARLIER_RELEASE_PHRASES)


def _in_sub_clause(token: Token, top: Token) -> bool:
    """`token` sits in a clause of its own below `top` ("charges which stemmed from a protest last
    July": the date is the protest's, not the verb's)."""
    node = token
    for _ in range(64):
        if node.i == top.i or node.head.i == node.i:
            break
        if node.dep_ in ("relcl", "acl", "advcl", "ccomp"):
            return True
        node = node.head
    return False


def _current(verb: Token) -> bool:
    """Present, present perfect or "still": "is held", "has been in custody", "are still jailed"."""
    words = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass", "advmod")}
    if words & {"had", "was", "were", "will", "would"} and "still" not in words:
        return False
    return verb.tag_ in ("VBZ", "VBP", "VBG") or bool(
        words & {"is", "are", "am", "has", "have", "still", "remains", "remain"}
    )


def _detention_context(verb: Token) -> bool:
    words = {t.lemma_.lower() for t in verb.subtree} | {t.lower_ for t in verb.subtree}
    return bool(words & cues.DETENTION_WORDS)


def _held_group(noun: Token) -> bool:
    """A group described as held now: "politicians still in custody", "the activists behind bars",
    "those who remain in prison" (and no release word in the phrase)."""
    if _release_in(noun.subtree) is not None:
        return False
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "behind", "under") and any(
            g.dep_ == "pobj" and (g.lemma_.lower() in cues.DETENTION_WORDS or g.lower_ in cues.DETENTION_WORDS)
            for g in child.children
        ):
            return True
        if child.dep_ in ("relcl", "acl") and child.lemma_.lower() in ("remain", "stay") and _detention_context(child) \
                and not is_negated(child):
            return True
        if child.dep_ in ("acl", "amod") and child.lower_ in cues.DETAINED_MODIFIERS and any(
            g.lower_ == "still" for g in child.children
        ):
            return True
    return False


def _release_in(tokens: Any) -> Token | None:
    for t in tokens:
        if is_release_token(t) and not is_negated(t):
            return t
    return None


def _release_noun_cue(noun: Token, sentence: int) -> Cue:
    if is_wished_release(noun):
        return cue("release-demanded", sentence)
    if noun.lemma_.lower() in ("exchange", "swap", "return"):
        return cue("exchange-of", sentence)
    return cue("release-of", sentence)


def _subject_cues(verb: Token, node: Token, sentence: int) -> list[Cue]:
    """Cues for a name that is the (active or passive) subject of `verb`: the first detector of
    `SUBJECT_CHAIN` that names a rule decides (one cue at most)."""
    for detect in SUBJECT_CHAIN:
        rule_id = detect(verb, node)
        if rule_id is not None:
            return [cue(rule_id, sentence)]
    return []


# Each detector below looks at the verb a name is the subject of (and the subject node) and returns
# the id of the rule that fires, or None. `SUBJECT_CHAIN` tries them in order.


def _headline_passive(verb: Token, node: Token) -> str | None:
    """ "Ruritania frees jailed poet X" in a headline-like clause: the named subject of a past-tense
    release verb with nothing freed is the freed (`_headline_past`)."""
    if is_release_token(verb) and not is_negated(verb) and _headline_past(verb, node) and not _earlier(verb):
        return "headline-passive"
    return None


def _release_subject(verb: Token, node: Token) -> str | None:
    """ "X was freed", "X walked out": the passive subject of a release, or the subject of a
    self-release verb ("X was freed last year": an earlier release)."""
    if not is_release_token(verb) or not (_passive(verb, node) or verb.lemma_.lower() in cues.SELF_RELEASE_VERBS):
        return None
    negated = is_negated(verb)
    if not negated and _earlier(verb):
        return "released-earlier"
    if not negated and is_wished_release(verb):
        return "release-demanded"  # "calls for X to be freed"
    return "release-subject-negated" if negated else "release-subject"


def _commutation_cause(verb: Token, node: Token) -> str | None:
    """ "X walked free on Monday after the governor commuted the term": a commutation in the
    "after" clause of a release is the cause of this release, not an earlier one."""
    if is_release_token(verb) and verb.lemma_.lower() == "commute" and in_earlier_clause(verb) and _release_in(
        t for t in verb.sent if t.i < verb.i and t.pos_ == "VERB"
    ) is not None:
        return "release-actor"
    return None


def _frees_others(verb: Token, node: Token) -> str | None:
    """ "X pardoned 40 prisoners": the performer; in an earlier clause ("weeks after X freed ten
    others") only an act."""
    if not is_release_token(verb) or verb.lemma_.lower() not in cues.ACTOR_VERBS:
        return None
    return "released-others-earlier" if in_earlier_clause(verb) else "release-actor"


def _freed_pronoun_after(verb: Token, node: Token) -> str | None:
    """ "X and Y were on a plane to the capital after militants freed them": the pronoun object of
    a release in the "after" clause is the main clause's subject, freed in this event."""
    for clause in verb.children:
        if (clause.dep_ == "advcl" and is_release_token(clause) and not is_negated(clause)
                and any(c.dep_ == "mark" and c.lower_ == "after" for c in clause.children)
                and any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ in ("them", "him", "her", "they", "he", "she")
                        for c in clause.children)
                and not has_phrase(" ".join(t.lower_ for t in clause.subtree), cues.EARLIER_RELEASE_PHRASES)):
            return "freed-pronoun-after"
    return None


def _freed_after_being(verb: Token, node: Token) -> str | None:
    """ "X and Y flew home after being freed by the militants", "X, who gave a salute upon being
    released": a passive release with no subject of its own, in an "after"/"upon" phrase of the
    clause, frees that clause's subject (not "X was arrested after being freed": rearrested)."""
    if is_negated(verb) or verb.lemma_.lower() in cues.DETENTION_VERBS | cues.CAPTURE_VERBS:
        return None
    markers = cues.AFTER_RELEASE_MARKERS
    clauses = [g for c in verb.children if c.dep_ == "prep" and c.lower_ in markers for g in c.children]
    clauses += [c for c in verb.children if c.dep_ == "advcl" and any(
        m.dep_ in ("mark", "prep") and m.lower_ in markers for m in c.children)]
    for clause in clauses:
        if (clause.dep_ in ("pcomp", "advcl") and clause.tag_ == "VBN" and is_release_token(clause)
                and any(c.dep_ == "auxpass" and c.lower_ in ("being", "been") for c in clause.children)
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
                and not is_negated(clause) and not is_wished_release(clause)
                and not has_phrase(" ".join(t.lower_ for t in clause.subtree), cues.EARLIER_RELEASE_PHRASES)):
            return "freed-after-being"
    return None


def _signs_release(verb: Token, node: Token) -> str | None:
    """ "X signed a decree pardoning 40 prisoners", "X ordered the release"."""
    if verb.lemma_.lower() in ("sign", "issue", "order", "approve") and any(
        t != verb and (is_release_token(t) or t.lemma_.lower() in cues.RELEASE_NOUNS) for t in verb.subtree
    ):
        return "release-actor"
    return None


def _grants_release(verb: Token, node: Token) -> str | None:
    """ "X grants pardons to thousands", "X consented to an amnesty", "X authorised the release of 40"."""
    if verb.lemma_.lower() in cues.GRANT_VERBS and not is_negated(verb) and not _passive(verb, node) and any(
        t.lemma_.lower() in cues.RELEASE_NOUNS for c in verb.children if c.dep_ in ("dobj", "prep") for t in c.subtree
    ):
        return "release-actor"
    return None


def _grants_house_arrest(verb: Token, node: Token) -> str | None:
    """ "Judge X granted him house arrest": freed to house arrest is a release (evals/GUIDELINES.md)."""
    if verb.lemma_.lower() in ("grant", "order") and not is_negated(verb) and not _passive(verb, node) and any(
        c.dep_ == "dobj" and c.lemma_.lower() == "arrest" and any(g.lower_ == "house" for g in c.children)
        for c in verb.children
    ):
        return "granted-house-arrest"
    return None


def _walked_free(verb: Token, node: Token) -> str | None:
    """ "X walked free", "X regained her freedom", "X won his release", "X received a pardon", "X
    did not walk out a free man": the subject goes free by their own verb (`release_expression`),
    with the mood checks of a release verb (earlier, demanded, negated)."""
    if verb.lemma_.lower() not in cues.SELF_RELEASE_VERBS or release_expression(verb) not in (
        "complement", "gained-freedom", "free-state"
    ):
        return None
    if is_negated(verb):
        return "walked-free-negated"
    if _earlier(verb):
        return "released-earlier"
    if is_wished_release(verb):
        return "release-demanded"  # "campaigned for years to see X walk free"
    return "walked-free"


def _met_by(verb: Token, node: Token) -> str | None:
    """ "X was met outside the detention centre by her mother"."""
    if verb.lemma_.lower() in ("meet", "greet", "welcome", "embrace") and _passive(verb, node) and not is_negated(
        verb
    ) and any(c.dep_ == "agent" for c in verb.children):
        return "met-by"
    return None


def _back_home(verb: Token, node: Token) -> str | None:
    """ "By Friday X was back home", "X is back with his family", "X came home on Sunday" (not
    "back in prison", "back in court")."""
    if is_negated(verb) or _detention_context(verb) or any(t.lemma_.lower() == "court" for t in verb.subtree):
        return None
    lemma = verb.lemma_.lower()
    if lemma == "be" and any(
        {"back", "home"} <= {t.lower_ for t in c.subtree} for c in verb.children if c.dep_ not in ("nsubj", "nsubjpass")
    ):
        return "back-home"
    if lemma == "be" and any(c.lower_ == "back" for c in verb.children) and any(
        c.dep_ == "prep" and c.lower_ in ("with", "in", "on", "at", "among") for c in verb.subtree
    ):
        return "back-home"
    if lemma == "come" and any(c.lower_ == "home" and c.dep_ in ("advmod", "npadvmod", "dobj") for c in verb.children) and (
        not any(c.dep_ == "aux" and c.lower_ in cues.MODAL_VERBS | {"to"} for c in verb.children)
    ):
        return "back-home"
    return None


def _left_prison(verb: Token, node: Token) -> str | None:
    """ "X left the detention centre at noon"."""
    if verb.lemma_.lower() in ("leave", "exit", "walk", "emerge") and not is_negated(verb) and not _earlier(verb) and any(
        t.lemma_.lower() in cues.DETENTION_WORDS or t.lower_ in cues.DETENTION_WORDS
        for c in verb.children if c.dep_ in ("dobj", "prep", "prt") for t in c.subtree
    ):
        return "left-prison"
    return None


def _on_probation(verb: Token, node: Token) -> str | None:
    """ "X could serve the rest of the term on probation"."""
    if verb.lemma_.lower() == "serve" and any(t.lower_ == "probation" and t.head.lower_ == "on" for t in verb.subtree):
        return "probation"
    return None


def _serving_sentence(verb: Token, node: Token) -> str | None:
    """ "X is still serving a life sentence"."""
    if verb.lemma_.lower() == "serve" and _current(verb) and not is_negated(verb) and any(
        c.dep_ == "dobj" and c.lemma_.lower() in cues.SERVED_PENALTY_NOUNS for c in verb.children
    ) and not _serves_office(verb):
        return "serving-sentence"
    return None


def _serves_office(verb: Token) -> bool:
    """ "serving a second term as mayor", "serving as envoy", "serving a term in office": no penalty."""
    return verb.lemma_.lower() == "serve" and any(
        t.lower_ in ("as", "office") for c in verb.children if c.dep_ in ("dobj", "prep") for t in c.subtree
    )


def _remains_in_named_prison(verb: Token, node: Token) -> str | None:
    """ "X remains in <prison name>" ("in Evin", "in La Modelo": the tagger often takes a prison's
    name for a place; a place the country table knows, "in Tehran", is not a prison)."""
    if verb.lemma_.lower() == "remain" and _current(verb) and not is_negated(verb) and any(
        c.dep_ == "prep" and c.lower_ == "in" and any(
            g.dep_ == "pobj" and g.pos_ == "PROPN" and (
                g.ent_type_ not in ("GPE", "LOC", "NORP") or country_of(_proper_phrase(g)) is None
            )
            for g in c.children
        )
        for c in verb.children
    ):
        return "remains-in-named-prison"
    return None


def _proper_phrase(token: Token) -> str:
    """A proper noun with the compounds before it: "La Modelo", "Pinar del Rio"."""
    words = [c for c in token.children if c.dep_ == "compound" and c.i < token.i]
    return " ".join(t.text for t in (*words, token))


def _remains_detained(verb: Token, node: Token) -> str | None:
    """ "X remains in prison", "X languishes", "X remains in X, serving 10 years"."""
    lemma = verb.lemma_.lower()
    if lemma in ("remain", "stay", "languish", "continue") and (
        _detention_context(verb) or lemma == "languish"
        or any(c.dep_ == "advcl" and c.lemma_.lower() == "serve" for c in verb.children)
        # "X remains a hostage", "X remains in the hands of his kidnappers"
        or any(c.dep_ in ("attr", "oprd") and c.lemma_.lower() in cues.HELD_PERSON_NOUNS for c in verb.children)
        or any(t.lower_ in cues.NON_STATE_CAPTORS for t in verb.subtree)
    ):
        return "remains-detained-negated" if is_negated(verb) else "remains-detained"
    return None


def _still_held(verb: Token, node: Token) -> str | None:
    """ "X is held in the capital" (a present passive of detention)."""
    if verb.lemma_.lower() in cues.DETENTION_VERBS and _passive(verb, node) and _current(verb):
        return "still-held"
    return None


def _not_included(verb: Token, node: Token) -> str | None:
    """ "X was not included in the pardon"."""
    if verb.lemma_.lower() in ("include", "list", "name", "feature") and is_negated(verb) and any(
        is_release_token(t) for t in verb.subtree if t != verb
    ):
        return "not-included"
    return None


def _bail_refused(verb: Token, node: Token) -> str | None:
    """ "X has been refused bail once more", "X was denied parole", "X was refused a pardon"."""
    if verb.lemma_.lower() in cues.REFUSAL_VERBS and not is_negated(verb) and any(
        c.dep_ in ("dobj", "dative", "attr", "oprd", "npadvmod") and c.lemma_.lower() in cues.GRANTED_FREEDOM_NOUNS
        for c in verb.children
    ):
        return "bail-refused"
    return None


def _names_release(tokens: Any) -> bool:
    return any(is_release_token(t) or t.lemma_.lower() in cues.RELEASE_NOUNS | cues.LIST_NOUNS | cues.RELEASE_INSTRUMENT_NOUNS
               for t in tokens)


def _excluded(verb: Token, node: Token) -> str | None:
    """ "X was excluded from the amnesty", "X was left out of (off) the list", "X was omitted from the list";
    and the rest of the class: "X falls outside the pardon", "X does not qualify for (is not eligible
    for, is ineligible for) the amnesty"."""
    lemma = verb.lemma_.lower()
    left_out = lemma == "leave" and any(c.lower_ in ("out", "off") for c in verb.children)
    preps = [c for c in verb.children if c.dep_ in ("prep", "agent")]
    if (lemma in cues.EXCLUSION_VERBS or left_out) and _passive(verb, node) and not is_negated(verb) and _names_release(
        t for c in preps for t in c.subtree
    ):
        return "excluded"
    outside = [c for c in preps if c.lower_ in cues.OUTSIDE_PREPOSITIONS]
    if lemma in cues.FALL_VERBS and not is_negated(verb) and _names_release(t for c in outside for t in c.subtree):
        return "excluded"  # "X falls outside the pardon"
    # "does not qualify for", "is not eligible for", "is ineligible for" the release
    complements = [c for c in verb.children if c.dep_ in ("acomp", "attr") and c.lemma_.lower() in cues.ELIGIBLE_WORDS]
    preps += [g for c in complements for g in c.children if g.dep_ == "prep"]
    ineligible = any(c.lemma_.lower() in cues.INELIGIBLE_WORDS for c in verb.children if c.dep_ in ("acomp", "attr"))
    eligible = lemma in cues.QUALIFY_VERBS or bool(complements)
    if ((eligible and is_negated(verb)) or ineligible) and _names_release(
        t for c in preps if c.lower_ in ("for", "under") for t in c.subtree
    ):
        return "excluded"
    return None


def _excludes(verb: Token) -> bool:
    """ "The amnesty excludes X": an exclusion verb whose subject is the release or its list."""
    return verb.lemma_.lower() in cues.EXCLUSION_VERBS - {"drop", "strike"} and not is_negated(verb) and _names_release(
        t for c in verb.children if c.dep_ == "nsubj" for t in c.subtree)


def _hunger_strike(verb: Token, node: Token) -> str | None:
    """ "X is on hunger strike", "X began a hunger strike in May" (a prisoner's protest)."""
    if is_negated(verb) or any(c.dep_ == "aux" and c.lower_ in cues.MODAL_VERBS for c in verb.children):
        return None
    for child in verb.children:  # the strike itself is the object, or the object of "on"
        strikes = [child] if child.dep_ in ("dobj", "attr") else [
            g for g in child.children if g.dep_ == "pobj"] if child.dep_ == "prep" and child.lower_ == "on" else []
        if any(t.lemma_.lower() == "strike" and any(g.lower_ == "hunger" for g in t.children) for t in strikes):
            return "hunger-strike"
    return None


def _remanded(verb: Token, node: Token) -> str | None:
    """ "X was remanded in custody"."""
    if verb.lemma_.lower() == "remand" and not is_negated(verb) and _passive(verb, node):
        return "remanded"  # the active subject ("Magistrate X remanded Y") is the one who remands
    return None


def _among_those(verb: Token, node: Token) -> str | None:
    """ "X was among those freed" / "Not among those freed was X", "X was not on the list"."""
    if verb.lemma_.lower() != "be":
        return None
    negated = is_negated(verb)
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        if prep.lower_ in ("among", "amongst") or any(t.lower_ == "list" for t in prep.subtree):
            has_release = _release_in(prep.subtree) is not None or any(is_release_token(t) for t in prep.subtree)
            # "Not among those freed was X": the negation sits on the preposition
            neg = negated or any(c.dep_ == "neg" for c in prep.children) or (
                prep.i > 0 and prep.doc[prep.i - 1].lower_ in ("not", "never")
            )
            if (neg and has_release) or (neg and prep.lower_ == "on"):
                return "not-among"
            if has_release:
                return "among-freed"
    return None


def _still_in_prison(verb: Token, node: Token) -> str | None:
    """ "X is still in prison"."""
    if verb.lemma_.lower() == "be" and any(c.dep_ == "advmod" and c.lower_ == "still" for c in verb.children) and (
        _detention_context(verb)
    ):
        return "still-in-prison"
    return None


def _in_custody(verb: Token, node: Token) -> str | None:
    """ "X has been in custody since May", "X is behind bars" (a place of detention after "in",
    "under", "behind": not "after months in detention, X is out on bail")."""
    if verb.lemma_.lower() != "be" or not _current(verb):
        return None
    if _on_death_row(verb) or any(
        c.dep_ == "prep" and c.lower_ in ("in", "under", "behind", "inside") and any(
            g.dep_ == "pobj" and (g.lemma_.lower() in cues.DETENTION_WORDS or g.lower_ in cues.DETENTION_WORDS)
            for g in c.children
        )
        for c in verb.children
    ):
        return "is-in-custody"
    return None


def _is_a_prisoner(verb: Token, node: Token) -> str | None:
    """ "X is a political prisoner", "X is one of the hostages still in Gaza" (present "be"; not "a
    former prisoner", "a freed hostage")."""
    if verb.lemma_ != "be" or is_negated(verb) or not _current(verb) or any(c.dep_ == "expl" for c in verb.children):
        return None  # not "there are no political prisoners"
    for attr in (c for c in verb.children if c.dep_ == "attr"):
        if attr.lower_ == "one":
            attr = next((g for p in attr.children if p.dep_ == "prep" and p.lower_ == "of"
                         for g in p.children if g.dep_ == "pobj"), attr)
        words = list(attr.subtree)
        if attr.lemma_.lower() in cues.HELD_PERSON_NOUNS and not any(
            looks_like_release_form(t) or t.lower_ in cues.PAST_ROLE_WORDS | cues.NEGATION_WORDS for t in words
        ):
            return "is-a-prisoner"
    return None


def _release_expected(verb: Token, node: Token) -> str | None:
    """ "X is due to be let out of prison", "X is expected to be freed", "X is to be released": a
    release still to come, so X is held now (not "X was due to be freed but ...": negation, past)."""
    if is_negated(verb) or not _current(verb):
        return None
    heads = [verb, *(c for c in verb.children if c.dep_ in ("acomp", "xcomp") and c.lemma_.lower() in cues.FUTURE_HEADS)]
    for head in heads:
        for release in (c for c in head.children if c.dep_ == "xcomp" and is_release_token(c) and not is_negated(c)):
            marks = {c.lower_ for c in release.children if c.dep_ in ("aux", "auxpass")}
            if "to" in marks and ("be" in marks or release.lemma_.lower() in cues.SELF_RELEASE_VERBS):
                return "release-expected"
    return None


def _present_in_custody(verb: Token, node: Token) -> str | None:
    """ "X awaits trial in prison", "X has spent four years behind bars", "X is being treated in a prison
    hospital": any other present verb of the person in a place of detention (not one of working or
    visiting there, nor of going in or out)."""
    lemma = verb.lemma_.lower()
    if lemma == "be" or lemma in cues.NOT_CUSTODY_VERBS | cues.SPEECH_VERBS or is_release_token(verb) or is_negated(verb):
        return None
    if not _current(verb) or any(c.dep_ == "aux" and c.lower_ in cues.MODAL_VERBS for c in verb.children):
        return None
    if any(
        c.dep_ == "prep" and c.lower_ in ("in", "behind", "inside") and any(
            g.dep_ == "pobj" and (g.lemma_.lower() in cues.CUSTODY_PLACE_WORDS or g.lower_ in cues.CUSTODY_PLACE_WORDS)
            for g in c.children
        )
        for c in verb.children
    ):
        return "present-in-custody"
    return None


def _on_death_row(verb: Token) -> bool:
    """ "X is on death row"."""
    return any(
        c.dep_ == "prep" and c.lower_ == "on" and any(
            g.dep_ == "pobj" and g.lemma_.lower() == "row" and any(d.lower_ == "death" for d in g.children)
            for g in c.children
        )
        for c in verb.children
    )


def _is_free(verb: Token, node: Token) -> str | None:
    """ "X is free (now)", "X is not free", "X is out on bail", "X is a free man", "X is out of prison"."""
    out_on = any(c.lower_ == "out" for c in verb.children) and any(
        t.dep_ == "pobj" and t.head.lower_ == "on" and t.lemma_.lower() in cues.GRANTED_FREEDOM_NOUNS for t in verb.subtree
    )
    if verb.lemma_.lower() == "be" and (out_on or release_expression(verb) == "free-state" or any(
        c.dep_ in ("acomp", "attr") and c.lower_ in ("free", "freed", "released") for c in verb.children
    )):
        return "is-free-negated" if is_negated(verb) else "is-free"
    return None


def _one_of(verb: Token, node: Token) -> str | None:
    """ "X was one of dozens of prisoners driven out", "X was (not) part of Sunday's release"."""
    if verb.lemma_.lower() != "be":
        return None
    negated = is_negated(verb)
    for child in verb.children:
        if child.dep_ == "attr" and child.lower_ == "one" and not negated and any(
            g.lemma_.lower() in cues.DETAINEE_NOUNS and any(
                d.dep_ in ("acl", "relcl") and d.lemma_.lower() in cues.TRANSFER_VERBS for d in g.children
            )
            for p in child.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.subtree
        ):
            return "one-of-those-moved"
        if child.dep_ == "attr" and _release_in(child.subtree) is not None:
            return "not-one-of-freed" if negated else "one-of-freed"
    return None


def _brokered(verb: Token, node: Token) -> str | None:
    """ "X brokered the deal", "X helped negotiate the release"."""
    lemma = verb.lemma_.lower()
    if lemma in cues.NEGOTIATION_VERBS or (
        lemma in ("help", "work") and any(c.lemma_.lower() in cues.NEGOTIATION_VERBS for c in verb.children)
    ):
        return "brokered"
    return None


def _led_talks(verb: Token, node: Token) -> str | None:
    """ "X, who led the US side of the talks"."""
    if verb.lemma_.lower() in cues.LEAD_VERBS and any(
        t.lemma_.lower() in cues.TALK_NOUNS | {"delegation", "effort", "mediation"}
        for c in verb.children if c.dep_ in ("dobj", "prep") for t in c.subtree
    ):
        return "led-talks"
    return None


def _go_between_rule(verb: Token, node: Token) -> str | None:
    """ "X spent months negotiating", "X took part in the talks", "X met both sides" (`_go_between`)."""
    return "go-between" if _go_between(verb) else None


def _arrived(verb: Token, node: Token) -> str | None:
    """ "X arrived in the capital", "X was reunited with his family"."""
    return "arrived" if verb.lemma_.lower() in cues.ARRIVAL_VERBS else None


def _moved(verb: Token, node: Token) -> str | None:
    """ "the hostages, A and B, were taken to ..." (not a captive taken away: "captured and taken")."""
    if (verb.lemma_.lower() in cues.TRANSFER_VERBS or vehicle_preps(verb)) and _passive(verb, node) and not (
        _detention_context(verb)
    ) and not any(t.lemma_.lower() in cues.CAPTURE_VERBS for t in (verb.head, *verb.conjuncts)):
        return "moved"
    return None


def _speaks(verb: Token, node: Token) -> str | None:
    """ "X said": official or other by role."""
    if verb.lemma_.lower() in cues.SPEECH_VERBS:
        return "speech"
    # "X was quoted (reported) as saying": the passive of naming a speaker
    quoted = verb.lemma_.lower() in ("quote", "report", "cite") and node.dep_ == "nsubjpass"
    if quoted and any(c.dep_ == "prep" and c.lower_ == "as" and any(g.lemma_.lower() in cues.SPEECH_VERBS for g in c.children)
                      for c in verb.children):
        return "speech"
    return None


def _acts(verb: Token, node: Token) -> str | None:
    """Any other verb on the event's topic: official if X has an official role, else nothing
    (off the topic the person is merely mentioned)."""
    return "act" if verb.pos_ in ("VERB", "AUX") and on_event_topic(verb) else None


# The order matters: the first detector that names a rule decides.
SUBJECT_CHAIN: tuple[Callable[[Token, Token], str | None], ...] = (
    _walked_free, _headline_passive, _release_subject, _commutation_cause, _frees_others, _freed_pronoun_after, _freed_after_being,
    _signs_release, _grants_release, _grants_house_arrest, _met_by, _back_home, _left_prison, _on_probation, _serving_sentence, _remains_in_named_prison,
    _remains_detained, _still_held, _not_included, _bail_refused, _excluded, _remanded, _among_those, _still_in_prison,
    _in_custody, _hunger_strike, _is_free, _one_of, _is_a_prisoner, _release_expected, _present_in_custody, _brokered, _led_talks, _go_between_rule, _arrived, _moved, _speaks, _acts,
)


def _freed_group_subject(subject: Token) -> bool:
    """The subject of "is X" is the freed or a part of them: "Those released are X", "One of the freed
    prisoners is X", "The rest of the group of freed priests is X" (through "of" from a part noun)."""
    node = subject
    for _ in range(3):
        if any(is_release_token(g) and not is_negated(g) for g in node.children if g.dep_ in ("acl", "amod")):
            return True
        of = next((c for c in node.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        group = next((o for o in of.children if o.dep_ == "pobj"), None) if of is not None else None
        if group is None or not (node.lemma_.lower() in cues.PART_OF_GROUP_NOUNS or node.like_num):
            return False
        node = group
    return False


def _previous_group_cue(a: Analysis, sentence: int, why: str) -> list[Cue]:
    """The status the previous sentence gives a group it talks about: freed or still held."""
    if sentence <= 0:
        return []
    previous = a.sents[sentence - 1]
    lower = a.lower(previous)
    if has_phrase(lower, cues.PAST_ROUND_PHRASES):
        return []
    # a still-held phrase, or a verb of remaining in detention ("four citizens remain in Pardian prisons")
    held = has_phrase(lower, cues.STILL_DETAINED_PHRASES) or any(
        t.pos_ in ("VERB", "AUX") and _remains_detained(t, t) == "remains-detained" for t in previous.span
    )
    if held and not any(
        is_release_token(t) and not is_negated(t) for t in previous.span if t.pos_ == "VERB"
    ):
        return [cue(why, sentence, status="still_detained")]
    if _release_in(previous.span) is not None and not any(is_wished_release(t) for t in previous.span if is_release_token(t)):
        return [cue(why, sentence, status="released")]
    return []


def _among_group_cues(a: Analysis, verb: Token, sentence: int) -> list[Cue]:
    """ "Among the Ruritanians were X and Y": the group named after "among" was freed in an
    earlier sentence of this event ("... freed 31 people, among them 17 Ruritanian citizens")."""
    if verb.lemma_ != "be" or is_negated(verb):
        return []
    objects = [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("among", "amongst")
               for g in c.children if g.dep_ == "pobj"]
    if not objects:
        return []
    group = objects[0]
    lower = a.lower(a.sents[sentence])
    if has_phrase(lower, cues.STILL_DETAINED_PHRASES) or has_phrase(lower, cues.PAST_ROUND_PHRASES):
        return []
    if group.tag_ in ("NNS", "NNPS") and _freed_group(a, group, sentence):
        return [cue("among-freed-group", sentence)]
    # "X was also among them", "Also among the group was X": the group the release article is about
    if any(is_release_token(t) for t in group.subtree):
        return []  # "Among those freed from X prison was Y": the release rule decides
    if any(t.lemma_.lower() in ("keep", "leave", "remain", "stay") or t.lower_ in cues.DETENTION_WORDS
           for t in group.subtree if t != group):
        return [cue("among-the-held", sentence)]  # "Among those kept behind bars were X"
    bare = group.lower_ == "them" or (group.lower_ == "those" and not list(group.children))
    told = _previous_group_cue(a, sentence, "among-them") if bare else []
    if told and (told[0].status == "still_detained" or not a.reports_release):
        return told  # "Four remain in prison. Among them is X": the group the sentence before names
    if a.reports_release and (bare or (group.lemma_.lower() in cues.DETAINEE_NOUNS | {"group"} and not any(
        c.dep_ in ("acl", "relcl") for c in group.children
    ))):
        return [cue("among-the-group", sentence)]
    return []


def _freed_group(a: Analysis, group: Token, sentence: int) -> bool:
    """A plural noun names a group an earlier sentence freed: the same noun or demonym ("17
    Ruritanian citizens were handed over" ... "the Ruritanians"), or the same number ("released
    135 prisoners" ... "the 135 Freedonians")."""
    country = country_of(group.text) if group.ent_type_ in ("NORP", "GPE") or group.pos_ == "PROPN" else None
    numbers = {c.text for c in group.children if c.dep_ == "nummod" and c.like_num}
    for earlier in a.sents[:sentence]:
        if has_phrase(a.lower(earlier), cues.PAST_ROUND_PHRASES) or not done_releases(earlier.span):
            continue
        for token in earlier.span:
            if token.lemma_.lower() == group.lemma_.lower() and token.tag_ in ("NNS", "NNPS"):
                return True
            if country and token.ent_type_ in ("NORP", "GPE") and country_of(token.text) == country and (
                token.head.lemma_.lower() in cues.DETAINEE_NOUNS | cues.CITIZEN_NOUNS
            ):
                return True
            if numbers and token.text in numbers and token.head.lemma_.lower() in cues.DETAINEE_NOUNS:
                return True
    return False


def _pronoun_group_cues(a: Analysis, m: Mention) -> list[Cue]:
    """ "Among them is X", "Several of them are known, among them X", "Some of them, such as X,
    face charges": a name listed under a bare "them"/"those" takes the status the previous
    sentence gives that group. The name must reach the pronoun's phrase without passing a verb
    other than "be" ("Many of them thanked X" says nothing about X)."""
    span = a.sents[m.sentence].span
    first_verb = next((t.i for t in span if t.pos_ in ("VERB", "AUX")), span.end)
    # "Several of them are known, among them X": a sentence that opens on the group
    opens = any(t.lower_ in ("them", "those") and t.dep_ == "pobj" and t.i < first_verb for t in span)
    node = a.doc[m.start : m.end].root
    for _ in range(8):
        if any(
            c.dep_ == "prep" and c.lower_ in ("among", "amongst", "of") and any(
                g.dep_ == "pobj" and g.lower_ in ("them", "those") and not list(g.children) and opens
                for g in c.children
            )  # a pronoun after the sentence's first verb points into the sentence ("freed 16, among them X")
            for c in node.children
        ) or (opens and node.lemma_ == "be"):  # "Several of them are known, among them X"
            return _previous_group_cue(a, m.sentence, "among-them")
        if (node.pos_ in ("VERB", "AUX") and node.lemma_ != "be") or node.head == node:
            return []
        node = node.head
    return []


def _partitive_cues(a: Analysis, root: Token, sentence: int) -> list[Cue]:
    """ "Three of them, A, B and C, spoke to the press": names in apposition to a part of a group
    ("two of them", "both of them") named in the previous sentence share that group's status."""
    node = root
    while node.dep_ == "conj" and node.head != node:
        node = node.head
    if node.dep_ != "appos":
        return []
    head = node.head
    if not (head.like_num or head.lower_ in cues.PARTITIVE_HEADS):
        return []
    if not any(
        c.dep_ == "prep" and c.lower_ == "of" and any(g.lower_ in ("them", "those", "whom") for g in c.children)
        for c in head.children
    ):
        return []
    return _previous_group_cue(a, sentence, "part-of-group")


def _ellipsis_cues(a: Analysis, verb: Token, sentence: int) -> list[Cue]:
    """ "..., as were X and Y", "So did X.", "as does X": an elided predicate repeats the previous one.

    The antecedent is the clause the elliptic one modifies or, for a clause standing alone
    ("So did X."), the previous sentence; X shares its release or its detention.
    """
    if verb.lemma_.lower() not in ("be", "do", "have") or any(
        c.dep_ in ("acomp", "attr", "dobj", "xcomp", "ccomp", "oprd", "prep", "agent") for c in verb.children
    ):
        return []
    marked = any(c.lower_ in ("so", "as") and c.dep_ in ("mark", "advmod") for c in verb.children)
    if not marked:
        return []
    if verb.dep_ in ("advcl", "conj") and verb.head != verb:
        antecedent = verb.head
    elif sentence > 0:
        antecedent = a.sents[sentence - 1].span.root
        if antecedent.lemma_.lower() in cues.SPEECH_VERBS:  # "X walked free, his lawyer said. So did Y."
            clauses = [c for c in antecedent.children if c.dep_ in ("ccomp", "parataxis")]
            antecedent = clauses[0] if clauses else antecedent
    else:
        return []
    subjects = [c for c in antecedent.children if c.dep_ in ("nsubj", "nsubjpass")]
    found = _subject_cues(antecedent, subjects[0] if subjects else antecedent, sentence)
    return [cue("ellipsis", sentence, status=c.status) for c in found if c.status in ("released", "still_detained")]


def _go_between(verb: Token) -> bool:
    """Clauses that make their subject a go-between:
    "X was credited with brokering the deal" (a negotiation verb under "credited/praised ... with|for"),
    "X took part in the talks", "X met both sides" / "shuttled between the two parties"."""
    lemma = verb.lemma_.lower()
    gerunds = [c for c in verb.children if c.dep_ in ("xcomp", "advcl")]
    if lemma == "spend":  # the parser hangs the gerund off the time: "spent months negotiating"
        gerunds += [g for c in verb.children if c.dep_ == "dobj" for g in c.children if g.dep_ == "acl"]
    if any(c.tag_ == "VBG" and c.lemma_.lower() in cues.NEGOTIATION_VERBS - {"secure"} for c in gerunds):
        return True  # "X spent months negotiating the release", "X worked for a year brokering the deal"
    if lemma == "play" and any(c.dep_ == "dobj" and c.lemma_.lower() == "role" for c in verb.children) and any(
        t.lemma_.lower() in cues.TALK_NOUNS | cues.NEGOTIATION_VERBS | {"mediation"} for t in verb.subtree
    ):
        return True  # "X played a key role in the negotiations"
    if lemma in ("credit", "praise", "thank", "hail", "commend"):
        return any(
            c.dep_ == "prep" and c.lower_ in ("with", "for")
            and any(t.lemma_.lower() in cues.NEGOTIATION_VERBS for t in c.subtree)
            for c in verb.children
        )
    if lemma in ("take", "participate", "join", "sit") and any(
        t.lemma_.lower() in cues.TALK_NOUNS for c in verb.children if c.dep_ in ("prep", "dobj") for t in c.subtree
    ):
        return lemma != "take" or any(c.lower_ == "part" for c in verb.children)
    if lemma in ("meet", "shuttle", "travel"):
        return any(
            t.lemma_.lower() in cues.SIDE_NOUNS and any(d.lower_ in ("both", "two", "all") for d in t.children)
            for c in verb.children for t in c.subtree
        )
    return False


def _leads_talks(verb: Token) -> bool:
    """ "talks ..., led by X", "the negotiations were headed by X": X negotiated."""
    if verb.lemma_.lower() not in cues.LEAD_VERBS | {"broker", "mediate"}:
        return False
    talks = [verb.head] if verb.dep_ == "acl" else [c for c in verb.children if c.dep_ == "nsubjpass"]
    if any(t.lower_ in ("they", "these", "it") for t in talks):
        # "officials close to the talks say they were led by X": the pronoun stands for the talks
        # named earlier in the same sentence, or in the sentence before ("The release is the result
        # of months of talks. On our side they were conducted by X")
        start = verb.sent.start
        previous = verb.doc[start - 1].sent if start > 0 else None
        talks = [t for t in verb.sent if t.i < verb.i] + (list(previous) if previous is not None else [])
    return any(t.lemma_.lower() in cues.TALK_NOUNS for t in talks)


def _decides_release(verb: Token) -> bool:
    """ "an amnesty signed by X", "a pardon granted by X", "the release was ordered by X": a
    verb of deciding whose head or subject is a release word (X then performs the release)."""
    if verb.lemma_.lower() not in cues.DECIDE_VERBS:
        return False
    if verb.dep_ == "acl" and (
        is_release_token(verb.head) or any(c.dep_ == "compound" and is_release_token(c) for c in verb.head.children)
    ):
        return True  # "an amnesty signed by X", "a pardon decree signed by X"
    return any(c.dep_ in ("nsubjpass", "dobj") and is_release_token(c) for c in verb.children)


def _orders_release(owner: Token) -> bool:
    """ "freed under an amnesty by decree of X", "released on the orders of X": the order noun
    hangs (within three steps) off a release word of this event, so its owner ordered it."""
    if owner.lemma_.lower() not in cues.ORDER_NOUNS:
        return False
    node = owner
    for _ in range(3):
        if node.head == node:
            return False
        node = node.head
        if is_release_token(node) and node != owner:
            return not in_earlier_clause(node)
    return False


def _governs_body(node: Token) -> bool:
    """ "the government of President X ordered ...", "freed by X's administration": X heads a body
    that acts in the event (the subject of a verb on its topic, or the agent of a passive). A leader
    named only in the body's name ("prisoners of the government of X", "a post in X's government")
    is merely mentioned."""
    if node.dep_ == "poss":
        body = node.head
    elif node.head.lower_ == "of":
        body = node.head.head
    else:
        return False
    if body.lemma_.lower() not in cues.BODY_NOUNS:
        return False
    if body.dep_ == "nsubj":
        return bool(body.head.pos_ in ("VERB", "AUX") and on_event_topic(body.head))
    return bool(body.dep_ == "pobj" and body.head.dep_ == "agent")


def _agency_owner(node: Token) -> Token | None:
    """The decision noun a name owns: "on the orders of Governor X", "X's decision"."""
    owner = node.head if node.dep_ == "poss" else node.head.head if node.head.lower_ == "of" else None
    if owner is not None and owner.lemma_.lower() in cues.AGENCY_NOUNS:
        return owner
    return None


def mention_cues(a: Analysis, m: Mention) -> list[Cue]:
    doc = a.doc
    root = m.tokens(doc).root
    s = m.sentence
    out: list[Cue] = []
    # Relative and reduced relative clauses on the name: "X, who was freed", "X, freed on Monday".
    clauses = list(root.children)
    if root.dep_ == "appos" and root.head.i < root.i:
        # "the envoy, X, who mediated the talks", "the nuncio in Havana, Archbishop X, who ...":
        # the parser may hang the relative clause on the noun the name is in apposition to
        described = root.head
        if described.dep_ == "pobj" and described.ent_type_ in ("GPE", "LOC") and described.head.lower_ in ("in", "at"):
            described = described.head.head
        clauses += [c for c in described.children if c.i > root.i]
    for appos in (c for c in root.children if c.dep_ == "appos" and c.i > root.i):
        # "X, an accountant from Minsk who had served five years": a "who" clause the parser hung on a
        # noun inside the appositive (a place, a date) describes the person
        clauses += [t for t in appos.subtree if t.dep_ == "relcl" and t.head != appos and (
            t.head.ent_type_ != "PERSON" or (t.head.dep_ == "pobj" and t.head.head.lower_ in ("from", "in", "at"))
        ) and any(w.lower_ in ("who", "whom") and w.i < t.i for w in t.children)]
    for child in clauses:
        if child.dep_ in ("relcl", "acl") and child.i > root.i:
            # "X, who mediated the talks": a relative clause also says who negotiated
            keep = ("released", "still_detained", "negotiator") if child.dep_ == "relcl" else ("released", "still_detained")
            out.extend(c for c in _subject_cues(child, child, s) if c.status in keep)
            for other in child.conjuncts:  # "X, who was arrested in 2023 and was not on the list"
                if other.i > child.i and not any(c.dep_ in ("nsubj", "nsubjpass") for c in other.children):
                    out.extend(c for c in _subject_cues(other, other, s) if c.status in ("released", "still_detained"))
    out.extend(_partitive_cues(a, root, s))
    out.extend(_apposition_cues(root, s))
    node, listed = climb(root)
    dep = node.dep_
    if dep in ("nsubj", "nsubjpass", "csubj"):
        verb = _verb_of(node)
        out.extend(_among_group_cues(a, verb, s) or _ellipsis_cues(a, verb, s) or _subject_cues(verb, node, s))
        for clause in verb.children:
            # "Freed on Thursday, X told reporters ...": a fronted participle of release without its
            # own subject describes the main clause's subject
            if (
                clause.dep_ == "advcl" and clause.tag_ == "VBN" and clause.i < node.i and is_release_token(clause)
                and not is_negated(clause) and not _earlier(clause)
                and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in clause.children)
            ):
                out.append(cue("fronted-participle", s))
        for other in verb.conjuncts:  # a shared subject: "X was arrested in 2020 and remains in prison"
            if other.i > verb.i and not any(c.dep_ in ("nsubj", "nsubjpass") for c in other.children):
                out.extend(c for c in _subject_cues(other, node, s) if c.status in ("released", "still_detained"))
    elif dep in ("dobj", "attr", "oprd", "dative") or (dep == "pobj" and node.head.dep_ == "agent"):
        verb = node.head
        if dep == "pobj" and _leads_talks(verb.head):
            out.append(cue("talks-led-by", s))  # "talks ..., led by adviser X"
        elif dep == "pobj":  # "freed by X": the performer
            performs = is_release_token(verb.head) or _decides_release(verb.head)
            put_together = verb.head.lemma_.lower() == "put" and any(c.lower_ == "together" for c in verb.head.children)
            if verb.head.lemma_.lower() in cues.NEGOTIATION_VERBS - {"secure"} or put_together:
                out.append(cue("brokered-by", s))  # "the release was facilitated by X"
            else:
                out.append(cue("release-agent", s) if performs else cue("by", s))
        elif is_release_token(verb):
            negated = is_negated(verb)
            if not negated and _earlier(verb):
                out.append(cue("released-earlier", s))
            elif not negated and is_wished_release(verb):
                out.append(cue("release-demanded", s))  # "urged Egypt to free X"
            else:
                if negated:
                    out.append(cue("release-object-listed-negated" if listed else "release-object-negated", s))
                else:
                    out.append(cue("release-object-listed" if listed else "release-object", s))
        elif dep == "dobj" and _excludes(verb):
            out.append(cue("excluded", s))  # "the amnesty excludes X"
        elif dep == "dobj" and _holds_now(verb):
            out.append(cue("held-object", s))  # "the group still holds X", "Pardia is detaining X"
        elif verb.lemma_.lower() == "remand" and dep == "dobj" and not is_negated(verb) and not _earlier(verb):
            out.append(cue("remanded-object", s))  # "the magistrate remanded X in custody"
        elif verb.lemma_.lower() in ("renew", "extend", "prolong") and node.lemma_.lower() in ("detention", "custody", "remand"):
            out.append(cue("detention-extended", s))  # "renewed the detention of ..., X"
        elif verb.lemma_.lower() in ("receive", "get", "obtain") and any(
            c.dep_ == "prep" and c.lower_ == "in" and any(g.lemma_.lower() in ("exchange", "return") for g in c.children)
            for c in verb.children
        ):
            out.append(cue("received-in-exchange", s))  # "Russia received in exchange X, Y"
        elif verb.lemma_.lower() in ("include", "comprise", "feature", "number", "cover", "benefit"):
            subject = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            group = any(
                _release_in(c.subtree) is not None or c.lemma_.lower() in cues.DETAINEE_NOUNS | {"group", "list"}
                for c in subject
            )
            # "Other Ruritanians freed included X": the parser may make "freed" the main verb
            misparsed = verb.dep_ in ("ccomp", "xcomp") and verb.head.i < verb.i and is_release_token(verb.head) and any(
                c.dep_ == "nsubj" for c in verb.head.children
            ) and not subject
            # "The Ruritanians include X": a group freed earlier in the article
            earlier_group = any(c.tag_ in ("NNS", "NNPS") and _freed_group(a, c, s) for c in subject)
            # "the list of those pardoned included no political prisoner, X among them": not freed
            none_of = any(c.dep_ == "dobj" and any(g.dep_ == "det" and g.lower_ == "no" for g in c.children)
                          for c in verb.children)
            if not is_negated(verb) and any(_held_group(c) for c in subject):
                out.append(cue("held-group-includes", s))  # "those still in custody include X"
            elif group or misparsed or earlier_group:
                out.append(cue("group-includes-negated" if is_negated(verb) or none_of else "group-includes", s))
            elif not is_negated(verb) and any(c.lower_ in ("they", "these", "those") and not list(c.children) for c in subject):
                out.extend(_previous_group_cue(a, s, "they-include"))  # "Dozens are still jailed. They include X"
        elif dep == "attr" and verb.lemma_ == "be":
            if any(c.dep_ == "nsubj" and _freed_group_subject(c) for c in verb.children):
                out.append(cue("those-freed-are", s))  # "Those released are X and Y"
            elif any(
                c.dep_ == "nsubj" and c.lemma_.lower() in cues.HELD_NOUNS and _release_in(c.subtree) is None
                and any(g.lower_ in ("other", "remaining") for g in c.children)
                for c in verb.children
            ):
                out.append(cue("other-captives-are", s))  # "The other known hostages are X"
            out.extend(_among_group_cues(a, verb, s) or _subject_cues(verb, node, s))  # "Among the 135 X are Y"
        elif verb.lemma_.lower() == "quote" and dep == "dobj" and any(
            c.dep_ == "prep" and c.lower_ == "as" and any(g.lemma_.lower() in cues.SPEECH_VERBS for g in c.children)
            for c in verb.children
        ):
            out.append(cue("quoted-as-saying", s))  # "the agency quoted minister X as saying ..."
        elif verb.lemma_.lower() in cues.THANKS_VERBS and dep == "dobj" and not is_negated(verb):
            out.append(cue("thanked", s))  # "he thanked President X for ...": credited with a part in it
        elif verb.lemma_.lower() in ("welcome", "greet", "embrace", "meet", "receive") and verb.tag_ != "VBG" and done_releases(
            a.sents[s].span
        ):  # not "a day after meeting X": the envoy met, not the freed; nor "met X to ask that they be freed"
            out.append(cue("welcomed", s))
    elif dep == "pobj":
        prep = node.head
        owner = prep.head
        p = prep.lower_
        if p in ("of", "for") and owner.pos_ == "NOUN" and owner.lemma_.lower() in cues.RELEASE_NOUNS:
            out.append(_release_noun_cue(owner, s))
        elif p == "in" and owner.lemma_.lower() in ("receive", "get", "obtain") and any(
            c.lower_ in ("exchange", "return") for c in node.subtree if c.i < node.i
        ):
            out.append(cue("received-in-exchange", s))  # parsed "in [exchange X], Y"
        elif p in ("with", "between") and owner.lemma_.lower() in cues.TALK_NOUNS:
            out.append(cue("talks", s))
        elif p == "with" and owner.lemma_.lower() in cues.CONTACT_NOUNS and _contact_on_topic(owner):
            out.append(cue("contact-with", s))  # "thanked Qatar for its help in a phone call with minister X"
        elif p == "to" and owner.lower_ == "according":
            out.append(cue("according-to", s))
        elif p == "to" and _bail_refused(owner, node):
            out.append(cue("bail-refused", s))  # "the court denied bail to X"
        elif p == "to" and owner.lemma_.lower() in cues.APPLY_VERBS and is_negated(owner) and _names_release(
            t for c in owner.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree
        ):
            out.append(cue("excluded", s))  # "the amnesty does not apply to X"
    elif dep == "poss" and node.head.lemma_.lower() in cues.RELEASE_NOUNS and node.head.pos_ == "NOUN":
        out.append(_release_noun_cue(node.head, s))
    if (
        dep == "poss"
        and node.head.lemma_.lower() in cues.REPRESENTATIVE_NOUNS
        and node.head.dep_ in ("nsubj", "nsubjpass")
        and node.head.head.lemma_.lower() in cues.SPEECH_VERBS
    ):
        out.append(cue("office-speaks", s))  # "X's office said"
    owner = _agency_owner(node) if dep in ("poss", "pobj") else None
    if owner is not None and _orders_release(owner):
        out.append(cue("release-agent", s))  # "freed by decree of President X"
    elif owner is not None:
        out.append(cue("agency", s))
    if dep in ("poss", "pobj") and _governs_body(node):
        out.append(cue("heads-body", s))  # "the government of President X ordered ..."
    if listed and not any(c.status in ("released", "still_detained") for c in out):
        sentence = a.sents[s]
        release = _release_in(sentence.span)
        if _held_list_before(a, m):
            # "N were freed, but three remain in custody, including X": the list hangs off the
            # nearer, still-held clause
            out.append(cue("listed-after-held", s))
        elif release is not None and not has_phrase(a.lower(sentence), cues.PAST_ROUND_PHRASES):
            out.append(cue("listed-in-release", s))
    out.extend(_agent_apposition_cue(a, m) + _own_office_cue(node, s))
    if not any(c.status in ("released", "still_detained") for c in out):
        out.extend(_covered_cues(node, s))
    if not any(c.status in ("released", "still_detained") for c in out) and _held_list_before(
        a, m, cues.HELD_GROUP_PHRASES
    ):
        out.append(cue("held-group-list", s))  # "Those still held include X"
    if not any(c.status in ("released", "still_detained") for c in out):
        out.extend(_surface_list_cue(a, m) or _colon_list_cue(a, m) or _release_before(a, m)
                   or _pronoun_group_cues(a, m))
    if not any(c.status == "still_detained" for c in out):
        out.extend(_phrase_cues(a, m))
    if not any(c.status in ("released", "still_detained", "other") for c in out):
        out.extend(_history_cues(a, m, node, clauses))
    return _bullet_cues(a, m, out)


def _holds_now(verb: Token) -> bool:
    """A present detaining verb: "still holds", "is detaining", "has kept" (not "holds X responsible")."""
    return verb.lemma_.lower() in cues.DETENTION_VERBS and _current(verb) and not is_negated(verb) and not any(
        c.dep_ in ("oprd", "acomp", "xcomp", "ccomp") or (c.dep_ == "aux" and c.lower_ in cues.MODAL_VERBS)
        for c in verb.children
    ) and not any(t.lower_ in cues.NOT_CUSTODY_HOLD_WORDS for t in verb.subtree)


def _covered_cues(node: Token, sentence: int) -> list[Cue]:
    """ "The pardon covered X and Y" (a release noun's covering verb) and "Russia received in
    exchange X and Y" (what the other side got back): X and Y were freed."""
    if node.dep_ == "pobj" and node.head.lower_ == "in" and any(
        c.dep_ == "compound" and c.lower_ in ("exchange", "return") for c in node.children
    ) and node.head.head.lemma_.lower() in cues.RECEIVE_VERBS:
        return [cue("received-in-exchange", sentence)]  # misparse: "received in exchange X"
    if node.dep_ not in ("dobj", "attr") or any(c.lower_ == "no" and c.dep_ == "det" for c in node.children):
        return []
    verb = node.head
    lemma = verb.lemma_.lower()
    if lemma in cues.COVER_VERBS and not is_negated(verb) and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in cues.RELEASE_NOUNS for c in verb.children
    ):
        return [cue("covered-by-release", sentence)]
    if lemma in cues.RECEIVE_VERBS and not is_negated(verb) and any(
        c.dep_ == "prep" and c.lower_ in ("in", "as") and any(g.lemma_.lower() in ("exchange", "return", "swap") for g in c.children)
        for c in verb.children
    ):
        return [cue("received-in-exchange", sentence)]
    return []


def in_absentia(verb: Token) -> bool:
    """ "sentenced in absentia", "convicted in his absence": a penalty passed on someone who is not in
    custody: no detention rule reads it as a jailing (held.*, jailed-in-the-past)."""
    return any(  # wherever the parse hangs it in the clause ("to life in prison in absentia")
        t.lower_ in cues.ABSENTIA_WORDS and (t.head.lower_ == "in" or t.doc[t.i - 1].lower_ == "in")
        and not _in_sub_clause(t, verb)
        for t in verb.subtree
    )


def _history_cues(a: Analysis, m: Mention, node: Token, clauses: list[Token]) -> list[Cue]:
    """A weak "released" for someone whose jailing the article tells in the past ("X, who had been
    sentenced to 11 years, said ..."; "X was arrested in 2023") in an article about a release that
    happened, when nothing says they are still held or were freed another time. Reporters give
    the freed their back story; the still-held get a present "remains in prison"."""
    if not a.reports_release:
        return []
    if any(is_release_token(t) and is_wished_release(t) for t in a.sents[m.sentence].span):
        return []  # "pressed for the release of X, detained in 2023": asked for, so still held
    verbs = [c for c in clauses if c.dep_ in ("relcl", "acl") and c.i > m.start]
    root = a.doc[m.start : m.end].root
    for appos in (c for c in root.children if c.dep_ == "appos" and c.i > root.i
                  and c.lemma_.lower() not in cues.RELATIVE_NOUNS):
        # "X, a party member convicted under the terrorism law, ..."
        verbs += [c for c in appos.children if c.dep_ in ("relcl", "acl")]
    verbs += [c for v in list(verbs) for c in v.conjuncts if c.i > v.i]  # "who holds ... and who was sentenced"
    if node.dep_ in ("nsubj", "nsubjpass"):
        verbs.append(_verb_of(node))
    if has_phrase(a.lower(a.sents[m.sentence]), cues.STILL_DETAINED_PHRASES):
        return []  # "X, held for 269 days, remains under arrest": the past jailing is not over
    for verb in verbs:
        if verb.lemma_.lower() not in cues.HISTORY_VERBS or is_negated(verb) or _current(verb) or in_absentia(verb):
            continue
        pluperfect = any(c.dep_ in ("aux", "auxpass") and c.lower_ == "had" for c in verb.children)
        if not pluperfect and any(c.dep_ == "prep" and c.lower_ == "since" for c in verb.children):
            continue  # "jailed since 2024": a state that still holds ("had been held since": until the release)
        if not pluperfect and verb.lemma_.lower() in ("seize", "kidnap", "abduct", "capture"):
            continue  # "were captured and taken abroad": only "had been seized" tells a captivity now over
        serving = verb.lemma_.lower() == "serve" and any(
            t.lemma_.lower() in ("sentence", "term", "year", "month") for t in verb.subtree
        )  # "had served two-thirds of his sentence", "was serving nine years"
        if verb.lemma_.lower() in ("hold", "spend", "serve") and not (_detention_context(verb) or serving):
            continue  # "held talks", "spent a week in Vilnius"
        if verb.lemma_ == "be" and not (
            any(c.lower_ == "had" for c in verb.children if c.dep_ == "aux")
            and any(c.dep_ == "prep" and _detention_context(c) for c in verb.children)
        ):
            continue  # only "X had been in custody since 2023"
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("will", "would", "could", "may", "might") for c in verb.children):
            continue
        return [cue("jailed-in-the-past", m.sentence)]
    return []


def _agent_apposition_cue(a: Analysis, m: Mention) -> list[Cue]:
    """ "granted clemency by the head of the judiciary, X,": the name after the comma is the
    agent of the release even when the parser hangs it elsewhere; likewise "a pardon decree
    signed by Ruritanian President X" read on the surface when the parse is broken."""
    doc = a.doc
    index = m.start - 1
    while index > 0 and (is_title(doc[index]) or doc[index].ent_type_ == "NORP" or doc[index].dep_ == "det"):
        index -= 1
    if index > 0 and doc[index].lower_ == "by":
        verb = doc[index - 1]
        if verb.tag_ == "VBN" and (
            is_release_token(verb) or verb.lemma_.lower() in cues.DECIDE_VERBS
        ) and not is_negated(verb) and (is_release_token(verb) or any(
            is_release_token(t) or t.lower_ in ("pardon", "amnesty", "clemency", "release")
            for t in doc[max(a.sents[m.sentence].span.start, index - 4) : index]
        )):
            return [cue("release-agent", m.sentence)]
    if m.start < 2 or doc[m.start - 1].text != "," or a.doc[m.start : m.end].root.dep_ == "appos":
        return []
    node = doc[m.start - 2]
    for _ in range(6):
        if node.dep_ == "agent" or (node.lower_ == "by" and node.dep_ == "prep"):
            verb = node.head
            if (is_release_token(verb) or _decides_release(verb) or verb.lemma_.lower() == "grant") and not is_negated(verb):
                return [cue("release-agent", m.sentence)]
            return []
        if node.head == node:
            return []
        node = node.head
    return []


def _own_office_cue(node: Token, sentence: int) -> list[Cue]:
    """ "X said on Friday that his office had ordered the release of 103 people": the speaker
    acts through their own office."""
    if node.dep_ != "nsubj" or node.head.lemma_.lower() not in cues.SPEECH_VERBS:
        return []
    for clause in (c for c in node.head.children if c.dep_ == "ccomp"):
        for subject in (t for t in clause.subtree if t.dep_ == "nsubj" and t.lemma_.lower() in cues.REPRESENTATIVE_NOUNS):
            if not any(c.dep_ == "poss" and c.lower_ in ("his", "her") for c in subject.children):
                continue
            verb = subject.head
            if (is_release_token(verb) or _decides_release(verb)) and not is_negated(verb):
                return [cue("release-actor", sentence)]
    return []


def _apposition_cues(root: Token, sentence: int) -> list[Cue]:
    """A name in apposition to a described noun takes what the description says:
    "a freed teacher, X, said" (released), "the mediator who brokered the talks, X" (negotiator)."""
    node = root
    while node.dep_ == "conj" and node.head != node:
        node = node.head
    out: list[Cue] = []
    for one in root.children:  # "X, one of the freed prisoners, said"
        if one.dep_ == "appos" and (one.lower_ == "one" or one.like_num) and any(
            p.dep_ == "prep" and p.lower_ == "of" and any(
                g.dep_ == "pobj" and any(is_release_token(d) and not is_negated(d) for d in g.children if d.dep_ in ("amod", "acl"))
                for g in p.children
            )
            for p in one.children
        ):
            out.append(cue("one-of-the-freed", sentence))
        if one.dep_ == "appos" and one.i > root.i and one.pos_ == "NOUN" and any(
            c.dep_ == "acl" and c.tag_ == "VBN" and is_release_token(c) and not is_negated(c) and not _earlier(c)
            for c in one.children
        ):
            out.append(cue("appos-released", sentence))  # "X, a teacher released from prison, said"
    for _ in range(3):  # "the mediator who brokered the talks, deputy premier X": appositions chain
        if node.dep_ != "appos" or node.head == node:
            break
        head = node.head
        if head.pos_ in ("NOUN", "PROPN", "ADJ"):  # "a freed teacher, X", "a freed Ruritanian, X"
            if any(c.dep_ in ("amod", "compound") and c.lower_ in cues.RELEASE_ADJECTIVES for c in head.children):
                out.append(cue("appos-freed", sentence))
            for child in head.children:
                if child.dep_ == "relcl" and child.lemma_.lower() in cues.NEGOTIATION_VERBS:
                    out.append(cue("appos-brokered", sentence))
        node = head
    return out


def _held_list_before(a: Analysis, m: Mention, phrases: tuple[str, ...] = cues.STILL_DETAINED_PHRASES) -> bool:
    """A still-held phrase comes after the last release word before the name in its sentence."""
    sentence = a.sents[m.sentence]
    before = a.text[sentence.start : m.char_start].lower()
    held = [match.start() for match in find_phrases(before, phrases)]
    # "four other Americans remain in Venezuelan custody, ..., including X": a verb of remaining held
    if phrases is cues.STILL_DETAINED_PHRASES:
        held += [t.idx - sentence.start for t in a.doc[sentence.span.start : m.start]
                 if t.pos_ in ("VERB", "AUX") and _remains_detained(t, t) == "remains-detained"]
    if not held:
        return False
    releases = [
        t.idx - sentence.start for t in a.doc[sentence.span.start : m.start] if is_release_token(t) and not is_negated(t)
    ]
    return max(held) > max(releases, default=-1)


def _bullet_cues(a: Analysis, m: Mention, out: list[Cue]) -> list[Cue]:
    """A name in a bulleted or numbered list takes the sense of the line that introduces it.

    Under "The freed prisoners are:" the name leading an item ("- Jane Roe, a teacher;") is one
    of the freed. Under a list of demands ("We call on the government to:") a release in an item
    ("- release Jane Roe and all others") is asked for, not done: the name is still held.
    """
    header = list_header(a, m.char_start)
    if header is None:
        return out
    kind = header_kind(a, header)
    if kind == "demanded":
        return [cue("release-demanded", c.sentence) if c.status == "released" else c for c in out]
    lead = list_item_lead(a.text, m.char_start)
    if kind == "released" and lead is not None:
        before = a.text[lead : m.char_start]
        if len(before.split()) <= 3 and not any(ch in before for ch in ",;:("):
            out.append(cue("listed-bullet", m.sentence))
    return out


_NP_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "PART", "PUNCT", "ADV"})


def _surface_list_cue(a: Analysis, m: Mention) -> list[Cue]:
    """Fallback when the parse is broken: a name coordinated after a list opener of a release
    sentence ("Also released were A, ..., as well as B") is a member of the freed group."""
    sentence = a.sents[m.sentence]
    before = a.text[sentence.start : m.char_start].lower()
    among = before.startswith(("among ", "amongst ")) and any(
        is_release_token(t) for t in a.doc[sentence.span.start : m.start]
    )  # "Among the Russians sent home was X"
    held_among = before.startswith(("among ", "amongst ")) and not among and any(
        t.lemma_.lower() in cues.DETENTION_WORDS or t.lower_ in cues.DETENTION_WORDS or t.lemma_.lower() == "remain"
        for t in a.doc[sentence.span.start : m.start]
    )  # "Among those still held are X and Y"
    if held_among:
        return [cue("listed-among-held", m.sentence)] if _list_member(a, m) else []
    if before.startswith(("among them ", "among these ", "amongst them ")) and not among:
        # "Dozens of the freed were students. Among them was X": the group of the sentence before
        return _previous_group_cue(a, m.sentence, "among-them") if _list_member(a, m) else []
    if not (has_phrase(before, cues.LIST_OPENERS) or among) or not _release_in(sentence.span):
        return []
    root = a.doc[m.start : m.end].root
    speaker = root.head if root.dep_ == "appos" else root  # "..., his lawyer, X, said"
    if (root.dep_ == "nsubj" or speaker.dep_ == "nsubj") and speaker.head.lemma_.lower() in cues.SPEECH_VERBS and (
        root.dep_ == "nsubj" or speaker != root
    ):
        return []  # "..., among them 17 citizens, President X announced": the speaker
    if has_phrase(a.lower(sentence), cues.PAST_ROUND_PHRASES) or any(
        is_negated(t) for t in sentence.span if is_release_token(t)
    ):
        return []
    return [cue("listed-surface", m.sentence)] if _list_member(a, m) else []


def _colon_list_cue(a: Analysis, m: Mention) -> list[Cue]:
    """A name in a run-in list after a colon: "Those released: A, B and C." or a header line
    "The list includes:" followed by a paragraph "A, B, C and D." The header decides: freed
    (a done release, or a list of names, in a release article) or still held."""
    sentence = a.sents[m.sentence]
    before = a.text[sentence.start : m.char_start]
    if ":" in before:
        header_end = sentence.start + before.rindex(":")
        header = [t for t in sentence.span if t.idx < header_end]
        lead = a.text[header_end + 1 : m.char_start]
    else:
        line_start = a.text.rfind("\n", 0, m.char_start) + 1
        if sentence.start > line_start:
            return []  # only the first sentence of the paragraph under the header
        above = a.text[:line_start].rstrip()
        if not above.endswith(":"):
            return []
        header_start = above.rfind("\n") + 1
        header = [t for t in a.doc if header_start <= t.idx < len(above)]
        lead = a.text[line_start : m.char_start]
    if not header or not (lead.strip() == "" or _list_member(a, m)):
        return []
    lower = " ".join(t.lower_ for t in header)
    if any(t.lemma_.lower() in ("call", "urge", "demand", "ask", "appeal") for t in header):
        return []
    if has_phrase(lower, cues.STILL_DETAINED_PHRASES) or has_phrase(lower, cues.PAST_ROUND_PHRASES):
        return []
    freed = any(is_release_token(t) and not is_negated(t) and not is_wished_release(t) for t in header)
    names = any(t.lemma_.lower() in cues.LIST_NOUNS for t in header) and a.reports_release
    return [cue("colon-list", m.sentence)] if freed or names else []


def _list_member(a: Analysis, m: Mention) -> bool:
    """Only separators and noun-phrase words stand between the name and the list before it."""
    doc = a.doc
    index = m.start - 1
    while index >= a.sents[m.sentence].span.start:
        token = doc[index]
        if token.lower_ in cues.LIST_SEPARATORS:
            return True
        if token.pos_ not in _NP_POS or (token.is_punct and token.text not in ("-", "'", "’")):
            return False
        index -= 1
    return False


def _phrase_cues(a: Analysis, m: Mention) -> list[Cue]:
    """Surface fallback: a still-detained phrase right after the name in its sentence."""
    sentence = a.sents[m.sentence]
    tail = a.text[m.char_end : sentence.end].lower()
    for match in find_phrases(tail, cues.STILL_DETAINED_PHRASES):
        before = tail[: match.start()]
        if match.start() >= 120 or any(c in before for c in (".", ";", " and ", " but ", " while ")):
            continue
        # the phrase must be the name's own predicate: no other verb in between ("X said N remain ...")
        stop = m.char_end + match.start()
        # skip a parenthetical: "X, detained in May, ..." (a comma followed by a space: not "1,500")
        if before.startswith(",") and ", " in before[1:]:
            start = m.char_end + 1 + before[1:].index(", ")
        else:
            start = m.char_end
        own = {t.i for t in a.doc[m.start : m.end].root.subtree}  # the name's appositive or relative clause
        between = [t for t in sentence.span if start <= t.idx < stop and t.i not in own]
        if any(_serves_office(t) for t in sentence.span if stop <= t.idx < m.char_end + match.end()):
            continue  # "is serving a second term as mayor"
        if not any(t.pos_ == "VERB" for t in between):
            return [cue("still-detained-phrase", m.sentence)]
    return []


def _release_before(a: Analysis, m: Mention) -> list[Cue]:
    """Surface fallback for "<release verb> <modifiers> NAME" when the parse attached the name
    elsewhere ("China has released writer X, ..., the minister said" parses X as the speaker)."""
    root = a.doc[m.start : m.end].root
    if root.dep_ == "poss" and root.head.lemma_.lower() not in cues.SENTENCE_NOUNS | cues.DETENTION_WORDS:
        return []  # "pardoned X's brother" frees the brother; "commuted X's sentence" frees X
    index = root.left_edge.i - 1
    while index >= 0 and a.doc[index].dep_ in ("det", "predet") and a.doc[index].i >= a.sents[m.sentence].span.start:
        index -= 1
    if index < a.sents[m.sentence].span.start:
        return []
    verb = a.doc[index]
    if verb.pos_ == "VERB" and is_release_token(verb) and not is_negated(verb) and not is_wished_release(verb):
        if not has_phrase(a.lower(a.sents[m.sentence]), cues.PAST_ROUND_PHRASES):
            return [cue("release-object-surface", m.sentence)]
    return []


def pronoun_release_cues(a: Analysis, mentions: list[Mention]) -> dict[int, Cue]:
    """ "After her release, X said ...": a his/her/their release goes to the sentence's subject name."""
    out: dict[int, Cue] = {}
    for sentence in a.sents:
        here = [m for m in mentions if m.sentence == sentence.index]
        for verb in done_releases(sentence.span):
            # "..., said X, the outlet's editor, after he was released from the colony"
            clause = " ".join(t.lower_ for t in verb.subtree)
            if verb.pos_ != "VERB" or has_phrase(clause, cues.EARLIER_RELEASE_PHRASES) or not _passive(verb, verb):
                continue
            if not any(c.dep_ == "nsubjpass" and c.lower_ in ("he", "she") for c in verb.children):
                continue
            if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ in ("after", "when", "once") for c in verb.children):
                continue
            names = [m for m in here if m.start < verb.i]
            if len(names) == 1:
                out[id(names[0])] = cue("after-he-was-freed", sentence.index)
        for token in sentence.span:
            if token.lemma_.lower() not in ("release", "freedom") or token.pos_ != "NOUN":
                continue
            if not any(c.dep_ == "poss" and c.lower_ in ("his", "her", "their") for c in token.children):
                continue
            if not (token.dep_ == "pobj" and token.head.lower_ in ("after", "following", "since", "upon", "on")):
                continue  # only "after her release, X ...": elsewhere the pronoun may be anyone
            noun_cue = _release_noun_cue(token, sentence.index)
            here = [m for m in mentions if m.sentence == sentence.index]
            subjects = [m for m in here if a.doc[m.start : m.end].root.dep_ in ("nsubj", "nsubjpass")]
            pick = (subjects or [m for m in here if m.start < token.i])[:1]
            if pick and any(c.dep_ == "poss" and c.lower_ == "their" for c in token.children):
                # "A and B give a salute after their release": every name coordinated with the subject
                conjuncts = {t.i for t in a.doc[pick[0].start : pick[0].end].root.conjuncts}
                pick += [m for m in here if m is not pick[0] and a.doc[m.start : m.end].root.i in conjuncts]
            for m in pick:
                out[id(m)] = noun_cue
    return out


def _held_clause_rule(verb: Token, pronoun: Token) -> str | None:
    """The still-held rule a clause with a pronoun subject fires ("he is serving 15 years"), if any."""
    for detect in SUBJECT_CHAIN:
        rule_id = detect(verb, pronoun)
        if rule_id is not None:
            return rule_id if rule(rule_id).status == "still_detained" else None
    return None


def pronoun_held_cues(a: Analysis, mentions: list[Mention]) -> dict[int, Cue]:
    """ "X is among them; he is serving 15 years", "X was arrested in May. She remains in prison": a
    he/she subject of a still-held clause is the one person named before it, in its own sentence
    (the nearest name before the pronoun, not the speaker of the clause) or, for a pronoun that
    opens its sentence, in the sentence before when that names one person only."""
    out: dict[int, Cue] = {}
    for sentence in a.sents:
        for pronoun in sentence.span:
            if pronoun.lower_ not in ("he", "she") or pronoun.dep_ not in ("nsubj", "nsubjpass"):
                continue
            verb = _verb_of(pronoun)
            if _held_clause_rule(verb, pronoun) is None:
                continue
            before = [m for m in mentions if m.sentence == sentence.index and m.end <= pronoun.i]
            if before:
                target = before[-1]
                node, _ = climb(a.doc[target.start : target.end].root)
                if node.dep_ == "nsubj" and node.head.lemma_.lower() in cues.SPEECH_VERBS and (
                    verb.i in {t.i for t in node.head.subtree}
                ):
                    continue  # "His wife, X, said he is still held": the speaker is not the one held
            elif sentence.index > 0 and not any(
                t.pos_ in ("VERB", "AUX", "NOUN", "PROPN") for t in sentence.span if t.i < pronoun.i
            ):
                previous = [m for m in mentions if m.sentence == sentence.index - 1]
                if len({m.text.split()[-1] for m in previous}) != 1:
                    continue
                target = previous[-1]
            else:
                continue
            out[id(target)] = cue("pronoun-held", sentence.index)
    return out
