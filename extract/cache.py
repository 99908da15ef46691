"""A disk cache of model answers, keyed by everything that changes the answer.

Keys are SHA-256 digests of canonical JSON. Values are JSON text, never pickles: diskcache
unpickles any value stored in pickle mode when it is read back, which lets whoever can write a
shared cache folder run code. `_JSONTextDisk` stores only text and refuses to load anything else.

Values live inline in the SQLite database, never in files: diskcache would put a large value in a
file and keep that file's path in the row, then read, and on replacement delete, whatever file a
row names. `_JSONTextDisk` never creates a value file, treats a row naming one as a miss and never
deletes a file a row names, so a tampered database cannot make the tool read or remove a file.

The folder is created private to the user (0700); an existing folder that other users can write
(group- or world-writable, or owned by someone else) is refused with `UnsafeCacheFolder`. The API
key is never part of a key or a value.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path
from typing import Any

import diskcache

from .settings import ConfigError

__all__ = ["AnswerCache", "UnsafeCacheEntry", "UnsafeCacheFolder", "cache_key", "canonical_json", "private_folder"]


class UnsafeCacheEntry(RuntimeError):
    """A cache entry was stored in a mode that would need unpickling, or in a file; it is not loaded."""


class UnsafeCacheFolder(ConfigError):
    """The cache folder can be written by other users; using it would let them plant answers."""


def private_folder(path: Path) -> Path:
    """`path` as a folder only this user can write: created 0700 if missing (with missing parents),
    refused (UnsafeCacheFolder) if it exists and is group- or world-writable or owned by another user."""
    path = Path(path)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            path.mkdir(mode=0o700)
        except FileExistsError:
            pass
        else:
            os.chmod(path, 0o700)  # mkdir's mode is masked by the umask
    try:
        info = os.stat(path)
    except OSError as exc:
        raise UnsafeCacheFolder(f"cannot use the cache folder {path}: {exc.strerror or exc}") from exc
    if not stat.S_ISDIR(info.st_mode):
        raise UnsafeCacheFolder(f"the cache folder {path} is not a folder")
    mode = stat.S_IMODE(info.st_mode)
    if mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise UnsafeCacheFolder(
            f"the cache folder {path} is writable by other users (mode {mode:04o}); make it private "
            f"(chmod 700 {path}), choose another --cache-dir, or pass --no-cache"
        )
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise UnsafeCacheFolder(
            f"the cache folder {path} belongs to another user; choose another --cache-dir or pass --no-cache"
        )
    return path


def canonical_json(value: Any) -> str:
    """JSON with sorted keys and no whitespace: equal inputs give equal text."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def cache_key(parts: dict[str, Any]) -> str:
    """SHA-256 of the canonical JSON of `parts`."""
    if any("key" in name.lower() and "api" in name.lower() for name in parts):
        raise ValueError("an API key must never be part of a cache key")
    return hashlib.sha256(canonical_json(parts).encode("utf-8")).hexdigest()


class _JSONTextDisk(diskcache.Disk):  # type: ignore[misc]
    """Stores str values inline as text; refuses to store or fetch anything pickled or kept in a file."""

    def store(self, value: Any, read: bool, key: Any = diskcache.UNKNOWN) -> Any:
        if read or not isinstance(value, str):
            raise TypeError("AnswerCache stores JSON text only")
        return 0, diskcache.core.MODE_RAW, None, value  # (size, mode, filename, value): in the row itself

    def fetch(self, mode: int, filename: str | None, value: Any, read: bool) -> Any:
        if mode != diskcache.core.MODE_RAW or filename is not None or not isinstance(value, str):
            raise UnsafeCacheEntry("refusing to load a cache entry that is not inline text")
        return value

    def filename(self, key: Any = diskcache.UNKNOWN, value: Any = diskcache.UNKNOWN) -> Any:
        raise UnsafeCacheEntry("AnswerCache never keeps values in files")

    def remove(self, file_path: str) -> None:
        """Never delete a file named by a database row (this cache creates none)."""

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
        self.directory = private_folder(Path(directory))
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
