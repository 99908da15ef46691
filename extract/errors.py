"""Every exception extract raises on purpose, under one root (`ExtractException`).

`ExtractError` and its subclasses become an article's error record: each carries a kind and a
one-line reason. `ConfigError` (bad settings, flags, schema or prompt) and `GoldError` (unusable
gold) stop a command before it runs.
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

from .redaction import redact

if TYPE_CHECKING:  # the record model loads pydantic: not needed for `extract --help`
    from .records import ErrorInfo

__all__ = [
    "AuthError",
    "ConfigError",
    "ContextTooLong",
    "ExitCode",
    "ExtractError",
    "ExtractException",
    "GoldError",
    "InputError",
    "ModelError",
    "OutputBusy",
    "OutputError",
    "OutputTruncated",
    "ResultsFileError",
    "RunFailed",
    "ValidationFailed",
    "clean_message",
    "writable",
]


def writable(text: str) -> str:
    """`text` unchanged if it encodes as UTF-8; else each lone surrogate written as an escape: a byte of
    an undecodable file name (kept by Python as U+DC80..U+DCFF) as `\\xNN`, any other as `\\uNNNN`."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    out = []
    for char in text:
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:
            out.append(f"\\x{code - 0xDC00:02x}")
        elif 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


def clean_message(message: str) -> str:
    """One line, secrets redacted, writable as UTF-8."""
    return writable(redact(" ".join(str(message).split())))


class ExtractException(Exception):
    """The root of every exception extract raises on purpose."""


class ConfigError(ExtractException, ValueError):
    """A setting has an invalid value; the message names the setting and its source."""


class GoldError(ExtractException, ValueError):
    """A gold file or folder that cannot be used; the message is one line and names the file."""


class ExtractError(ExtractException):
    """Base class: `kind` names the error class in records; `retryable` says whether --resume retries it."""

    kind = "error"
    retryable = False

    def __init__(self, message: str) -> None:
        super().__init__(clean_message(message))  # one line, redacted, always encodable

    def info(self) -> ErrorInfo:
        from .records import ErrorInfo

        return ErrorInfo(type=self.kind, message=str(self), retryable=self.retryable)


class InputError(ExtractError):
    """The article could not be read as text (empty, binary, not UTF-8, too large, unreadable)."""

    kind = "input_error"


class AuthError(ExtractError):
    """The server rejected the credentials; retrying will not help."""

    kind = "auth_error"


class ModelError(ExtractError):
    """The model server failed (after transport retries) or answered with an unusable request error."""

    kind = "model_error"

    def __init__(self, message: str, *, retryable: bool = True) -> None:
        super().__init__(message)
        self.retryable = retryable


class ValidationFailed(ExtractError):
    """The model's answers failed schema validation on every re-ask."""

    kind = "validation_error"
    retryable = True


class OutputTruncated(ExtractError):
    """The answer was cut off at the token limit, even with the larger limit."""

    kind = "output_truncated"


class ContextTooLong(ExtractError):
    """The article does not fit the model's context window."""

    kind = "context_too_long"


class ExitCode(IntEnum):
    """What `extract` exits with; the README's exit-code table lists the same values."""

    OK = 0
    ARTICLES_FAILED = 1  # the run finished, and at least one article ended as an error record
    USAGE = 2  # bad flags, config file or settings (nothing was run)
    ABORTED = 3  # stopped early: the endpoint is unusable (key rejected, host unreachable); --resume continues
    OUTPUT_BUSY = 4  # another run is writing the same output file
    OUTPUT_ERROR = 5  # the output could not be written or read back (disk full, corrupt results file)
    INTERRUPTED = 130  # Ctrl-C or SIGTERM


class RunFailed(ExtractException):
    """The run as a whole could not go on (not one article's failure); `exit_code` says why.

    The message is one line with secrets redacted; the CLI prints it without a traceback.
    """

    exit_code: ExitCode = ExitCode.OUTPUT_ERROR

    def __init__(self, message: str) -> None:
        super().__init__(clean_message(message))


class OutputBusy(RunFailed):
    """Another run holds the output file's lock."""

    exit_code = ExitCode.OUTPUT_BUSY


class OutputError(RunFailed):
    """The output could not be written or read back (disk full, corrupt results file, no permission)."""

    exit_code = ExitCode.OUTPUT_ERROR


class ResultsFileError(OutputError, ValueError):
    """A results file has a line that is not a record (a wrong file named as RESULTS, a damaged line).

    A ValueError too, as `read_records` has always raised for a bad line."""
