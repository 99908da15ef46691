"""Import contracts of the layers (see README "Architecture"), checked on the source with ast."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import extract

PKG = Path(extract.__file__).resolve().parent
MODEL_LAYER = ["schema", "names", "countries", "grounding", "scoring", "merging", "errors", "redaction"]
IO_LIBRARIES = {"openai", "instructor", "httpx", "diskcache", "spacy", "ray", "tenacity", "requests", "urllib"}
FILE_CALLS = {"open", "read_text", "write_text", "read_bytes", "write_bytes", "mkdir", "unlink"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            prefix = "." * node.level + (node.module or "")
            names.add(prefix)
            names.update(f"{prefix}.{alias.name}" if node.level else f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _calls(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            found.add(name)
    return found


@pytest.mark.parametrize("module", MODEL_LAYER)
def test_model_layer_imports_no_io_library_and_opens_no_files(module: str) -> None:
    path = PKG / f"{module}.py"
    assert path.exists(), f"the model layer lists {module}.py, which does not exist"
    roots = {name.lstrip(".").split(".")[0] for name in _imports(path) if not name.startswith(".")}
    assert not roots & IO_LIBRARIES, f"{module} imports {roots & IO_LIBRARIES}"
    relative = {name for name in _imports(path) if name.startswith(".")}
    allowed = {f".{m}" for m in MODEL_LAYER}
    assert {r.split(".")[1] and "." + r.split(".")[1] for r in relative} <= allowed, relative
    assert not _calls(path) & FILE_CALLS, f"{module} does file I/O: {_calls(path) & FILE_CALLS}"


def test_strategies_reach_models_only_through_the_backend_protocol() -> None:
    for path in (PKG / "strategies").glob("*.py"):
        imports = _imports(path)
        roots = {name.split(".")[0] for name in imports if not name.startswith(".")}
        assert not roots & {"openai", "instructor", "httpx"}, f"{path.name} imports {roots}"
        assert not any("openai_compat" in name or "embedded" in name for name in imports), path.name


def test_cli_modules_import_only_the_public_api() -> None:
    for path in PKG.glob("cli*.py"):
        for name in _imports(path):
            if name.startswith("extract") or name.startswith("."):
                module = name.lstrip(".").removeprefix("extract").lstrip(".")
                top = module.split(".")[0]
                assert top in ("", "settings", "cli_eval", "cli_view", "cli_merge", "cli_compare") or top in extract.__all__, (
                    f"{path.name} imports {name}: CLI modules use the public API (`from extract import ...`)"
                )


def test_public_facade_exports_exist() -> None:
    for name in extract.__all__:
        assert hasattr(extract, name), name


def test_no_module_reads_the_environment_at_import_time() -> None:
    for path in PKG.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:  # module level statements only
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            source = ast.unparse(node)
            assert "os.environ" not in source and "getenv" not in source, f"{path.name}: {source[:80]}"
