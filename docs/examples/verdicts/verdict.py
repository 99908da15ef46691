"""A second schema for the worked example: court verdicts (see README.md in this folder).

Field metadata (`extract.meta`) tells the engine how to ground, score and merge each field.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from extract import meta


class Defendant(BaseModel):
    """A person tried in the case."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(
        description="The defendant's full name as the article spells it, without titles.",
        json_schema_extra=meta(ground="name", compare="name", key=True),
    )
    outcome: Literal["convicted", "acquitted", "other"] = Field(
        description="convicted: found guilty; acquitted: cleared; other: case dropped, retrial, not stated."
    )
    sentence_years: float | None = Field(
        default=None, description="Prison term in years (months divided by 12); null if none is stated."
    )


class Verdict(BaseModel):
    """One court verdict in a criminal case, as a single news article reports it.

    Label only what the article states; unknown is null or [].
    """

    model_config = ConfigDict(extra="forbid")

    court: str | None = Field(
        default=None,
        description="The court that delivered the verdict, as the article names it.",
        json_schema_extra=meta(compare="text", identity=True),
    )
    country: str | None = Field(
        default=None,
        description="The country of the court, as a country name.",
        json_schema_extra=meta(ground="text", compare="country", identity=True),
    )
    verdict_date: date | None = Field(
        default=None,
        description="Date of the verdict as YYYY-MM-DD, if the article states it or its dateline gives it.",
        json_schema_extra=meta(identity=True),
    )
    judge: str | None = Field(
        default=None,
        description="The presiding judge's name, if given.",
        json_schema_extra=meta(ground="name", compare="name"),
    )
    defendants: list[Defendant] = Field(
        default_factory=list,
        description="Every person tried in this case, each once.",
        json_schema_extra=meta(entities=True),
    )
    charges: list[str] = Field(
        default_factory=list,
        description="What the defendants were charged with, as short lower-case phrases.",
        json_schema_extra=meta(ground="text", compare="text"),
    )
    appeal_planned: bool | None = Field(
        default=None, description="True if the article says the defence will appeal; null if it does not say."
    )
    quote: str | None = Field(
        default=None,
        description="A short verbatim quote from the article that states the verdict.",
        json_schema_extra=meta(ground="quote", compare="ignore"),
    )
