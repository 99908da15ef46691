from __future__ import annotations

from pathlib import Path

import pytest

from extract.settings import ConfigError, Settings


def test_flags_win_over_environment_which_wins_over_config_file(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('model = "from-file"\nconcurrency = 3\nbase_url = "http://127.0.0.1:1/v1"\n')
    env = {"EXTRACT_MODEL": "from-env", "OPENAI_BASE_URL": "http://127.0.0.1:2/v1"}
    s = Settings.load({"model": "from-flag", "strategy": None}, env=env, config_file=config)
    assert s.model == "from-flag"
    assert s.base_url == "http://127.0.0.1:2/v1"
    assert s.concurrency == 3


def test_no_base_url_means_embedded_and_hybrid() -> None:
    s = Settings.load({}, env={})
    assert s.embedded and s.effective_strategy == "hybrid"


def test_a_base_url_defaults_to_the_single_strategy() -> None:
    s = Settings.load({"base_url": "http://127.0.0.1:9/v1"}, env={})
    assert not s.embedded and s.effective_strategy == "single"


def test_settings_are_frozen() -> None:
    s = Settings()
    with pytest.raises(AttributeError):
        s.model = "x"  # type: ignore[misc]


def test_api_key_is_not_in_repr() -> None:
    assert "sekrit" not in repr(Settings(api_key="sekrit"))


def test_unknown_key_in_config_file_is_an_error(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("modle = 'typo'\n")
    with pytest.raises(ConfigError, match="modle"):
        Settings.load({}, env={}, config_file=config)


def test_bad_values_name_the_setting() -> None:
    with pytest.raises(ConfigError, match="concurrency"):
        Settings.load({}, env={"EXTRACT_CONCURRENCY": "many"})
    with pytest.raises(ConfigError, match="strategy"):
        Settings.load({"strategy": "magic"}, env={})


def test_default_cache_dir_follows_xdg(tmp_path: Path) -> None:
    s = Settings.load({}, env={"XDG_CACHE_HOME": str(tmp_path)})
    assert s.cache_dir == tmp_path / "extract"


def test_hybrid_questions_come_comma_separated_from_the_environment_and_are_checked() -> None:
    settings = Settings.load(env={"EXTRACT_HYBRID_QUESTIONS": "released_count, releasing_country"})
    assert settings.hybrid_questions == ("released_count", "releasing_country")
    with pytest.raises(ConfigError, match="hybrid_questions"):
        Settings.load(env={"EXTRACT_HYBRID_QUESTIONS": "favourite_colour"})


def test_the_hybrid_worker_count_is_a_setting_a_flag_and_reaches_the_strategy(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from extract.cli import cli
    from extract.domains.release import DOMAIN

    assert DOMAIN.strategies["hybrid"](Settings(workers=2, hybrid_questions=())).workers == 2  # type: ignore[attr-defined]
    assert DOMAIN.strategies["hybrid"](Settings(hybrid_questions=())).workers is None  # type: ignore[attr-defined]
    assert Settings.load({"workers": 1}, env={}, config_file=None).workers == 1
    assert Settings.load(env={"EXTRACT_WORKERS": "3"}, config_file=None).workers == 3
    with pytest.raises(ConfigError, match="workers must be at least 1"):
        Settings(workers=0)
    (tmp_path / "a.txt").write_text("Ruritania freed the teacher Nina Roos on Monday, officials said.\n")
    out = tmp_path / "o.jsonl"
    result = CliRunner().invoke(cli, ["run", str(tmp_path / "a.txt"), "-o", str(out), "--workers", "1", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert len(out.read_text().splitlines()) == 1
    bad = CliRunner().invoke(cli, ["run", str(tmp_path / "a.txt"), "-o", str(out), "--workers", "0"])
    assert bad.exit_code == 2 and "--workers" in bad.output
