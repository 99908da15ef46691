"""One frozen configuration, built once: flags, then environment, then config file, then defaults.

Nothing here runs at import time; `Settings.load()` reads the environment only when called.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

import tomllib

from .errors import ConfigError as ConfigError

Mode = Literal["auto", "json_schema", "llamacpp", "ollama", "tools", "json"]
StrategyName = Literal["single", "multipass", "hybrid"]
UngroundedPolicy = Literal["keep", "flag", "drop"]
EmbeddedModel = Literal["smollm2-135m", "gemma3-270m"]
Executor = Literal["local", "ray"]

MODES: tuple[str, ...] = ("auto", "json_schema", "llamacpp", "ollama", "tools", "json")
STRATEGIES: tuple[str, ...] = ("single", "multipass", "hybrid")
EMBEDDED_MODELS: tuple[str, ...] = ("smollm2-135m", "gemma3-270m")
# Scalars the hybrid strategy can ask the model about when its rules leave them empty.
HYBRID_QUESTIONS: tuple[str, ...] = ("released_count", "releasing_country")
HYBRID_STATUS_DECISIONS: tuple[str, ...] = ("hand", "fitted")

# Environment variables read by Settings.load (and nowhere else).
ENV_VARS: dict[str, str] = {
    "base_url": "OPENAI_BASE_URL",
    "api_key": "OPENAI_API_KEY",
    "model": "EXTRACT_MODEL",
    "mode": "EXTRACT_MODE",
    "strategy": "EXTRACT_STRATEGY",
    "cache_dir": "EXTRACT_CACHE_DIR",
    "embedded_model": "EXTRACT_EMBEDDED_MODEL",
    "concurrency": "EXTRACT_CONCURRENCY",
    "workers": "EXTRACT_WORKERS",
    "executor": "EXTRACT_EXECUTOR",
    "hybrid_questions": "EXTRACT_HYBRID_QUESTIONS",
    "hybrid_status": "EXTRACT_HYBRID_STATUS",
    "schema": "EXTRACT_SCHEMA",
    "ray_address": "RAY_ADDRESS",
}


def default_cache_dir(env: Mapping[str, str]) -> Path:
    base = env.get("XDG_CACHE_HOME") or str(Path(env.get("HOME", str(Path.home()))) / ".cache")
    return Path(base) / "extract"


def default_config_file(env: Mapping[str, str]) -> Path:
    base = env.get("XDG_CONFIG_HOME") or str(Path(env.get("HOME", str(Path.home()))) / ".config")
    return Path(base) / "extract" / "config.toml"


@dataclass(frozen=True)
class Settings:
    """Everything that shapes a run. Build it with `Settings.load(...)` or directly in Python.

    `base_url=None` means the embedded offline model.
    """

    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    model: str | None = None
    mode: Mode = "auto"
    strategy: StrategyName | None = None  # None: hybrid on the embedded model, single elsewhere
    embedded_model: EmbeddedModel = "smollm2-135m"
    temperature: float | None = 0.0  # None: not sent (the server's default)
    max_tokens: int | None = 1024  # None: no answer-length limit is sent at all
    seed: int | None = 0  # None: not sent
    timeout: float | None = None  # seconds per whole request; None: 120 remote, 600 embedded (CPU-bound)
    # Seconds one article may take in all (every request, retry and backoff); None: 3 x the request timeout.
    article_timeout: float | None = None
    retries: int = 4
    retry_after_cap: float = 30.0
    reasks: int = 2
    context_window: int | None = None  # None: ask the server (embedded) or assume 8192
    concurrency: int = 4
    # Processes the hybrid strategy parses and runs its rules in; None: one per core this process
    # may use; 1: no pool (a thread of this process).
    workers: int | None = None
    cache: bool = True
    cache_dir: Path | None = None
    ungrounded: UngroundedPolicy = "flag"
    executor: Executor = "local"
    ray_address: str | None = None  # None: $RAY_ADDRESS, else a local Ray instance
    base_urls: tuple[str, ...] = ()  # several endpoints of one model, spread over Ray workers
    ray_actors: int | None = None  # Ray actor pool size (default: one per endpoint)
    # Model questions the hybrid strategy asks where its rules are empty; None: the measured
    # default (extract/domains/release/strategies/hybrid_questions.py); () asks nothing (rules only).
    hybrid_questions: tuple[str, ...] | None = None
    # How the hybrid strategy decides each person's status: "hand" (strongest cue, precedence) or
    # "fitted" (the fitted weights); None: the one the weights file records as measured better.
    hybrid_status: str | None = None
    # The schema to extract: None is the default domain (ReleaseEvent); else MODULE:CLASS (or a
    # Pydantic model class, from Python). `prompt`: a prompt file replacing the generic one.
    schema: Any = None
    prompt: Path | None = None

    def __post_init__(self) -> None:
        _check_types(self)
        if self.mode not in MODES:
            raise ConfigError(f"mode must be one of {', '.join(MODES)}, got {self.mode!r}")
        if self.strategy is not None and self.strategy not in STRATEGIES:
            raise ConfigError(f"strategy must be one of {', '.join(STRATEGIES)}, got {self.strategy!r}")
        if self.embedded_model not in EMBEDDED_MODELS:
            raise ConfigError(
                f"embedded_model must be one of {', '.join(EMBEDDED_MODELS)}, got {self.embedded_model!r}"
            )
        if self.ungrounded not in ("keep", "flag", "drop"):
            raise ConfigError(f"ungrounded must be keep, flag or drop, got {self.ungrounded!r}")
        if self.executor not in ("local", "ray"):
            raise ConfigError(f"executor must be local or ray, got {self.executor!r}")
        if self.concurrency < 1:
            raise ConfigError(f"concurrency must be at least 1, got {self.concurrency}")
        if self.max_tokens is not None and self.max_tokens < 16:
            raise ConfigError(f"max_tokens must be at least 16, got {self.max_tokens}")
        if self.retries < 0 or self.reasks < 0:
            raise ConfigError("retries and reasks must not be negative")
        for name in ("timeout", "article_timeout"):
            value = getattr(self, name)
            if value is not None and not value > 0:
                raise ConfigError(f"{name} must be a number of seconds above 0, got {value!r}")
        if self.retry_after_cap < 0 or (self.temperature is not None and self.temperature < 0):
            raise ConfigError("retry_after_cap and temperature must not be negative")
        for name in ("context_window", "ray_actors", "workers"):
            value = getattr(self, name)
            if value is not None and value < 1:
                raise ConfigError(f"{name} must be at least 1, got {value}")
        unknown = [q for q in self.hybrid_questions or () if q not in HYBRID_QUESTIONS]
        if unknown:
            raise ConfigError(
                f"hybrid_questions must be among {', '.join(HYBRID_QUESTIONS)}, got {', '.join(unknown)}"
            )

        if self.hybrid_status is not None and self.hybrid_status not in HYBRID_STATUS_DECISIONS:
            raise ConfigError(
                f"hybrid_status must be one of {', '.join(HYBRID_STATUS_DECISIONS)}, got {self.hybrid_status!r}"
            )

    @property
    def embedded(self) -> bool:
        """True when no endpoint is configured and the bundled model serves requests."""
        return self.base_url is None and not self.base_urls

    @property
    def request_timeout(self) -> float:
        """Seconds per model request: the setting, else 600 on the embedded CPU model, else 120."""
        if self.timeout is not None:
            return self.timeout
        return 600.0 if self.embedded else 120.0

    @property
    def article_deadline(self) -> float:
        """Seconds one article may take in all: the setting, else 3 x the request timeout."""
        if self.article_timeout is not None:
            return self.article_timeout
        return 3 * self.request_timeout

    @property
    def effective_strategy(self) -> StrategyName:
        if self.strategy is not None:
            return self.strategy
        return "hybrid" if self.embedded else "single"

    def replace(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    @classmethod
    def load(
        cls,
        flags: Mapping[str, Any] | None = None,
        *,
        env: Mapping[str, str] | None = None,
        config_file: Path | str | None = None,
    ) -> Settings:
        """Build settings: flags win over environment variables, which win over the config file.

        `flags` with value None are treated as not given. `env` defaults to `os.environ`;
        `config_file` defaults to `$XDG_CONFIG_HOME/extract/config.toml` if it exists.
        """
        env = os.environ if env is None else env
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {}

        path = Path(config_file) if config_file else default_config_file(env)
        if config_file and not path.is_file():
            raise ConfigError(f"config file not found: {path}")
        if path.is_file():
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ConfigError(f"config file {path} is not valid TOML: {exc}") from exc
            section = data.get("extract", data)
            unknown = set(section) - known
            if unknown:
                raise ConfigError(f"unknown setting(s) in {path}: {', '.join(sorted(unknown))}")
            values.update(section)

        for name, var in ENV_VARS.items():
            if env.get(var):
                values[name] = env[var]

        for name, value in (flags or {}).items():
            if name not in known:
                raise ConfigError(f"unknown setting {name!r}")
            if value is not None:
                values[name] = value

        values.setdefault("cache_dir", default_cache_dir(env))
        values = _coerce(values)
        if values.get("model") and not values.get("base_url") and not values.get("base_urls"):
            # as openai-python does: no base URL means OpenAI's own endpoint, which needs a key
            if not values.get("api_key"):
                raise ConfigError(
                    "--model needs --base-url (or OPENAI_BASE_URL), or OPENAI_API_KEY for OpenAI's own endpoint"
                )
            values["base_url"] = OPENAI_BASE_URL
        return cls(**values)


OPENAI_BASE_URL = "https://api.openai.com/v1"
_LEFT_OUT = ("temperature", "max_tokens", "seed")  # "none" leaves these out of requests


# The type of each setting, for checking values from Python and coercing text from flags, the
# environment and TOML: "int", "float", "str", "bool", "path", "strs" (a tuple of text).
_KINDS: dict[str, str] = {
    "base_url": "str", "api_key": "str", "model": "str", "mode": "str", "strategy": "str",
    "embedded_model": "str", "temperature": "float", "max_tokens": "int", "seed": "int", "timeout": "float",
    "article_timeout": "float", "retries": "int", "retry_after_cap": "float", "reasks": "int",
    "context_window": "int", "concurrency": "int", "workers": "int", "cache": "bool", "cache_dir": "path",
    "ungrounded": "str", "executor": "str", "ray_address": "str", "base_urls": "strs", "ray_actors": "int",
    "hybrid_questions": "strs", "hybrid_status": "str", "prompt": "file",
}
_DESCRIBE = {"int": "a whole number", "float": "a number", "str": "text", "bool": "true or false",
             "path": "a folder path", "file": "a file path", "strs": "a list of text"}
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


def _fits(kind: str, value: Any) -> bool:
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "float":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "str":
        return isinstance(value, str)
    if kind == "bool":
        return isinstance(value, bool)
    if kind in ("path", "file"):
        return isinstance(value, Path)
    return isinstance(value, tuple) and all(isinstance(item, str) for item in value)


def _check_types(settings: Settings) -> None:
    """ConfigError naming the first setting whose value has the wrong type (None is 'not set').

    A folder given as text and lists given for tuples are taken as they are meant (Python callers)."""
    for name, kind in _KINDS.items():
        value = getattr(settings, name)
        if kind in ("path", "file") and isinstance(value, str) and value.strip():
            value = Path(value).expanduser()
            object.__setattr__(settings, name, value)
        elif kind == "strs" and isinstance(value, list):
            value = tuple(value)
            object.__setattr__(settings, name, value)
        if value is not None and not _fits(kind, value):
            raise ConfigError(f"{name} must be {_DESCRIBE[kind]}, got {value!r}")


def _coerce_one(name: str, kind: str, value: Any) -> Any:
    """`value` (from a flag, the environment or TOML) as the setting's type, or ConfigError."""
    problem = ConfigError(f"{name} must be {_DESCRIBE[kind]}, got {value!r}")
    if isinstance(value, bool) and kind != "bool":
        raise problem  # TOML `concurrency = true` is not 1
    if kind == "int":
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, (int, str)):
            try:
                return int(value)
            except ValueError:
                raise problem from None
        raise problem
    if kind == "float":
        if isinstance(value, (int, float, str)):
            try:
                number = float(value)
            except ValueError:
                raise problem from None
            if number != number or number in (float("inf"), float("-inf")):
                raise problem
            return number
        raise problem
    if kind == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _TRUE + _FALSE:
            return value.strip().lower() in _TRUE
        raise problem
    if kind in ("path", "file"):
        if isinstance(value, (str, Path)) and str(value).strip():
            return Path(value).expanduser()
        raise problem
    if kind == "strs":
        if isinstance(value, str):
            return tuple(u.strip() for u in value.split(",") if u.strip())
        if isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
            return tuple(value)
        raise problem
    if not isinstance(value, str):
        raise problem
    return value


def _coerce(values: dict[str, Any]) -> dict[str, Any]:
    """Turn values from flags, the environment or TOML into the field types (ConfigError if they do not fit)."""
    out = dict(values)
    for name in _LEFT_OUT:
        if isinstance(out.get(name), str) and out[name].strip().lower() in ("none", "null", "off", ""):
            out[name] = None
    if out.get("schema") == "":
        out["schema"] = None
    if out.get("base_url") == "":
        out["base_url"] = None
    if isinstance(out.get("hybrid_questions"), str) and out["hybrid_questions"].strip().lower() in ("none", "off"):
        out["hybrid_questions"] = ()  # rules only
    for name, value in out.items():
        kind = _KINDS.get(name)
        if kind is not None and value is not None:
            out[name] = _coerce_one(name, kind, value)
    return out
