"""The HTML view: well-formed, highlights the grounded spans, escapes article text, and its command."""

from __future__ import annotations

import html.parser
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from extract.cli_view import view_command
from extract.grounding import ground
from extract.io import text_sha256
from extract.schema import ErrorInfo, EventEvidence, Grounding, Person, Record, ReleaseEvent, Span
from extract.view import highlight, render_view, write_view

ARTICLE = (
    "Officials in Ruritania said on Friday that 12 detainees had been pardoned by President Ida Vence.\n"
    "Among them was the poet Tomasz Gałuza, whose wife said: “He is coming home — at last.”\n"
    "<script>alert('x')</script> & other markup must stay text.\n"
)
VOID = {"meta", "br", "input", "hr", "img", "link"}


class Checker(html.parser.HTMLParser):
    """Checks that every element is closed in order, and collects the text inside <mark>s."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.marks: list[tuple[str, str]] = []  # (class, text)
        self.scripts = 0
        self.article_text: list[str] = []
        self._article_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        cls = dict(attrs).get("class") or ""
        if tag == "mark":
            if "mark" in self.stack:
                self.errors.append("nested mark")
            self.marks.append((cls, ""))
        if tag == "script":
            self.scripts += 1
        if self._article_depth:
            self._article_depth += 1
        elif tag == "div" and cls == "article":
            self._article_depth = 1
            self.article_text.append("")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()
        if self._article_depth:
            self._article_depth -= 1

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] == "mark":
            cls, text = self.marks[-1]
            self.marks[-1] = (cls, text + data)
        if self._article_depth:
            self.article_text[-1] += data


def check(page: str) -> Checker:
    checker = Checker()
    checker.feed(page)
    checker.close()
    assert checker.errors == []
    assert checker.stack == []
    return checker


def event() -> ReleaseEvent:
    return ReleaseEvent(
        releasing_country="Ruritania",
        releasing_authority="President Ida Vence",
        released_count=12,
        people=[
            Person(name="Tomasz Galuza", status="released", evidence="the poet Tomasz Gałuza"),
            Person(name="Ida Vence", status="official"),
            Person(name="Invented Releasee", status="released", evidence="Invented Releasee walked free"),
        ],
        evidence=EventEvidence(
            released_count="12 detainees had been pardoned",
            releasing_authority="pardoned by President Ida Vence",
        ),
    )


def record(rid: str, text: str, ev: ReleaseEvent | None = None, policy: str = "flag", **kw: object) -> Record:
    ev = ev if ev is not None else event()
    out, grounding = ground(ev, text, policy)  # type: ignore[arg-type]
    fields: dict[str, object] = {
        "id": rid, "status": "ok", "event": out, "model": "m", "strategy": "single", "prompt_version": "p1",
        "sha256": text_sha256(text), "grounding": grounding,
    }
    fields.update(kw)
    return Record.model_validate(fields)


def error_record(rid: str) -> Record:
    return Record(
        id=rid, status="error", error=ErrorInfo(type="model_error", message="server said <busy> & gave up"),
        model="m", strategy="single", prompt_version="p1", sha256="0" * 64,
    )


def test_page_is_well_formed_and_highlights_spans() -> None:
    page = render_view([record("a1", ARTICLE)], {"a1": ARTICLE})
    checker = check(page)
    texts = {text for _, text in checker.marks}
    assert "the poet " in texts  # quote part before the name inside it
    assert any("Tomasz Gałuza" == text for text in texts)
    assert "12 detainees had been " in texts or "12 detainees had been pardoned" in "".join(texts)
    classes = " ".join(cls for cls, _ in checker.marks)
    assert "q-exact" in classes and "n-fuzzy" in classes and "n-exact" in classes
    # the article survives the highlighting character for character
    assert checker.article_text == [ARTICLE]


def test_article_markup_is_escaped() -> None:
    page = render_view([record("a1", ARTICLE)], {"a1": ARTICLE})
    checker = check(page)
    assert checker.scripts == 1  # only the page's own script
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; other" in page


def test_ungrounded_people_and_missing_values_stand_out() -> None:
    page = render_view([record("a1", ARTICLE)], {"a1": ARTICLE})
    assert 'class="ungrounded" data-path="people[2].name"' in page
    assert "UNGROUNDED" in page
    assert "Not found in the article" in page and "Invented Releasee walked free" in page
    assert 'data-problem="1"' in page


def test_drop_policy_lists_dropped_people() -> None:
    page = render_view([record("a1", ARTICLE, policy="drop")], {"a1": ARTICLE})
    check(page)
    assert "dropped person</b> Invented Releasee" in page


def test_error_records_show_their_reason() -> None:
    page = render_view([error_record("bad<1>")], {})
    check(page)
    assert "model_error" in page and "server said &lt;busy&gt; &amp; gave up" in page
    assert "bad&lt;1&gt;" in page


def test_overlapping_spans_give_flat_marks() -> None:
    text = "abcdefghij klmnop"
    spans = [
        Span(path="evidence.quid_pro_quo", query="abcdef", status="exact", start=0, end=6, text="abcdef"),
        Span(path="people[0].evidence", query="defghi", status="fuzzy", start=3, end=9, text="defghi", score=0.9),
        Span(path="people[0].name", query="cde", status="exact", start=2, end=5, text="cde"),
        Span(path="people[1].name", query="x", status="not_found"),
        Span(path="people[2].name", query="bad", status="exact", start=15, end=99, text=None),  # out of range
    ]
    body = highlight(text, spans)
    checker = check(f"<div class=\"article\">{body}</div>")
    assert checker.article_text == [text]
    assert [t for _, t in checker.marks] == ["ab", "c", "de", "f", "ghi"]
    assert "multi" in checker.marks[2][0]


def test_missing_or_stale_grounding_is_recomputed() -> None:
    plain = record("a1", ARTICLE).model_copy(update={"grounding": None})
    page = render_view([plain], {"a1": ARTICLE})
    assert "computed for this view" in page and "<mark" in page
    edited = "Breaking. " + ARTICLE
    page = render_view([record("a1", ARTICLE)], {"a1": edited})
    checker = check(page)
    assert "spans recomputed" in page
    assert checker.article_text == [edited]
    assert "Tomasz Gałuza" in {t for _, t in checker.marks}


def test_record_without_article_text() -> None:
    page = render_view([record("a1", ARTICLE)], {})
    check(page)
    assert "Article text not available" in page


def test_view_never_reads_a_file_named_by_a_records_source(tmp_path: Path) -> None:
    secret = tmp_path / "private" / "notes.txt"
    secret.parent.mkdir()
    secret.write_text("SECRET-CONTENT of a local file", encoding="utf-8")
    results, articles = write_results(tmp_path)
    # an untrusted results file names that file as the source of an article whose id it bears
    hostile = record("notes", "SECRET-CONTENT of a local file", source=str(secret))
    with results.open("a", encoding="utf-8") as handle:
        handle.write(hostile.model_dump_json() + "\n")

    for roots in ([], [articles]):
        shown = write_view(results, roots, tmp_path / "view.html")
        assert "SECRET-CONTENT" not in shown.path.read_text(encoding="utf-8")
        assert "notes" in shown.missing  # the record is shown, its "article" is not read
    runner = CliRunner()
    done = runner.invoke(view_command, [str(results), "-o", str(tmp_path / "cli.html")])
    assert done.exit_code == 0 and "pass the article files or folders" in done.output


def write_results(tmp_path: Path) -> tuple[Path, Path]:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a1.txt").write_text(ARTICLE, encoding="utf-8")
    results = tmp_path / "results.jsonl"
    lines = [record("a1", ARTICLE, source=str(articles / "a1.txt")), error_record("e1")]
    results.write_text("".join(r.model_dump_json() + "\n" for r in lines), encoding="utf-8")
    return results, articles


def test_write_view_and_command(tmp_path: Path) -> None:
    results, articles = write_results(tmp_path)
    out = write_view(results, [articles], tmp_path / "out" / "view.html")
    assert out.records == 2 and out.missing == ("e1",)
    assert "Tomasz Gałuza</mark>" in out.path.read_text(encoding="utf-8")

    runner = CliRunner()
    target = tmp_path / "cli.html"
    done = runner.invoke(view_command, [str(results), str(articles), "-o", str(target)])
    assert done.exit_code == 0, done.output
    assert "wrote" in done.output
    check(target.read_text(encoding="utf-8"))
    assert "Tomasz Gałuza</mark>" in target.read_text(encoding="utf-8")

    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    failed = runner.invoke(view_command, [str(bad), "-o", str(tmp_path / "x.html")])
    assert failed.exit_code != 0 and "not a result record" in failed.output


def test_grounding_record_round_trips_through_json() -> None:
    rec = record("a1", ARTICLE)
    again = Record.model_validate_json(rec.model_dump_json())
    assert isinstance(again.grounding, Grounding)
    assert render_view([again], {"a1": ARTICLE}) == render_view([rec], {"a1": ARTICLE})


# .ci/run installs chromium and sets this, so that in CI a missing browser fails the test instead of
# skipping it (read at import: the autouse fixture clears EXTRACT_* variables before each test).
BROWSER_REQUIRED = os.environ.get("EXTRACT_REQUIRE_BROWSER") == "1"


def test_page_renders_in_headless_chromium(tmp_path: Path) -> None:
    if shutil.which("chromium") is None:
        if BROWSER_REQUIRED:
            pytest.fail("chromium is not installed but EXTRACT_REQUIRE_BROWSER=1 (apt-get install chromium)")
        pytest.skip("chromium is not installed")
    results, articles = write_results(tmp_path)
    page = write_view(results, [articles], tmp_path / "view.html").path
    shot = tmp_path / "view.png"
    subprocess.run(
        [
            "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}", "--window-size=1400,1000",
            page.as_uri(),
        ],
        check=True, capture_output=True, timeout=120,
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 10_000  # more than a blank page
