"""What a user meets at the command line: light start-up, one-line errors, progress, tested dependency floors."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import tomllib
from click.testing import CliRunner

from extract.api import _Progress
from extract.cli import cli
from extract.pipeline import RunSummary
from extract.settings import ConfigError, Settings

ROOT = Path(__file__).resolve().parent.parent


def _modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


def test_help_imports_neither_openai_nor_instructor() -> None:
    loaded = _modules_after(
        "from extract.cli import cli\ntry:\n    cli(['--help'], standalone_mode=False)\nexcept SystemExit:\n    pass"
    )
    assert "click" in loaded
    assert not {"openai", "instructor", "extract.api", "extract.backends.openai_compat"} & loaded


def test_a_rules_only_run_imports_neither_openai_nor_instructor(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The government freed Ana Lopez on Monday, officials said.")
    loaded = _modules_after(
        "from extract.cli import cli\n"
        f"try:\n    cli(['run', {str(article)!r}, '-o', {str(tmp_path / 'o.jsonl')!r}, '--strategy', 'hybrid', "
        f"'--hybrid-questions', 'none', '--cache-dir', {str(tmp_path / 'c')!r}], standalone_mode=False)\n"
        "except SystemExit:\n    pass"
    )
    assert (tmp_path / "o.jsonl").read_text().count("\n") == 1
    assert not {"openai", "instructor"} & loaded


def test_model_without_a_base_url_needs_openais_key_or_says_so_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="needs --base-url"):
        Settings.load({"model": "gpt-4o-mini"}, env={"HOME": str(tmp_path)})
    settings = Settings.load({"model": "gpt-4o-mini"}, env={"HOME": str(tmp_path), "OPENAI_API_KEY": "sk-x"})
    assert settings.base_url == "https://api.openai.com/v1" and not settings.embedded
    result = CliRunner().invoke(cli, ["run", str(tmp_path), "-o", str(tmp_path / "o.jsonl"), "--model", "m"],
                                env={"OPENAI_API_KEY": "", "OPENAI_BASE_URL": "", "HOME": str(tmp_path)})
    assert result.exit_code == 2 and "needs --base-url" in result.output


def test_none_leaves_sampling_parameters_out() -> None:
    settings = Settings.load({"temperature": "none", "seed": "none", "max_tokens": "none"}, env={})
    assert (settings.temperature, settings.seed, settings.max_tokens) == (None, None, None)
    with pytest.raises(ConfigError, match="seed"):
        Settings.load({"seed": "lots"}, env={})


def test_without_a_terminal_progress_is_one_line_every_interval(monkeypatch: pytest.MonkeyPatch) -> None:
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    summary = RunSummary(ok=3, failed=1)
    progress = _Progress(summary, 10, enabled=True, every=0.0)
    progress.update()
    progress.close()
    assert err.getvalue().strip() == "progress: 4/10 articles, 3 ok, 1 failed"
    quiet = _Progress(summary, 10, enabled=True, every=3600.0)
    quiet.update()
    assert err.getvalue().count("progress:") == 1


def test_the_lowest_tested_versions_are_the_lowest_pyproject_allows() -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    floors = {m.group(1): m.group(2) for d in declared if (m := re.match(r"(instructor|openai)>=([\d.]+)", d))}
    low = re.search(r"^LOW_DEPS := (.+)$", (ROOT / "Makefile").read_text(), re.M)
    assert low is not None
    tested = dict(item.split("==") for item in low.group(1).split())
    assert tested == {"instructor": floors["instructor"], "openai": floors["openai"] + ".0"}


def test_an_article_named_as_results_is_one_line_naming_the_problem_and_exit_5(tmp_path: Path) -> None:
    from extract.cli import cli

    article = tmp_path / "story.txt"
    article.write_text("Ruritania freed the teacher Nina Roos on Monday.\n", encoding="utf-8")
    wrong = tmp_path / "articles.jsonl"  # an input file, not results: valid JSON without a record's keys
    wrong.write_text('{"id": "a1", "text": "Ruritania freed Nina Roos."}\n', encoding="utf-8")
    gold = ROOT / "evals" / "gold"
    for results, problem in ((article, "Invalid JSON"), (wrong, "status: Field required")):
        for args in (["view", str(results), "-o", str(tmp_path / "v.html")],
                     ["eval", str(results), "--gold", str(gold)],
                     ["merge", str(results), "-o", str(tmp_path / "m.json")]):
            result = CliRunner().invoke(cli, args)
            assert result.exit_code == 5, (args, result.output)
            lines = result.output.strip().splitlines()
            assert len(lines) == 1 and "is not a result record" in lines[0] and problem in lines[0], lines
            assert "validation error for Record" not in lines[0]


class _ZeroColumnTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return 2


def test_a_terminal_of_zero_columns_gets_progress_lines_not_an_invisible_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    err = _ZeroColumnTerminal()
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr("os.get_terminal_size", lambda fd: os.terminal_size((0, 0)))
    progress = _Progress(RunSummary(ok=2), 5, enabled=True, every=0.0)
    progress.update()
    progress.close()
    assert err.getvalue().strip() == "progress: 2/5 articles, 2 ok, 0 failed"
