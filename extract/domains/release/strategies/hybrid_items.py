"""A list field's values as the rules find them, each item with the ids of the rules that produced it.

The trail of a list field is kept per item (`charges[0]`, `destinations[1]`: `EventFindings.item_rules`),
so every value of a record can be traced to the rules behind it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

__all__ = ["Items"]

T = TypeVar("T")


@dataclass
class Items(Generic[T]):
    """Distinct values in the order found, and for each the ids of the rules that found it."""

    values: list[T] = field(default_factory=list)
    rules: list[list[str]] = field(default_factory=list)

    def add(self, value: T, rule: str) -> bool:
        """List `value` as found by `rule`; a value already listed keeps its place and also names
        `rule`. True when the value is new."""
        if value in self.values:
            ids = self.rules[self.values.index(value)]
            if rule not in ids:
                ids.append(rule)
            return False
        self.values.append(value)
        self.rules.append([rule])
        return True

    def extend(self, other: Items[T]) -> None:
        """Add `other`'s values after these, each with all the rules that found it."""
        for value, ids in zip(other.values, other.rules, strict=True):
            for rule in ids:
                self.add(value, rule)
