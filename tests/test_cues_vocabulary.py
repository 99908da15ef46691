"""The vocabulary of the rules lives in one place (`extract/domains/release/cues.py`) and none of it is dead."""

from __future__ import annotations

import re
from pathlib import Path

from extract.domains.release import cues

PACKAGE = Path(cues.__file__).resolve().parents[2]  # extract/


def _package_sources() -> str:
    return "\n".join(
        path.read_text(encoding="utf-8") for path in sorted(PACKAGE.rglob("*.py")) if path.resolve() != Path(cues.__file__).resolve()
    )


def test_every_public_vocabulary_list_is_read_somewhere_in_the_package() -> None:
    sources = _package_sources()
    unread = [name for name in cues.__all__ if not re.search(rf"\bcues\.{name}\b|\bimport\b[^\n]*\b{name}\b", sources)]
    assert unread == []


def test_every_public_list_of_cues_is_exported_and_every_export_exists() -> None:
    public = {name for name in vars(cues) if name.isupper() and not name.startswith("_")}
    assert public == set(cues.__all__)


def test_no_list_in_cues_is_assigned_twice() -> None:
    """A second list under an existing name silently replaces the first for every rule that reads it."""
    import ast
    from collections import Counter

    tree = ast.parse(Path(cues.__file__).read_text(encoding="utf-8"))
    names = Counter(
        target.id
        for node in tree.body
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else [])
        if isinstance(target, ast.Name)
    )
    assert [name for name, count in names.items() if count > 1] == []
