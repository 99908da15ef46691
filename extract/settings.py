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
    "executor": "EXTRACT_EXECUTOR",
    "hybrid_questions": "EXTRACT_HYBRID_QUESTIONS",
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
    timeout: float | None = None  # seconds per request; None: 120 remote, 600 embedded (CPU-bound)
    retries: int = 4
    retry_after_cap: float = 30.0
    reasks: int = 2
    context_window: int | None = None  # None: ask the server (embedded) or assume 8192
    concurrency: int = 4
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
    # The schema to extract: None is the default domain (ReleaseEvent); else MODULE:CLASS (or a
    # Pydantic model class, from Python). `prompt`: a prompt file replacing the generic one.
    schema: Any = None
    prompt: Path | None = None

    def __post_init__(self) -> None:
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
        unknown = [q for q in self.hybrid_questions or () if q not in HYBRID_QUESTIONS]
        if unknown:
            raise ConfigError(
                f"hybrid_questions must be among {', '.join(HYBRID_QUESTIONS)}, got {', '.join(unknown)}"
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


def _coerce(values: dict[str, Any]) -> dict[str, Any]:
    """Turn strings from the environment or TOML into the field types."""
    out = dict(values)
    for name in _LEFT_OUT:
        if isinstance(out.get(name), str) and out[name].strip().lower() in ("none", "null", "off", ""):
            out[name] = None
    for name in ("concurrency", "max_tokens", "retries", "reasks", "context_window", "ray_actors"):
        if name in out and out[name] is not None:
            try:
                out[name] = int(out[name])
            except (TypeError, ValueError) as exc:
                raise ConfigError(f"{name} must be a whole number, got {out[name]!r}") from exc
    if "seed" in out and out["seed"] is not None:
        try:
            out["seed"] = int(out["seed"])
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"seed must be a whole number or none, got {out['seed']!r}") from exc
    for name in ("temperature", "timeout", "retry_after_cap"):
        if name in out and out[name] is not None:
            try:
                out[name] = float(out[name])
            except (TypeError, ValueError) as exc:
                raise ConfigError(f"{name} must be a number, got {out[name]!r}") from exc
    if out.get("schema") == "":
        out["schema"] = None
    if isinstance(out.get("prompt"), str):
        out["prompt"] = Path(out["prompt"]).expanduser()
    if "cache_dir" in out and out["cache_dir"] is not None:
        out["cache_dir"] = Path(out["cache_dir"]).expanduser()
    if "cache" in out and isinstance(out["cache"], str):
        out["cache"] = out["cache"].lower() not in ("0", "false", "no", "off")
    if out.get("base_url") == "":
        out["base_url"] = None
    if isinstance(out.get("hybrid_questions"), str) and out["hybrid_questions"].strip().lower() in ("none", "off"):
        out["hybrid_questions"] = ()  # rules only
    for name in ("base_urls", "hybrid_questions"):
        if isinstance(out.get(name), str):
            out[name] = tuple(u.strip() for u in out[name].split(",") if u.strip())
        elif isinstance(out.get(name), (list, tuple)):
            out[name] = tuple(out[name])
    return out

