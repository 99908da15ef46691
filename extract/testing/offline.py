"""A backend for tests of rules-only strategies: any model call fails the test."""

from __future__ import annotations

from typing import Any

__all__ = ["NeverCalled"]


class NeverCalled:
    """Stands in for a model that must not be asked: `structured` raises AssertionError."""

    name = "never-called"
    calls = 0

    async def structured(self, *args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the model was called")
