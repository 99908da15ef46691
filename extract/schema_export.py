"""Generate `schemas/*.json` from the Pydantic models: `python -m extract.schema_export [DIR]`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from .domains.release.schema import Person, ReleaseEvent
from .records import Record


class ReleaseRecord(Record):
    """One line of results JSONL: the extracted data (`event`) or an error for one article."""

    model_config = ConfigDict(title="Record")

    event: ReleaseEvent | None = Field(
        default=None, description="The extracted data: a ReleaseEvent (another schema's instance with --schema)."
    )


__all__ = ["SCHEMAS", "ReleaseRecord", "render_schemas", "write_schemas"]

SCHEMAS: dict[str, type[BaseModel]] = {
    "release_event.schema.json": ReleaseEvent,
    "person.schema.json": Person,
    "record.schema.json": ReleaseRecord,  # results JSONL of the default schema
}


def render_schemas() -> dict[str, str]:
    """File name -> JSON Schema text, exactly as written to `schemas/`."""
    return {name: json.dumps(model.model_json_schema(), indent=2, sort_keys=True) + "\n" for name, model in SCHEMAS.items()}


def write_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schemas().items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_schemas(Path(sys.argv[1] if len(sys.argv) > 1 else "schemas")):
        print(path)
