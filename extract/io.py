"""Reading articles from files and folders, and writing result records as JSONL.

Readers never raise for one bad input: they yield an `InputFailure` that becomes that
article's error record (type `input_error`, a one-line reason), and go on with the rest.

Input policy:
- Supported files: .txt .md .html .htm (one article each, id = file name without extension) and
  .jsonl (one article a line, `{"id": ..., "text": ...}`). Folders are read recursively, sorted;
  hidden files and other extensions in folders are skipped; a path named explicitly with another
  extension is an error record.
- Size: an article (a file, or one .jsonl line) over `MAX_ARTICLE_BYTES` (5 MiB) is an error
  record saying so; it is never truncated (a cut article would give a silently wrong record) and
  never read whole into memory: at most 5 MiB + 1 byte is read. A .jsonl file itself may be any
  size: it is streamed line by line.
- Empty or whitespace-only, binary (NUL bytes), non-UTF-8 (the offending byte and offset are named)
  and HTML without visible text are error records. HTML keeps only visible text: script, style,
  noscript, template, head, svg and iframe content never reaches the model.
- Unreadable paths (missing, permission denied, a name too long, a FIFO, device or other non-regular
  file) are error records; a FIFO is never opened for a blocking read.
- Duplicates: a second article with an id already seen (the same file name in two folders, or a
  repeated .jsonl id) is an error record under `<id>~2` (`~3`, ...), so no record is overwritten.
  The same text under two different ids is two articles with two records; the backend asks the
  model once for both (the second is an in-flight or cache hit).
- Names: article ids and file names are data in records, never paths: the only files written are
  the output file given by the user and its `.tmp` sibling during `--resume` compaction.

Output protocol: each record is one whole JSON line written with a single `os.write` on a file
opened for appending, so a crash or `kill -9` at any moment leaves every finished record intact;
a torn last line (a write cut by a full disk or power loss) is detected and cut off when the file
is read back for `--resume`.
"""

from __future__ import annotations

import contextlib
import hashlib
import html.parser
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from .errors import InputError
from .records import Record

__all__ = [
    "MAX_ARTICLE_BYTES",
    "SUPPORTED_SUFFIXES",
    "Article",
    "InputFailure",
    "RecordWriter",
    "ResumeFilter",
    "compact_for_resume",
    "expand_paths",
    "file_sha256",
    "html_to_text",
    "iter_articles",
    "iter_records",
    "keep_last_record",
    "read_records",
    "record_schema_name",
]

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")
MAX_ARTICLE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Article:
    """One article: its id (file name without extension, or the `id` field of a .jsonl line)."""

    id: str
    text: str
    source: str | None = None

    @property
    def sha256(self) -> str:
        return text_sha256(self.text)


@dataclass(frozen=True)
class InputFailure:
    """An input that could not be read; it still gets exactly one (error) record."""

    id: str
    error: InputError
    source: str | None = None
    sha256: str = ""


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class _TextExtractor(html.parser.HTMLParser):
    _SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe"})
    _BLOCK = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "blockquote", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Visible text of an HTML page: scripts, styles and the head dropped, blocks on their own lines."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def decode_text(data: bytes, what: str) -> str:
    """Decode article bytes as UTF-8, or raise InputError with a one-line reason."""
    if not data.strip():
        raise InputError(f"{what} is empty")
    if b"\x00" in data[:8192]:
        raise InputError(f"{what} is a binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{what} is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from exc
    if not text.strip():
        raise InputError(f"{what} has no text")
    return text


def _too_large(what: str, size: int | None = None) -> InputError:
    amount = f"is {size / 1_048_576:.1f} MiB, over" if size is not None else "is over"
    return InputError(f"{what} {amount} the {MAX_ARTICLE_BYTES // 1_048_576} MiB article limit (not truncated)")


def _open_regular(path: Path) -> tuple[int, int]:
    """(fd, size) of a regular file opened for reading; InputError for a FIFO, device or folder.

    O_NONBLOCK makes opening a FIFO return at once instead of waiting for a writer.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise InputError(f"{path} is {kind}")
    except BaseException:
        os.close(fd)
        raise
    return fd, info.st_size


def _read_bytes(path: Path) -> bytes:
    """The file's bytes; InputError over MAX_ARTICLE_BYTES (never reads more than the limit + 1)."""
    fd, size = _open_regular(path)
    with open(fd, "rb") as handle:
        if size > MAX_ARTICLE_BYTES:
            raise _too_large(str(path), size)
        data = handle.read(MAX_ARTICLE_BYTES + 1)
    if len(data) > MAX_ARTICLE_BYTES:  # grew after the size check
        raise _too_large(str(path))
    return data


def _cannot_read(path: Path, exc: OSError) -> InputFailure:
    return InputFailure(id=path.stem or str(path), error=InputError(f"cannot read {path}: {exc.strerror or exc}"),
                        source=str(path))


def _read_file(path: Path) -> Iterator[Article | InputFailure]:
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _read_jsonl(path)
        return
    try:
        if suffix not in SUPPORTED_SUFFIXES:
            raise InputError(f"{path} has an unsupported extension (use {', '.join(SUPPORTED_SUFFIXES)})")
        text = decode_text(_read_bytes(path), str(path))
        if suffix in (".html", ".htm"):
            text = html_to_text(text)
            if not text:
                raise InputError(f"{path} has no visible text")
        yield Article(id=path.stem, text=text, source=str(path))
    except InputError as exc:
        yield InputFailure(id=path.stem, error=exc, source=str(path))
    except OSError as exc:
        yield _cannot_read(path, exc)


def _read_jsonl(path: Path) -> Iterator[Article | InputFailure]:
    try:
        fd, _ = _open_regular(path)
    except InputError as exc:
        yield InputFailure(id=path.stem, error=exc, source=str(path))
        return
    except OSError as exc:
        yield _cannot_read(path, exc)
        return
    with open(fd, "rb") as handle:
        lineno = 0
        while True:
            raw = handle.readline(MAX_ARTICLE_BYTES + 1)
            if not raw:
                return
            lineno += 1
            where = f"{path}:{lineno}"
            fallback_id = f"{path.stem}:{lineno}"
            if len(raw) > MAX_ARTICLE_BYTES and not raw.endswith(b"\n"):
                while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass  # skip the rest of the over-long line without holding it
                yield InputFailure(id=fallback_id, error=_too_large(f"line {where}"), source=where)
                continue
            if not raw.strip():
                continue
            try:
                line = decode_text(raw, where)
                obj = json.loads(line)
                if not isinstance(obj, dict):
                    raise InputError(f"{where} is not a JSON object")
                art_id = obj.get("id")
                if not isinstance(art_id, (str, int)) or str(art_id).strip() == "":
                    raise InputError(f"{where} has no 'id' field")
                fallback_id = str(art_id)
                text = obj.get("text")
                if not isinstance(text, str) or not text.strip():
                    raise InputError(f"{where} (id {art_id}) has no 'text' field with text")
                yield Article(id=str(art_id), text=text, source=where)
            except json.JSONDecodeError as exc:
                yield InputFailure(id=fallback_id, error=InputError(f"{where} is not valid JSON: {exc.msg}"), source=where)
            except InputError as exc:
                yield InputFailure(id=fallback_id, error=exc, source=where)


def expand_paths(paths: Iterable[Path | str]) -> Iterator[Path]:
    """Files named in `paths`, folders expanded (recursively, sorted, supported extensions only).

    A path that cannot be inspected (a name too long, no permission on a parent) is yielded as is,
    for the reader to turn into an error record.
    """
    for raw in paths:
        path = Path(raw)
        try:
            is_dir = path.is_dir()
        except OSError:
            is_dir = False
        if not is_dir:
            yield path
            continue
        for child in sorted(path.rglob("*")):
            try:
                wanted = child.suffix.lower() in SUPPORTED_SUFFIXES and not child.name.startswith(".")
                if wanted and child.is_file():
                    yield child
            except OSError:
                yield child


def iter_articles(paths: Iterable[Path | str]) -> Iterator[Article | InputFailure]:
    """Articles from files and folders (recursively, sorted), lazily, one item per article.

    Ids are unique in what is yielded: a second article with an id already seen is reported as
    an InputFailure under `<id>~2` (`~3`, ...), so that no record is lost or overwritten.
    """
    seen: dict[str, str] = {}
    for path in expand_paths(paths):
        try:
            exists = path.exists() or path.is_symlink()
        except OSError as exc:  # e.g. a file name too long
            yield _cannot_read(path, exc)
            continue
        if not exists:
            yield InputFailure(id=path.stem or str(path), error=InputError(f"{path} does not exist"), source=str(path))
            continue
        for item in _read_file(path):
            if item.id in seen:
                n = 2
                while f"{item.id}~{n}" in seen:
                    n += 1
                new_id = f"{item.id}~{n}"
                seen[new_id] = item.source or ""
                yield InputFailure(
                    id=new_id,
                    error=InputError(f"duplicate article id {item.id!r} ({item.source}; first seen in {seen[item.id]})"),
                    source=item.source,
                )
                continue
            seen[item.id] = item.source or ""
            yield item


class RecordWriter:
    """Appends records as whole JSON lines, one `os.write` each, flushed to the OS at once."""

    def __init__(self, path: Path | str, *, append: bool = False) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | (0 if append else os.O_TRUNC)
        if append:
            _cut_torn_tail(self.path)
        self._fd = os.open(self.path, flags, 0o644)

    def write(self, record: Record) -> None:
        data = (record.model_dump_json() + "\n").encode("utf-8")
        view = memoryview(data)
        while view:
            written = os.write(self._fd, view)
            view = view[written:]

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def __enter__(self) -> RecordWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _cut_torn_tail(path: Path) -> None:
    """Remove a last line that has no newline (a torn write)."""
    if not path.exists():
        return
    with path.open("rb+") as handle:
        handle.seek(0, os.SEEK_END)
        size = handle.tell()
        if size == 0:
            return
        handle.seek(size - 1)
        if handle.read(1) == b"\n":
            return
        pos = size - 1
        while pos > 0:
            step = min(65536, pos)
            handle.seek(pos - step)
            chunk = handle.read(step)
            idx = chunk.rfind(b"\n")
            if idx >= 0:
                handle.truncate(pos - step + idx + 1)
                return
            pos -= step
        handle.truncate(0)


def iter_records(path: Path | str, *, schema: type[BaseModel] | None = None) -> Iterator[tuple[int, Record]]:
    """(line number, record) of a results JSONL file, streamed; a torn last line (no newline) is
    skipped, any other bad line raises ValueError. `event` is validated as `schema` (default: the
    default domain's)."""
    context = {"schema": schema} if schema is not None else None
    with Path(path).open("rb") as handle:
        for lineno, raw in enumerate(handle, start=1):
            if not raw.endswith(b"\n"):  # no trailing newline: a torn write
                return
            if not raw.strip():
                continue
            try:
                yield lineno, Record.model_validate_json(raw, context=context)
            except ValueError as exc:
                raise ValueError(f"{path}:{lineno} is not a result record: {str(exc).splitlines()[0]}") from exc


def read_records(path: Path | str, *, schema: type[BaseModel] | None = None) -> list[Record]:
    """Read a results JSONL file; a torn last line is skipped, any other bad line raises ValueError."""
    return [record for _, record in iter_records(path, schema=schema)]


def record_schema_name(path: Path | str) -> str | None:
    """The `schema_name` the first record of a results file names (None: the default schema)."""
    with contextlib.suppress(OSError, ValueError), Path(path).open("rb") as handle:
        for raw in handle:
            if raw.strip():
                name = json.loads(raw).get("schema_name")
                return name if isinstance(name, str) else None
    return None


def compact_for_resume(output: Path, *, schema: type[BaseModel] | None = None) -> dict[str, str]:
    """Keep one ok record per article of an earlier run (atomic rewrite); return {id: sha256} of them.

    The last record of an id is its current state: an id whose last record is an error loses all
    its records, so that the article is processed again, and the file ends with exactly one record
    per article. The file is streamed: memory holds only ids and line numbers.
    """
    last: dict[str, tuple[int, str, bool]] = {}  # id -> (line number, sha256, ok)
    for lineno, record in iter_records(output, schema=schema):
        last[record.id] = (lineno, record.sha256, record.status == "ok")
    keep = {lineno for lineno, _, ok in last.values() if ok}
    _rewrite_lines(output, keep.__contains__)
    return {rid: sha for rid, (_, sha, ok) in last.items() if ok}


class ResumeFilter:
    """The one resume rule, shared by the local and the Ray executor.

    `open` compacts an earlier run's output (one ok record per article kept); `todo` then passes on
    only the articles still to do (new ids, changed texts, earlier errors), counting the skipped
    ones; `finish` keeps the newest record of every article whose text changed since.
    """

    def __init__(self, done: dict[str, str]) -> None:
        self.done = done
        self.skipped = 0
        self.superseded: set[str] = set()  # ids done before whose text changed (or became unreadable)

    @classmethod
    def open(cls, output: Path, *, resume: bool, schema: type[BaseModel] | None = None) -> ResumeFilter:
        return cls(compact_for_resume(output, schema=schema) if resume and output.exists() else {})

    def todo(
        self, items: Iterable[Article | InputFailure], on_skip: Callable[[], object] | None = None
    ) -> Iterator[Article | InputFailure]:
        for item in items:
            previous = self.done.get(item.id)
            if previous is not None:
                if isinstance(item, Article) and previous == item.sha256:
                    self.skipped += 1
                    if on_skip is not None:
                        on_skip()
                    continue
                self.superseded.add(item.id)
            yield item

    def finish(self, output: Path, *, schema: type[BaseModel] | None = None) -> None:
        if self.superseded:
            keep_last_record(output, self.superseded, schema=schema)


def keep_last_record(output: Path, ids: set[str], *, schema: type[BaseModel] | None = None) -> None:
    """Drop every record of `ids` but the last one (atomic rewrite)."""
    lines_of: dict[str, list[int]] = {}
    for lineno, record in iter_records(output, schema=schema):
        if record.id in ids:
            lines_of.setdefault(record.id, []).append(lineno)
    drop = {lineno for lines in lines_of.values() for lineno in lines[:-1]}
    if drop:
        _rewrite_lines(output, lambda lineno: lineno not in drop)


def _rewrite_lines(output: Path, keep: Callable[[int], bool]) -> None:
    """Atomically replace `output` by its whole lines for which `keep(line number)` (1-based) is true."""
    tmp = output.with_name(output.name + ".tmp")
    with output.open("rb") as source, tmp.open("wb") as target:
        for lineno, raw in enumerate(source, start=1):
            if raw.endswith(b"\n") and keep(lineno):
                target.write(raw)
        target.flush()
        os.fsync(target.fileno())
    os.replace(tmp, output)
    with contextlib.suppress(OSError):  # make the rename itself durable
        fd = os.open(output.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
