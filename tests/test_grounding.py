"""Alignment of quotes and names to article offsets, and the ungrounded-people policy."""

from __future__ import annotations

import time
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.domains.release.grounding import ground, is_counted
from extract.domains.release.schema import EventEvidence, Person, ReleaseEvent
from extract.grounding import Aligner, Alignment, align, normalise

ARTICLE = (
    "VILNIUS, Tuesday. The authorities of Ruritania freed 17 prisoners on Monday, the state agency said.\n"
    "Among them was the blogger Zofia Gałuza, jailed since 2021 on “extremism” charges.\n"
    "Ales Bialiatski, a rights defender, was not among those released - his wife said he  remains\n"
    "in a penal colony. President Karl Ostrander signed the pardons — a gesture, officials said, "
    "of “goodwill towards the West”.\n"
    "Ostrander's envoy, Mira Tosk, flew to the capital.\n"
)


def assert_slices(text: str, found: Alignment) -> None:
    """A found alignment's offsets slice the original text back to its `text`."""
    assert found.start is not None and found.end is not None
    assert text[found.start : found.end] == found.text


# ------------------------------------------------------------------ align


def test_exact_quote_slices_back() -> None:
    quote = "freed 17 prisoners on Monday"
    found = align(quote, ARTICLE)
    assert found.status == "exact" and found.score == 1.0
    assert found.start == ARTICLE.index(quote)
    assert ARTICLE[found.start : found.end] == quote == found.text


def test_shifted_text_shifts_offsets() -> None:
    quote = "Among them was the blogger"
    base = align(quote, ARTICLE)
    shifted = align(quote, "A headline\n\n" + ARTICLE)
    assert shifted.status == "exact"
    assert shifted.start == base.start + len("A headline\n\n")  # type: ignore[operator]
    assert_slices("A headline\n\n" + ARTICLE, shifted)


def test_query_surrounding_whitespace_and_quotes_are_ignored() -> None:
    found = align('  "the state agency said."  ', ARTICLE)
    assert found.status in ("exact", "fuzzy")
    assert found.text == "the state agency said"
    assert_slices(ARTICLE, found)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # straight quotes for curly ones
        ('jailed since 2021 on "extremism" charges', "jailed since 2021 on “extremism” charges"),
        # a hyphen with spaces for an em dash, and different spacing
        ("signed the pardons - a gesture", "signed the pardons — a gesture"),
        ("signed the pardons—a gesture", "signed the pardons — a gesture"),
        # collapsed whitespace across a line break and a double space
        ("he remains in a penal colony", "he  remains\nin a penal colony"),
        # case
        ("AMONG THEM WAS THE BLOGGER", "Among them was the blogger"),
        # curly apostrophe for a straight one
        ("Ostrander’s envoy", "Ostrander's envoy"),
    ],
)
def test_repunctuated_quotes_are_found_tolerantly(query: str, expected: str) -> None:
    found = align(query, ARTICLE)
    assert found.status == "fuzzy" and found.score == 1.0
    assert found.text == expected
    assert_slices(ARTICLE, found)


def test_fuzzy_quote_is_widened_to_whole_words() -> None:
    found = align("Ales Bialiatski, a human rights defender, was not among those released", ARTICLE)
    assert found.status == "fuzzy" and 0.85 <= found.score < 1.0
    assert found.text == "Ales Bialiatski, a rights defender, was not among those released"
    assert_slices(ARTICLE, found)


def test_elided_quote_spans_its_parts() -> None:
    found = align("President Karl Ostrander signed the pardons … goodwill towards the West", ARTICLE)
    assert found.status == "fuzzy"
    assert found.text is not None
    assert found.text.startswith("President Karl Ostrander") and found.text.endswith("towards the West")
    assert_slices(ARTICLE, found)


@pytest.mark.parametrize(
    "query",
    ["The army freed 300 soldiers in a swap", "Zofia Kowalczyk", "", "   "],
)
def test_absent_quote_is_not_found(query: str) -> None:
    found = align(query, ARTICLE)
    assert found.status == "not_found"
    assert found.start is None and found.end is None and found.text is None
    assert found.score < 0.85


def test_unicode_names() -> None:
    exact = align("Zofia Gałuza", ARTICLE)
    assert exact.status == "exact" and exact.text == "Zofia Gałuza"
    folded = align("Galuza", ARTICLE)
    assert folded.status == "fuzzy" and folded.score == 1.0 and folded.text == "Gałuza"
    assert_slices(ARTICLE, folded)
    spelled = align("Ales Bialiatsky", ARTICLE, whole_words=True)
    assert spelled.status == "fuzzy" and spelled.text == "Ales Bialiatski"
    assert_slices(ARTICLE, spelled)
    reverse = align("Gałuza", "The blogger Galuza was freed.")
    assert reverse.text == "Galuza"


def test_decomposed_text_slices_include_combining_marks() -> None:
    text = unicodedata.normalize("NFD", "Prisoner José Müller went home.")
    found = align("Jose Muller", text)
    assert found.status == "fuzzy"
    assert found.text == unicodedata.normalize("NFD", "José Müller")
    assert_slices(text, found)


def test_whole_words_does_not_match_inside_a_word() -> None:
    text = "The annual report named nobody."
    assert align("ann", text).status == "exact"
    assert align("Ann", text).text == "ann"
    assert align("Ann", text, whole_words=True).status == "not_found"
    assert align("Annu", text, whole_words=True).status == "not_found"  # fuzzy matches whole words, not a fragment


def test_normalise_maps_back_to_original_positions() -> None:
    text = "A  “quote” — Łódź\u00ad\n end"
    norm, where = normalise(text)
    assert norm == 'a "quote"-lodz end'
    assert len(where) == len(norm)
    assert where == sorted(where)
    assert text[where[norm.index('"')]] == "“"
    assert text[where[norm.index("-")]] == "—"
    lodz = norm.index("lodz")
    assert text[where[lodz] : where[lodz + 3] + 1] == "Łódź"
    assert text[where[norm.index(" end")]] == "\u00ad" or text[where[norm.index(" end")]].isspace()


def test_aligner_caches_and_handles_empty_text() -> None:
    aligner = Aligner(ARTICLE)
    assert aligner.find("Mira Tosk") is aligner.find("Mira Tosk")
    assert Aligner("").find("anything").status == "not_found"
    assert align("a much longer query than the text", "short").status == "not_found"


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("ab łŁéE-–—\"“”'’ \n\t.,")), min_size=1, max_size=60),
    data=st.data(),
)
def test_found_offsets_always_slice_the_original(text: str, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(text) - 1))
    j = data.draw(st.integers(i + 1, len(text)))
    query = text[i:j]
    for variant in (query, query.upper(), query.replace("—", "-").replace("“", '"'), " ".join(query.split())):
        found = align(variant, text)
        if found.status != "not_found":
            assert_slices(text, found)
    if query.strip():
        assert align(query, text).status == "exact"


# ------------------------------------------------------------------ ground


def make_event() -> ReleaseEvent:
    return ReleaseEvent(
        releasing_country="Ruritania",
        releasing_authority="President Karl Ostrander",
        released_count=17,
        people=[
            Person(name="Zofia Galuza", status="released", evidence="Among them was the blogger Zofia Gałuza"),
            Person(name="Viktor Phantom", status="released", evidence="Viktor Phantom was also freed"),
            Person(name="Ales Bialiatski", status="still_detained", evidence="he remains in a penal colony"),
            Person(name="Mira K. Tosk", aliases=["Tosk"], status="negotiator"),
            Person(name="Ann Ostrander-Lee", status="other"),
        ],
        evidence=EventEvidence(
            released_count="freed 17 prisoners on Monday",
            releasing_authority="President Karl Ostrander signed the pardons",
            quid_pro_quo="in exchange for a new bridge",
        ),
    )


def test_ground_flag_lists_ungrounded_people_and_keeps_them() -> None:
    event = make_event()
    result, grounding = ground(event, ARTICLE)
    assert grounding.policy == "flag"
    assert result is event and len(result.people) == 5
    assert grounding.ungrounded_people == ["Viktor Phantom", "Ann Ostrander-Lee"]
    by_path = {s.path: s for s in grounding.spans}
    assert by_path["people[0].name"].status == "fuzzy" and by_path["people[0].name"].text == "Zofia Gałuza"
    assert by_path["people[1].name"].status == "not_found"
    assert by_path["people[2].name"].status == "exact"
    # "Mira K. Tosk" is not in the article, but its surname alone is
    assert by_path["people[3].name"].status == "exact" and by_path["people[3].name"].text == "Tosk"
    assert by_path["evidence.quid_pro_quo"].status == "not_found"
    for span in grounding.spans:
        if span.status != "not_found":
            assert ARTICLE[span.start : span.end] == span.text


def test_ground_counts_names_quotes_and_authority_but_not_country() -> None:
    _, grounding = ground(make_event(), ARTICLE)
    counted = [s for s in grounding.spans if is_counted(s.path)]
    # 5 names + 3 person evidence + authority + 3 event evidence
    assert grounding.total == len(counted) == 12
    # not found: Viktor Phantom (name, evidence), Ann Ostrander-Lee (name), quid_pro_quo evidence
    assert grounding.grounded == 8
    assert grounding.rate == round(8 / 12, 4)
    assert "releasing_country" in {s.path for s in grounding.spans}
    assert not is_counted("releasing_country")


def test_ground_keep_leaves_people_and_lists_nobody() -> None:
    event = make_event()
    result, grounding = ground(event, ARTICLE, "keep")
    assert result == event
    assert grounding.ungrounded_people == [] and grounding.policy == "keep"
    assert sum(s.status == "not_found" for s in grounding.spans if s.path.endswith(".name")) == 2


def test_ground_drop_removes_people_and_renumbers_paths() -> None:
    event = make_event()
    result, grounding = ground(event, ARTICLE, "drop")
    assert [p.name for p in result.people] == ["Zofia Galuza", "Ales Bialiatski", "Mira K. Tosk"]
    assert len(event.people) == 5  # the input is not changed
    assert grounding.ungrounded_people == ["Viktor Phantom", "Ann Ostrander-Lee"]
    name_paths = [s.path for s in grounding.spans if s.path.endswith(".name")]
    assert name_paths == ["people[0].name", "people[1].name", "people[2].name"]
    assert {s.path: s.query for s in grounding.spans}["people[1].evidence"] == "he remains in a penal colony"
    assert all(s.status != "not_found" for s in grounding.spans if s.path.startswith("people"))
    # the rate describes the event as extracted, whatever the policy
    assert grounding.rate == ground(event, ARTICLE, "flag")[1].rate


def test_ground_alias_and_nothing_to_ground() -> None:
    event = ReleaseEvent(people=[Person(name="Mirabel Toskova", aliases=["Mira Tosk"], status="negotiator")])
    _, grounding = ground(event, ARTICLE)
    assert grounding.spans[0].query == "Mira Tosk" and grounding.spans[0].status == "exact"
    assert grounding.ungrounded_people == []
    _, empty = ground(ReleaseEvent(), ARTICLE)
    assert empty.total == 0 and empty.rate == 1.0 and empty.spans == []


def test_single_word_invented_name_is_not_grounded_by_a_fragment() -> None:
    event = ReleaseEvent(people=[Person(name="Ostra", status="released"), Person(name="Li", status="released")])
    _, grounding = ground(event, ARTICLE)
    assert grounding.ungrounded_people == ["Ostra", "Li"]


def test_ground_rejects_unknown_policy() -> None:
    with pytest.raises(ValueError, match="policy"):
        ground(make_event(), ARTICLE, "delete")  # type: ignore[arg-type]


def test_ground_is_fast_on_long_articles() -> None:
    text = ARTICLE * 400  # ~150 KB
    event = make_event()
    start = time.perf_counter()
    for _ in range(3):
        ground(event, text)
    assert time.perf_counter() - start < 5.0
