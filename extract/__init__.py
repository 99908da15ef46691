"""extract: typed, validated, grounded records from news articles, for any Pydantic schema.

The public API is what this module exports; every other module is an implementation detail.
ReleaseEvent (prisoner releases) is the built-in default domain; `schema=` / `--schema` takes any
other Pydantic model.
"""

from __future__ import annotations

from .api import (
    Extractor,
    evaluate,
    ground,
    load_records,
    merge,
    resolve_domain,
    run_batch,
    write_merged,
    write_view,
)
from .domain import Domain, SchemaError, domain_for, load_schema, schema_hash
from .domains.release.comparison import ComparisonRow, compare_strategies, render_comparison
from .domains.release.evaluation import (
    Comparison,
    check_gates,
    compare,
    format_table,
    load_baseline,
    load_gold,
    load_report,
    write_reports,
)
from .domains.release.merging import CanonicalEvent, MergedPerson
from .domains.release.schema import Destination, Person, ReleaseEvent
from .domains.release.scoring import EvalReport, score
from .errors import ConfigError, ExtractError, ExtractException, GoldError
from .fields import meta
from .io import Article
from .pipeline import RunSummary
from .records import ErrorInfo, Grounding, Record, Span, Usage
from .schema_eval import (
    check_schema_gates,
    evaluate_schema,
    load_schema_gold,
    render_schema_report,
    write_schema_reports,
)
from .schema_merging import Conflict, MergedRecord
from .schema_scoring import SchemaReport, score_schema
from .settings import Settings
from .view import render_view

__version__ = "0.1.0"

__all__ = [
    "Article",
    "CanonicalEvent",
    "Comparison",
    "ComparisonRow",
    "ConfigError",
    "Conflict",
    "Destination",
    "Domain",
    "ErrorInfo",
    "EvalReport",
    "ExtractError",
    "ExtractException",
    "Extractor",
    "GoldError",
    "Grounding",
    "MergedPerson",
    "MergedRecord",
    "Person",
    "Record",
    "ReleaseEvent",
    "RunSummary",
    "SchemaError",
    "SchemaReport",
    "Settings",
    "Span",
    "Usage",
    "__version__",
    "check_gates",
    "check_schema_gates",
    "compare",
    "compare_strategies",
    "domain_for",
    "evaluate",
    "evaluate_schema",
    "format_table",
    "ground",
    "load_baseline",
    "load_gold",
    "load_records",
    "load_report",
    "load_schema",
    "load_schema_gold",
    "merge",
    "meta",
    "render_comparison",
    "render_schema_report",
    "render_view",
    "resolve_domain",
    "run_batch",
    "schema_hash",
    "score",
    "score_schema",
    "write_merged",
    "write_reports",
    "write_schema_reports",
    "write_view",
]
