"""Build the backend a Settings object asks for: the embedded server, or a configured endpoint."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import httpx

from ..cache import AnswerCache, private_folder
from ..errors import AuthError, ModelError
from ..redaction import remember_secret
from ..settings import Settings, default_cache_dir
from .embedded import EmbeddedServer, find_model_file
from .openai_compat import OpenAICompatBackend

__all__ = ["open_backend"]


def _cache_root(settings: Settings) -> Path:
    """The cache folder, created 0700 (an existing one other users can write is refused)."""
    import os

    return private_folder(settings.cache_dir or default_cache_dir(os.environ))


async def _first_model(base_url: str, api_key: str | None, timeout: float) -> str:
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    try:
        async with httpx.AsyncClient(timeout=timeout) as client:
            # a deadline for the whole request: httpx's timeout only bounds each read
            response = await asyncio.wait_for(client.get(base_url.rstrip("/") + "/models", headers=headers), timeout)
    except (httpx.HTTPError, asyncio.TimeoutError) as exc:
        raise ModelError(
            f"cannot list the models at {base_url} ({type(exc).__name__}); pass --model, or check --base-url"
        ) from exc
    if response.status_code in (401, 403):
        raise AuthError(f"the server rejected the API key (HTTP {response.status_code})")
    try:
        data = response.json().get("data") or []
        return str(data[0]["id"])
    except (ValueError, LookupError, TypeError, AttributeError) as exc:
        raise ModelError(f"{base_url} lists no models; pass --model") from exc


async def open_backend(settings: Settings) -> tuple[OpenAICompatBackend, Callable[[], None]]:
    """The backend for `settings` and a function that releases what it holds (server, cache)."""
    settings = settings.replace(timeout=settings.request_timeout)
    remember_secret(settings.api_key)  # redacted from every message and log line from now on
    cache = AnswerCache(_cache_root(settings) / "answers") if settings.cache else None
    if settings.embedded:
        server = EmbeddedServer(settings.embedded_model, work_dir=_cache_root(settings) / "models")
        model_file = find_model_file(settings.embedded_model, server.work_dir)
        backend = OpenAICompatBackend(
            settings.replace(mode="llamacpp" if settings.mode == "auto" else settings.mode),
            label=f"embedded:{settings.embedded_model}",
            model=settings.embedded_model,
            endpoint_id=f"embedded:{model_file.name}:{model_file.stat().st_size}",
            connect=lambda: asyncio.to_thread(server.start),
            cache=cache,
            context_window=settings.context_window or server.context_window,
        )

        def close_embedded() -> None:
            server.stop()
            if cache is not None:
                cache.close()

        return backend, close_embedded

    assert settings.base_url is not None
    base_url = settings.base_url.rstrip("/")
    model = settings.model or await _first_model(base_url, settings.api_key, min(30.0, settings.request_timeout))

    async def connect() -> str:
        return base_url

    backend = OpenAICompatBackend(
        settings,
        label=model,
        model=model,
        # endpoints of one model spread over workers share cached answers
        endpoint_id=",".join(sorted(settings.base_urls)) if base_url in settings.base_urls else base_url,
        connect=connect,
        cache=cache,
    )

    def close_remote() -> None:
        if cache is not None:
            cache.close()

    return backend, close_remote
