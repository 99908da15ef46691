"""The backend's per-call work: the response model is wrapped and its JSON schema built once, not per
call, while Instructor's validation and re-asks still run on every call."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, Literal

import pytest
from pydantic import BaseModel, ConfigDict, create_model
from pydantic.json_schema import GenerateJsonSchema

from extract.backends.factory import open_backend
from extract.backends.openai_compat import prepared_model, request_shape
from extract.settings import Settings
from extract.testing.fake_openai import FakeOpenAIServer


class Finding(BaseModel):
    """A test answer whose fields are declared out of alphabetical order."""

    model_config = ConfigDict(extra="forbid")
    zeta: int | None = None
    alpha: str | None = None
    middle: list[str] = []


MESSAGES = [{"role": "system", "content": "Answer in JSON."}, {"role": "user", "content": "What happened?"}]


def _ask_many(srv: FakeOpenAIServer, tmp_path: Path, model: type[BaseModel], count: int) -> list[Any]:
    settings = Settings(base_url=srv.base_url, model="fake-model", mode="llamacpp", cache=False, retries=0,
                        cache_dir=tmp_path / "cache")

    async def go() -> list[Any]:
        backend, close = await open_backend(settings)
        try:
            return [await backend.structured(MESSAGES, model, prompt_version="t@1") for _ in range(count)]
        finally:
            close()

    return asyncio.run(go())


@pytest.fixture
def schema_builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Titles of the JSON schemas pydantic builds from now on."""
    built: list[str] = []
    original = GenerateJsonSchema.generate

    def counting(self: GenerateJsonSchema, *args: Any, **kwargs: Any) -> Any:
        result = original(self, *args, **kwargs)
        built.append(str(result.get("title")))
        return result

    monkeypatch.setattr(GenerateJsonSchema, "generate", counting)
    return built


def test_json_schema_is_built_once_per_model_not_once_per_call(tmp_path: Path, schema_builds: list[str]) -> None:
    model = create_model("OncePerModel", __base__=Finding)
    with FakeOpenAIServer(responder=lambda body: {"zeta": 3}) as srv:
        first = _ask_many(srv, tmp_path, model, 1)
        after_one = schema_builds.count("OncePerModel")
        more = _ask_many(srv, tmp_path, model, 5)
    assert schema_builds.count("OncePerModel") == after_one <= 2
    assert [a.value.zeta for a in first + more] == [3] * 6


def test_invalid_answers_are_still_reasked_with_the_prepared_model(tmp_path: Path) -> None:
    model = create_model("ReaskedModel", __base__=Finding)
    with FakeOpenAIServer(faults=["invalid", None, "invalid", None], responder=lambda body: {"alpha": "ok"}) as srv:
        answers = _ask_many(srv, tmp_path, model, 2)
        assert len(srv.completions) == 4  # each call: one invalid answer, one re-ask
        assert len(srv.completions[1].body["messages"]) > len(srv.completions[0].body["messages"])
    assert [a.value.alpha for a in answers] == ["ok", "ok"]
    assert all(isinstance(a.value, model) for a in answers)


def test_schema_sent_keeps_the_models_field_order_and_equals_pydantics(tmp_path: Path) -> None:
    model = create_model("OrderedModel", __base__=Finding)
    with FakeOpenAIServer() as srv:
        _ask_many(srv, tmp_path, model, 2)
        sent = [r.body["response_format"]["schema"] for r in srv.completions]
    assert sent[0] == sent[1] == model.model_json_schema()
    assert list(sent[1]["properties"]) == ["zeta", "alpha", "middle"]
    assert prepared_model(model).model_json_schema() == model.model_json_schema()
    assert prepared_model(model).model_json_schema(mode="serialization") == model.model_json_schema(
        mode="serialization")


def test_request_shape_returns_a_copy_callers_may_change(tmp_path: Path) -> None:
    shape = request_shape("llamacpp", Finding)
    shape["response_format"]["schema"]["properties"].clear()
    assert request_shape("llamacpp", Finding)["response_format"]["schema"]["properties"]
    prepared = prepared_model(Finding)
    prepared.model_json_schema()["properties"].clear()
    assert prepared.model_json_schema()["properties"]


def test_models_built_per_article_do_not_pile_up_in_the_caches() -> None:
    for i in range(300):  # like hybrid's answer models: a new class per question and article
        model = create_model(f"Answer{i}", __config__=ConfigDict(extra="forbid"),
                             answer=(Literal["a", "b"] | None, ...))
        request_shape("llamacpp", model)
        prepared_model(model)
    assert prepared_model.cache_info().currsize <= 256
