"""extract: typed, validated, grounded prisoner-release records from news articles.

The public API is what this module exports; every other module is an implementation detail.
"""

from __future__ import annotations

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
