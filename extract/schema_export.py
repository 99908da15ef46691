"""Generate `schemas/*.json` from the Pydantic models: `python -m extract.schema_export [DIR]`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from .domains.release.schema import Person, Record, ReleaseEvent

__all__ = ["SCHEMAS", "render_schemas", "write_schemas"]

SCHEMAS: dict[str, type[BaseModel]] = {
    "release_event.schema.json": ReleaseEvent,
    "person.schema.json": Person,
    "record.schema.json": Record,
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
