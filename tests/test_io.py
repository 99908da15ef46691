from __future__ import annotations

import json
from pathlib import Path

from extract.domains.release.schema import ErrorInfo, Record, ReleaseEvent
from extract.io import Article, InputFailure, RecordWriter, html_to_text, iter_articles, read_records


def _items(*paths: Path) -> dict[str, Article | InputFailure]:
    return {item.id: item for item in iter_articles(paths)}


def test_article_id_is_the_file_name_without_extension(tmp_path: Path) -> None:
    (tmp_path / "a1.txt").write_text("Some text.")
    (tmp_path / "b2.md").write_text("More text.")
    items = _items(tmp_path)
    assert set(items) == {"a1", "b2"}
    assert isinstance(items["a1"], Article) and items["a1"].text == "Some text."


def test_empty_binary_and_non_utf8_files_become_failures_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 owner freed".encode("latin-1"))
    (tmp_path / "good.txt").write_text("A real article.")
    items = _items(tmp_path)
    assert isinstance(items["good"], Article)
    reasons = {k: v.error.info().message for k, v in items.items() if isinstance(v, InputFailure)}
    assert "is empty" in reasons["empty"]
    assert "binary" in reasons["binary"]
    assert "not UTF-8" in reasons["latin1"] and "0xe9" in reasons["latin1"]
    assert all("\n" not in r for r in reasons.values())


def test_missing_path_is_a_failure_not_a_crash(tmp_path: Path) -> None:
    items = _items(tmp_path / "nope.txt")
    assert isinstance(items["nope"], InputFailure)
    assert "does not exist" in str(items["nope"].error)


def test_html_keeps_visible_text_and_drops_scripts(tmp_path: Path) -> None:
    page = "<html><head><title>T</title><script>alert('x')</script></head><body><p>First &amp; p.</p><p>Second</p></body></html>"
    assert html_to_text(page) == "First & p.\n\nSecond"
    (tmp_path / "page.html").write_text(page)
    item = _items(tmp_path)["page"]
    assert isinstance(item, Article) and "alert" not in item.text


def test_jsonl_lines_are_articles_by_their_id_field(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "x1", "text": "first"}),
        "not json",
        json.dumps({"id": "x3"}),
        json.dumps({"id": 4, "text": "fourth"}),
    ]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n")
    items = _items(tmp_path / "batch.jsonl")
    assert isinstance(items["x1"], Article) and items["x1"].text == "first"
    assert isinstance(items["batch:2"], InputFailure)
    assert isinstance(items["x3"], InputFailure) and "text" in str(items["x3"].error)
    assert isinstance(items["4"], Article)


def test_a_broken_jsonl_line_says_what_is_wrong_and_where_in_the_line(tmp_path: Path) -> None:
    lines = ['{"id": "t1", "text": "cut off', '{"id": "t2", "text": "a\tb\u0001"}', '{"id": "t3",, "text": "x"}']
    (tmp_path / "cut.jsonl").write_text("\n".join(lines) + "\n")
    items = _items(tmp_path / "cut.jsonl")
    messages = [items[f"cut:{n}"].error.info().message for n in (1, 2, 3) if isinstance(items[f"cut:{n}"], InputFailure)]
    assert len(messages) == 3
    for message in messages:
        assert not message.endswith(" at"), message  # the decoder's reason is whole, not cut before its position
        assert "at column " in message and "\n" not in message


def test_duplicate_ids_are_kept_apart_not_lost(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "same.txt").write_text("one")
    (tmp_path / "b" / "same.txt").write_text("two")
    items = list(iter_articles([tmp_path]))
    assert [i.id for i in items] == ["same", "same~2"]
    assert isinstance(items[1], InputFailure) and "duplicate" in str(items[1].error)


def _record(i: int) -> Record:
    return Record(id=f"r{i}", status="ok", event=ReleaseEvent(released_count=i), model="m", strategy="s",
                  prompt_version="p", sha256="h")


def test_writer_appends_whole_lines_and_reader_skips_a_torn_tail(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with RecordWriter(out) as writer:
        writer.write(_record(1))
        writer.write(_record(2))
    with out.open("ab") as handle:
        handle.write(b'{"id": "r3", "status": "o')  # a torn write
    assert [r.id for r in read_records(out)] == ["r1", "r2"]
    with RecordWriter(out, append=True) as writer:  # resuming cuts the torn tail first
        writer.write(Record(id="r4", status="error", error=ErrorInfo(type="t", message="m"), model="m",
                            strategy="s", prompt_version="p", sha256="h"))
    assert [r.id for r in read_records(out)] == ["r1", "r2", "r4"]
    assert out.read_bytes().endswith(b"\n")


def test_a_whole_last_record_without_its_newline_is_read_and_kept_on_resume(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text(_record(1).model_dump_json() + "\n" + _record(2).model_dump_json(), encoding="utf-8")
    assert [r.id for r in read_records(out)] == ["r1", "r2"]  # an editor or another tool left no newline
    with RecordWriter(out, append=True) as writer:
        writer.write(_record(3))
    assert [r.id for r in read_records(out)] == ["r1", "r2", "r3"]


def test_a_lone_record_without_a_newline_is_one_record(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text(_record(7).model_dump_json(), encoding="utf-8")
    assert [r.id for r in read_records(out)] == ["r7"]
