"""Bad input in a batch: every input gets exactly one record, bad ones an error record saying why,
and nothing derived from input names is ever written anywhere but the one output file."""

from __future__ import annotations

import json
import os
import resource
import threading
import time
from pathlib import Path

import pytest

from extract import Settings, load_records, run_batch
from extract.io import MAX_ARTICLE_BYTES, Article, InputFailure, iter_articles
from extract.schema import Record
from extract.testing.fake_openai import FakeOpenAIServer, fault_marker

GOOD = "Officials said 4 detainees were freed on Monday after weeks of talks."


def _settings(srv: FakeOpenAIServer, tmp_path: Path, **overrides: object) -> Settings:
    return Settings(base_url=srv.base_url, model="fake-model", mode="llamacpp", strategy="single", retries=0,
                    cache_dir=tmp_path / "cache").replace(**overrides)


def _records(path: Path) -> dict[str, Record]:
    records = load_records(path)
    assert len({r.id for r in records}) == len(records), "duplicate records"
    return {r.id: r for r in records}


def _reason(record: Record) -> str:
    assert record.status == "error" and record.error is not None and record.error.type == "input_error", record
    assert "\n" not in record.error.message
    return record.error.message


def test_every_kind_of_bad_file_gets_one_error_record_and_good_ones_still_succeed(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_text(" \n\t\n")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + os.urandom(256))
    (folder / "latin1.txt").write_bytes("Caf\xe9 owner freed".encode("latin-1"))
    (folder / "scripts-only.html").write_text("<html><head><script>var a = 1;</script></head><body>"
                                                "<script>document.write('x')</script></body></html>")
    with (folder / "huge.txt").open("wb") as handle:  # 20 MB: sparse, so the test writes little
        handle.truncate(20 * 1000 * 1000)
    os.symlink(folder / "missing-target.txt", folder / "dangling.txt")
    os.symlink(folder / "loop.txt", folder / "loop.txt")

    with FakeOpenAIServer() as srv:
        summary = run_batch([folder], tmp_path / "out.jsonl", settings=_settings(srv, tmp_path))
        assert len(srv.completions) == 1  # only the good article reached the model
    records = _records(tmp_path / "out.jsonl")
    assert records.pop("good").status == "ok"
    reasons = {rid: _reason(r) for rid, r in records.items()}
    assert "is empty" in reasons["empty"] and "is empty" in reasons["blank"]
    assert "binary" in reasons["binary"]
    assert "not UTF-8" in reasons["latin1"] and "0xe9 at offset 3" in reasons["latin1"]
    assert "no visible text" in reasons["scripts-only"]
    assert "19.1 MiB, over the 5 MiB article limit (not truncated)" in reasons["huge"]
    # symlinks that lead nowhere are error records too (issue 13): no folder entry vanishes
    assert "a dangling symlink" in reasons["dangling"] and "a symlink loop" in reasons["loop"]
    assert set(reasons) == {"empty", "blank", "binary", "latin1", "scripts-only", "huge", "dangling", "loop"}
    assert (summary.ok, summary.failed) == (1, 8)


def test_a_20_mb_file_is_refused_without_being_read_into_memory(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"word " * (4 * 1024 * 1024))  # 20 MiB of real text
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    [item] = list(iter_articles([huge]))
    growth_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before) / 1024
    assert isinstance(item, InputFailure) and "20.0 MiB, over the 5 MiB article limit" in str(item.error)
    assert growth_mib < 15


def test_a_jsonl_line_over_the_article_limit_is_an_error_and_the_next_lines_still_read(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "before", "text": GOOD}) + "\n")
        handle.write(json.dumps({"id": "giant", "text": "x" * (MAX_ARTICLE_BYTES + 10)}) + "\n")
        handle.write(json.dumps({"id": "after", "text": GOOD}) + "\n")
    items = list(iter_articles([path]))
    assert [type(i).__name__ for i in items] == ["Article", "InputFailure", "Article"]
    assert [i.id for i in items] == ["before", "batch:2", "after"]
    assert isinstance(items[1], InputFailure) and "line" in str(items[1].error) and "5 MiB" in str(items[1].error)


def test_html_scripts_and_styles_never_reach_the_model(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    # If script or style text leaked into the prompt, the fake server would fail the request.
    page = (
        "<html><head><title>Release</title><style>p::after { content: '" + fault_marker("server_error") + "' }"
        "</style><script>var note = '" + fault_marker("server_error") + "'; if (a < b) { x = '</p>'; }</script>"
        "</head><body><noscript>" + fault_marker("server_error") + "</noscript><p onclick=\"alert('hi')\">"
        + GOOD + "</p><script src='x.js'></script><!-- " + fault_marker("server_error") + " --></body></html>"
    )
    (folder / "page.html").write_text(page)
    with FakeOpenAIServer() as srv:
        run_batch([folder], tmp_path / "out.jsonl", settings=_settings(srv, tmp_path))
        sent = json.dumps(srv.completions[0].body["messages"])
    record = _records(tmp_path / "out.jsonl")["page"]
    assert record.status == "ok"
    assert GOOD in sent and "fault:" not in sent and "alert" not in sent and "var note" not in sent


def test_same_id_in_two_folders_is_an_error_record_under_a_new_id(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "same.txt").write_text(f"{GOOD} Folder {name}.")
    with FakeOpenAIServer() as srv:
        run_batch([tmp_path / "a", tmp_path / "b"], tmp_path / "out.jsonl", settings=_settings(srv, tmp_path))
    records = _records(tmp_path / "out.jsonl")
    assert set(records) == {"same", "same~2"}
    assert records["same"].status == "ok"
    assert "duplicate article id 'same'" in _reason(records["same~2"])


def test_identical_text_under_two_ids_gives_two_records_from_one_model_call(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("wire-copy-1", "wire-copy-2", "wire-copy-3"):
        (folder / f"{name}.txt").write_text(GOOD)
    with FakeOpenAIServer(latency=0.2) as srv:  # all three are in flight at once
        summary = run_batch([folder], tmp_path / "out.jsonl", settings=_settings(srv, tmp_path, concurrency=4))
        assert len(srv.completions) == 1
    records = _records(tmp_path / "out.jsonl")
    assert set(records) == {"wire-copy-1", "wire-copy-2", "wire-copy-3"}
    assert all(r.status == "ok" for r in records.values())
    assert len({r.model_dump_json(include={"event"}) for r in records.values()}) == 1
    assert (summary.ok, summary.cached, summary.model_calls) == (3, 2, 1)


def _unblock_fifo_reader(fifo: Path, stop: threading.Event) -> None:
    """After 3 s, open the FIFO's write end if a reader is stuck on it, so a regression fails, not hangs."""
    if stop.wait(3):
        return
    while not stop.is_set():
        try:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))  # succeeds only once a reader waits
            return
        except OSError:
            time.sleep(0.05)


def test_unreadable_paths_named_explicitly_are_error_records(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # reading it would block forever: must be refused, not opened for a blocking read
    stop = threading.Event()
    threading.Thread(target=_unblock_fifo_reader, args=(fifo, stop), daemon=True).start()
    dangling = tmp_path / "dangling.txt"
    os.symlink(tmp_path / "nowhere.txt", dangling)
    loop = tmp_path / "loop.txt"
    os.symlink(loop, loop)
    too_long = tmp_path / ("n" * 300 + ".txt")
    folder_named_txt = tmp_path / "notes.jsonl"
    folder_named_txt.mkdir()
    started = time.monotonic()
    try:
        items = {i.id: i for i in iter_articles([fifo, dangling, loop, too_long, tmp_path / "missing.txt"])}
    finally:
        stop.set()
    assert time.monotonic() - started < 2  # the FIFO did not block the reader
    reasons = {k: str(v.error) for k, v in items.items() if isinstance(v, InputFailure)}
    assert set(reasons) == set(items) == {"pipe", "dangling", "loop", "n" * 300, "missing"}
    assert "not a regular file" in reasons["pipe"]
    assert "No such file" in reasons["dangling"]
    assert "symbolic links" in reasons["loop"]
    assert "name too long" in reasons["n" * 300]
    assert "does not exist" in reasons["missing"]
    assert list(iter_articles([folder_named_txt])) == []  # a folder is walked, not read


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_file_without_read_permission_is_an_error_record(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD)
    locked.chmod(0)
    [item] = list(iter_articles([locked]))
    assert isinstance(item, InputFailure) and "Permission denied" in str(item.error)


def test_permission_denied_while_reading_is_an_error_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same path as above, simulated (tests run as root, for whom chmod 000 blocks nothing)."""
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD)
    (tmp_path / "open.txt").write_text(GOOD)
    real_open = os.open

    def deny(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", deny)
    items = {i.id: i for i in iter_articles([tmp_path])}
    assert isinstance(items["open"], Article)
    locked_item = items["locked"]
    assert isinstance(locked_item, InputFailure)
    assert str(locked_item.error) == f"cannot read {locked}: Permission denied"


def test_hostile_ids_and_file_names_are_data_and_write_nothing_outside_the_output(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    hostile = ["../../escape", "/etc/passwd", "a/b/../../c", "..", "~root", "con", "x\u202etxt.exe", "nul\x00byte"]
    with (inputs / "batch.jsonl").open("w", encoding="utf-8") as handle:
        for i, article_id in enumerate(hostile):
            handle.write(json.dumps({"id": article_id, "text": f"{GOOD} Case {i}."}) + "\n")
    (inputs / "weird name; rm -rf ~.txt").write_text(GOOD + " Odd file name.")
    out_dir = tmp_path / "out"
    before = {p for p in tmp_path.rglob("*")}
    with FakeOpenAIServer() as srv:
        run_batch([inputs], out_dir / "results.jsonl", settings=_settings(srv, tmp_path, cache=False))
        run_batch([inputs], out_dir / "results.jsonl", settings=_settings(srv, tmp_path, cache=False), resume=True)
    created = {p for p in tmp_path.rglob("*")} - before
    assert created == {out_dir, out_dir / "results.jsonl"}
    assert sorted(_records(out_dir / "results.jsonl")) == sorted([*hostile, "weird name; rm -rf ~"])
