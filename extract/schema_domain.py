"""The generic domain: any Pydantic schema, grounded, scored, merged and shown from its field metadata."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .domain import Domain, Pair, schema_hash, schema_name
from .prompts import PromptError, load_prompt, parse_prompt
from .records import Record
from .schema_eval import load_schema_gold
from .schema_grounding import ground_data, is_counted_in, is_quote_in
from .schema_merging import merge_schema
from .schema_scoring import score_schema
from .settings import ConfigError
from .strategies.base import Strategy
from .strategies.single import SingleStrategy
from .view import data_panel

__all__ = ["schema_domain"]


def schema_domain(schema: type[BaseModel], *, prompt: Path | str | None = None, reference: str | None = None) -> Domain:
    """A domain for any schema: the `single` strategy with the generic prompt (or `prompt`, a prompt
    file), grounding, scoring and merging from field metadata, a generic view panel.

    Every record's prompt version ends with `/<Class>+<schema hash>`, so changing the schema (its
    fields, descriptions or metadata) changes the version and the cache keys.
    """
    reference = reference or schema_name(schema)
    if prompt is not None:
        path = Path(prompt)
        try:
            template = parse_prompt(path.read_text(encoding="utf-8"), str(path))
            SingleStrategy(schema, template)  # fail now on a prompt with the wrong variables
        except OSError as exc:
            raise ConfigError(f"cannot read prompt file {path}: {exc.strerror or exc}") from exc
        except PromptError as exc:
            raise ConfigError(str(exc)) from exc
    else:
        template = load_prompt("schema")
    suffix = f"/{schema.__name__}+{schema_hash(schema)}"

    def single(settings: Any) -> Strategy:
        return SingleStrategy(schema, template, version_suffix=suffix)

    def score(pairs: Iterable[Pair]) -> BaseModel:
        return score_schema(pairs, schema, schema_name=reference)

    def merge(records: Sequence[Record], max_days: int) -> list[BaseModel]:
        return list(merge_schema(records, schema, max_days=max_days))

    return Domain(
        name=schema.__name__,
        schema=schema,
        ground=ground_data,
        is_counted=partial(is_counted_in, schema),
        score=score,
        load_gold=partial(load_schema_gold, schema=schema),
        merge=merge,
        panel=data_panel,
        strategies={"single": single},
        default_strategy=lambda settings: "single",
        is_quote=partial(is_quote_in, schema),
        reference=reference,
    )
