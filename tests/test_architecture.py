"""Import contracts of the layers (see README "Architecture"), checked on the source with ast."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import extract

PKG = Path(extract.__file__).resolve().parent
MODEL_LAYER = [
    "records", "fields", "comparators", "names", "countries", "grounding", "schema_grounding", "schema_scoring",
    "schema_merging", "domains/release/schema", "domains/release/grounding", "domains/release/scoring",
    "domains/release/merging", "errors", "redaction",
]
# The faces wire the default domain in; every other module outside extract/domains/ is the engine.
FACES = {"__init__.py", "api.py", "schema_export.py"}
IO_LIBRARIES = {"openai", "instructor", "httpx", "diskcache", "spacy", "ray", "tenacity", "requests", "urllib"}
FILE_CALLS = {"open", "read_text", "write_text", "read_bytes", "write_bytes", "mkdir", "unlink"}


def _absolute(path: Path, name: str) -> str:
    """An import as seen from `path`, made absolute (`..records` in extract/strategies/x.py -> extract.records)."""
    if not name.startswith("."):
        return name
    level = len(name) - len(name.lstrip("."))
    package = path.relative_to(PKG.parent).with_suffix("").parts[:-1]
    base = package[: len(package) - (level - 1)]
    rest = name.lstrip(".")
    return ".".join([*base, *([rest] if rest else [])])


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
    imports = {_absolute(path, name) for name in _imports(path)}
    roots = {name.split(".")[0] for name in imports}
    assert not roots & IO_LIBRARIES, f"{module} imports {roots & IO_LIBRARIES}"
    allowed = {"extract." + m.replace("/", ".") for m in MODEL_LAYER}
    project = {name for name in imports if name.startswith("extract")}
    outside = {n for n in project if not any(n == a or n.startswith(a + ".") for a in allowed)}
    # `from extract.records import Record` also lists `extract.records.Record`; the module is what counts
    outside = {n for n in outside if n.rsplit(".", 1)[0] not in allowed}
    if module == "records":  # reading a record with no schema given looks the default domain up by name, lazily
        outside -= {"extract.domain", "extract.domain.default_domain"}
    assert not outside, f"{module} imports {outside} from outside the model layer"
    assert not _calls(path) & FILE_CALLS, f"{module} does file I/O: {_calls(path) & FILE_CALLS}"


def test_the_engine_imports_no_domain() -> None:
    engine = [p for p in PKG.rglob("*.py") if "domains" not in p.relative_to(PKG).parts]
    assert len(engine) > 20
    for path in engine:
        if path.relative_to(PKG).as_posix() in FACES or path.name.startswith("cli"):
            continue
        bad = {n for n in (_absolute(path, name) for name in _imports(path)) if n.startswith("extract.domains")}
        assert not bad, f"{path.relative_to(PKG)} imports the domain package {bad}: the engine knows no domain"


def test_the_release_domain_lives_in_its_package() -> None:
    domain = PKG / "domains" / "release"
    for name in ("schema.py", "grounding.py", "scoring.py", "merging.py", "view.py", "strategies/hybrid.py", "cues.py"):
        assert (domain / name).is_file(), name
    for name in ("schema.py", "scoring.py", "merging.py", "cues.py", "strategies/hybrid.py"):
        assert not (PKG / name).exists(), f"extract/{name} is domain code: it belongs in extract/domains/release/"


def test_strategies_reach_models_only_through_the_backend_protocol() -> None:
    for path in [*(PKG / "strategies").glob("*.py"), *(PKG / "domains").rglob("strategies/*.py")]:
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


# Objects of the rules that are not spaCy tokens and may be compared by identity.
_IDENTITY_OK = frozenset({"person", "partner", "principal", "at[t]", "found[0]", "m", "phrases"})


def test_rules_never_compare_spacy_tokens_by_identity() -> None:
    """spaCy builds a new Token object on every access (`token.head is token` is never true, even
    at the root), so the rules compare tokens with ==; `is` only against constants or the
    rules' own objects."""
    folder = Path(extract.__file__).parent / "domains" / "release" / "strategies"
    found = []
    for path in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Compare):
                continue
            left = node.left
            for op, right in zip(node.ops, node.comparators, strict=True):
                if isinstance(op, ast.Is | ast.IsNot) and not isinstance(right, ast.Constant):
                    if ast.unparse(left) not in _IDENTITY_OK:
                        found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
                left = right
    assert not found, "\n".join(found)
