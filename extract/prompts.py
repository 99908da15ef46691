"""Prompt templates as files: loaded from `prompts/`, validated, versioned.

A prompt file is a small front matter block followed by `### system` and `### user` sections:

    ---
    name: single
    version: 3
    variables: article
    ---
    ### system
    ...
    ### user
    <article>
    ${article}
    </article>

Placeholders use `${name}`. The declared variables must equal the placeholders used, and
`render()` must be given exactly those: an unknown or missing variable fails loudly.
The prompt's version string (`name@version+hash`) goes into every record and cache key.
"""

from __future__ import annotations

import hashlib
import string
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from .errors import ExtractException

__all__ = ["Prompt", "PromptError", "load_prompt", "prompt_dir"]


class PromptError(ExtractException, ValueError):
    """A prompt file is malformed, or was rendered with the wrong variables."""


@dataclass(frozen=True)
class Prompt:
    name: str
    version: str
    variables: frozenset[str]
    system: string.Template
    user: string.Template
    sha256: str

    @property
    def full_version(self) -> str:
        """`name@version+hash8`: changes whenever the file's text changes."""
        return f"{self.name}@{self.version}+{self.sha256[:8]}"

    def render(self, **values: str) -> list[dict[str, str]]:
        """Render to chat messages; exactly the declared variables must be given."""
        given = set(values)
        missing = self.variables - given
        unknown = given - self.variables
        if missing or unknown:
            raise PromptError(
                f"prompt {self.name!r}: missing variables {sorted(missing)}, unknown variables {sorted(unknown)}"
            )
        return [
            {"role": "system", "content": self.system.substitute(values)},
            {"role": "user", "content": self.user.substitute(values)},
        ]


def prompt_dir() -> Path:
    """Where the prompt files are: inside the installed wheel, or `prompts/` in a source checkout."""
    packaged = resources.files("extract") / "_prompts"
    if packaged.is_dir():
        return Path(str(packaged))
    source = Path(__file__).resolve().parent.parent / "prompts"
    if source.is_dir():
        return source
    raise PromptError("prompt files not found: neither extract/_prompts nor prompts/ exists")


def _placeholders(template: string.Template) -> set[str]:
    names: set[str] = set()
    for match in template.pattern.finditer(template.template):
        if match.group("invalid") is not None:
            raise PromptError(f"invalid placeholder near {template.template[match.start():match.start()+20]!r}")
        name = match.group("named") or match.group("braced")
        if name:
            names.add(name)
    return names


def parse_prompt(text: str, source: str = "<prompt>") -> Prompt:
    """Parse and validate the text of a prompt file."""
    if not text.startswith("---\n"):
        raise PromptError(f"{source}: must start with a '---' front matter block")
    try:
        head, body = text[4:].split("\n---\n", 1)
    except ValueError as exc:
        raise PromptError(f"{source}: front matter is not closed with '---'") from exc
    meta: dict[str, str] = {}
    for line in head.splitlines():
        if line.strip():
            key, sep, value = line.partition(":")
            if not sep:
                raise PromptError(f"{source}: bad front matter line {line!r}")
            meta[key.strip()] = value.strip()
    for key in ("name", "version", "variables"):
        if key not in meta:
            raise PromptError(f"{source}: front matter lacks {key!r}")
    if "### system\n" not in body or "### user\n" not in body:
        raise PromptError(f"{source}: needs '### system' and '### user' sections")
    _, rest = body.split("### system\n", 1)
    system_text, user_text = rest.split("### user\n", 1)
    system = string.Template(system_text.strip() + "\n")
    user = string.Template(user_text.strip() + "\n")
    declared = frozenset(v.strip() for v in meta["variables"].split(",") if v.strip())
    used = _placeholders(system) | _placeholders(user)
    if used != declared:
        raise PromptError(
            f"{source}: declared variables {sorted(declared)} but the template uses {sorted(used)}"
        )
    return Prompt(
        name=meta["name"],
        version=meta["version"],
        variables=declared,
        system=system,
        user=user,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


@cache
def load_prompt(name: str, directory: Path | None = None) -> Prompt:
    """Load `<directory>/<name>.md` (default: the engine's `prompts/`); its front matter name must
    match the file name. A domain keeps its prompts in its own package and passes that folder."""
    path = (directory or prompt_dir()) / f"{name}.md"
    if not path.is_file():
        raise PromptError(f"no prompt named {name!r} in {path.parent}")
    prompt = parse_prompt(path.read_text(encoding="utf-8"), str(path))
    if prompt.name != name:
        raise PromptError(f"{path}: front matter name {prompt.name!r} does not match the file name")
    return prompt
