"""extract: typed, validated, grounded prisoner-release records from news articles.

The public API is what this module exports; everything else is private to the package.
"""

from __future__ import annotations

from .api import Extractor, load_records, run_batch
from .io import Article
from .pipeline import RunSummary
from .schema import Destination, ErrorInfo, Grounding, Person, Record, ReleaseEvent, Span, Usage
from .settings import ConfigError, Settings

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ConfigError",
    "Destination",
    "ErrorInfo",
    "Extractor",
    "Grounding",
    "Person",
    "Record",
    "ReleaseEvent",
    "RunSummary",
    "Settings",
    "Span",
    "Usage",
    "__version__",
    "load_records",
    "run_batch",
]
