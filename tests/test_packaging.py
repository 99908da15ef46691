"""The wheel a user installs carries the prompt files and py.typed."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_ships_every_prompt_file_and_py_typed(tmp_path: Path) -> None:
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", str(ROOT), "-w", str(tmp_path), "-q"],
        capture_output=True, text=True, timeout=300,
    )
    if build.returncode != 0 and "hatchling" in build.stderr:
        pytest.skip("hatchling is not installed in this environment")
    assert build.returncode == 0, build.stderr
    (wheel,) = tmp_path.glob("extract-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for prompt in (ROOT / "prompts").glob("*.md"):
        assert f"extract/_prompts/{prompt.name}" in names
    domain_prompts = sorted((ROOT / "extract" / "domains" / "release" / "prompts").glob("*.md"))
    assert domain_prompts
    for prompt in domain_prompts:
        assert f"extract/domains/release/prompts/{prompt.name}" in names
    assert "extract/py.typed" in names
