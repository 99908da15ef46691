"""Shared fixtures. Network access is blocked by pytest-socket (see pyproject addopts): only
loopback connections are allowed, to servers that the tests themselves start."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """No test reads the developer's keys, config or cache."""
    import os

    for name in list(os.environ):
        if name.startswith(("OPENAI_", "EXTRACT_")):
            monkeypatch.delenv(name, raising=False)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS
