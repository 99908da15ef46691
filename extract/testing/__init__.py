"""Test and benchmark helpers: a fake OpenAI-compatible server with injectable faults."""

from .fake_openai import (
    FAULT_KINDS,
    FakeOpenAIServer,
    FaultKind,
    RecordedRequest,
    fault_marker,
    find_schema,
    minimal_instance,
    random_faults,
)

__all__ = [
    "FAULT_KINDS",
    "FakeOpenAIServer",
    "FaultKind",
    "RecordedRequest",
    "fault_marker",
    "find_schema",
    "minimal_instance",
    "random_faults",
]
