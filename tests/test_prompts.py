from __future__ import annotations

import pytest

from extract.prompts import PromptError, load_prompt, parse_prompt, prompt_dir

GOOD = """---
name: demo
version: 2
variables: article, question
---
### system
Read <article>${article}</article>
### user
${question}
"""


def test_render_fills_declared_variables() -> None:
    prompt = parse_prompt(GOOD)
    messages = prompt.render(article="TEXT", question="Q?")
    assert messages[0] == {"role": "system", "content": "Read <article>TEXT</article>\n"}
    assert messages[1]["content"] == "Q?\n"


def test_missing_variable_fails_loudly() -> None:
    with pytest.raises(PromptError, match="missing variables"):
        parse_prompt(GOOD).render(article="x")


def test_unknown_variable_fails_loudly() -> None:
    with pytest.raises(PromptError, match="unknown variables"):
        parse_prompt(GOOD).render(article="x", question="q", extra="y")


def test_template_using_an_undeclared_variable_is_rejected() -> None:
    with pytest.raises(PromptError, match="declared variables"):
        parse_prompt(GOOD.replace("${question}", "${question} ${other}"))


def test_version_changes_when_the_text_changes() -> None:
    a = parse_prompt(GOOD)
    b = parse_prompt(GOOD.replace("Read", "Study"))
    assert a.version == b.version and a.full_version != b.full_version


def test_article_text_with_dollar_signs_is_not_interpreted() -> None:
    messages = parse_prompt(GOOD).render(article="costs $5 and ${x}", question="q")
    assert "costs $5 and ${x}" in messages[0]["content"]


def test_every_domain_prompt_loads_from_its_package() -> None:
    from extract.domains.release.prompt_files import PROMPTS

    names = sorted(p.stem for p in PROMPTS.glob("*.md"))
    assert {"single", "multipass", "hybrid_count", "hybrid_country"} <= set(names)
    for name in names:
        assert load_prompt(name, PROMPTS).name == name


def test_every_shipped_prompt_loads() -> None:
    names = sorted(p.stem for p in prompt_dir().glob("*.md"))
    assert "schema" in names  # the generic prompt; the release prompts live in its domain package
    for name in names:
        assert load_prompt(name).name == name
