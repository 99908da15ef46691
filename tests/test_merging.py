"""Cross-article consolidation: grouping, people merged across spellings, conflicts with sources."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from extract import merge
from extract.cli import cli
from extract.domains.release.evaluation import load_gold
from extract.domains.release.merging import SourcedValue, choose, merge_records
from extract.domains.release.schema import Person, Record, ReleaseEvent

ROOT = Path(__file__).resolve().parent.parent


def _record(rid: str, event: ReleaseEvent) -> Record:
    return Record(id=rid, status="ok", event=event, model="m", strategy="s", prompt_version="p", sha256=rid)


def _gold_records() -> list[Record]:
    return [_record(rid, event) for rid, event in sorted(load_gold(ROOT / "evals" / "gold").items())]


def _lakeland(rid: str, count: int, remaining: int, blogger: str) -> Record:
    return _record(rid, ReleaseEvent(
        releasing_country="Lakeland", released_count=count, remaining_prisoners=remaining,
        people=[Person(name=blogger, status="released"), Person(name="Elin Sorberg", status="released"),
                Person(name="Anna Holm", status="official")],
        mediators=["Norway"],
    ))


def test_seed_reports_merge_into_one_event_with_every_spelling_and_source() -> None:
    (event,) = merge_records(_gold_records())
    assert len(event.articles) == 5
    kal = [p for p in event.people if any("alesnikava" in n or "olesnikova" in n for n in [p.name, *p.aliases])]
    assert len(kal) == 1, [p.name for p in kal]
    spellings = {kal[0].name, *kal[0].aliases}
    assert {"Maryia Kalesnikava", "Maria Kolesnikova", "Maria Kalesnikava"} <= spellings
    assert len(kal[0].sources) == 5 and kal[0].status == "released"


def test_disagreeing_remaining_prisoner_figures_are_a_conflict_with_sources() -> None:
    (event,) = merge_records(_gold_records())
    conflict = next(c for c in event.conflicts if c.field == "remaining_prisoners")
    values = {v.value: v.sources for v in conflict.values}
    assert len(values) >= 3
    assert all(values.values())
    assert conflict.chosen in values


def test_a_different_release_forms_a_separate_event() -> None:
    records = [*_gold_records(), _lakeland("lk1", 6, 40, "Tomas Vinter"), _lakeland("lk2", 6, 30, "Tomas Winter")]
    events = merge_records(records)
    assert len(events) == 2
    lake = next(e for e in events if e.event.releasing_country == "Lakeland")
    assert lake.articles == ["lk1", "lk2"]
    blogger = next(p for p in lake.people if "Tomas" in p.name)
    assert {blogger.name, *blogger.aliases} == {"Tomas Vinter", "Tomas Winter"}
    assert lake.facts["released_count"].value == 6 and lake.facts["released_count"].sources == ["lk1", "lk2"]


def test_different_countries_never_merge_even_with_the_same_count() -> None:
    a = _record("a", ReleaseEvent(releasing_country="Iran", released_count=5))
    b = _record("b", ReleaseEvent(releasing_country="Venezuela", released_count=5))
    assert len(merge_records([a, b])) == 2


def test_error_records_are_left_out_of_merging() -> None:
    from extract.domains.release.schema import ErrorInfo

    bad = Record(id="x", status="error", error=ErrorInfo(type="t", message="m"), model="m", strategy="s",
                 prompt_version="p", sha256="x")
    events = merge_records([bad, _lakeland("lk1", 6, 40, "Tomas Vinter")])
    assert [e.articles for e in events] == [["lk1"]]


def test_choice_rule_is_most_sources_then_most_specific() -> None:
    assert choose([SourcedValue(value=1100, sources=["a"]), SourcedValue(value=1227, sources=["b"])]).value == 1227
    assert choose([SourcedValue(value=1100, sources=["a", "c"]), SourcedValue(value=1227, sources=["b"])]).value == 1100


def test_merged_seed_event_scores_well_against_the_merged_gold() -> None:
    from extract.domains.release.scoring import score

    gold_files = sorted((ROOT / "evals" / "gold_merged").glob("*.json"))
    assert gold_files, "evals/gold_merged/ must hold the hand-labelled merged event"
    gold = ReleaseEvent.model_validate(json.loads(gold_files[0].read_text(encoding="utf-8")))
    (event,) = merge_records(_gold_records())
    report = score([("merged", _record("merged", event.event), gold)])
    assert report.people_f1 >= 0.9 and report.released_f1 >= 0.9


def test_cli_merge_writes_json_and_a_markdown_dossier(tmp_path: Path) -> None:
    results = tmp_path / "r.jsonl"
    results.write_text("".join(r.model_dump_json() + "\n" for r in _gold_records()))
    out_json, out_md = tmp_path / "events.json", tmp_path / "dossier.md"
    assert CliRunner().invoke(cli, ["merge", str(results), "-o", str(out_json)]).exit_code == 0
    assert CliRunner().invoke(cli, ["merge", str(results), "-o", str(out_md)]).exit_code == 0
    events = json.loads(out_json.read_text())
    assert len(events) == 1 and len(events[0]["articles"]) == 5
    dossier = out_md.read_text()
    assert "### Conflicts" in dossier and "remaining_prisoners" in dossier and "Kolesnikova" in dossier
    assert merge(results)[0].id == events[0]["id"]
