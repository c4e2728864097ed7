"""The Block Kit primitives keep within Slack's limits and pick initial options the way it wants."""

from __future__ import annotations

from bot import ids
from bot.blocks.kit import (
    MAX_BUTTON_TEXT,
    MAX_OPTION_TEXT,
    MAX_OPTIONS,
    button,
    checkboxes,
    clip,
    input_block,
    option,
    plain_text_input,
    radio_buttons,
    static_select,
)


def test_clip_leaves_a_short_text_alone_and_cuts_a_long_one_to_the_limit_with_an_ellipsis() -> None:
    assert clip("Leads", 5) == "Leads"
    clipped = clip("Generate leads in Lyon", 10)
    assert clipped == "Generate…"  # cut mid-sentence; no space left before the ellipsis
    assert len(clipped) <= 10
    assert clip("abcdefghij", 5) == "abcd…"  # a word is cut when it alone is too long


def test_options_and_buttons_are_clipped_to_slacks_limits() -> None:
    assert len(option("x" * 200, "v")["text"]["text"]) == MAX_OPTION_TEXT
    assert len(button("x" * 200, "act")["text"]["text"]) == MAX_BUTTON_TEXT


def test_an_initial_option_is_the_identical_object_from_the_options() -> None:
    options = [option("A", "a"), option("B", "b")]
    for element in (static_select(options, "b"), radio_buttons(options, "b")):
        assert element["initial_option"] is options[1]
        assert element["initial_option"] is element["options"][1]


def test_no_initial_option_when_the_value_is_not_offered_nor_beyond_the_hundredth() -> None:
    assert "initial_option" not in radio_buttons([option("A", "a")], "z")
    options = [option(str(i), str(i)) for i in range(MAX_OPTIONS + 5)]
    select = static_select(options, str(MAX_OPTIONS + 1))
    assert len(select["options"]) == MAX_OPTIONS
    assert "initial_option" not in select


def test_checkboxes_tick_the_given_values_and_never_send_an_empty_initial_options() -> None:
    options = [option("A", "a"), option("B", "b"), option("C", "c")]
    ticked = checkboxes(options, ["c", "a"])["initial_options"]
    assert ticked == [options[0], options[2]] and ticked[0] is options[0]
    assert "initial_options" not in checkboxes(options, [])


def test_an_input_block_is_optional_only_when_asked_and_says_so_either_way() -> None:
    element = plain_text_input(placeholder="e.g. 12")
    required = input_block(ids.BLOCK_KPI_NAME, "Name", element)
    optional = input_block(ids.BLOCK_KPI_UNIT, "Unit", element, optional=True, hint="€, %…")
    assert required["optional"] is False and "hint" not in required
    assert optional["optional"] is True
    assert optional["hint"] == {"type": "plain_text", "text": "€, %…"}


def test_an_input_blocks_element_answers_to_the_action_derived_from_the_block() -> None:
    element = plain_text_input()
    block = input_block(ids.BLOCK_KPI_NAME, "Name", element)
    assert block["element"]["action_id"] == ids.input_action(ids.BLOCK_KPI_NAME)
    assert "action_id" not in element  # the element given is left as it was
