"""The payload validator: each of Slack's rules is found on a payload that breaks it, and nothing is
found on one that keeps it (built with slack_sdk's models)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ConfirmObject,
    ContextBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from tests.slack_rules import findings_of, unescaped_markup, violations_of


def rules(kind: str, payload: dict[str, Any]) -> list[str]:
    return [finding.rule for finding in findings_of(kind, payload)]


def message(*blocks: Any, text: str = "Reserv") -> dict[str, Any]:
    return {"channel": "C1", "text": text, "blocks": [b if isinstance(b, dict) else b.to_dict() for b in blocks]}


def section(text: str, **kwargs: Any) -> dict[str, Any]:
    """A section as a dict: slack_sdk's to_dict() refuses the bad ones these tests need."""
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}, **kwargs}


def button(action_id: str, text: str = "Nästa", **kwargs: Any) -> ButtonElement:
    return ButtonElement(action_id=action_id, text=text, **kwargs)


def modal(*blocks: Any, title: str = "Logga", **kwargs: Any) -> dict[str, Any]:
    """A modal as a dict, its blocks as given (slack_sdk's to_dict() would refuse the bad ones)."""
    view = View(type="modal", title=title, blocks=[HeaderBlock(text="-")], **kwargs).to_dict()
    return {**view, "blocks": [b if isinstance(b, dict) else b.to_dict() for b in blocks]}


def select(options: list[Option], **kwargs: Any) -> StaticSelectElement:
    return StaticSelectElement(action_id="grupp", placeholder="Välj", options=options, **kwargs)


def options(n: int) -> list[Option]:
    return [Option(value=f"v{i}", text=f"Grupp {i}") for i in range(n)]


# ------------------------------------------------------------------ a good payload of every kind


def test_good_payloads_of_every_kind_break_no_rule() -> None:
    good_message = message(
        HeaderBlock(text="Veckobrev v. 12"),
        section("*Kompetens* <@U123> skrev &lt;b&gt; &amp; <https://mlr.se|länk> i <#C0KOMP>", block_id="b1"),
        ActionsBlock(block_id="b2", elements=[button("prev", "Föregående"), button("next")]),
        ContextBlock(elements=[MarkdownTextObject(text="Sida 2 av 3")]),
    )
    view = modal(
        InputBlock(
            block_id="g",
            label="Grupp",
            element=select(options(3), initial_option=options(3)[1]),
        ),
        InputBlock(block_id="t", label="Text", element=PlainTextInputElement(action_id="t", max_length=3000)),
        submit="Spara",
        close="Avbryt",
        private_metadata="x" * 3000,
    )
    assert violations_of("chat.postMessage", good_message) == []
    # form-encoded, as slack_sdk sends chat.*: blocks as a JSON string
    assert violations_of("chat.postMessage", {**good_message, "blocks": json.dumps(good_message["blocks"])}) == []
    assert violations_of("chat.postEphemeral", {**good_message, "user": "U1"}) == []
    assert violations_of("chat.update", {**good_message, "ts": "1.2"}) == []
    assert violations_of("response_url", {**good_message, "response_type": "ephemeral"}) == []
    assert violations_of("views.open", {"trigger_id": "1.2.3", "view": json.dumps(view)}) == []
    assert (
        violations_of("views.publish", {"user_id": "U1", "view": {"type": "home", "blocks": good_message["blocks"]}})
        == []
    )
    assert violations_of("ack", {"response_action": "errors", "errors": {"g": "Välj en grupp."}}) == []
    assert violations_of("ack", {"response_action": "update", "view": view}) == []
    assert violations_of("ack", {"text": "Okänt kommando &lt;x&gt;", "response_type": "ephemeral"}) == []
    assert violations_of("files.completeUploadExternal", {"files": "[]", "initial_comment": "Rapport 2017"}) == []


# ------------------------------------------------------------------ slack_sdk's models


def test_a_block_of_no_known_type_is_found_by_the_models() -> None:
    assert rules("chat.postMessage", message({"type": "sektion"})) == ["sdk_model"]


def test_the_models_are_run_on_nested_objects_too() -> None:
    # an option group with no options: only slack_sdk's OptionGroup knows it, deep inside an input
    element = {
        "type": "static_select",
        "action_id": "s",
        "option_groups": [{"label": {"type": "plain_text", "text": "A"}}],
    }
    view = {"type": "modal", "title": {"type": "plain_text", "text": "T"}, "blocks": [
        {"type": "input", "label": {"type": "plain_text", "text": "L"}, "element": element}
    ]}  # fmt: skip
    found = findings_of("views.open", {"view": view})
    assert [(f.rule, f.path) for f in found] == [("sdk_model", "view.blocks[0].element.option_groups[0]")]


def test_a_model_finding_is_not_repeated_where_a_named_rule_already_reports_it() -> None:
    found = findings_of(
        "chat.postMessage", message({"type": "header", "text": {"type": "plain_text", "text": "x" * 151}})
    )
    assert [f.rule for f in found] == ["header_text"]


# ------------------------------------------------------------------ messages


def test_text_fallback() -> None:
    for method in ("chat.postMessage", "chat.postEphemeral", "chat.update"):
        assert rules(method, message(section("hej"), text="")) == ["text_fallback"]
        assert rules(method, {"channel": "C1", "blocks": [section("hej")]}) == ["text_fallback"]
        assert rules(method, message(section("hej"))) == []
    assert rules("response_url", {"blocks": [section("hej")]}) == []  # not a chat.* call


def test_message_blocks() -> None:
    assert rules("chat.postMessage", message(*[section("a")] * 51)) == ["message_blocks"]
    assert rules("chat.postMessage", message(*[section("a")] * 50)) == []


def test_message_text() -> None:
    assert rules("chat.postMessage", {"channel": "C1", "text": "a" * 40_001}) == ["message_text"]
    assert rules("chat.postMessage", {"channel": "C1", "text": "a" * 40_000}) == []


def test_message_block_text() -> None:
    five = [section("a" * 2500)] * 5  # 12,500 characters in all
    assert rules("chat.postMessage", message(*five)) == ["message_block_text"]
    assert rules("chat.postMessage", message(*five[:4])) == []


def test_response_type() -> None:
    assert rules("response_url", {"text": "hej", "response_type": "private"}) == ["response_type"]
    assert rules("response_url", {"text": "hej", "response_type": "in_channel"}) == []


# ------------------------------------------------------------------ blocks


def test_section_text() -> None:
    assert rules("chat.postMessage", message(section("a" * 3001))) == ["section_text"]
    assert rules("chat.postMessage", message(section("a" * 3000))) == []


def test_empty_text() -> None:
    assert rules("chat.postMessage", message({"type": "section", "text": {"type": "mrkdwn", "text": ""}})) == [
        "empty_text"
    ]


def test_section_fields_and_field_text() -> None:
    def fields(n: int, length: int) -> dict[str, Any]:
        return {"type": "section", "fields": [{"type": "mrkdwn", "text": "a" * length}] * n}

    assert "section_fields" in rules("chat.postMessage", message(fields(11, 1)))
    assert rules("chat.postMessage", message(fields(1, 2001))) == ["field_text"]
    assert rules("chat.postMessage", message(fields(10, 1000))) == []
    assert rules("chat.postMessage", message(fields(1, 2000))) == []


def test_header_text() -> None:
    header = {"type": "header", "text": {"type": "plain_text", "text": "a" * 151}}
    assert rules("chat.postMessage", message(header)) == ["header_text"]
    assert rules("chat.postMessage", message(HeaderBlock(text="a" * 150))) == []


def test_context_elements() -> None:
    context = {"type": "context", "elements": [{"type": "mrkdwn", "text": "a"}] * 11}
    assert rules("chat.postMessage", message(context)) == ["context_elements"]
    assert rules("chat.postMessage", message(ContextBlock(elements=[MarkdownTextObject(text="a")] * 10))) == []


def test_actions_elements() -> None:
    many = {"type": "actions", "elements": [button(f"b{i}").to_dict() for i in range(26)]}
    assert "actions_elements" in rules("chat.postMessage", message(many))
    assert rules("chat.postMessage", message(ActionsBlock(elements=[button(f"b{i}") for i in range(25)]))) == []


def test_input_label_and_hint() -> None:
    element = PlainTextInputElement(action_id="t").to_dict()
    label = {"type": "input", "label": {"type": "plain_text", "text": "a" * 2001}, "element": element}
    hint = {**label, "label": {"type": "plain_text", "text": "L"}, "hint": {"type": "plain_text", "text": "a" * 2001}}
    assert rules("views.open", {"view": modal(label, submit="Spara")}) == ["input_label"]
    assert rules("views.open", {"view": modal(hint, submit="Spara")}) == ["input_hint"]
    good = InputBlock(label="a" * 2000, hint="a" * 2000, element=PlainTextInputElement(action_id="t")).to_dict()
    assert rules("views.open", {"view": modal(good, submit="Spara")}) == []


def test_block_id_unique_and_long() -> None:
    assert rules("chat.postMessage", message(section("a", block_id="x"), section("b", block_id="x"))) == [
        "block_id_unique"
    ]
    assert rules("chat.postMessage", message({**section("a"), "block_id": "b" * 256})) == ["id_length"]
    assert rules("chat.postMessage", message(section("a", block_id="x"), section("b", block_id="y"))) == []


# ------------------------------------------------------------------ elements


def test_action_id_unique_within_a_block() -> None:
    same = ActionsBlock(elements=[button("sida", "Föregående"), button("sida", "Nästa")])
    assert rules("chat.postMessage", message(same)) == ["action_id_unique"]
    # the same action_id in two blocks is allowed
    two = [ActionsBlock(elements=[button("sida")]), ActionsBlock(elements=[button("sida")])]
    assert rules("chat.postMessage", message(*two)) == []


def test_action_id_length() -> None:
    long = {"type": "actions", "elements": [{**button("x").to_dict(), "action_id": "a" * 256}]}
    assert rules("chat.postMessage", message(long)) == ["id_length"]


def test_button_text_value_and_url() -> None:
    def actions(**fields: Any) -> dict[str, Any]:
        return {"type": "actions", "elements": [{**button("b").to_dict(), **fields}]}

    assert rules("chat.postMessage", message(actions(text={"type": "plain_text", "text": "a" * 76}))) == ["button_text"]
    assert rules("chat.postMessage", message(actions(value="v" * 2001))) == ["button_value"]
    assert rules("chat.postMessage", message(actions(url="https://x.se/" + "a" * 3000))) == ["url_length"]
    assert rules("chat.postMessage", message(ActionsBlock(elements=[button("b", "a" * 75, value="v" * 2000)]))) == []


def test_option_text_value_and_description() -> None:
    def with_option(**fields: Any) -> dict[str, Any]:
        option = {"text": {"type": "plain_text", "text": "A"}, "value": "a", **fields}
        return {"type": "actions", "elements": [{**select(options(1)).to_dict(), "options": [option]}]}

    assert rules("chat.postMessage", message(with_option(text={"type": "plain_text", "text": "a" * 76}))) == [
        "option_text"
    ]
    assert rules("chat.postMessage", message(with_option(value="v" * 151))) == ["option_value"]
    long_description = {"type": "plain_text", "text": "d" * 76}
    assert rules("chat.postMessage", message(with_option(description=long_description))) == ["option_description"]
    good = Option(value="v" * 150, text="a" * 75, description="d" * 75)
    assert rules("chat.postMessage", message(ActionsBlock(elements=[select([good])]))) == []


def test_options_count() -> None:
    too_many = {"type": "actions", "elements": [{**select(options(1)).to_dict(), "options": [
        o.to_dict() for o in options(101)
    ]}]}  # fmt: skip
    assert rules("chat.postMessage", message(too_many)) == ["options_count"]
    assert rules("chat.postMessage", message(ActionsBlock(elements=[select(options(100))]))) == []


def test_initial_option_is_among_the_options() -> None:
    stray = {**select(options(3)).to_dict(), "initial_option": Option(value="v9", text="Grupp 9").to_dict()}
    assert rules("chat.postMessage", message({"type": "actions", "elements": [stray]})) == ["initial_option"]
    # the value alone is not enough: Slack matches the option as given
    renamed = {**select(options(3)).to_dict(), "initial_option": Option(value="v1", text="Annan").to_dict()}
    assert rules("chat.postMessage", message({"type": "actions", "elements": [renamed]})) == ["initial_option"]
    good = select(options(3), initial_option=options(3)[2])
    assert rules("chat.postMessage", message(ActionsBlock(elements=[good]))) == []


def test_placeholder() -> None:
    long = {**select(options(2)).to_dict(), "placeholder": {"type": "plain_text", "text": "p" * 151}}
    assert rules("chat.postMessage", message({"type": "actions", "elements": [long]})) == ["placeholder"]


def test_text_input_length() -> None:
    element = {**PlainTextInputElement(action_id="t").to_dict(), "max_length": 3001}
    block = {"type": "input", "label": {"type": "plain_text", "text": "L"}, "element": element}
    assert rules("views.open", {"view": modal(block, submit="Spara")}) == ["text_input_length"]


def test_confirm_dialog() -> None:
    def confirmed(**fields: str) -> dict[str, Any]:
        texts = {"title": "Säker?", "text": "Ta bort", "confirm": "Ja", "deny": "Nej", **fields}
        confirm = ConfirmObject(title="x", text="x").to_dict()
        confirm.update({k: {**confirm.get(k, {"type": "plain_text"}), "text": v} for k, v in texts.items()})
        return {"type": "actions", "elements": [{**button("b").to_dict(), "confirm": confirm}]}

    assert rules("chat.postMessage", message(confirmed(title="t" * 101))) == ["confirm_title"]
    assert rules("chat.postMessage", message(confirmed(text="t" * 301))) == ["confirm_text"]
    assert rules("chat.postMessage", message(confirmed(confirm="t" * 31))) == ["confirm_button"]
    assert rules("chat.postMessage", message(confirmed(deny="t" * 31))) == ["confirm_button"]
    assert rules("chat.postMessage", message(confirmed())) == []


# ------------------------------------------------------------------ views


def test_view_blocks() -> None:
    for method, view_type in (("views.open", "modal"), ("views.publish", "home")):
        blocks = [section("a")] * 101
        view = {
            "type": view_type,
            "blocks": blocks,
            **({"title": {"type": "plain_text", "text": "T"}} if view_type == "modal" else {}),
        }
        assert "view_blocks" in rules(method, {"view": view})
        view["blocks"] = blocks[:100]
        assert rules(method, {"view": view}) == []


def test_modal_title_submit_close_and_private_metadata() -> None:
    good = modal(section("a"), submit="Spara", close="Avbryt")
    assert rules("views.open", {"view": {**good, "title": {"type": "plain_text", "text": "t" * 25}}}) == ["modal_title"]
    assert rules("views.push", {"view": {**good, "submit": {"type": "plain_text", "text": "s" * 25}}}) == [
        "modal_button"
    ]
    assert rules("views.update", {"view": {**good, "close": {"type": "plain_text", "text": "c" * 25}}}) == [
        "modal_button"
    ]
    assert rules("views.open", {"view": {**good, "private_metadata": "m" * 3001}}) == ["private_metadata"]
    assert rules("views.open", {"view": {**good, "callback_id": "c" * 256}}) == ["id_length"]
    assert rules("views.open", {"view": good}) == []


# ------------------------------------------------------------------ acks


def test_response_action() -> None:
    assert rules("ack", {"response_action": "close"}) == ["response_action"]
    assert rules("ack", {"response_action": "clear"}) == []


def test_response_errors() -> None:
    assert rules("ack", {"response_action": "errors", "errors": {}}) == ["response_errors"]
    assert rules("ack", {"response_action": "errors", "errors": {"g": ""}}) == ["response_errors"]


def test_response_view() -> None:
    assert rules("ack", {"response_action": "push"}) == ["response_view"]
    assert rules(
        "ack",
        {
            "response_action": "update",
            "view": {**modal(section("a")), "title": {"type": "plain_text", "text": "t" * 25}},
        },
    ) == ["modal_title"]


def test_an_ack_message_is_checked_as_a_message() -> None:
    assert rules("ack", {"text": "Okänd grupp <!here>"}) == ["broadcast_mention"]
    assert rules("ack", {"blocks": [section("a" * 3001)]}) == ["section_text"]


# ------------------------------------------------------------------ user text


@pytest.mark.parametrize(
    "mention", ["<!channel>", "<!here>", "<!everyone>", "<!subteam^S123|@styrelsen>", "<!here|here>"]
)
def test_broadcast_mentions_are_found(mention: str) -> None:
    assert rules("chat.postMessage", message(section(f"Aktivitet: {mention}"))) == ["broadcast_mention"]
    assert rules("chat.postMessage", {"channel": "C1", "text": f"Aktivitet: {mention}"}) == ["broadcast_mention"]


@pytest.mark.parametrize("text", ["Möte < 10 personer", "Lund & Malmö", "Ta med <b>fika</b>", "a &nbsp; b"])
def test_malformed_markup_is_found(text: str) -> None:
    assert set(rules("chat.postMessage", message(section(text)))) == {"unescaped_markup"}
    assert set(rules("response_url", {"text": text})) == {"unescaped_markup"}


def test_markup_made_on_purpose_and_escaped_text_are_not_found() -> None:
    text = "<@U123> i <#C0KOMP|kompetens>: <https://mlr.se|plan> &amp; &lt;b&gt; <!date^1^{date}|1 jan> > citat"
    assert unescaped_markup(text) == []
    assert rules("chat.postMessage", message(section(text), text=text)) == []


def test_plain_text_is_not_parsed_as_markup() -> None:
    assert rules("chat.postMessage", message(HeaderBlock(text="Lund & Malmö <!here>"))) == []


def test_top_level_text_with_mrkdwn_off_is_not_parsed() -> None:
    assert rules("chat.postMessage", {"channel": "C1", "text": "Lund & Malmö", "mrkdwn": False}) == []


def test_methods_without_block_kit_have_nothing_to_check_and_an_unknown_kind_is_said() -> None:
    assert rules("conversations.members", {"channel": "C1"}) == []
    assert rules("respons_url", {"text": "hej"}) == ["unknown_kind"]


def test_every_finding_names_kind_path_rule_and_figure() -> None:
    [line] = violations_of("chat.postMessage", message(section("ok"), section("a" * 3012)))
    assert line == "chat.postMessage blocks[1].text.text: [section_text] 3012 characters, Slack allows 3000"
