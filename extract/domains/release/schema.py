"""The release domain's output shape: the only definition of a ReleaseEvent and a Person.

Field descriptions carry the labelling rules; they are part of what the model reads and what
`evals/GUIDELINES.md` refers to. `schemas/*.json` is generated from these classes
(`python -m extract.schema_export`), and a test keeps the two in sync.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from extract.records import AlignmentStatus, ErrorInfo, Grounding, Record, Span, Usage

PersonStatus = Literal["released", "still_detained", "negotiator", "official", "other"]
PERSON_STATUSES: tuple[str, ...] = ("released", "still_detained", "negotiator", "official", "other")

# Scalar (single-valued) fields of ReleaseEvent, in schema order.
SCALAR_FIELDS: tuple[str, ...] = (
    "releasing_country",
    "releasing_authority",
    "event_date",
    "released_count",
    "quid_pro_quo",
    "remaining_prisoners",
)
LIST_FIELDS: tuple[str, ...] = ("nationalities_released", "mediators", "charges")

_NUMBER = re.compile(r"\d[\d,.\s]*")
_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000}
# Words that make a quantity vague: "several hundred", "hundreds", "dozens", "a few thousand".
_VAGUE = frozenset({"several", "few", "many", "some", "hundreds", "thousands", "dozens", "millions", "tens"})
_WORD = re.compile(r"[a-z]+")


def _word_number(text: str) -> int | None:
    """The first English number written in words: "thirty", "twenty-five", "two dozen",
    "a hundred", "one hundred and twelve", "three thousand five hundred". None if there is none.

    Raises `_Vague` for a quantity with no figure ("several hundred", "hundreds", "dozens").
    """
    words = _WORD.findall(text.replace("-", " "))
    for index, word in enumerate(words):
        if word in _VAGUE and word not in ("some", "many"):
            following = words[index + 1] if index + 1 < len(words) else ""
            if (word.endswith("s") and word[:-1] in _SCALES) or following in _SCALES or following in _VAGUE:
                raise _Vague(text)
        if word not in _UNITS and word not in _TENS and not (
            word in _SCALES and (index == 0 or words[index - 1] in ("a", "an", "one"))
        ):
            continue
        total, current, seen = 0, 0, False
        for token in words[index:]:
            if token in _UNITS:
                current += _UNITS[token]
            elif token in _TENS:
                current += _TENS[token]
            elif token in _SCALES:
                scale = _SCALES[token]
                current = (current or 1) * scale
                if scale >= 1_000:
                    total, current = total + current, 0
            elif token == "and" and seen:
                continue
            else:
                break
            seen = True
        return total + current
    return None


class _Vague(ValueError):
    """A quantity with no figure in it ("several hundred")."""


def parse_count(value: Any) -> int | None:
    """Read a count as written, ignoring qualifiers: "more than 1,100" -> 1100, "nine" -> 9,
    "twenty-five" -> 25, "two dozen" -> 24, "a hundred" -> 100.

    Returns None for None, an empty string or a quantity with no figure ("several hundred",
    "hundreds", "dozens"); raises ValueError when no number is present ("many").
    """
    if value is None or isinstance(value, bool):
        return None if value is None else int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(f"count must be a whole number, got {value}")
        return int(value)
    text = str(value).strip().lower()
    if not text:
        return None
    match = _NUMBER.search(text)
    if match:
        digits = re.sub(r"[,\s]", "", match.group(0)).rstrip(".")
        if "." in digits:
            head, _, tail = digits.partition(".")
            # "1.100" as a thousands separator (European style), "1.5" is not a count
            if len(tail) == 3 and tail.isdigit():
                digits = head + tail
            else:
                raise ValueError(f"count must be a whole number, got {value!r}")
        number = int(digits)
        if re.search(rf"{re.escape(match.group(0).strip())}\s*(million)\b", text):
            number *= 1_000_000
        elif re.search(rf"{re.escape(match.group(0).strip())}\s*(thousand)\b", text):
            number *= 1_000
        return number
    try:
        spelled = _word_number(text)
    except _Vague:
        return None
    if spelled is not None:
        return spelled
    raise ValueError(f"no number in {value!r}")


# Caps on list lengths in answers: a longer list fails validation (so Instructor re-asks) instead of
# becoming a huge record of invented entries. Checked before the items are validated.
MAX_PEOPLE = 300
MAX_ALIASES = 20
MAX_LIST_ITEMS = 100


def cap_list(value: Any, limit: int, what: str) -> Any:
    """`value` unchanged, or ValueError if it is a list longer than `limit`."""
    if isinstance(value, (list, tuple)) and len(value) > limit:
        raise ValueError(f"at most {limit} {what} are allowed, got {len(value)}; list each real one once")
    return value


class _Strict(BaseModel):
    """Base for model-facing classes: unknown keys fail validation, so an off-schema answer
    is re-asked instead of silently validating as an empty record."""

    model_config = ConfigDict(extra="forbid")


class Person(_Strict):
    """A real, named person mentioned in the article."""

    name: str = Field(
        min_length=1,
        description=(
            "The person's name, in the fullest spelling the article uses (first and last name if "
            "given anywhere in the article, every part of a long or double-barrelled name). Without "
            "titles such as President, Mr or Dr. Only real, named individuals: never a group, an "
            "organisation or an unnamed person. One name alone ('Trump', a first name the article "
            "uses alone) and a name only in 'the X administration' are named persons."
        ),
    )
    aliases: list[str] = Field(
        default_factory=list,
        description=(
            "Other spellings or shorter forms of this same person's name used in the article "
            "(e.g. surname alone, a different transliteration). Empty if there are none."
        ),
    )
    status: PersonStatus = Field(
        description=(
            "released: freed in this event, by either side of an exchange, including freed to house "
            "arrest or a sentence commuted with release; never someone only named in a demand, a "
            "hypothesis, an instruction or a release announced for later. still_detained: named as "
            "still jailed or not freed. negotiator: envoy, mediator or official who brokered the "
            "release. official: acts, announces or comments for a party but did not broker it "
            "(leaders who act or speak). other: anyone else (relatives, activists, journalists, "
            "leaders merely mentioned, someone named only in 'the X administration', people freed "
            "in an earlier event)."
        ),
    )
    role: str | None = Field(
        default=None,
        description="The article's own short description of the person (e.g. 'opposition leader'), or null.",
    )
    nationality: str | None = Field(
        default=None,
        description=(
            "One country of citizenship, only if the article states or clearly implies it, else null "
            "(a dual national's other citizenships go into nationalities_released)."
        ),
    )
    evidence: str | None = Field(
        default=None,
        description="A short verbatim quote from the article that supports this person's status.",
    )

    @field_validator("aliases", mode="before")
    @classmethod
    def _cap_aliases(cls, value: Any) -> Any:
        return cap_list(value, MAX_ALIASES, "aliases")

    @field_validator("name")
    @classmethod
    def _strip_name(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("name must not be blank")
        return value


class Destination(_Strict):
    """Where released people were taken, and how many, as the article states."""

    country: str = Field(min_length=1, description="Country the released people were taken to.")
    count: int | None = Field(
        default=None,
        description="How many went there, as written, ignoring qualifiers ('at least nine' -> 9); null if not stated.",
    )

    @field_validator("count", mode="before")
    @classmethod
    def _count(cls, value: Any) -> int | None:
        return parse_count(value)


class EventEvidence(_Strict):
    """A verbatim quote from the article supporting each scalar field (null where the field is null)."""

    releasing_country: str | None = None
    releasing_authority: str | None = None
    event_date: str | None = None
    released_count: str | None = None
    quid_pro_quo: str | None = None
    remaining_prisoners: str | None = None


class ReleaseEvent(_Strict):
    """One prisoner-release event as a single article reports it.

    Label only what the article states or what follows directly from it; unknown is null or [].
    An article in which nobody is freed has every scalar null and every list empty; its people are
    still listed with their status (still_detained where held).
    """

    releasing_country: str | None = Field(
        default=None,
        description=(
            "The country whose authorities freed the prisoners, as a country name. In an exchange, the "
            "state whose release the headline figure counts. Never a country only because the freed "
            "were taken there, are its citizens, or its government announced it. Null when nobody is "
            "freed or announced to be freed."
        ),
    )
    releasing_authority: str | None = Field(
        default=None,
        description=(
            "The named person who ordered or granted the release (a president, a monarch, a judge), "
            "as in people[].name. Null when the article names no such person: a body or a generic "
            "phrase ('the authorities', 'the government', 'the military', 'the interior ministry') "
            "is never the authority."
        ),
    )
    event_date: date | None = Field(
        default=None,
        description=(
            "Date of the release as YYYY-MM-DD, only if the article states it or it follows from the "
            "article's own dateline: a weekday counts back from the dateline's date, 'today' is that "
            "date, 'yesterday' the day before. Null without a dateline or stated date, for a release "
            "told with no day, and for a release only announced for later."
        ),
    )
    released_count: int | None = Field(
        default=None,
        description=(
            "Total number of people freed in this event, as written, ignoring qualifiers ('more than "
            "120' -> 120). In an exchange, the article's headline figure, not a sum of both sides; for "
            "a release announced for later, the announced figure. Null (not 0) when nobody is freed."
        ),
    )
    people: list[Person] = Field(
        default_factory=list, description="Every real, named person in the article, each once."
    )
    destinations: list[Destination] = Field(
        default_factory=list,
        description=(
            "Countries the freed people were taken to or arrived in, with counts if stated; not where "
            "they are only expected to go later."
        ),
    )
    nationalities_released: list[str] = Field(
        default_factory=list,
        description="Every citizenship of the freed people (both sides of an exchange) as country names, if stated.",
    )
    mediators: list[str] = Field(
        default_factory=list,
        description=(
            "Countries or organisations (never persons) that mediated or brokered the release; a "
            "country whose envoy brokered it is one, even if it also gave something in return."
        ),
    )
    quid_pro_quo: str | None = Field(
        default=None,
        description=(
            "What the releasing side got in exchange (e.g. 'lifting of sanctions on fertiliser "
            "exports'; in an exchange, what the other side handed over), briefly; null if none stated."
        ),
    )
    charges: list[str] = Field(
        default_factory=list,
        description="Charges the freed people had faced, as short lower-case words (espionage, terrorism, extremism, treason).",
    )
    remaining_prisoners: int | None = Field(
        default=None,
        description=(
            "Number of political prisoners said to remain jailed in the country as a whole, as written, "
            "ignoring qualifiers. If several figures are given, the one attributed to a rights group; "
            "else the first. A figure for a subgroup ('12 of the journalists are still held') is not it."
        ),
    )
    evidence: EventEvidence | None = Field(
        default=None, description="Verbatim quotes supporting the scalar fields."
    )

    @field_validator("released_count", "remaining_prisoners", mode="before")
    @classmethod
    def _counts(cls, value: Any) -> int | None:
        return parse_count(value)

    @field_validator("people", mode="before")
    @classmethod
    def _cap_people(cls, value: Any) -> Any:
        return cap_list(value, MAX_PEOPLE, "people")

    @field_validator("destinations", "nationalities_released", "mediators", "charges", mode="before")
    @classmethod
    def _cap_lists(cls, value: Any) -> Any:
        return cap_list(value, MAX_LIST_ITEMS, "items")

    @field_validator("charges", mode="after")
    @classmethod
    def _lower_charges(cls, value: list[str]) -> list[str]:
        return [c.strip().lower() for c in value if c.strip()]


__all__ = [
    "LIST_FIELDS",
    "MAX_ALIASES",
    "MAX_LIST_ITEMS",
    "MAX_PEOPLE",
    "PERSON_STATUSES",
    "SCALAR_FIELDS",
    "AlignmentStatus",
    "Destination",
    "ErrorInfo",
    "EventEvidence",
    "Grounding",
    "Person",
    "PersonStatus",
    "Record",
    "ReleaseEvent",
    "Span",
    "Usage",
    "cap_list",
    "parse_count",
]
