"""Where the release domain's prompt files are: `prompts/` in this package (shipped in the wheel)."""

from __future__ import annotations

from pathlib import Path

__all__ = ["PROMPTS"]

PROMPTS = Path(__file__).resolve().parent / "prompts"
