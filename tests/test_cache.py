from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from extract.cache import AnswerCache, cache_key


def test_equal_parts_give_equal_keys_regardless_of_order() -> None:
    assert cache_key({"a": 1, "b": [1, 2]}) == cache_key({"b": [1, 2], "a": 1})
    assert cache_key({"a": 1}) != cache_key({"a": 2})


def test_api_key_can_never_be_part_of_a_key() -> None:
    with pytest.raises(ValueError):
        cache_key({"api_key": "x"})


def test_values_round_trip_as_json(tmp_path: Path) -> None:
    with AnswerCache(tmp_path / "c") as cache:
        cache.set("k", {"value": {"n": 1}})
        assert cache.get("k") == {"value": {"n": 1}}
        assert cache.get("missing") is None
        assert (cache.hits, cache.misses) == (1, 1)


def test_cache_folder_is_private_to_the_user(tmp_path: Path) -> None:
    AnswerCache(tmp_path / "c").close()
    mode = stat.S_IMODE((tmp_path / "c").stat().st_mode)
    assert mode == 0o700


def test_values_are_stored_as_text_not_pickles(tmp_path: Path) -> None:
    with AnswerCache(tmp_path / "c") as cache:
        cache.set("k", {"value": 1})
    db = sqlite3.connect(tmp_path / "c" / "cache.db")
    rows = db.execute("SELECT mode, value FROM Cache").fetchall()
    assert rows and all(mode != 4 for mode, _ in rows)  # 4 is diskcache's MODE_PICKLE
    assert '"value":1' in rows[0][1]


def test_a_planted_pickle_entry_is_never_unpickled(tmp_path: Path) -> None:
    import diskcache

    with AnswerCache(tmp_path / "c"):
        pass
    # Someone with write access plants a pickled value under a real key.
    evil = diskcache.Cache(str(tmp_path / "c"))
    evil.set("k", {"pickled": object.__name__})
    evil.close()
    with AnswerCache(tmp_path / "c") as cache:
        assert cache.get("k") is None
