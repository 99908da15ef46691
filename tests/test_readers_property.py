"""Property: whatever bytes, JSON lines and file names a folder holds, the readers give exactly one
item per input, every item becomes a record that can be written and read back, and no exception
escapes (issue 13)."""

from __future__ import annotations

import asyncio
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import Settings, load_records
from extract.io import SUPPORTED_SUFFIXES, Article, RecordWriter, iter_articles
from extract.pipeline import process
from extract.schema import ReleaseEvent
from extract.strategies.base import StrategyResult

ANY_CHAR = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=())  # surrogates too
JSON_VALUE = st.one_of(
    st.text(ANY_CHAR, max_size=12), st.integers(), st.none(), st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False), st.lists(st.integers(), max_size=2),
)
JSON_LINE = st.one_of(
    st.fixed_dictionaries({"id": JSON_VALUE, "text": JSON_VALUE}),
    st.dictionaries(st.text(ANY_CHAR, max_size=4), JSON_VALUE, max_size=3),
    JSON_VALUE,
).map(lambda value: json.dumps(value).encode())
JSONL = st.lists(st.one_of(JSON_LINE, st.binary(max_size=30)), max_size=5).map(b"\n".join)
CONTENT = st.one_of(st.binary(max_size=200), JSONL, st.text(ANY_CHAR, max_size=60).map(
    lambda text: text.encode("utf-8", "surrogatepass")))
STEM = st.binary(min_size=1, max_size=24).filter(lambda b: b"/" not in b and b"\x00" not in b and b not in (b".", b".."))
SUFFIX = st.sampled_from([*SUPPORTED_SUFFIXES, ".TXT", ".json", ""]).map(str.encode)
NAME = st.tuples(STEM, SUFFIX).map(b"".join)


def _expected(name: bytes, data: bytes) -> int:
    """Records a file gives: none if hidden or not a supported suffix, one per non-blank line of a
    .jsonl file, else one."""
    suffix = os.path.splitext(name)[1].decode("utf-8", "surrogateescape").lower()
    if name.startswith(b".") or suffix not in SUPPORTED_SUFFIXES:
        return 0
    if suffix == ".jsonl":
        return sum(1 for line in data.split(b"\n") if line.strip())
    return 1


class _EchoStrategy:
    """Runs the real pipeline step without a model: an empty event for every article."""

    name = "echo"
    version = "echo@1"
    uses_model = False
    result_cacheable = False

    async def extract(self, article: Article, backend: Any) -> StrategyResult:
        return StrategyResult(event=ReleaseEvent())


async def _records(items: list[Any], out: Path) -> None:
    config = Settings()
    with RecordWriter(out) as writer:
        for item in items:
            writer.write(await process(item, _EchoStrategy(), None, config))  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=st.dictionaries(NAME, CONTENT, max_size=6))
def test_any_folder_gives_one_record_per_input_and_nothing_escapes(files: dict[bytes, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = os.path.join(os.fsencode(tmp), b"in")
        os.mkdir(folder)
        expected = 0
        for name, data in files.items():
            path = os.path.join(folder, name)
            try:
                with open(path, "wb") as handle:
                    handle.write(data)
            except OSError:  # a name the file system refuses (too long): not an input
                continue
            expected += _expected(name, data)
        items = list(iter_articles([Path(os.fsdecode(folder))]))
        assert len(items) == expected
        assert len({item.id for item in items}) == len(items)
        out = Path(tmp) / "out.jsonl"
        asyncio.run(_records(items, out))
        records = load_records(out)
        assert [r.id for r in records] == [item.id for item in items]
