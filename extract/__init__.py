"""extract: typed, validated, grounded records from news articles, for any Pydantic schema.

The public API is what this module exports; every other module is an implementation detail.
ReleaseEvent (prisoner releases) is the built-in default domain; `schema=` / `--schema` takes any
other Pydantic model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
    from .domain import (
        Domain,
        SchemaError,
        domain_for,
        load_schema,
        schema_hash,
    )
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
    from .errors import (
        ConfigError,
        ExitCode,
        ExtractError,
        ExtractException,
        GoldError,
    )
    from .fields import meta
    from .io import Article
    from .pipeline import RunSummary
    from .records import (
        ErrorInfo,
        Grounding,
        Record,
        Span,
        Usage,
    )
    from .redaction import install_log_redaction, redact
    from .schema_eval import (
        check_schema_gates,
        compare_schema,
        evaluate_schema,
        load_schema_baseline,
        load_schema_gold,
        render_schema_comparison,
        render_schema_report,
        write_schema_reports,
    )
    from .schema_merging import Conflict, MergedRecord
    from .schema_scoring import SchemaReport, score_schema
    from .settings import Settings
    from .view import render_view

# Names are imported on first use, so `extract --help` and light commands do not import the model stack.
_LAZY: dict[str, str] = {
    "Extractor": ".api",
    "evaluate": ".api",
    "ground": ".api",
    "load_records": ".api",
    "merge": ".api",
    "resolve_domain": ".api",
    "run_batch": ".api",
    "write_merged": ".api",
    "write_view": ".api",
    "Domain": ".domain",
    "SchemaError": ".domain",
    "domain_for": ".domain",
    "load_schema": ".domain",
    "schema_hash": ".domain",
    "ComparisonRow": ".domains.release.comparison",
    "compare_strategies": ".domains.release.comparison",
    "render_comparison": ".domains.release.comparison",
    "Comparison": ".domains.release.evaluation",
    "check_gates": ".domains.release.evaluation",
    "compare": ".domains.release.evaluation",
    "format_table": ".domains.release.evaluation",
    "load_baseline": ".domains.release.evaluation",
    "load_gold": ".domains.release.evaluation",
    "load_report": ".domains.release.evaluation",
    "write_reports": ".domains.release.evaluation",
    "CanonicalEvent": ".domains.release.merging",
    "MergedPerson": ".domains.release.merging",
    "Destination": ".domains.release.schema",
    "Person": ".domains.release.schema",
    "ReleaseEvent": ".domains.release.schema",
    "EvalReport": ".domains.release.scoring",
    "score": ".domains.release.scoring",
    "ConfigError": ".errors",
    "ExitCode": ".errors",
    "ExtractError": ".errors",
    "ExtractException": ".errors",
    "GoldError": ".errors",
    "OutputBusy": ".errors",
    "OutputError": ".errors",
    "RunFailed": ".errors",
    "install_log_redaction": ".redaction",
    "redact": ".redaction",
    "meta": ".fields",
    "Article": ".io",
    "RunSummary": ".pipeline",
    "ErrorInfo": ".records",
    "Grounding": ".records",
    "Record": ".records",
    "Span": ".records",
    "Usage": ".records",
    "check_schema_gates": ".schema_eval",
    "compare_schema": ".schema_eval",
    "load_schema_baseline": ".schema_eval",
    "render_schema_comparison": ".schema_eval",
    "evaluate_schema": ".schema_eval",
    "load_schema_gold": ".schema_eval",
    "render_schema_report": ".schema_eval",
    "write_schema_reports": ".schema_eval",
    "Conflict": ".schema_merging",
    "MergedRecord": ".schema_merging",
    "SchemaReport": ".schema_scoring",
    "score_schema": ".schema_scoring",
    "Settings": ".settings",
    "render_view": ".view",
}

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
    "ExitCode",
    "ExtractError",
    "ExtractException",
    "Extractor",
    "GoldError",
    "Grounding",
    "MergedPerson",
    "MergedRecord",
    "OutputBusy",
    "OutputError",
    "Person",
    "Record",
    "ReleaseEvent",
    "RunFailed",
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
    "compare_schema",
    "compare_strategies",
    "domain_for",
    "evaluate",
    "evaluate_schema",
    "format_table",
    "ground",
    "install_log_redaction",
    "load_baseline",
    "load_gold",
    "load_records",
    "load_report",
    "load_schema",
    "load_schema_baseline",
    "load_schema_gold",
    "merge",
    "meta",
    "redact",
    "render_comparison",
    "render_schema_comparison",
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


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
