"""The quid pro quo: in an exchange, what the other side freed is what the releasing side got
(issue 15 item 8); with no deal, exchange or return named, nothing was got.

Every article here is written for the test; the countries and names are invented or common."""

from __future__ import annotations

import pytest

from extract.domains.release.scoring import _same_text
from extract.domains.release.strategies.hybrid import run_rules
from extract.domains.release.strategies.hybrid_text import analyse


def quid(text: str) -> tuple[str | None, list[str]]:
    event, _, trail = run_rules(analyse(text))
    return event.quid_pro_quo, trail.get("quid_pro_quo", [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the other side is the performer of its own release
        ("Hostages and prisoners freed in second round of truce\n\n"
         "After Hamas freed 13 Israelis and four foreigners in the second round of exchanges, Israel released "
         "39 Palestinian prisoners on Sunday, the Israeli prison service said.\n",
         "release of 13 Israelis and four foreigners"),
        ("Thailand frees three Iranians in swap\n\n"
         "Thailand has released three Iranian men jailed over a bomb plot, after Iran freed the British academic "
         "Laura Penrose, Thai officials said. Iranian media called it an exchange.\n",
         "release of British academic Laura Penrose"),
        # the freed were handed over to the releasing country, or are its own people returned
        ("Azerbaijan frees 44 Armenians in prisoner exchange\n\n"
         "Azerbaijan released 44 Armenian captives on Monday in an exchange of prisoners. The defence ministry "
         "said 12 captives had been handed over to Azerbaijan.\n",
         "release of 12 captives"),
        ("Russia and Ukraine swap prisoners\n\n"
         "Russia released 90 Ukrainian soldiers on Wednesday in a prisoner exchange brokered by Qatar. The Russian "
         "defence ministry said 90 Russian servicemen had been returned from Ukrainian-held territory.\n",
         "release of 90 Russian servicemen"),
    ],
)
def test_in_an_exchange_the_other_sides_release_is_the_quid_pro_quo(text: str, expected: str) -> None:
    value, rules = quid(text)
    assert value is not None and _same_text(expected, value), value
    assert "exchange.other-side-release" in rules


def test_the_releasing_countrys_own_release_is_not_its_quid_pro_quo() -> None:
    text = (
        "Ruritania frees 20 prisoners in swap\n\n"
        "Ruritania freed 20 Freedonian prisoners on Friday in an exchange with Freedonia, the interior ministry said.\n"
    )
    value, _ = quid(text)
    assert value is None or "Freedonian prisoners" not in value


def test_with_no_deal_named_an_easing_of_curbs_is_not_a_quid_pro_quo() -> None:
    text = (
        "Myanmar to free 600 prisoners\n\n"
        "Myanmar will release 600 prisoners on Friday, state media said. The reforms, which have included prisoner "
        "releases and some easing of curbs on freedom of expression, have stalled in recent months.\n"
    )
    assert quid(text)[0] is None


def test_with_no_deal_named_a_lifting_of_sanctions_still_is_one() -> None:
    text = (
        "Belarus frees 40 prisoners as Washington eases sanctions\n\n"
        "Belarus freed 40 political prisoners on Saturday, hours after the US Treasury said it was lifting "
        "sanctions on the state potash firm Belkali.\n"
    )
    value, _ = quid(text)
    assert value is not None and "sanctions" in value
