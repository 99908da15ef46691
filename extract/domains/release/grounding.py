"""Grounding a ReleaseEvent: which of its values are aligned to the article, and which count.

What `ground` aligns, and what counts towards the grounding rate (``grounded / total``):

- ``people[i].name`` -- counted, once per person. A person is grounded when its name, one of its
  aliases, or (for a name of two words or more) its surname alone occurs as whole words; the span's
  ``query`` is the form that was found. Names use a stricter fuzzy threshold than quotes, and a
  surname is only matched exactly or tolerantly, never fuzzily.
- ``people[i].evidence`` and ``evidence.<field>`` -- counted when present: they claim to be verbatim.
- ``releasing_authority`` -- counted: the schema asks for it "as named in the article".
- ``releasing_country`` -- aligned (a span is recorded) but NOT counted: the schema asks for a country
  name, which an article may only give as an adjective or through its capital city.
- Paraphrased or normalised values (``quid_pro_quo``, list fields, roles, dates, counts) are not
  aligned; their evidence quotes are.

The rate is measured on the event as extracted, before the policy acts, so a run reports the same
rate under keep, flag and drop. Spans describe the event as returned: under ``drop`` the spans of
removed people are gone and the remaining ``people[i]`` paths are renumbered.
"""

from __future__ import annotations

from extract.grounding import NAME_THRESHOLD, Aligner, Alignment, Policy
from extract.records import Grounding, Span

from .schema import EventEvidence, Person, ReleaseEvent

__all__ = ["ground", "is_counted"]

_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


# ------------------------------------------------------------------ grounding an event


def _surname(name: str) -> str | None:
    words = [w for w in name.split() if w.lower() not in _NAME_SUFFIXES]
    if len(words) < 2:
        return None
    last = words[-1].strip(".,")
    return last if sum(c.isalpha() for c in last) >= 2 else None


def _locate_person(aligner: Aligner, person: Person) -> Alignment:
    """The first of: name, an alias, the surname (exactly or tolerantly); then name, aliases fuzzily."""
    forms = [person.name, *(a for a in person.aliases if a.strip())]
    surname = _surname(person.name)
    strict = [*forms, *([surname] if surname else [])]
    for form in strict:
        found = aligner.find(form, threshold=None, whole_words=True)
        if found.found:
            return found
    best = Alignment(person.name, "not_found")
    for form in forms:
        found = aligner.find(form, threshold=NAME_THRESHOLD, whole_words=True)
        if found.found:
            return found
        if found.score > best.score:
            best = Alignment(person.name, "not_found", score=found.score)
    return best


_COUNTED_SCALARS = ("releasing_authority",)
_UNCOUNTED_SCALARS = ("releasing_country",)


def is_counted(path: str) -> bool:
    """Whether the value at `path` counts towards the grounding rate (see the module docstring)."""
    return path not in _UNCOUNTED_SCALARS


def ground(event: ReleaseEvent, text: str, policy: Policy = "flag") -> tuple[ReleaseEvent, Grounding]:
    """Align the event's names, quotes and string scalars to `text`, and apply the ungrounded policy.

    keep: people are left as they are; flag: people whose name is not found are kept and listed in
    `ungrounded_people`; drop: they are removed from the returned event (and listed).
    """
    if policy not in ("keep", "flag", "drop"):
        raise ValueError(f"unknown ungrounded policy {policy!r} (use keep, flag or drop)")
    aligner = Aligner(text)
    grounded = total = 0
    person_spans: list[tuple[Person, Alignment, Alignment | None]] = []
    for person in event.people:
        name = _locate_person(aligner, person)
        evidence = aligner.find(person.evidence) if person.evidence and person.evidence.strip() else None
        person_spans.append((person, name, evidence))
        for found in (name, evidence):
            if found is not None:
                total += 1
                grounded += found.found

    spans: list[Span] = []
    kept: list[Person] = []
    ungrounded: list[str] = []
    for person, name, evidence in person_spans:
        if not name.found:
            ungrounded.append(person.name)
            if policy == "drop":
                continue
        index = len(kept)
        kept.append(person)
        spans.append(name.span(f"people[{index}].name"))
        if evidence is not None:
            spans.append(evidence.span(f"people[{index}].evidence"))

    for field in (*_COUNTED_SCALARS, *_UNCOUNTED_SCALARS):
        value = getattr(event, field)
        if isinstance(value, str) and value.strip():
            found = aligner.find(value)
            spans.append(found.span(field))
            if is_counted(field):
                total += 1
                grounded += found.found

    if event.evidence is not None:
        for field in EventEvidence.model_fields:
            quote = getattr(event.evidence, field)
            if quote and quote.strip():
                found = aligner.find(quote)
                spans.append(found.span(f"evidence.{field}"))
                total += 1
                grounded += found.found

    result = event.model_copy(update={"people": kept}) if policy == "drop" else event
    grounding = Grounding(
        spans=spans,
        grounded=grounded,
        total=total,
        rate=round(grounded / total, 4) if total else 1.0,
        ungrounded_people=[] if policy == "keep" else ungrounded,
        policy=policy,
    )
    return result, grounding
