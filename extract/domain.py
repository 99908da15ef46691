"""Domains: what the engine needs to know about one kind of record, and how to find one.

A `Domain` bundles a Pydantic schema with the parts that depend on it: how its values are grounded,
scored against gold, merged across articles and shown in the view, and which strategies extract
it. Any schema gets a generic domain built from its field metadata (`schema_domain`); a built-in
domain package (`extract.domains.release`, the default) registers a richer one for its schema.

The engine never imports a domain package: the built-in ones are found by name (`BUILTIN`), the
way a plugin is, and a user's schema is named as `MODULE:CLASS` (or `path/to/file.py:CLASS`).
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import json
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel

from .records import Grounding, Record, Span
from .settings import ConfigError

if TYPE_CHECKING:
    from .strategies.base import Strategy

__all__ = [
    "BUILTIN",
    "DEFAULT_DOMAIN",
    "Domain",
    "SchemaError",
    "default_domain",
    "domain_for",
    "load_schema",
    "register",
    "schema_hash",
    "schema_name",
    "settings_domain",
]

Policy = Literal["keep", "flag", "drop"]
Pair = tuple[str, "Record | BaseModel | None", "BaseModel | None"]

BUILTIN: dict[str, str] = {"release": "extract.domains.release"}
"""Built-in domains by name -> the package that registers it on import."""
DEFAULT_DOMAIN = "release"


class SchemaError(ConfigError):
    """A `--schema MODULE:CLASS` that cannot be imported or is not a Pydantic model."""


@dataclass(frozen=True)
class Domain:
    """One kind of record: its schema and everything the engine does with it."""

    name: str
    schema: type[BaseModel]
    ground: Callable[[BaseModel, str, Policy], tuple[BaseModel, Grounding]]
    is_counted: Callable[[str], bool]
    score: Callable[[Iterable[Pair]], BaseModel]
    load_gold: Callable[[Path | str], dict[str, BaseModel]]
    merge: Callable[[Sequence[Record], int], list[BaseModel]]
    panel: Callable[[BaseModel, dict[str, Span], Grounding | None], str]
    strategies: Mapping[str, Callable[[Any], Strategy]] = field(default_factory=dict)
    default_strategy: Callable[[Any], str] = lambda settings: "single"
    is_quote: Callable[[str], bool] = lambda path: False
    """Whether the value at a span path is a verbatim quote (the view draws quotes apart from names)."""
    reference: str | None = None
    """MODULE:CLASS written into records (None for the default domain, whose records never name it)."""

    def make_strategy(self, name: str, settings: Any) -> Strategy:
        """The strategy called `name` from this domain's registry."""
        factory = self.strategies.get(name)
        if factory is None:
            raise ConfigError(
                f"strategy {name!r} is not available for {self.schema.__name__}; choose {', '.join(self.strategies)}"
            )
        return factory(settings)


_REGISTRY: dict[type[BaseModel], Domain] = {}


def register(domain: Domain) -> Domain:
    """Make `domain` the one used for its schema (a domain package calls this on import)."""
    _REGISTRY[domain.schema] = domain
    return domain


def default_domain() -> Domain:
    """The default domain (ReleaseEvent), imported by name on first use."""
    return builtin(DEFAULT_DOMAIN)


def builtin(name: str) -> Domain:
    """A built-in domain by name."""
    module = importlib.import_module(BUILTIN[name])
    domain: Domain = module.DOMAIN
    return domain


def schema_name(schema: type[BaseModel]) -> str:
    """`module:Class` of a schema class."""
    return f"{schema.__module__}:{schema.__qualname__}"


def schema_hash(schema: type[BaseModel]) -> str:
    """First 8 hex digits of the SHA-256 of the schema's JSON Schema (descriptions and metadata included)."""
    text = json.dumps(schema.model_json_schema(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def load_schema(spec: str) -> type[BaseModel]:
    """The Pydantic model named by `MODULE:CLASS` or `path/to/file.py:CLASS`; raises SchemaError.

    A module is looked up on `sys.path` and then in the current folder, as `python -m` would.
    """
    module_name, sep, class_name = spec.rpartition(":")
    if not sep or not module_name or not class_name:
        raise SchemaError(f"--schema must be MODULE:CLASS (e.g. myproject.models:Verdict), got {spec!r}")
    module = _import(module_name)
    target: Any = module
    for part in class_name.split("."):
        target = getattr(target, part, None)
        if target is None:
            raise SchemaError(f"{module_name} has no attribute {class_name!r}")
    if not (isinstance(target, type) and issubclass(target, BaseModel)):
        raise SchemaError(f"{spec} is not a Pydantic model class")
    return target


def _import(module_name: str) -> Any:
    if module_name.endswith(".py"):
        path = Path(module_name).resolve()
        if not path.is_file():
            raise SchemaError(f"schema file {module_name} does not exist")
        return _import_file(path)
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name.split(".")[0] or str(Path.cwd()) in sys.path:
            raise SchemaError(f"cannot import {module_name}: {exc}") from exc
    sys.path.insert(0, str(Path.cwd()))  # a console script does not put the working folder on sys.path
    try:
        return importlib.import_module(module_name)
    except ImportError as exc:
        raise SchemaError(f"cannot import {module_name}: {exc}") from exc


@cache
def _import_file(path: Path) -> Any:
    name = "extract_schema_" + hashlib.sha256(str(path).encode()).hexdigest()[:12]
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise SchemaError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        del sys.modules[name]
        raise SchemaError(f"cannot import {path}: {type(exc).__name__}: {exc}") from exc
    return module


@cache
def domain_for(schema: type[BaseModel] | str | None = None, *, prompt: Path | str | None = None) -> Domain:
    """The domain for a schema class, a `MODULE:CLASS` name, or None (the default domain).

    A registered schema gets its registered domain; any other gets the generic one built from its
    field metadata, with `prompt` (a prompt file) replacing the generic extraction prompt.
    """
    if schema is None:
        return default_domain()
    reference = schema if isinstance(schema, str) else None
    cls = load_schema(schema) if isinstance(schema, str) else schema
    default_domain()  # built-in domains register themselves on import
    registered = _REGISTRY.get(cls)
    if registered is not None and prompt is None:
        return registered
    from .schema_domain import schema_domain

    return schema_domain(cls, prompt=prompt, reference=reference)


def settings_domain(settings: Any) -> Domain:
    """The domain a run's settings name (`settings.schema`, `settings.prompt`)."""
    return domain_for(settings.schema, prompt=settings.prompt)
