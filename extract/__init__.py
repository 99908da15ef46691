"""extract: typed, validated, grounded prisoner-release records from news articles.

The public API is what this module exports; every other module is an implementation detail.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import Extractor, load_records, merge, run_batch, write_merged
    from .comparison import ComparisonRow, compare_strategies, render_comparison
    from .errors import ExitCode, ExtractError, OutputBusy, OutputError, RunFailed
    from .evaluation import (
        Comparison,
        GoldError,
        check_gates,
        compare,
        evaluate,
        format_table,
        load_baseline,
        load_gold,
        load_report,
        write_reports,
    )
    from .grounding import ground
    from .io import Article
    from .merging import CanonicalEvent, Conflict, MergedPerson
    from .pipeline import RunSummary
    from .redaction import install_log_redaction, redact
    from .schema import Destination, ErrorInfo, Grounding, Person, Record, ReleaseEvent, Span, Usage
    from .scoring import EvalReport, score
    from .settings import ConfigError, Settings
    from .view import render_view, write_view

# Names are imported on first use, so `extract --help` and light commands do not import the model stack.
_LAZY: dict[str, str] = {
    "Extractor": ".api",
    "load_records": ".api",
    "merge": ".api",
    "run_batch": ".api",
    "write_merged": ".api",
    "ComparisonRow": ".comparison",
    "compare_strategies": ".comparison",
    "render_comparison": ".comparison",
    "Comparison": ".evaluation",
    "ExitCode": ".errors",
    "ExtractError": ".errors",
    "OutputBusy": ".errors",
    "OutputError": ".errors",
    "RunFailed": ".errors",
    "install_log_redaction": ".redaction",
    "redact": ".redaction",
    "GoldError": ".evaluation",
    "check_gates": ".evaluation",
    "compare": ".evaluation",
    "evaluate": ".evaluation",
    "format_table": ".evaluation",
    "load_baseline": ".evaluation",
    "load_gold": ".evaluation",
    "load_report": ".evaluation",
    "write_reports": ".evaluation",
    "ground": ".grounding",
    "Article": ".io",
    "CanonicalEvent": ".merging",
    "Conflict": ".merging",
    "MergedPerson": ".merging",
    "RunSummary": ".pipeline",
    "Destination": ".schema",
    "ErrorInfo": ".schema",
    "Grounding": ".schema",
    "Person": ".schema",
    "Record": ".schema",
    "ReleaseEvent": ".schema",
    "Span": ".schema",
    "Usage": ".schema",
    "EvalReport": ".scoring",
    "score": ".scoring",
    "ConfigError": ".settings",
    "Settings": ".settings",
    "render_view": ".view",
    "write_view": ".view",
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
    "ErrorInfo",
    "EvalReport",
    "ExitCode",
    "ExtractError",
    "Extractor",
    "GoldError",
    "Grounding",
    "MergedPerson",
    "OutputBusy",
    "OutputError",
    "Person",
    "Record",
    "ReleaseEvent",
    "RunFailed",
    "RunSummary",
    "Settings",
    "Span",
    "Usage",
    "__version__",
    "check_gates",
    "compare",
    "compare_strategies",
    "evaluate",
    "format_table",
    "ground",
    "install_log_redaction",
    "load_baseline",
    "load_gold",
    "load_records",
    "load_report",
    "merge",
    "redact",
    "render_comparison",
    "render_view",
    "run_batch",
    "score",
    "write_merged",
    "write_reports",
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
