"""A disk cache of model answers, keyed by everything that changes the answer.

Keys are SHA-256 digests of canonical JSON. Values are JSON text, never pickles: diskcache
unpickles any value stored in pickle mode when it is read back, which lets whoever can write a
shared cache folder run code. `_JSONTextDisk` stores only text and refuses to load anything else.
The folder is created private to the user (0700). The API key is never part of a key or a value.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import diskcache

from .errors import ExtractException

__all__ = ["AnswerCache", "UnsafeCacheEntry", "cache_key", "canonical_json"]


class UnsafeCacheEntry(ExtractException, RuntimeError):
    """A cache entry was stored in a mode that would need unpickling; it is not loaded."""


def canonical_json(value: Any) -> str:
    """JSON with sorted keys and no whitespace: equal inputs give equal text."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def cache_key(parts: dict[str, Any]) -> str:
    """SHA-256 of the canonical JSON of `parts`."""
    if any("key" in name.lower() and "api" in name.lower() for name in parts):
        raise ValueError("an API key must never be part of a cache key")
    return hashlib.sha256(canonical_json(parts).encode("utf-8")).hexdigest()


class _JSONTextDisk(diskcache.Disk):  # type: ignore[misc]
    """Stores str values as text; refuses to store or fetch anything that would be pickled."""

    def store(self, value: Any, read: bool, key: Any = diskcache.UNKNOWN) -> Any:
        if read or not isinstance(value, str):
            raise TypeError("AnswerCache stores JSON text only")
        return super().store(value, read, key=key)

    def fetch(self, mode: int, filename: str | None, value: Any, read: bool) -> Any:
        if mode == diskcache.core.MODE_PICKLE:
            raise UnsafeCacheEntry("refusing to load a pickled cache entry")
        return super().fetch(mode, filename, value, read)

    def put(self, key: Any) -> Any:
        if not isinstance(key, str):
            raise TypeError("cache keys are str digests")
        return super().put(key)

    def get(self, key: Any, raw: bool) -> Any:
        if not raw:
            raise UnsafeCacheEntry("refusing to load a pickled cache key")
        return super().get(key, raw)


class AnswerCache:
    """JSON answers by key, in a private diskcache folder."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        existed = self.directory.exists()
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not existed:
            os.chmod(self.directory, 0o700)
        self._cache = diskcache.Cache(str(self.directory), disk=_JSONTextDisk)
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> dict[str, Any] | None:
        try:
            text = self._cache.get(key, default=None)
        except UnsafeCacheEntry:
            text = None
        if text is None:
            self.misses += 1
            return None
        try:
            value = json.loads(text)
        except (TypeError, json.JSONDecodeError):
            self.misses += 1
            return None
        self.hits += 1
        return value if isinstance(value, dict) else None

    def set(self, key: str, value: dict[str, Any]) -> None:
        self._cache.set(key, canonical_json(value))

    def close(self) -> None:
        self._cache.close()

    def __enter__(self) -> AnswerCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
