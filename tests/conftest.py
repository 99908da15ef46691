"""Shared fixtures. Network access is blocked by pytest-socket (see pyproject addopts): only
loopback connections are allowed, to servers that the tests themselves start."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

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


@pytest.fixture
def benchmark_script() -> Callable[[str], ModuleType]:
    """Load `benchmarks/<name>.py` as a module (the scripts are not a package)."""

    def load(name: str) -> ModuleType:
        spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
        assert spec is not None and spec.loader is not None
        script = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = script  # its dataclasses look their module up there
        try:
            spec.loader.exec_module(script)
        finally:
            del sys.modules[spec.name]
        return script

    return load
