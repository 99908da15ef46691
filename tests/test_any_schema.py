"""A user's own schema (court verdicts, docs/examples/verdicts) through run, eval, grounding, view and
merge, from the CLI and from Python, against the fake OpenAI-compatible server."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, Literal

import pytest
from click.testing import CliRunner
from pydantic import BaseModel, ConfigDict, Field

import extract
from extract import Extractor, SchemaReport, evaluate, load_records, merge, meta, run_batch, write_view
from extract.cli import cli
from extract.comparators import compare, text_similarity
from extract.domain import load_schema
from extract.schema_grounding import ground_data
from extract.testing import FakeOpenAIServer

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "verdicts"
SCHEMA = f"{EXAMPLE / 'verdict.py'}:Verdict"

# What the scripted fake model answers for each example article (keyed by a phrase of the article):
# close to gold, with a few deliberate mistakes so that the scores mean something.
ANSWERS: dict[str, dict[str, Any]] = {
    "cargo inspections": {
        "court": "Valmora District Court",
        "country": None,
        "verdict_date": "2025-03-14",
        "judge": "Irena Kostadis",
        "defendants": [
            {"name": "Marek Delvane", "outcome": "convicted", "sentence_years": 6},
            {"name": "Lucia Ferrant", "outcome": "convicted", "sentence_years": 3.5},
            {"name": "Tomas Reille", "outcome": "acquitted", "sentence_years": None},
        ],
        "charges": ["fraud", "money laundering"],
        "appeal_planned": True,
        "quote": "The court finds that both officials knowingly billed for inspections that never took place",
    },
    "walked free": {
        "court": "Valmora district court",
        "country": None,
        "verdict_date": None,
        "judge": None,
        "defendants": [
            {"name": "Marek Delvane", "outcome": "convicted", "sentence_years": 6},
            {"name": "Lucia Ferrant", "outcome": "convicted", "sentence_years": 42},  # months, not years
            {"name": "Tomas Reille", "outcome": "acquitted", "sentence_years": None},
        ],
        "charges": ["fraud"],  # misses laundering
        "appeal_planned": True,  # the article does not say
        "quote": None,
    },
    "river blockade": {
        "court": "Northgate Regional Court",
        "country": None,
        "verdict_date": "2025-06-02",
        "judge": "Paul Venner",
        "defendants": [
            {"name": "Sana Obrecht", "outcome": "convicted", "sentence_years": None},
            {"name": "Karl Wendt", "outcome": "other", "sentence_years": None},  # invented
        ],
        "charges": ["obstructing navigation"],
        "appeal_planned": None,
        "quote": "found environmental activist Sana Obrecht guilty of obstructing navigation",
    },
}


def _answer(body: dict[str, Any]) -> dict[str, Any] | None:
    text = " ".join(str(m.get("content", "")) for m in body.get("messages", []))
    for phrase, answer in ANSWERS.items():
        if phrase in text:
            return answer
    return None


@pytest.fixture(scope="module")
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer(responder=_answer) as fake:
        yield fake


@pytest.fixture(scope="module")
def results(server: FakeOpenAIServer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("run") / "verdicts.jsonl"
    runner = CliRunner()
    outcome = runner.invoke(cli, ["run", str(EXAMPLE / "articles"), "-o", str(out), "--schema", SCHEMA,
                                  "--base-url", server.base_url, "--no-cache", "--no-progress"])
    assert outcome.exit_code == 0, outcome.output
    return out


def test_cli_run_writes_records_holding_the_users_schema(results: Path) -> None:
    lines = [json.loads(line) for line in results.read_text().splitlines()]
    assert len(lines) == 3 and all(line["status"] == "ok" for line in lines)
    assert all(line["schema_name"] == SCHEMA for line in lines)
    by_id = {line["id"]: line for line in lines}
    first = by_id["v1_harbour_fraud"]["event"]
    assert first["court"] == "Valmora District Court"
    assert [d["name"] for d in first["defendants"]] == ["Marek Delvane", "Lucia Ferrant", "Tomas Reille"]
    assert re.search(r"/Verdict\+[0-9a-f]{8}$", by_id["v1_harbour_fraud"]["prompt_version"])


def test_the_generic_prompt_is_built_from_the_schemas_descriptions(server: FakeOpenAIServer, results: Path) -> None:
    system = next(r.body["messages"][0]["content"] for r in server.completions if "cargo" in json.dumps(r.body))
    assert "one JSON object of type Verdict" in system
    assert "- court: The court that delivered the verdict" in system
    assert "  - sentence_years: Prison term in years" in system


def test_records_carry_grounding_spans_for_every_string_field(results: Path) -> None:
    records = {r.id: r for r in load_records(results)}  # the schema is found from the records themselves
    record = records["v1_harbour_fraud"]
    assert type(record.event).__name__ == "Verdict"
    spans = {s.path: s for s in record.grounding.spans}  # type: ignore[union-attr]
    assert spans["court"].status == "exact"
    assert spans["judge"].status == "exact"
    assert spans["defendants[2].name"].text == "Tomas Reille"
    assert spans["charges[0]"].status == "exact"
    assert spans["quote"].status in ("exact", "fuzzy")
    assert "defendants[0].outcome" not in spans  # a fixed choice is not looked for in the text
    assert records["v3_river_protest"].grounding.ungrounded_people == ["Karl Wendt"]  # type: ignore[union-attr]


def test_cli_eval_json_reports_every_leaf_and_a_micro_f1(results: Path, tmp_path: Path) -> None:
    report_path = tmp_path / "report.json"
    outcome = CliRunner().invoke(cli, ["eval", str(results), "--gold", str(EXAMPLE / "gold"),
                                       "--json", str(report_path)])
    assert outcome.exit_code == 0, outcome.output
    report = json.loads(report_path.read_text())
    expected = {"court", "country", "verdict_date", "judge", "defendants.name", "defendants.outcome",
                "defendants.sentence_years", "charges", "appeal_planned"}
    assert set(report["fields"]) == expected  # `quote` is declared compare="ignore"
    for leaf in expected:
        assert set(report["fields"][leaf]) >= {"precision", "recall", "f1"}
    fields = report["fields"]
    assert fields["defendants.name"] == {"tp": 7, "fp": 1, "fn": 0, "precision": 7 / 8, "recall": 1.0,
                                         "f1": pytest.approx(14 / 15)}
    s = fields["defendants.sentence_years"]
    assert (s["tp"], s["fp"], s["fn"]) == (3, 1, 1)  # 42 (months) against 3.5 years: wrong
    assert fields["charges"]["fn"] == 1  # "laundering money" missed in the follow-up
    assert fields["court"]["f1"] == 1.0  # "Valmora's district court" ~ "Valmora district court" as free text
    assert 0.8 < report["micro_f1"] < 1.0
    assert "micro F1" in outcome.output


def test_eval_gate_uses_micro_f1_for_a_custom_schema(results: Path) -> None:
    outcome = CliRunner().invoke(cli, ["eval", str(results), "--gold", str(EXAMPLE / "gold"), "--schema", SCHEMA,
                                       "--fail-under", "0.99"])
    assert outcome.exit_code == 1
    assert "micro_f1" in outcome.output


def test_cli_view_and_merge_work_on_the_users_schema(results: Path, tmp_path: Path) -> None:
    page = tmp_path / "view.html"
    outcome = CliRunner().invoke(cli, ["view", str(results), str(EXAMPLE / "articles"), "-o", str(page)])
    assert outcome.exit_code == 0, outcome.output
    html = page.read_text()
    assert "defendants[0].name" in html and "Marek Delvane" in html and "<mark" in html
    assert 'class="hl q-exact" data-paths="quote"' in html  # a field marked ground="quote" is drawn as a quote
    merged_path = tmp_path / "events.json"
    outcome = CliRunner().invoke(cli, ["merge", str(results), "-o", str(merged_path), "--schema", SCHEMA])
    assert outcome.exit_code == 0, outcome.output
    events = json.loads(merged_path.read_text())
    assert [e["articles"] for e in events] == [["v1_harbour_fraud", "v2_harbour_fraud_followup"], ["v3_river_protest"]]
    sentence = next(c for c in events[0]["conflicts"] if c["field"] == "defendants[Lucia Ferrant].sentence_years")
    assert sorted(v["value"] for v in sentence["values"]) == [3.5, 42]
    assert events[0]["event"]["judge"] == "Irena Kostadis"


def test_python_api_runs_evaluates_views_and_merges_a_schema_class(server: FakeOpenAIServer, tmp_path: Path) -> None:
    verdict = load_schema(SCHEMA)
    out = tmp_path / "py.jsonl"
    summary = run_batch([EXAMPLE / "articles"], out, schema=verdict, base_url=server.base_url, cache=False)
    assert summary.ok == 3
    records = load_records(out, schema=verdict)
    report = evaluate(records, EXAMPLE / "gold", schema=verdict)
    assert isinstance(report, SchemaReport) and report.n_scored == 3
    assert len(merge(records)) == 2
    assert write_view(out, [EXAMPLE / "articles"], tmp_path / "v.html", schema=verdict).records == 3
    with Extractor(schema=verdict, base_url=server.base_url, cache=False) as ex:
        record = ex.extract((EXAMPLE / "articles" / "v3_river_protest.txt").read_text(), id="x")
    assert isinstance(record.event, verdict) and record.event.judge == "Paul Venner"


def test_a_bad_schema_name_is_a_usage_error(tmp_path: Path) -> None:
    outcome = CliRunner().invoke(cli, ["run", str(EXAMPLE / "articles"), "-o", str(tmp_path / "o.jsonl"),
                                       "--schema", "no_such_module_here:Thing", "--base-url", "http://127.0.0.1:9/v1"])
    assert outcome.exit_code == 2
    assert "cannot import no_such_module_here" in outcome.output
    outcome = CliRunner().invoke(cli, ["run", str(EXAMPLE / "articles"), "-o", str(tmp_path / "o.jsonl"),
                                       "--schema", "extract:Settings", "--base-url", "http://127.0.0.1:9/v1"])
    assert outcome.exit_code == 2 and "not a Pydantic model" in outcome.output


# ---------------------------------------------------------------- engine pieces, on a small schema


class Party(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(json_schema_extra=meta(ground="name", compare="name"))
    role: Literal["buyer", "seller"]


class Deal(BaseModel):
    """A sale."""

    model_config = ConfigDict(extra="forbid")
    item: str | None = None
    price: float | None = None
    signed: date | None = None
    parties: list[Party] = Field(default_factory=list, json_schema_extra=meta(entities=True))
    terms: str | None = Field(default=None, json_schema_extra=meta(ground="text", compare="text"))


def test_grounding_drops_entities_whose_key_is_not_in_the_text_and_renumbers_paths() -> None:
    text = "Anna Berg sold a red tractor to Jon Olsen for 900 euros."
    deal = Deal(item="red tractor", price=900, parties=[
        Party(name="Invented Person", role="buyer"), Party(name="Jon Olsen", role="buyer"),
    ])
    kept, grounding = ground_data(deal, text, "drop")
    assert [p.name for p in kept.parties] == ["Jon Olsen"]  # type: ignore[attr-defined]
    assert grounding.ungrounded_people == ["Invented Person"]
    assert {s.path for s in grounding.spans} == {"item", "parties[0].name"}
    assert grounding.total == 3 and grounding.grounded == 2  # measured before the policy acts


def test_free_text_does_not_match_a_long_answer_because_one_word_is_in_it() -> None:
    gold = "lifting of US sanctions on the national airline"
    assert not compare("text", gold, "US")
    assert text_similarity(gold, "US") < 0.3
    assert compare("text", gold, "US sanctions on the national airline lifted")
    assert compare("text", "lifting of sanctions on fertiliser exports", "sanctions on fertiliser exports lifted")


def test_a_list_of_objects_is_aligned_by_its_key_before_fields_are_compared() -> None:
    from extract.schema_scoring import score_schema

    gold = Deal(item="tractor", parties=[Party(name="Anna Berg", role="seller"), Party(name="Jon Olsen", role="buyer")])
    pred = Deal(item="Tractor", parties=[Party(name="Jon Olsen", role="buyer"), Party(name="Anna Berg", role="buyer")])
    report = score_schema([("a", pred, gold)], Deal)
    assert report.fields["item"].tp == 1
    assert report.fields["parties.name"].tp == 2
    assert (report.fields["parties.role"].tp, report.fields["parties.role"].fp) == (1, 1)
    assert report.fields["price"].tp + report.fields["price"].fp + report.fields["price"].fn == 0


def test_the_public_facade_names_the_any_schema_api() -> None:
    for name in ("meta", "SchemaReport", "evaluate", "merge", "load_schema", "ExtractException"):
        assert name in extract.__all__
    assert issubclass(extract.ConfigError, extract.ExtractException)
    assert issubclass(extract.GoldError, extract.ExtractException)
    assert issubclass(extract.ExtractError, extract.ExtractException)


def test_a_strategy_the_schema_has_not_is_a_usage_error(tmp_path: Path) -> None:
    outcome = CliRunner().invoke(cli, ["run", str(EXAMPLE / "articles"), "-o", str(tmp_path / "o.jsonl"),
                                       "--schema", SCHEMA, "--strategy", "hybrid", "--base-url", "http://127.0.0.1:9/v1"])
    assert outcome.exit_code == 2
    assert "strategy 'hybrid' is not available for Verdict; choose single" in outcome.output


def test_a_prompt_file_of_the_users_replaces_the_generic_prompt(server: FakeOpenAIServer, tmp_path: Path) -> None:
    prompt = tmp_path / "verdicts.md"
    prompt.write_text(
        "---\nname: verdicts\nversion: 2\nvariables: article, instructions\n---\n"
        "### system\nYou read court reports for a newsroom archive.\n${instructions}\n"
        "### user\n${article}\n",
        encoding="utf-8",
    )
    server.clear()
    out = tmp_path / "o.jsonl"
    outcome = CliRunner().invoke(cli, ["run", str(EXAMPLE / "articles" / "v3_river_protest.txt"), "-o", str(out),
                                       "--schema", SCHEMA, "--prompt", str(prompt), "--base-url", server.base_url,
                                       "--no-cache", "--no-progress"])
    assert outcome.exit_code == 0, outcome.output
    record = json.loads(out.read_text())
    assert record["prompt_version"].startswith("verdicts@2+")
    system = server.completions[-1].body["messages"][0]["content"]
    assert system.startswith("You read court reports for a newsroom archive.")
    bad = tmp_path / "bad.md"
    bad.write_text("---\nname: bad\nversion: 1\nvariables: text\n---\n### system\nx\n### user\n${text}\n")
    outcome = CliRunner().invoke(cli, ["run", str(EXAMPLE / "articles"), "-o", str(out), "--schema", SCHEMA,
                                       "--prompt", str(bad), "--base-url", server.base_url])
    assert outcome.exit_code == 2 and "must use ${article}" in outcome.output


def test_resume_skips_done_articles_of_a_custom_schema(server: FakeOpenAIServer, tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    first = run_batch([EXAMPLE / "articles"], out, schema=SCHEMA, base_url=server.base_url, cache=False)
    again = run_batch([EXAMPLE / "articles"], out, schema=SCHEMA, base_url=server.base_url, cache=False, resume=True)
    assert (first.ok, again.skipped, again.total) == (3, 3, 0)
    assert len(load_records(out)) == 3


def test_the_schema_comes_from_flags_environment_or_config_file(tmp_path: Path) -> None:
    from extract import Settings

    config = tmp_path / "c.toml"
    config.write_text('schema = "from.config:Model"\nprompt = "p.md"\n', encoding="utf-8")
    assert Settings.load(env={"HOME": str(tmp_path)}, config_file=config).schema == "from.config:Model"
    assert Settings.load(env={"HOME": str(tmp_path)}, config_file=config).prompt == Path("p.md")
    assert Settings.load(env={"EXTRACT_SCHEMA": "from.env:Model", "HOME": str(tmp_path)}).schema == "from.env:Model"
    assert Settings.load({"schema": "from.flag:Model"}, env={"EXTRACT_SCHEMA": "x:Y"}).schema == "from.flag:Model"
    assert Settings.load(env={"HOME": str(tmp_path)}).schema is None


def test_eval_compares_a_custom_schema_with_a_baseline_and_gates_on_drops(results: Path, tmp_path: Path) -> None:
    base_json = tmp_path / "base.json"
    args = ["eval", str(results), "--gold", str(EXAMPLE / "gold")]
    assert CliRunner().invoke(cli, [*args, "--json", str(base_json)]).exit_code == 0
    report = json.loads(base_json.read_text())
    report["micro_f1"] = 1.0  # a better baseline than the run
    report["fields"]["charges"]["f1"] = 1.0
    base_json.write_text(json.dumps(report))
    outcome = CliRunner().invoke(cli, [*args, "--baseline", str(base_json), "--max-drop", "0.01",
                                       "--metric", "micro_f1", "--metric", "charges"])
    assert outcome.exit_code == 1
    assert "against the baseline (F1):" in outcome.output
    assert "micro_f1 dropped by" in outcome.output and "charges dropped by" in outcome.output
    same = CliRunner().invoke(cli, [*args, "--baseline", str(results), "--max-drop", "0"])  # a results file
    assert same.exit_code == 0, same.output
    assert "+0.000" in same.output
