"""Test and benchmark helpers: a fake OpenAI-compatible server with injectable faults.

Names are loaded lazily so that ``python -m extract.testing.fake_openai`` runs the module cleanly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .fake_openai import (
        FAULT_KINDS,
        PROFILES,
        FakeOpenAIServer,
        FaultFn,
        FaultKind,
        Faults,
        RecordedRequest,
        Responder,
        ServerProfile,
        fault_marker,
        find_schema,
        invalid_instance,
        minimal_instance,
        random_faults,
        strict_schema_problems,
    )
    from .offline import NeverCalled

__all__ = [
    "FAULT_KINDS",
    "PROFILES",
    "FakeOpenAIServer",
    "FaultFn",
    "FaultKind",
    "Faults",
    "NeverCalled",
    "RecordedRequest",
    "Responder",
    "ServerProfile",
    "fault_marker",
    "find_schema",
    "invalid_instance",
    "minimal_instance",
    "random_faults",
    "strict_schema_problems",
]


def __getattr__(name: str) -> Any:
    if name == "NeverCalled":
        from .offline import NeverCalled

        return NeverCalled
    if name in __all__:
        from . import fake_openai

        return getattr(fake_openai, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
