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
  file) are error records; a FIFO is never opened for a blocking read. In a folder, every entry that
  cannot be read is an error record too: a dangling symlink, a symlink loop, a subfolder that cannot
  be listed, a link back to a folder already read. Hidden files and folders are skipped.
- Encoding: an id, text or file name that cannot be written as UTF-8 (a lone surrogate such as
  `"\ud800"` in a .jsonl line, a file name that is not UTF-8) is an error record; its id is shown
  with escapes (`caf\xe9`).
- The run's own output file (and its lock and temporary files) is never read as input: folder walks
  skip it (matched by resolved path and by inode), and naming it explicitly is an error record.
- Duplicates: a second article with an id already seen (the same file name in two folders, or a
  repeated .jsonl id) is an error record under `<id>~2` (`~3`, ...), so no record is overwritten.
  The same text under two different ids is two articles with two records; the backend asks the
  model once for both (the second is an in-flight or cache hit).
- Names: article ids and file names are data in records, never paths: the only files written are
  the output file given by the user, its hidden lock file `.NAME.lock` and, during `--resume`
  compaction, a unique hidden temporary file `.NAME.XXXX.tmp` beside it.

Output protocol: a run holds an exclusive lock (`flock` on `.NAME.lock` beside the output's real
file) from start to end, so a second run on the same output fails at once (`OutputBusy`, exit 4)
instead of truncating or replacing the first one's file. Each record is one whole JSON line written
with a single `os.write` on a file opened for appending, so a crash or `kill -9` at any moment leaves
every finished record intact; a torn last line (a write cut by a full disk or power loss: no
newline, not whole JSON) is skipped when read and cut off for `--resume`; a whole record that only
lacks its newline is read and kept. Rewrites (`--resume` compaction)
go to a temporary file created with O_EXCL (never through a symlink placed there) in the folder of
the output's real file, which then replaces it atomically; a symlinked output stays a symlink.
A failure to write or read back the output raises `OutputError` (exit 5).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import html.parser
import json
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from .errors import InputError, OutputBusy, OutputError, ResultsFileError, writable
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
    "lock_output",
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
                yield InputFailure(id=fallback_id, error=InputError(f"{where} is not valid JSON: {_json_reason(exc)}"),
                                   source=where)
            except InputError as exc:
                yield InputFailure(id=fallback_id, error=exc, source=where)
            except (ValueError, RecursionError) as exc:  # a number over Python's digit limit, deep nesting
                reason = str(exc).split("\n")[0] or type(exc).__name__
                yield InputFailure(id=fallback_id, error=InputError(f"{where} cannot be read as JSON: {reason}"),
                                   source=where)


def _json_reason(exc: json.JSONDecodeError) -> str:
    """The decoder's reason with its column: several of its messages ("Invalid control character at")
    only make sense with the position the decoder appends after them."""
    return f"{exc.msg.removesuffix(' at')} at column {exc.colno}"


class _Excluded:
    """Files a run must not read: its output (by resolved path and by inode, so a hard link or a
    symlink to it is caught too). Identities are taken when the walk starts, after the output exists."""

    def __init__(self, paths: Iterable[Path | str]) -> None:
        self.paths: set[str] = set()
        self.inodes: set[tuple[int, int]] = set()
        for raw in paths:
            with contextlib.suppress(OSError, ValueError):
                self.paths.add(os.path.realpath(raw))
            with contextlib.suppress(OSError, ValueError):
                info = os.stat(raw)
                self.inodes.add((info.st_dev, info.st_ino))

    def __contains__(self, path: Path) -> bool:
        if not self.paths and not self.inodes:
            return False
        try:
            if os.path.realpath(path) in self.paths:
                return True
            info = os.stat(path)
        except (OSError, ValueError):
            return False
        return (info.st_dev, info.st_ino) in self.inodes


_WALK_SUFFIXES = frozenset(SUPPORTED_SUFFIXES)


def _why(exc: OSError, path: Path) -> str:
    if exc.errno == errno.ELOOP:
        return "a symlink loop"
    if exc.errno == errno.ENOENT:
        return "a dangling symlink" if os.path.islink(path) else "it no longer exists"
    return exc.strerror or type(exc).__name__


def _walk(
    paths: Iterable[Path | str], exclude: _Excluded
) -> Iterator[tuple[Path, InputError | None]]:
    """(path, None) for each file to read, (path, error) for each entry that cannot be read.

    Folders are walked depth first in name order; symlinked folders are followed, each real folder
    once (a link back to one already read is an error entry, so a cycle cannot loop).
    """
    seen: set[tuple[int, int]] = set()
    for raw in paths:
        path = Path(raw)
        try:
            is_dir = path.is_dir()
        except (OSError, ValueError):
            is_dir = False
        if is_dir:
            yield from _walk_folder(path, exclude, seen)
        elif path in exclude:
            yield path, InputError(f"{path} is this run's output file, not an input")
        else:
            yield path, None


def _walk_folder(
    folder: Path, exclude: _Excluded, seen: set[tuple[int, int]]
) -> Iterator[tuple[Path, InputError | None]]:
    try:
        info = os.stat(folder)
        key = (info.st_dev, info.st_ino)
        if key in seen:
            yield folder, InputError(f"cannot read {folder}: a link to a folder already read (a cycle)")
            return
        seen.add(key)
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        yield folder, InputError(f"cannot read folder {folder}: {_why(exc, folder)}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        suffix = path.suffix.lower()
        try:
            if entry.is_dir():  # follows a symlink
                yield from _walk_folder(path, exclude, seen)
                continue
            if suffix not in _WALK_SUFFIXES:
                if suffix == "" and entry.is_symlink():
                    os.stat(path)  # a link that may have named a folder: report it if it is broken
                continue
            if entry.is_symlink():
                os.stat(path)
        except OSError as exc:
            yield path, InputError(f"cannot read {path}: {_why(exc, path)}")
            continue
        if path in exclude:
            continue
        yield path, None


def expand_paths(paths: Iterable[Path | str], *, exclude: Iterable[Path | str] = ()) -> Iterator[Path]:
    """Files named in `paths`, folders expanded (recursively, sorted, supported extensions only).

    An entry that cannot be read (a dangling symlink, an unreadable folder, a name too long) is
    yielded too, for the reader to turn into an error record; files in `exclude` are left out.
    """
    for path, _ in _walk(paths, _Excluded(exclude)):
        yield path


def _item_writable(item: Article | InputFailure) -> Article | InputFailure:
    """`item`, or an InputFailure if its id, source or text cannot be written as UTF-8."""
    item_id, source = writable(item.id), writable(item.source) if item.source is not None else None
    if isinstance(item, InputFailure):
        if item_id == item.id and source == item.source:
            return item
        return InputFailure(id=item_id, error=item.error, source=source, sha256=item.sha256)
    where = source or item_id
    if item_id != item.id or source != item.source:
        return InputFailure(id=item_id, error=InputError(f"{where}: the file name or id is not valid UTF-8"),
                            source=source)
    try:
        item.text.encode("utf-8")
    except UnicodeEncodeError as exc:
        char = ord(item.text[exc.start])
        return InputFailure(
            id=item_id,
            error=InputError(f"{where} is not valid Unicode text (lone surrogate U+{char:04X} at character {exc.start})"),
            source=source,
        )
    return item


def iter_articles(
    paths: Iterable[Path | str], *, exclude: Iterable[Path | str] = ()
) -> Iterator[Article | InputFailure]:
    """Articles from files and folders (recursively, sorted), lazily, one item per article.

    Every item can be written as a record (ids, sources and texts encode as UTF-8). Ids are unique
    in what is yielded: a second article with an id already seen is reported as an InputFailure
    under `<id>~2` (`~3`, ...), so that no record is lost or overwritten. Files in `exclude` (the
    run's output) are never read; their identity is taken when iteration starts.
    """
    seen: dict[str, str] = {}
    for path, problem in _walk(paths, _Excluded(exclude)):
        for raw_item in _read_path(path, problem):
            item = _item_writable(raw_item)
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


def _read_path(path: Path, problem: InputError | None) -> Iterator[Article | InputFailure]:
    if problem is not None:
        yield InputFailure(id=path.stem or str(path), error=problem, source=str(path))
        return
    try:
        exists = path.exists() or path.is_symlink()
    except (OSError, ValueError) as exc:  # e.g. a file name too long, or with a NUL byte
        if isinstance(exc, OSError):
            yield _cannot_read(path, exc)
        else:
            yield InputFailure(id=path.stem or str(path), error=InputError(f"cannot read {path}: {exc}"),
                               source=str(path))
        return
    if not exists:
        yield InputFailure(id=path.stem or str(path), error=InputError(f"{path} does not exist"), source=str(path))
        return
    yield from _read_file(path)


class RecordWriter:
    """Appends records as whole JSON lines, one `os.write` each, flushed to the OS at once.

    Any failure to open or write the file (disk full, no permission) raises `OutputError`.
    """

    def __init__(self, path: Path | str, *, append: bool = False) -> None:
        self.path = Path(path)
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | (0 if append else os.O_TRUNC) | getattr(os, "O_CLOEXEC", 0)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if append:
                _cut_torn_tail(self.path)
            self._fd = os.open(self.path, flags, 0o644)
        except OSError as exc:
            raise OutputError(f"cannot write {self.path}: {exc.strerror or exc}") from exc

    def write(self, record: Record) -> None:
        data = (record.model_dump_json() + "\n").encode("utf-8")
        view = memoryview(data)
        try:
            while view:
                written = os.write(self._fd, view)
                view = view[written:]
        except OSError as exc:
            raise OutputError(f"cannot write {self.path}: {exc.strerror or exc}") from exc

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def __enter__(self) -> RecordWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextlib.contextmanager
def lock_output(output: Path | str) -> Iterator[Path]:
    """Hold an exclusive lock on `output` for the duration of the block (yields the lock file's path).

    The lock is `flock` on `.NAME.lock` beside the output's real file (a symlinked output and its
    target share one lock); the kernel releases it when the process ends, however it ends. The
    lock file is opened without following a symlink and removed on exit; a lock taken on a file
    that was removed meanwhile is retaken on the new one, so two runs never both hold it.
    Raises OutputBusy if another run holds the lock, OutputError if the lock file cannot be created.
    """
    target = Path(os.path.realpath(output))
    lock_path = target.parent / f".{target.name}.lock"
    fd = _take_lock(output, lock_path)
    try:
        yield lock_path
    finally:
        with contextlib.suppress(OSError):
            lock_path.unlink()  # while still holding it: a waiting run then retakes a fresh file
        os.close(fd)


def _take_lock(output: Path | str, lock_path: Path) -> int:
    for _ in range(100):
        try:
            lock_path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0), 0o644)
        except OSError as exc:
            raise OutputError(f"cannot create the lock file {lock_path}: {exc.strerror or exc}") from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            held, named = os.fstat(fd), os.stat(lock_path, follow_symlinks=False)
        except BlockingIOError:
            os.close(fd)
            raise OutputBusy(
                f"{output} is being written by another extract run (it holds {lock_path}); "
                "wait for it to finish or choose another output"
            ) from None
        except FileNotFoundError:  # removed by the run that held it, just now: take the new one
            os.close(fd)
            continue
        except OSError as exc:
            os.close(fd)
            raise OutputError(f"cannot lock {lock_path}: {exc.strerror or exc}") from exc
        if (held.st_dev, held.st_ino) == (named.st_dev, named.st_ino):
            return fd
        os.close(fd)  # the file was replaced after we opened it: lock the one now there
    raise OutputError(f"cannot lock {lock_path}: it keeps being replaced")


def _is_torn(raw: bytes) -> bool:
    """A last line with no newline that is not a whole JSON value: a write cut by a full disk or a
    power loss. (A whole record without its newline, from another tool or an editor, is kept.)"""
    try:
        json.loads(raw)
    except ValueError:
        return True
    return False


def _cut_torn_tail(path: Path) -> None:
    """Remove a last line that has no newline and is not whole (a torn write); end a whole one with
    its newline, so the next record starts a line of its own."""
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
        start, pos = 0, size - 1
        while pos > 0:
            step = min(65536, pos)
            handle.seek(pos - step)
            idx = handle.read(step).rfind(b"\n")
            if idx >= 0:
                start = pos - step + idx + 1
                break
            pos -= step
        handle.seek(start)
        if _is_torn(handle.read()):
            handle.truncate(start)
        else:
            handle.seek(size)
            handle.write(b"\n")


def iter_records(path: Path | str, *, schema: type[BaseModel] | None = None) -> Iterator[tuple[int, Record]]:
    """(line number, record) of a results JSONL file, streamed; a torn last line (no newline) is
    skipped, any other bad line raises ResultsFileError (a ValueError; exit 5 in the CLI). `event` is validated as `schema` (default: the
    default domain's)."""
    context = {"schema": schema} if schema is not None else None
    with Path(path).open("rb") as handle:
        for lineno, raw in enumerate(handle, start=1):
            if not raw.endswith(b"\n") and _is_torn(raw):  # a write cut short: skipped
                return
            if not raw.strip():
                continue
            try:
                record = Record.model_validate_json(raw, context=context)
            except ValueError as exc:
                raise ResultsFileError(
                    f"{path}:{lineno} is not a result record ({_first_problem(exc)}); "
                    "a results file is the .jsonl that `extract run` writes"
                ) from exc
            yield lineno, record


def _first_problem(exc: ValueError) -> str:
    """The first thing wrong with a line, where it is: `id: Field required`, `Invalid JSON: ...`."""
    if isinstance(exc, ValidationError) and exc.errors():
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        return f"{where}: {first['msg']}" if where else str(first["msg"])
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


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

    A line that is not a record (other than a torn last line) raises OutputError: nothing is dropped.

    The last record of an id is its current state: an id whose last record is an error loses all
    its records, so that the article is processed again, and the file ends with exactly one record
    per article. The file is streamed: memory holds only ids and line numbers.
    """
    last: dict[str, tuple[int, str, bool]] = {}  # id -> (line number, sha256, ok)
    try:
        for lineno, record in iter_records(output, schema=schema):
            last[record.id] = (lineno, record.sha256, record.status == "ok")
    except ValueError as exc:
        raise OutputError(f"cannot resume: {exc}; fix or remove that line, or write to a new output") from exc
    except OSError as exc:
        raise OutputError(f"cannot read {output} to resume: {exc.strerror or exc}") from exc
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
    """Atomically replace `output` by its whole lines for which `keep(line number)` (1-based) is true.

    The new content goes to a unique temporary file created with O_EXCL in the folder of the
    output's real file (so a symlink placed at a predictable name is never followed, and a
    symlinked output keeps pointing at its file), with the old file's permissions; then it
    replaces the real file in one rename.
    """
    target = Path(os.path.realpath(output))
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"cannot create a temporary file beside {target}: {exc.strerror or exc}") from exc
    tmp = Path(tmp_name)
    try:
        with open(fd, "wb") as sink, target.open("rb") as source:
            with contextlib.suppress(OSError):
                os.fchmod(sink.fileno(), stat.S_IMODE(os.fstat(source.fileno()).st_mode))
            for lineno, raw in enumerate(source, start=1):
                if raw.endswith(b"\n") and keep(lineno):
                    sink.write(raw)
            sink.flush()
            os.fsync(sink.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise OutputError(f"cannot rewrite {output}: {exc.strerror or exc}") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
