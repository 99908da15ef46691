"""People for the hybrid strategy: merged mentions with role, nationality, status and evidence.

Status comes from the words that govern each mention (`hybrid_status`), as cues of the rules in
`status_rules.STATUS_RULES` (each rule's status and strength is there, with examples); how the
cues of all mentions combine into one status is stated in the `status_rules` docstring and done
by `decide`. The evidence is the sentence of the winning cue; the trail is its rule ids.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from .. import cues
from ..schema import Person, parse_count
from .hybrid_context import context_features
from .hybrid_held import held_cues
from .hybrid_names import Mention, best_form, cluster_mentions, find_mentions, is_title
from .hybrid_status import climb, comma_described, mention_cues, pronoun_held_cues, pronoun_release_cues
from .hybrid_text import Analysis, country_of, ent_span, is_negated, looks_like_release_form
from .hybrid_weights import StatusWeights, status_features
from .status_rules import PRECEDENCE, PSEUDO_STATUSES, Cue, cue

__all__ = ["PersonFinding", "decide", "find_people", "role_flags"]

Token = Any


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
    court_role: bool = False  # a judge, magistrate or prosecutor, or someone's counsel (`cues.COURT_OFFICER_NOUNS`)
    actor_sentences: list[int] = field(default_factory=list)
    principals: list[int] = field(default_factory=list)  # token ids of the person they serve
    status: str = "other"
    evidence_sentence: int | None = None
    status_rules: list[str] = field(default_factory=list)  # trail: ids of the rules behind `status` (status_rules)
    role_rules: list[str] = field(default_factory=list)  # ids of the rules behind `role` and its kind
    office_rules: list[str] = field(default_factory=list)  # ids behind an official role no role text shows
    nationality_rules: list[str] = field(default_factory=list)  # ids of the rules behind `nationality`
    evidence_rules: list[str] = field(default_factory=list)  # ids of the rules behind the evidence sentence
    weights: StatusWeights | None = None  # fitted status weights (`hybrid_weights`); None: strength and precedence
    features: dict[str, float] = field(default_factory=dict)  # what the fitted weights read (`status_features`)
    context: dict[str, float] = field(default_factory=dict)  # the mentions' lexical context (`hybrid_context`)
    fitted_status: str | None = None  # the status the fitted weights chose (None: no weights)
    fitted_reasons: list[str] = field(default_factory=list)  # its top features (`StatusWeights.reasons`)

    @property
    def name(self) -> str:
        return best_form(self.mentions)

    @property
    def name_rules(self) -> list[str]:
        """Ids of the name rules that shaped any of the person's mentions."""
        return list(dict.fromkeys(rule for m in self.mentions for rule in m.rules))

    @property
    def aliases(self) -> list[str]:
        name = self.name
        seen: list[str] = []
        for m in sorted(self.mentions, key=lambda m: m.char_start):
            if m.text != name and m.text not in seen:
                seen.append(m.text)
        return seen

    def set_nationality(self, country: str | None, rule: str) -> None:
        """Takes `country` (found by the rule `rule`) unless a nationality is already set."""
        if country and self.nationality is None:
            self.nationality, self.nationality_rules = country, [rule]

    def trail(self, prefix: str) -> dict[str, list[str]]:
        """The rule ids behind each value of this person, by path (`prefix` is "people[i]")."""
        name = self.name
        first = next(m for m in sorted(self.mentions, key=lambda m: m.char_start) if m.text == name)
        no_cue = self.status_rules[:1] == ["no-cue"]
        # the fitted weights' id and the features that weighed most, unless an event-level pass
        # changed the status afterwards
        fitted = [] if self.weights is None or self.fitted_status != self.status else [
            self.weights.rule_id, *(f"feature:{reason}" for reason in self.fitted_reasons)]
        out = {f"{prefix}.name": list(first.rules), f"{prefix}.status": fitted + list(self.status_rules)}
        for index, alias in enumerate(self.aliases):
            m = next(m for m in self.mentions if m.text == alias)
            out[f"{prefix}.aliases[{index}]"] = [m.merged_by, *m.rules]
        if self.role is not None:
            out[f"{prefix}.role"] = list(self.role_rules)
        if self.nationality is not None:
            out[f"{prefix}.nationality"] = list(self.nationality_rules)
        if self.evidence_sentence is not None:
            out[f"{prefix}.evidence"] = ["evidence.first-mention"] if no_cue else list(self.evidence_rules)
        return out

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


# ---------------------------------------------------------------- roles

# A post in a body of the state ("head of the legal department of the presidential
# administration") makes an official, like an official title (`cues.POST_NOUNS`, `cues.OFFICIAL_BODY_NOUNS`).
POST_RULE = "role.post-in-official-body"
# A post in a body that is no state (`cues.NON_STATE_BODY_WORDS`): not an official role.
NON_STATE_RULE = "role.post-in-non-state-body"
# Released cues read from a list around the name, not from a verb about the person: an official
# (a current office of a state) is never freed by them alone (rule office-holder-in-list).
LIST_ONLY_RULES = frozenset({"listed-in-release", "listed-surface"})
# A post serving a person who holds no office (`_private_principals`): not an official role.
PRIVATE_PRINCIPAL_RULE = "role.serves-a-private-person"
# An office told by a relative clause ("X, who speaks for the foreign ministry"; `_clause_role`) or a
# judge's title right before the name ("Justice X"): ids that join the status trail of an official.
CLAUSE_RULE = "role.relative-clause"
JUDGE_TITLE_RULE = "role.judge-title"


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
        clause_verb = token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod", "compound")
        if (clause_verb or outside_pp) and not looks_like_release_form(token):
            left = left[index + 1 :]
            break
    while left and (left[0].dep_ in ("det", "predet") or left[0].lower_ in ("also", "and")):
        left = left[1:]
    return left, possessor


def _appositive(doc: Any, m: Mention) -> list[Token]:
    """The appositive after the name ("X, a journalist, ..."), or the noun the name is in apposition to."""
    root = m.tokens(doc).root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= m.end and child.pos_ in ("NOUN", "ADJ", "PROPN", "NUM") and (
            child.ent_type_ != "PERSON"  # another person in apposition is not a description
        ) and not any(t.dep_ == "relcl" and m.end <= t.i < child.left_edge.i for t in doc[m.end : child.i]) and not (child.like_num and child.n_lefts + child.n_rights == 0):  # "A, 56, a teacher": skip the age
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
                # "Ukraine's human rights commissioner": the possessor of the appositive's own noun;
                # not one further in ("spokesman for Iran's foreign ministry" keeps "spokesman")
                if words[index].tag_ == "POS" and words[index].head.head.i == child.i:
                    owner = words[index].head
                    words = words[index + 1 :]
                    if owner.ent_type_ in ("GPE", "NORP") and words:
                        words = [owner, *words]  # keeps the country for the nationality
                    break
            while words and (words[0].dep_ in ("det", "predet") or words[0].is_punct):
                words = words[1:]
            return words
    # "the envoy, X" and, with the title parsed as a proper noun, "Italy's Prime Minister, X",
    # "The Director of Public Prosecutions, X"; "the Swiss ambassador in Tehran, X": the parser
    # hangs the name on the place, the description is the noun the place belongs to; the same
    # apposition misparsed as an adverbial ("on the orders of the head of state, X": `comma_described`)
    head = root.head
    misparsed = comma_described(root)
    if misparsed is not None:
        head = misparsed
    if root.dep_ == "appos" and head.dep_ == "pobj" and head.ent_type_ in ("GPE", "LOC") and head.head.lower_ in (
        "in", "at", "to"
    ) and head.head.head.pos_ == "NOUN":
        head = head.head.head
    offices = [t for t in (head, *head.children) if t.dep_ != "prep" or t.i > head.i
               for t in ([t] if t == head else t.subtree) if t.i < m.start]
    described = head.pos_ == "NOUN" or (head.pos_ == "PROPN" and head.ent_type_ != "PERSON"
                                         and is_state_office(_role_words(offices)))
    if (root.dep_ == "appos" or misparsed is not None) and head.i < m.start and described and (
        head.lemma_.lower() not in cues.DETENTION_WORDS | cues.RELEASE_NOUNS | cues.NAME_NOUNS
    ):
        # the noun and what it owns up to the name: "the head of the ICRC delegation in Mali, X"
        after = [t for c in head.children if c.dep_ == "prep" and c.i > head.i and c.right_edge.i < m.start
                 for t in c.subtree]
        words = [t for t in doc[head.left_edge.i : head.i + 1] if not t.is_space] + after
        for index in range(len(words) - 1, -1, -1):
            if words[index].tag_ == "POS" or words[index].dep_ == "poss":
                owner = words[index].head if words[index].tag_ == "POS" else words[index]
                words = words[index + 1 :]
                if owner.ent_type_ in ("GPE", "NORP") and country_of(owner.text) and words:
                    words = [owner, *words]  # "Germany's foreign minister, X": keeps the country
                break
        while words and words[0].dep_ in ("det", "predet"):
            words = words[1:]
        return words
    return []


def is_state_office(words: set[str]) -> bool:
    """Role words (`_role_words`) that name an office of a state: a title (`cues.OFFICIAL_ROLES`,
    `cues.NEGOTIATOR_ROLES`) or a post in a body of the state (`cues.POST_NOUNS` with
    `cues.OFFICIAL_BODY_NOUNS`)."""
    return bool(words & (cues.OFFICIAL_ROLES | cues.NEGOTIATOR_ROLES)
                or (words & cues.POST_NOUNS and words & cues.OFFICIAL_BODY_NOUNS))


def _own_words(token: Token) -> list[Token]:
    """A noun and the words that say what it is: its modifiers and "of"/"for" phrases, not a place
    ("a bakery near the prison") nor a clause ("one of the coalitions that boycotted parliament")."""
    out = [token]
    for child in token.children:
        if child.dep_ in ("relcl", "acl", "advcl", "ccomp", "appos", "punct", "cc", "conj"):
            continue
        if child.dep_ == "prep" and child.lower_ not in ("of", "for"):
            continue
        out += _own_words(child)
    return out


def _clause_role(doc: Any, m: Mention) -> tuple[list[Token], set[str]]:
    """What a relative clause on the name says the person is ("X, who speaks for the foreign
    ministry", "who heads the army", "who serves as interior minister", "who has ruled the country
    since 1994"): the words the verb governs and the post the verb names (`cues.CLAUSE_POST_VERBS`)."""
    root = m.tokens(doc).root
    clauses = [c for c in root.children if c.dep_ == "relcl" and c.i > root.i]
    if root.dep_ == "appos" and root.head.i < root.i:
        clauses += [c for c in root.head.children if c.dep_ == "relcl" and c.i > root.i]
    for clause in clauses:
        lemma = clause.lemma_.lower()
        if is_negated(clause) or lemma not in cues.CLAUSE_POST_VERBS:
            continue
        post, preps = cues.CLAUSE_POST_VERBS[lemma]
        objects = [c for c in clause.children if c.dep_ in ("dobj", "attr")]
        objects += [g for c in clause.children if c.dep_ == "prep" and c.lower_ in preps for g in c.children]
        governed = sorted((t for o in objects for t in _own_words(o)), key=lambda t: t.i)
        past = clause.tag_ == "VBD" or any(c.dep_ == "aux" and c.lower_ == "had" for c in clause.children)
        if past or not governed:
            continue  # "who ruled until 2003", "who had served as minister": a former post
        if post == "ruler" and not any(t.ent_type_ in ("GPE", "NORP") or country_of(t.text) for t in governed):
            continue  # "who has ruled the party": only a country makes a ruler
        body = any(t.ent_type_ == "ORG" or t.lemma_.lower() in cues.OFFICIAL_BODY_NOUNS | cues.NON_STATE_BODY_WORDS
                   for t in governed)
        if post and post != "ruler" and not body:
            continue  # "who speaks for the victims", "who runs a bakery": no body, no post
        if governed:
            return governed, {post} if post else set()
    return [], set()


def _phrase(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    return str(tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text)


def _role_words(tokens: list[Token]) -> set[str]:
    lemmas = [t.lemma_.lower() for t in tokens]
    words = set(lemmas) | {t.lower_ for t in tokens}
    words |= {f"{a} {b}" for a, b in itertools.pairwise(lemmas)}
    words |= {f"{a} {b} {c}" for a, b, c in zip(lemmas, lemmas[1:], lemmas[2:], strict=False)}
    return words


def _held_noun(part: list[Token]) -> bool:
    """The head noun of a description is a held person's ("political prisoner", "a hostage", "one of
    the detainees"), with no word that ends or dates the custody ("freed hostage", "former inmate")."""
    if not part or any(looks_like_release_form(t) or t.lower_ in cues.PAST_ROLE_WORDS for t in part):
        return False
    inside = {t.i for t in part}
    heads = [t for t in part if t.head.i not in inside or t.head == t]
    heads += [t for t in part if t.dep_ == "conj" and t.head in heads]  # "an activist and political prisoner"
    for head in heads:
        if head.lemma_.lower() in cues.HELD_PERSON_NOUNS:
            return True
        if head.lower_ == "one" and any(
            g.dep_ == "pobj" and g.lemma_.lower() in cues.HELD_PERSON_NOUNS
            for p in head.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
        ):
            return True
    return False


def _apply_roles(a: Analysis, person: PersonFinding) -> None:
    doc = a.doc
    role_texts: list[tuple[str, str]] = []
    for m in person.mentions:
        left, possessor = _np_left(doc, m)
        appos = _appositive(doc, m)
        if possessor is not None:
            person.principals.append(possessor.i)
            owner_country = country_of(possessor.text) if possessor.ent_type_ in ("GPE", "NORP") else None
            person.set_nationality(owner_country, "nationality.possessor-country")  # "Canada's foreign minister X"
        for t in appos:
            if t.ent_type_ == "PERSON" and t.dep_ != "compound":
                person.principals.append(t.i)
        if any(looks_like_release_form(t) for t in left):
            # "released prisoner X", "with Moscow freeing reporter X": X is the one freed
            person.cues.append(cue("released-modifier", m.sentence))
            cut = max(i for i, t in enumerate(left) if looks_like_release_form(t))
            if left[cut].lower_.endswith("ing"):
                left = left[cut + 1 :]
            else:
                left = left[cut:]
        if any(t.lower_ in cues.DETAINED_MODIFIERS for t in (*left, *appos[:3])):
            person.cues.append(cue("jailed-modifier", m.sentence))  # "jailed tycoon X"
        elif _held_noun(left) or _held_noun(appos):
            person.cues.append(cue("held-noun", m.sentence))  # "political prisoner X", "X, a hostage"
        title = [t for t in doc[m.start - 1 : m.start] if is_title(t)] if m.titled and not left else []
        chain = []  # "Austria's negotiator, the senior diplomat X": the description of a description
        node = m.tokens(doc).root
        for _ in range(2):
            if node.dep_ != "appos" or node.head.i >= node.i:
                break
            node = node.head
            chain.append(node)
        if any(t.lemma_.lower() in cues.NEGOTIATOR_ROLES for t in chain[1:]):
            person.negotiator_role = True
        clause, clause_post = _clause_role(doc, m)
        for part, gpe_ok, where in ((appos, True, "appositive"), (left, possessor is None, "left-noun-phrase"),
                                    (title, False, "title"), (clause, False, "relative-clause")):
            if not part:
                continue
            words = _role_words(part)
            if where == "relative-clause":
                words |= clause_post
            # "Justice X", "Magistrate Y": a judge's title right before the name
            judge = where != "appositive" and part[-1].i == m.start - 1 and part[-1].text[:1].isupper() and (
                part[-1].lower_ in cues.JUDGE_TITLES - {"judge"})
            if judge:
                words.add("judge")
            if words & cues.NEGOTIATOR_ROLES:
                person.negotiator_role = True
            post = bool(words & cues.POST_NOUNS and words & cues.OFFICIAL_BODY_NOUNS)
            # a member of a legislature speaks for no party to the release (`cues.LEGISLATOR_ROLES`)
            titled = words & cues.OFFICIAL_ROLES - cues.LEGISLATOR_ROLES
            # the spokesman or secretary of a party, a church or the Red Cross speaks for no state
            non_state = bool(words & cues.NON_STATE_BODY_WORDS) and not titled - cues.BODY_POSTS
            if non_state and (titled or post) and NON_STATE_RULE not in person.role_rules:
                person.role_rules.append(NON_STATE_RULE)
            if (titled or post) and not non_state and not words & {"opposition", "former", "ex", "exiled", "campaign"}:
                person.official_role = True
                for why, used in ((CLAUSE_RULE, where == "relative-clause"), (JUDGE_TITLE_RULE, judge)):
                    if used and why not in person.office_rules:
                        person.office_rules.append(why)
                if post and not words & cues.OFFICIAL_ROLES and POST_RULE not in person.role_rules:
                    person.role_rules.append(POST_RULE)
                if words & cues.HEAD_OF_STATE_TITLES:
                    person.head_of_state = True
            # "Father X", "Sister Y" right before the name with no possessor: a clerical title, not kin
            clerical = where != "appositive" and possessor is None and part[-1].i == m.start - 1 and (
                part[-1].text[:1].isupper() and part[-1].lower_ in cues.RELATIVE_NOUNS
                and not any(t.dep_ == "poss" or t.tag_ == "PRP$" for t in part))
            # "a mother of two": a description, not the relative of someone in the story
            of_number = any(t.lower_ in cues.RELATIVE_NOUNS and any(
                c.lower_ == "of" and any(g.like_num for g in c.children) for c in t.children) for t in part)
            counsel = "attorney general" not in words and any(
                t.lemma_.lower() in cues.COUNSEL_NOUNS and (possessor is not None or any(
                    c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "for") for c in t.children))
                for t in part)
            if words & cues.COURT_OFFICER_NOUNS or counsel:
                person.court_role = True
            if words & cues.RELATIVE_NOUNS and not words & cues.OFFICIAL_ROLES and not (clerical or of_number):
                person.relative_role = True
            person.set_nationality(_nationality(part, gpe_ok=gpe_ok), f"nationality.{where}")
            role = _role_text(part) if where != "relative-clause" else None
            if role:
                role_texts.append((role, f"role.{where}"))
        if person.nationality is None:
            person.set_nationality(*_extra_nationality(doc, m))
    if role_texts:
        person.role, person.role_rules = role_texts[0][0], [role_texts[0][1], *person.role_rules]


def _extra_nationality(doc: Any, m: Mention) -> tuple[str | None, str]:
    """Nationality stated around the name rather than in its own noun phrase:

    - a relative clause: "X, who holds Irish citizenship", "who has both Chilean and Peruvian
      passports";
    - the noun the name is in apposition to when the name also has its own appositive:
      "the Franco-Chilean writer X, a poet ...";
    - a group that lists the name: "several Ruritanian detainees, including X", "three Freedonians,
      A and B" (the group's demonym applies to each member).

    Returns the nationality (or None) and the id of the rule that found it.
    """
    root = m.tokens(doc).root
    # "A, 56, a Franco-Ruritanian national": the parser hangs the description off the age
    for age in (c for c in root.children if c.like_num and c.i > root.i):
        for appos in (c for c in age.children if c.dep_ == "appos" and c.i > age.i):
            found = _nationality([t for t in appos.subtree if t.i <= appos.i], gpe_ok=True)
            if found:
                return found, "nationality.after-age"
    described = [root, *(c for c in root.children if c.dep_ == "appos" and c.i > root.i)]
    for clause in (c for d in described for c in d.children if c.dep_ == "relcl"):
        if clause.lemma_.lower() in ("hold", "have", "carry", "acquire", "retain"):
            for obj in (c for c in clause.children if c.dep_ == "dobj" and c.lemma_.lower() in cues.CITIZENSHIP_NOUNS):
                found = _nationality([t for t in obj.subtree if t.i < obj.i], gpe_ok=True)
                if found:
                    return found, "nationality.holds-citizenship"
    node = root
    while node.dep_ == "conj" and node.head != node:
        node = node.head
    head = None
    if node.dep_ == "appos" and node.head.i < m.start and node.head.pos_ in ("NOUN", "PROPN"):
        head = node.head
    elif node.dep_ == "pobj" and node.head.lower_ in cues.LIST_PREPOSITIONS and node.head.head.pos_ in ("NOUN", "PROPN"):
        head = node.head.head  # "several Ruritanian detainees, including X"
    elif node.dep_ == "dobj" and node.head.lower_ in cues.LIST_PREPOSITIONS:
        subject = [c for c in node.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        head = subject[0] if subject else None
    rule = "nationality.described-group"
    if head is None or (node != root and head.tag_ not in ("NNS", "NNPS")):
        return None, rule  # a coordinated name shares only a plural group's demonym, not a singular's
    if head.tag_ not in ("NNS", "NNPS") and any(t.ent_type_ == "PERSON" for t in doc[head.i + 1 : m.start]):
        return None, rule  # "the Ruritanian reporter A, ...; B, ...": the noun describes A only
    if head.ent_type_ == "NORP" and head.tag_ in ("NNPS", "NNS"):
        return country_of(head.text), rule  # "two Freedonians, A and B"
    modifiers = [t for t in doc[head.left_edge.i : head.i + 1] if t.dep_ in ("amod", "compound", "punct") or t.i == head.i]
    return (_nationality(modifiers, gpe_ok=False) if modifiers else None), rule


def _nationality(tokens: list[Token], *, gpe_ok: bool) -> str | None:
    """Countries of the demonyms (and a leading country name) that modify a person's role:
    "Dutch citizen" -> Netherlands, "a U.S. citizen" -> United States, "Franco-Iranian" -> both,
    "White House envoy" -> United States."""
    found: list[str] = []
    words = " ".join(t.lower_ for t in tokens)
    for seat, seat_country in cues.GOVERNMENT_SEATS.items():
        if seat in words:
            return seat_country
    for index, token in enumerate(tokens):
        doc = token.doc
        if token.i >= 2 and doc[token.i - 1].text in ("-", "–") and doc[token.i - 2].lower_ in ("pro", "anti"):
            continue  # "the pro-Russian politician": a leaning, not a nationality
        citizen = token.head.lemma_.lower() in cues.CITIZEN_NOUNS  # "a U.S. citizen"
        hyphened = bool(found) and index > 0 and tokens[index - 1].text in ("-", "–") and country_of(token.text)
        # the small NER model misses some demonyms ("a Lao-Danish national"): a modifier that
        # is a country's demonym counts too
        untagged = (not token.ent_type_ or (token.ent_type_ == "PERSON" and token.pos_ == "ADJ")) and token.dep_ in (
            "amod", "compound"
        ) and country_of(token.text) is not None  # "Lithuanian citizen X" read into the PERSON span
        if (
            token.ent_type_ == "NORP"
            or (token.ent_type_ == "GPE" and (citizen or (gpe_ok and token.i == tokens[0].i)))
            or hyphened
            or untagged
        ):
            ent = ent_span(token)
            ent_text = ent.text if ent is not None else token.text
            country = country_of(ent_text)
            parts = [country] if country else [country_of(p) for p in ent_text.replace("–", "-").split("-")]
            for part in parts:
                if part and part not in found:
                    found.append(part)
        elif found and not (token.text in ("-", "–") or token.ent_type_ in ("NORP", "GPE")):
            break
    return ", ".join(found) or None


def _role_text(tokens: list[Token]) -> str | None:
    words = [
        t for t in tokens
        if not ((t.ent_type_ in ("NORP", "GPE") or t.pos_ == "ADJ") and country_of(t.text))
    ]
    while words and (words[0].is_punct or words[0].dep_ in ("det", "predet") or words[0].pos_ == "PRON"):
        words = words[1:]
    if not words or not any(t.pos_ == "NOUN" or t.lower_.rstrip(".") in cues.TITLES for t in words):
        return None
    if all(t.lemma_.lower() in cues.CITIZEN_NOUNS or t.is_punct or t.dep_ == "det" for t in words):
        return None  # "German citizen X": a nationality, not a role
    if len(words) > 12:
        words = words[:12]
    text = _phrase(words)
    if text[:1].isupper() and words[0].pos_ != "PROPN":
        text = text[0].lower() + text[1:]
    return text.strip(" ,") or None

def role_flags(person: PersonFinding) -> dict[str, bool]:
    """What the role words said about the person: features of the fitted status decision."""
    return {"official-role": person.official_role, "head-of-state": person.head_of_state,
            "negotiator-role": person.negotiator_role, "relative-role": person.relative_role}


def _weigh(person: PersonFinding, resolved: list[Cue], first: int, best: Cue) -> Cue:
    """The hook of the fitted status decision in `decide`: records the person's features and the
    evidence rule; with fitted weights on the person, the cue of the status they score highest
    (its strongest cue; none: the first mention) replaces `best`, the hand decision's cue."""
    person.features = status_features(person.cues, resolved, role_flags(person), person.context)
    if person.weights is not None:
        status = person.weights.choose(person.features)
        person.fitted_status, person.fitted_reasons = status, person.weights.reasons(person.features, status)
        backing = [c for c in resolved if c.status == status]
        best = max(backing, key=lambda c: (c.strength, -c.sentence)) if backing else Cue(status, 0, first, "no-cue")
    person.evidence_rules = [f"evidence.{best.why}" if best.why != "no-cue" else "evidence.first-mention"]
    return best


# ---------------------------------------------------------------- decision


def decide(person: PersonFinding) -> None:
    """The person's status, evidence sentence and trail: steps 2 and 3 of the combination in
    `status_rules` (pseudo-statuses resolved by role, role cues added, the strongest cue wins)."""
    resolved: list[Cue] = []
    resolutions: dict[int, str] = {}  # id(resolved cue) -> id of the rule that resolved it

    def resolve(found: Cue, rule_id: str) -> None:
        made = cue(rule_id, found.sentence, strength=found.strength)
        resolved.append(Cue(made.status, made.strength, made.sentence, found.why))
        resolutions[id(resolved[-1])] = rule_id

    # an office-holder is named in a list of the freed only by a misread list: the list cue goes
    dropped = [c for c in person.cues if c.why in LIST_ONLY_RULES] if person.official_role else []
    for found in person.cues:
        if found in dropped:
            continue
        if found.status not in PSEUDO_STATUSES:
            resolved.append(found)
        elif person.official_role:
            resolve(found, "official-role")
        elif found.status == "speech":
            resolve(found, "not-an-official")
        elif found.status == "talks":
            resolve(found, "party-to-talks")
        # the act of someone with no official role says nothing about their status
    first = min(m.sentence for m in person.mentions)
    if person.negotiator_role:
        resolved.append(cue("envoy-role", first))
    if person.relative_role and not person.official_role:  # "President X, ... his family said": an official
        resolved.append(cue("relative", first))
    if person.official_role:
        resolved.append(cue("title-only", first))
    if not resolved:
        resolved.append(cue("no-cue", first))
    best = max(resolved, key=lambda c: (c.strength, PRECEDENCE.get(c.status, 0), -c.sentence))
    best = _weigh(person, resolved, first, best)  # fitted weights, when set, choose instead (`hybrid_weights`)
    person.status, person.evidence_sentence = best.status, best.sentence
    agreeing = [c for c in sorted(resolved, key=lambda c: -c.strength) if c.status == best.status]
    ids = [c.why for c in agreeing] + [resolutions[id(c)] for c in agreeing if id(c) in resolutions]
    if "official-role" in ids:
        ids += person.office_rules
    person.status_rules = list(dict.fromkeys(ids))
    if dropped:
        person.status_rules.append("office-holder-in-list")


ALIAS_RULE = "name.alias-merged"


def _join(clusters: list[list[Mention]], target: dict[int, int], merged_by: str) -> list[list[Mention]]:
    """Clusters moved into the cluster they name (`target`: source index -> index of the owner),
    following chains of names; a cycle stops after one round. Moved mentions record `merged_by`."""
    if not target:
        return clusters
    merged = [list(c) for c in clusters]
    for source, into in target.items():
        for _ in range(len(target)):
            if into not in target or target[into] == source or into == target[into]:
                break
            into = target[into]
        if into != source:
            for m in merged[source]:
                m.merged_by = merged_by
            merged[into].extend(merged[source])
            merged[source] = []
    return [c for c in merged if c]


def _merge_known_as(a: Analysis, clusters: list[list[Mention]]) -> list[list[Mention]]:
    """Another name given to a person is theirs: "X, who is known locally as Y", "X, also
    known as Y", "X (also spelled Y)". The other name joins X's cluster."""
    doc = a.doc
    owner = {doc[m.start : m.end].root.i: index for index, cluster in enumerate(clusters) for m in cluster}
    target: dict[int, int] = {}
    for index, cluster in enumerate(clusters):
        for m in cluster:
            before = [t for t in doc[max(m.start - 9, 0) : m.start] if not t.is_punct]
            # "also known as the Spanish journalist Y": a description between "as" and the name
            described = 0
            while before and described < 4 and before[-1].lower_ != "as" and before[-1].pos_ in ("DET", "ADJ", "NOUN") and (
                before[-1].pos_ != "NOUN" or before[-1].lemma_.lower() in cues.PERSON_ROLE_NOUNS
            ):
                before.pop()
                described += 1
            before = before[-5:]
            words = [t.lower_ for t in before]
            if not words or words[-1] != "as" or not {"known", "spelled", "called", "named"} & set(words):
                continue
            node = next(t for t in reversed(before) if t.lower_ in ("known", "spelled", "called", "named"))
            if node.dep_ not in ("relcl", "acl", "appos"):
                continue  # "X is known as Y" in a main clause names no one's alias here
            for _ in range(6):  # up the noun phrase the clause describes, never into the main clause
                node = node.head
                if node.i in owner:
                    if owner[node.i] != index:
                        target[index] = owner[node.i]
                        m.rules = (*m.rules, ALIAS_RULE)
                    break
                if node.pos_ in ("VERB", "AUX") or node.head == node:
                    break
    return _join(clusters, target, "alias.known-as")


def _merge_aliases(a: Analysis, clusters: list[list[Mention]]) -> list[list[Mention]]:
    """A name given as another's alias is theirs (rule name.alias-merged): "X, alias Y",
    "X (a.k.a. the journalist Y)", "X, nicknamed Y", "X, ... whose real name is Y". The alias
    joins the cluster of the nearest name before it (at most 14 tokens back), with only punctuation
    between that name and the alias word; "whose real name is" reaches back over a description."""
    doc = a.doc
    owner = {id(m): index for index, cluster in enumerate(clusters) for m in cluster}
    mentions = sorted((m for cluster in clusters for m in cluster), key=lambda m: m.start)
    target: dict[int, int] = {}
    for position, m in enumerate(mentions):
        earlier = [p for p in mentions[:position] if owner[id(p)] != owner[id(m)]]
        if not earlier:
            continue
        previous = earlier[-1]
        between = doc[previous.end : m.start]
        if len(between) > 14 or "\n" in between.text:
            continue  # (not the sentence: the splitter may cut after "a.k.a.")
        words = [t.lower_ for t in between if not t.is_punct or t.lower_ in cues.ALIAS_WORDS]
        text = " ".join(words)
        alias = bool(words) and words[0] in cues.ALIAS_WORDS and len(words) <= 4 and all(
            not t.is_punct or t.text in ",(" for t in doc[previous.end : next(
                t.i for t in between if t.lower_ in cues.ALIAS_WORDS)]
        )
        real = text.endswith(cues.REAL_NAME_PHRASES)
        if alias or real:
            target.setdefault(owner[id(m)], owner[id(previous)])
            # "X, whose real name is Y": every mention of X is the alias; "X, alias Y": Y is
            for other_name in clusters[owner[id(previous)]] if real and not alias else [m]:
                other_name.rules = (*other_name.rules, ALIAS_RULE)
    return _join(clusters, target, "alias.alias-word")


def _name_owner(doc: Any, noun: Token, mentions: list[Mention], owner: dict[int, int], m: Mention) -> int | None:
    """The cluster whose name `noun` ("name") is: its possessor's ("X's real name"), or for "his",
    "her" the nearest earlier name of another person in the same or the previous sentence."""
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is None:
        return None
    if poss.pos_ == "PROPN":
        for other in mentions:
            if other.start <= poss.i < other.end and owner[id(other)] != owner[id(m)]:
                return owner[id(other)]
        return None
    if poss.lower_ not in ("his", "her"):
        return None
    earlier = [p for p in mentions if p.end <= noun.i and owner[id(p)] != owner[id(m)] and m.sentence - p.sentence <= 1]
    return owner[id(earlier[-1])] if earlier else None


def _merge_name_statements(a: Analysis, clusters: list[list[Mention]]) -> list[list[Mention]]:
    """A name the article says is another's name joins that person (rule name.name-statement):
    "X's real name is Y", "his Chinese name, Y", "her birth name: Y". A real, full, legal or birth
    name is the person's name (the other mentions are aliases); any other ("his Arabic name") is an
    alias."""
    doc = a.doc
    owner = {id(m): index for index, cluster in enumerate(clusters) for m in cluster}
    mentions = sorted((m for cluster in clusters for m in cluster), key=lambda m: m.start)
    target: dict[int, int] = {}
    for m in mentions:
        index = m.start - 1
        if index >= 0 and doc[index].lemma_ in ("be", ",", ":"):
            index -= 1
        if index < 0 or doc[index].lemma_.lower() not in cues.NAME_NOUNS or doc[index].pos_ != "NOUN":
            continue
        if any(other.start < m.start for other in clusters[owner[id(m)]]):
            continue  # a person named before: another spelling of them, not someone else's name
        noun = doc[index]
        into = _name_owner(doc, noun, mentions, owner, m)
        if into is None or owner[id(m)] in target:
            continue
        target[owner[id(m)]] = into
        real = any(c.dep_ == "amod" and c.lower_ in cues.REAL_NAME_WORDS for c in noun.children)
        for other_name in clusters[into] if real else [m]:
            other_name.rules = (*other_name.rules, ALIAS_RULE, "name.name-statement")
    return _join(clusters, target, "alias.name-statement")


def find_people(a: Analysis, weights: StatusWeights | None = None) -> list[PersonFinding]:
    """Every named person in the article, merged, with role, nationality, status and evidence.

    `weights`: decide each status with these fitted weights instead of strength and precedence."""
    mentions = find_mentions(a)
    pronoun = pronoun_release_cues(a, mentions)
    pronoun_held = pronoun_held_cues(a, mentions)
    people: list[PersonFinding] = []
    release_sentences: dict[int, bool] = {}
    for cluster in _merge_name_statements(a, _merge_aliases(a, _merge_known_as(a, cluster_mentions(mentions)))):
        person = PersonFinding(sorted(cluster, key=lambda m: m.start), weights=weights)
        person.context = context_features(a, person.mentions, release_sentences)
        _apply_roles(a, person)
        for m in person.mentions:
            found = mention_cues(a, m) + held_cues(a, m)
            person.cues.extend(found)
            if any(c.why in ("release-actor", "release-agent", "granted-house-arrest") for c in found):
                person.actor_sentences.append(m.sentence)
            if id(m) in pronoun:
                person.cues.append(pronoun[id(m)])
            if id(m) in pronoun_held:
                person.cues.append(pronoun_held[id(m)])
        people.append(person)
    _private_principals(a, people)
    _share_coordinated(a, people)
    _share_name_pair(a, people)
    for person in people:
        decide(person)
    _inherit_nationality(a, people)
    _group_nationality(a, people)
    _member_nationality(a, people)
    people.sort(key=lambda p: p.mentions[0].start)
    return people


def _owners(doc: Any, m: Mention) -> list[int]:
    """Possessors inside the description of a name: "X's chief of staff, Y", "Y, spokesman for X's party"."""
    root = m.tokens(doc).root
    region: list[Token] = []
    if root.dep_ == "appos" and root.head.i < m.start:
        region += doc[root.head.left_edge.i : root.head.i + 1]
    region += [t for c in root.children if c.dep_ == "appos" and c.i > root.i for t in c.subtree]
    return [t.i for t in region if t.dep_ == "poss" and t.pos_ == "PROPN"]


def _private_principals(a: Analysis, people: list[PersonFinding]) -> None:
    """A post that serves a person holds office only if that person does: "X's chief of staff",
    "spokesman for X's party" with X an opposition leader or an activist is no official
    (role.serves-a-private-person); "Trump's envoy" serves a president and stays one."""
    at = {t: p for p in people for m in p.mentions for t in range(m.start, m.end)}
    for person in people:
        owners = [t for m in person.mentions for t in _owners(a.doc, m)]
        served = [at[t] for t in owners if t in at and at[t] is not person]
        if person.official_role and served and not any(p.official_role for p in served):
            person.official_role = False
            person.role_rules.append(PRIVATE_PRINCIPAL_RULE)


def _share_coordinated(a: Analysis, people: list[PersonFinding]) -> None:
    """Names coordinated with a name freed by a modifier share it: "freeing reporter A and B"."""
    owner = {m.start: p for p in people for m in p.mentions}
    roots = {a.doc[m.start : m.end].root.i: (p, m) for p in people for m in p.mentions}
    for person in people:
        for modifier in [c for c in person.cues if c.why == "released-modifier"]:
            for m in person.mentions:
                if m.sentence != modifier.sentence:
                    continue
                for other in a.doc[m.start : m.end].root.conjuncts:
                    found = roots.get(other.i)
                    if found is not None and found[0] is not person and found[0] is not owner.get(m.start, None):
                        found[0].cues.append(cue("coordinated", modifier.sentence))


# What may stand between two coordinated names: "A and B", "A, held for a year, and the accountant B"
_NAME_PAIR_GAP = re.compile(r"(,[^,.;:!?]*,)?\s*,?\s*and\s+(?:[a-z][\w-]*\s+){0,3}")


def _share_name_pair(a: Analysis, people: list[PersonFinding]) -> None:
    """ "A and B have been released" parsed with A as a modifier of B (or "A, held for a year, and
    B remain in custody" with B's predicate only): a name with no released or still-detained cue in
    its sentence, joined to the next name by "and", shares that name's status in the sentence
    (rule "coordinated-name")."""
    mentions = sorted(((m, p) for p in people for m in p.mentions), key=lambda pair: pair[0].start)
    for (m, person), (n, partner) in itertools.pairwise(mentions):
        if m.sentence != n.sentence or person is partner:
            continue
        if any(c.sentence == m.sentence and c.status in ("released", "still_detained") for c in person.cues):
            continue
        if not _NAME_PAIR_GAP.fullmatch(a.text[m.char_end : n.char_start]):
            continue
        shared = [c for c in partner.cues if c.sentence == n.sentence and c.status in ("released", "still_detained")]
        if shared:
            best = max(shared, key=lambda c: c.strength)
            person.cues.append(cue("coordinated-name", m.sentence, status=best.status))


def _counted_groups(a: Analysis, sentence: int) -> list[tuple[int, str]]:
    """(size, country) of the counted national groups of a sentence: "two Freedonians",
    "four Ruritanian hostages"."""
    out: list[tuple[int, str]] = []
    for token in a.sents[sentence].span:
        nums = [c for c in token.children if c.dep_ == "nummod"]
        if not nums or token.pos_ not in ("NOUN", "PROPN") or token.tag_ not in ("NNS", "NNPS"):
            continue
        try:
            size = parse_count((ent_span(nums[0]) or nums[0]).text)
        except ValueError:
            continue
        if not size:
            continue
        country = _plural_demonym(token)
        if country:
            out.append((size, country))
    return out


def _group_nationality(a: Analysis, people: list[PersonFinding]) -> None:
    """Freed people named right after a counted national group take its nationality when they
    are exactly that many: "X freed two Freedonians ... A and B were flown home", "four
    Ruritanian hostages ... The four, A, B, C and D, ...". Only an unambiguous size match counts."""
    doc = a.doc
    roots = {doc[m.start : m.end].root.i for p in people for m in p.mentions}
    for person in people:
        if person.nationality or person.status != "released":
            continue
        for m in person.mentions:
            root = doc[m.start : m.end].root
            node = root
            while node.dep_ == "conj" and node.head != node:
                node = node.head
            if node.dep_ == "appos" and node.head.like_num:
                size = parse_count(node.head.text) if node.head.text else None  # "The four, A, B, C and D"
            else:
                size = 1 + sum(1 for c in node.conjuncts if c.i in roots) if node.i in roots else None
            if not size or size < 2:
                continue
            groups = [g for s in range(max(0, m.sentence - 2), m.sentence + 1) for g in _counted_groups(a, s)]
            matching = {country for n, country in groups if n == size}
            if len(matching) == 1:
                person.set_nationality(matching.pop(), "nationality.counted-group")
                break


def _plural_demonym(token: Token) -> str | None:
    """The country of a plural national group noun: "the Lithuanians", "three Ruritanian citizens"."""
    if token.tag_ not in ("NNS", "NNPS"):
        return None
    if token.ent_type_ == "NORP":
        return country_of(token.text)
    if token.lemma_.lower() in cues.CITIZEN_NOUNS | cues.DETAINEE_NOUNS | cues.PERSON_ROLE_NOUNS:
        return _nationality([c for c in token.children if c.dep_ in ("amod", "compound")], gpe_ok=False)
    return None


def _member_nationality(a: Analysis, people: list[PersonFinding]) -> None:
    """Members of a named national group take its nationality: "The three Lithuanians - A, B and
    C - were handed over", "Among the Ruritanians were A and B"; and "All 18 are Ruritanian
    citizens" after the freed are named gives every freed person that nationality."""
    doc = a.doc
    for person in people:
        if person.nationality:
            continue
        for m in person.mentions:
            node = doc[m.start : m.end].root
            while node.dep_ == "conj" and node.head != node:
                node = node.head
            country = None
            if node.dep_ == "appos":
                country = _plural_demonym(node.head)
                if country is None and node.head.ent_type_ == "NORP" and node.head.i < node.i:
                    country = country_of(node.head.text)  # "The German, X, a paramedic"
            elif node.dep_ in ("nsubj", "attr") and node.head.lemma_ == "be":
                groups = [g for c in node.head.children if c.dep_ == "prep" and c.lower_ in ("among", "amongst")
                          for g in c.children if g.dep_ == "pobj"]
                country = _plural_demonym(groups[0]) if groups else None
            if country and "," not in country:
                person.set_nationality(country, "nationality.named-group")
                break
    for sentence in a.sents:
        lower = a.lower(sentence)
        if not lower.startswith(("all ", "both ", "all of them")):
            continue
        root = sentence.span.root
        if root.lemma_ != "be" or is_negated(root):
            continue
        attrs = [c for c in root.children if c.dep_ == "attr"]
        country = _plural_demonym(attrs[0]) if attrs else None
        if not country or "," in country:
            continue
        for person in people:
            if person.status == "released" and person.nationality is None and any(
                m.sentence < sentence.index for m in person.mentions
            ):
                person.set_nationality(country, "nationality.all-are")


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
                person.set_nationality(principal.nationality, "nationality.of-principal")
                break
        if person.nationality:
            continue
        for m in person.mentions:
            node, _ = climb(a.doc[m.start : m.end].root)
            if node.dep_ == "pobj" and node.head.dep_ == "agent" and node.head.head.dep_ in ("acl", "relcl"):
                group = node.head.head.head
                found = _nationality([c for c in group.children if c.i < group.i], gpe_ok=True)
                if found:
                    person.set_nationality(found, "nationality.of-delegation")
                    break
