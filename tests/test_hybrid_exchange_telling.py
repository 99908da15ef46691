"""The usual ways news tells what the other side of an exchange handed over: a release for a
release, a participle on the traded prisoners, people or remains returned "in exchange", frozen
money freed, a lifting agreed before the release. Articles written for the test (real country
names, invented events)."""

from __future__ import annotations

import pytest

from extract.domains.release.scoring import _same_text
from extract.domains.release.strategies.hybrid import run_rules
from extract.domains.release.strategies.hybrid_text import analyse


def quid(text: str) -> tuple[str | None, list[str]]:
    event, _, trail = run_rules(analyse(text))
    return event.quid_pro_quo, trail.get("quid_pro_quo", [])


def article(body: str) -> str:
    return f"Peru frees five Chilean fishermen\n\n{body}\n"


@pytest.mark.parametrize(
    ("body", "expected", "rule"),
    [
        ("Peru freed five Chilean fishermen on Sunday in return for the release of three Peruvian sailors "
         "held in Chile.", "release of three Peruvian sailors", "exchange.release-for-release"),
        ("Lima hands back the fishermen among the prisoners traded for the Peruvian businessman Marco Salas.",
         "release of Marco Salas", "exchange.counter-release-of-person"),
        ("Peru freed five Chilean fishermen on Sunday. In exchange, Chile returned three Peruvian sailors.",
         "release of three Peruvian sailors", "exchange.active-counter-release"),
        ("Peru freed five Chilean fishermen on Sunday in a swap. Chile handed over the bodies of 40 Peruvian "
         "soldiers in return.", "return of the bodies of 40 Peruvian soldiers", "exchange.remains-returned"),
        ("Peru freed five Chilean fishermen on Sunday in a deal under which Chile unfroze $2 billion in Peruvian "
         "assets.", "unfreezing of $2 billion in Peruvian assets", "exchange.funds-unfrozen"),
        ("Peru freed five Chilean fishermen on Sunday. The deal also gave Peru access to $2 billion in frozen "
         "funds.", "access to $2 billion in frozen funds", "exchange.funds-unfrozen"),
        ("Peru freed five Chilean fishermen on Sunday after Chile agreed to lift sanctions on Peruvian copper "
         "exports.", "lifting of sanctions on Peruvian copper exports", "exchange.in-return-or-deal"),
        # a clause after "in exchange for", a partitive group named in it
        ("Peru said it had exchanged the fishermen in exchange for Chile freeing one of Peru's senior naval "
         "officers.", "release of one of Peru's senior naval officers", "exchange.counter-release-of-person"),
        # the releasing side as the passive subject of a verb of handing over
        ("Peru freed five Chilean fishermen on Sunday in a swap. Peru was handed in return Marco Salas, Ana "
         "Torres and Luis Vega.", "release of Marco Salas, Ana Torres and Luis Vega", "exchange.received-in-exchange"),
        # the other side's release told as a noun with its performer
        ("Peru freed five Chilean fishermen on Sunday in a swap, after Chile's release of the Peruvian pilot "
         "Jorge Vega.", "release of Peruvian pilot Jorge Vega", "exchange.other-side-release-noun"),
        # something handed to the releasing side, named or as the pronoun of a deal's relative clause
        ("Peru freed five Chilean fishermen on Sunday under a deal. Chile agreed to pay 40 million dollars to Peru.",
         "pay 40 million dollars to Peru", "exchange.paid-to-releasing-side"),
        ("Peru freed five Chilean fishermen on Sunday under a deal that brought them the bodies of two Peruvian "
         "pilots.", "bodies of two Peruvian pilots", "exchange.paid-to-releasing-side"),
    ],
)
def test_what_the_other_side_handed_over_is_the_quid_pro_quo(body: str, expected: str, rule: str) -> None:
    value, rules = quid(article(body))
    assert value is not None and _same_text(expected, value), value
    assert rule in rules


@pytest.mark.parametrize(
    "body",
    [
        # nothing given, or a release for a release told as background in a relative clause
        "Peru freed five Chilean fishermen on Sunday. Chile said it had given nothing in return.",
        "Peru freed five Chilean fishermen on Sunday. In 2019, Bolivia brokered a deal under which two Chileans "
        "were freed in return for the release of a Peruvian pilot.",
        # frozen money only mentioned, no freeing of it and no deal
        "Peru freed five Chilean fishermen on Sunday. Chile has long complained about its frozen assets in Lima.",
        # the other side's release only demanded
        "Peru freed five Chilean fishermen on Sunday in a swap. Rights groups urged Chile's release of the pilot "
        "Jorge Vega.",
        # a courtesy paid to the releasing side is no payment
        "Peru freed five Chilean fishermen on Sunday under a deal. Chile's foreign minister had paid a visit to "
        "Peru in 2019.",
    ],
)
def test_nothing_handed_over_gives_no_quid_pro_quo(body: str) -> None:
    value, _ = quid(article(body))
    assert value is None or not any(w in value for w in ("pilot", "frozen", "nothing", "Vega", "visit")), value


def test_a_lifting_agreed_before_another_earlier_event_is_still_not_one() -> None:
    body = ("Peru freed five Chilean fishermen on Sunday, weeks before Chile lifted its ban on Peruvian copper "
            "exports.")
    assert quid(article(body))[0] is None
