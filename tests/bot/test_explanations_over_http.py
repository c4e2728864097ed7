"""The explanation a person reads, through the real app: the deciding rule on top, reasons for
and against, rounded money, and every flip one button away."""

from __future__ import annotations

import re

import pytest

import scoring
from bot import ids
from bot.blocks.recommendation import MAX_FLIPS, build_recommendation_message
from bot.compose import Web
from bot.i18n import Translator
from bot.sandbox import SignedSlackClient, SlackStandIn
from bot.sandbox.validation import check_message_blocks, check_view
from bot.store.models import Recommendation
from tests.bot.flows import ALICE, BOB, complete_assessment, rows, text_of, wait_for_dm

# Amounts as written: "€1,234.50" in English, "1 234,50 €" in French.
MONEY = re.compile(r"€(?P<en>[\d,]+(?:\.\d+)?)|(?P<fr>\d[\d\u202f]*(?:,\d+)?)\u00a0€")


def big_amounts_with_cents(text: str) -> list[str]:
    """Amounts of 100 or more written with cents: the false precision the texts round away."""
    found = []
    for m in MONEY.finditer(text):
        raw = m["en"] or m["fr"]
        whole, _, cents = raw.replace(",", "").partition(".") if m["en"] else raw.partition(",")
        if cents and int(whole.replace("\u202f", "")) >= 100:
            found.append(m[0])
    return found


def _stored(web: Web) -> tuple[Recommendation, scoring.Recommendation]:
    [row] = rows(web, Recommendation)
    return row, scoring.recommendation_from_dict(row.output)


@pytest.mark.parametrize(
    "user, locale, why, against",
    [
        (BOB, "en", "*Why ", "*What pulls the other way*"),
        (ALICE, "fr", "*Pourquoi ", "*Ce qui tire dans l'autre sens*"),
    ],
)
def test_the_result_dm_shows_the_new_explanation_in_the_persons_language(
    slack: SignedSlackClient,
    standin: SlackStandIn,
    web: Web,
    user: str,
    locale: str,
    why: str,
    against: str,
) -> None:
    complete_assessment(slack, standin, user)
    [dm] = wait_for_dm(standin, user)
    assert check_message_blocks(dm["blocks"]) is None
    row, rec = _stored(web)
    t = Translator(locale)
    # What arrived is the new layout, built from what was stored.
    expected = build_recommendation_message(
        rec, t, assessment_id=row.assessment_id, recommendation_id=row.id or 0
    )
    assert dm["blocks"] == expected.blocks
    sections = [b["text"]["text"] for b in dm["blocks"] if b["type"] == "section"]
    # The wizard's answers are the case that read as a contradiction: "limit the means" decides
    # in-house while the commercial needs, the year without results and the speed say agency.
    assert (rec.verdict, rec.rules_fired[0]) == (scoring.Verdict.IN_HOUSE, "limit_means")
    deciding = t("result.decided_by", reason=t.reason(*_code(rec.top_reasons[0])))
    assert sections[1] == deciding  # right under the confidence
    [pulls] = [s for s in sections if s.startswith(against)]
    assert pulls.count("•") == len(rec.against) == 3
    # Nothing listed as a "why" argues for the agency.
    assert not any(s.startswith(why) for s in sections)
    assert big_amounts_with_cents(text_of(dm["blocks"])) == []
    assert big_amounts_with_cents("€3,199.99 and 4\u202f000,01\u00a0€ but €22.50") == [
        "€3,199.99",
        "4\u202f000,01\u00a0€",
    ]  # the check itself can fail
    # The row froze everything the DM showed: each reason's direction and every flip.
    assert row.output == scoring.recommendation_to_dict(rec)
    assert row.model_version == scoring.MODEL_VERSION


def _code(reason: scoring.Reason) -> tuple[str, scoring.model.Params]:
    return reason.code, reason.params


@pytest.mark.parametrize("user, locale", [(BOB, "en"), (ALICE, "fr")])
def test_show_all_opens_every_flip_in_a_modal(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web, user: str, locale: str
) -> None:
    complete_assessment(slack, standin, user)
    [dm] = wait_for_dm(standin, user)
    row, rec = _stored(web)
    every = (*rec.flips, *rec.other_flips)
    assert len(every) > MAX_FLIPS  # the wizard's answers have more than fit in the DM
    [button] = [b["accessory"] for b in dm["blocks"] if b.get("accessory")]
    assert (button["action_id"], button["value"]) == (ids.ACTION_ALL_FLIPS, str(row.id))

    before = len(standin.calls("views.open"))
    response = slack.block_action(user, ids.ACTION_ALL_FLIPS, value=button["value"])
    assert response.status == 200
    view = standin.wait_for_calls("views.open", before + 1, timeout=5)[-1].response["view"]
    assert check_view(view) is None
    assert view["callback_id"] == ids.CALLBACK_ALL_FLIPS
    t = Translator(locale)
    assert view["title"]["text"] == t("result.all_flips_title")
    shown = text_of(view["blocks"])
    for flip in every:
        assert t.reason(flip.code, flip.params) in shown


def test_someone_elses_show_all_button_opens_nothing(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    complete_assessment(slack, standin, BOB)
    wait_for_dm(standin, BOB)
    row, _ = _stored(web)
    opened = len(standin.calls("views.open"))
    slack.block_action(ALICE, ids.ACTION_ALL_FLIPS, value=str(row.id))
    [refusal] = wait_for_dm(standin, ALICE)
    assert refusal["text"].startswith("Only the person")  # Alice is not cached: the default
    assert len(standin.calls("views.open")) == opened
