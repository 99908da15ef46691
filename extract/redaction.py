"""Secrets out of messages and log lines: one `redact` function, and a logging filter that applies it.

Redacted: the value of an `Authorization` header or field, `Bearer <token>`, key-shaped strings
(`sk-...`, `sk-proj-...`, `hf_...`, `ghp_...`, `xoxb-...`, `AIza...`), the password in a URL
(`scheme://user:password@host`), key-like URL query values (`?api_key=...`, `&token=...`) and any
secret registered with `remember_secret` (the API key in use), wherever it appears.
"""

from __future__ import annotations

import logging
import re
import threading

__all__ = ["MASK", "RedactingFilter", "install_log_redaction", "redact", "remember_secret"]

MASK = "[REDACTED]"

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # Authorization: Bearer abc / "authorization": "Basic xyz" / authorization=abc
    (re.compile(r"(?i)(\bauthorization[\"']?\s*[:=]\s*[\"']?)(?!\[REDACTED\])(?:(?:bearer|basic|token)\s+)?[^\s\"',;}\]]+"),
     r"\1" + MASK),
    (re.compile(r"(?i)\b(bearer)\s+[A-Za-z0-9._~+/=-]{6,}"), r"\1 " + MASK),
    # key-shaped strings of common providers
    (re.compile(r"\b(?:sk|pk|rk)-(?:[A-Za-z0-9]+-)*[A-Za-z0-9_]{8,}[A-Za-z0-9_-]*"), MASK),
    (re.compile(r"\b(?:hf|ghp|gho|ghs|github_pat|glpat|xox[abpors])[_-][A-Za-z0-9_-]{8,}"), MASK),
    (re.compile(r"\bAIza[0-9A-Za-z_-]{20,}"), MASK),
    # scheme://user:password@host
    (re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://[^\s/:@]*:)(?!\[REDACTED\])[^\s/@]+@"), r"\1" + MASK + "@"),
    # ?api_key=... &token=... &password=...
    (re.compile(r"(?i)([?&;](?:api[_-]?key|apikey|key|token|access[_-]?token|secret|password|passwd|pwd|sig)=)(?!\[REDACTED\])[^\s&#\"']+"),
     r"\1" + MASK),
    # "api_key": "..." / api_key=... / password: ...
    (re.compile(r"(?i)(\b(?:api[_-]?key|x-api-key|password|passwd|secret)[\"']?\s*[:=]\s*[\"']?)(?!\[REDACTED\])[^\s\"',;}\]]+"),
     r"\1" + MASK),
)

_secrets: set[str] = set()
_lock = threading.Lock()


def remember_secret(value: str | None) -> None:
    """Redact `value` wherever it appears from now on (the API key in use); short values are ignored."""
    if value and len(value) >= 6:
        with _lock:
            _secrets.add(value)


def redact(text: str) -> str:
    """`text` with every secret replaced by `[REDACTED]`."""
    if not text:
        return text
    for secret in sorted(_secrets, key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, MASK)
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites each log record's message (and traceback text) with `redact` before any handler formats it."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep the raw template
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def install_log_redaction(logger: logging.Logger | None = None) -> None:
    """Add a `RedactingFilter` to every handler of `logger` (default: the root logger), once each.

    A filter on a handler sees the records of every logger that propagates to it (Instructor's,
    httpx's, openai's), unlike a filter on one logger.
    """
    target = logger or logging.getLogger()
    for handler in target.handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())
