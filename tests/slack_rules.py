"""Slack's own rules for what the bot sends: every payload the tests see is checked against them.

`violations_of(kind, payload)` checks one payload and answers a list of findings, each naming the
kind, the path inside the payload, the rule and the figure, e.g.
`chat.postMessage blocks[3].text.text: [section_text] 3012 characters, Slack allows 3000`.
`kind` is a Web API method (chat.postMessage, chat.postEphemeral, chat.update, views.open,
views.update, views.push, views.publish, files.completeUploadExternal; any other method carries
nothing to check), "response_url" (a body
POSTed to a command's response_url) or "ack" (the JSON body the bot answers a signed request
with: a message, or a view-submission response with `response_action`).

Three layers of checks:
- slack_sdk's own models. Their `validate_json()` checks one object's own attributes only (it does
  not recurse; `to_dict()` does, but stops at the first error and says nowhere where), so every
  block, element, text object, option, option group and confirm dialog is parsed and validated on
  its own, at its own path. A finding of the models is named `sdk_model`, and is left out where one
  of our own rules below already reported the same path.
- Slack's documented limits, each a named constant with the Slack reference page it comes from;
  several are also in the models, but checked here so that each finding names its figure.
- User text escaping. The harness cannot know which markup the bot meant: `<@U…>` for an author,
  `<#C…>` for a group's channel and `<https://…|…>` links are made on purpose. So only what is
  never meant is reported, in mrkdwn text objects and in a message's top-level `text`:
  broadcast mentions (`<!channel>`, `<!here>`, `<!everyone>`, `<!subteam^…>`), and malformed
  markup: a `<` with no `>` after it, a `<…>` that is none of Slack's forms (so an unescaped
  `<b>` a person typed), and a bare `&` that starts none of `&amp;`, `&lt;`, `&gt;`. A mention or
  link that a person typed and the bot passed on unescaped is well-formed markup and is not found
  here; property tests that feed hostile text through the builders are the net for that.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import Block, BlockElement, ConfirmObject, Option, OptionGroup, TextObject
from slack_sdk.models.views import View

# ------------------------------------------------------------------ limits and where they come from

BLOCKS_REFERENCE = "https://docs.slack.dev/reference/block-kit/blocks"
MESSAGE_BLOCKS_MAX = 50  # "up to 50 blocks in each message" (BLOCKS_REFERENCE)
VIEW_BLOCKS_MAX = 100  # "and 100 blocks in modals or Home tabs" (BLOCKS_REFERENCE)

# https://api.slack.com/changelog/2018-04-truncating-really-long-messages and the `text` argument of
# https://docs.slack.dev/reference/methods/chat.postMessage: longer text is truncated by Slack.
MESSAGE_TEXT_MAX = 40_000

# Not documented: Slack refuses a message with `msg_blocks_too_long` when its blocks carry about
# 13,200 characters in all, varying with the blocks (https://github.com/slackapi/bolt-js/issues/2509,
# labelled server-side-issue). 12,000, the documented limit of one markdown block, keeps a margin.
MESSAGE_BLOCK_TEXT_PRACTICAL_MAX = 12_000

ID_MAX = 255  # block_id, action_id, callback_id: every block and element page, e.g. the section block's
# https://docs.slack.dev/reference/block-kit/blocks/section-block
SECTION_TEXT_MAX = 3000  # https://docs.slack.dev/reference/block-kit/blocks/section-block
SECTION_FIELDS_MAX = 10  # same page: "Maximum number of items is 10"
SECTION_FIELD_TEXT_MAX = 2000  # same page: "Maximum length for the text in each item is 2000"
HEADER_TEXT_MAX = 150  # https://docs.slack.dev/reference/block-kit/blocks/header-block
CONTEXT_ELEMENTS_MAX = 10  # https://docs.slack.dev/reference/block-kit/blocks/context-block
ACTIONS_ELEMENTS_MAX = 25  # https://docs.slack.dev/reference/block-kit/blocks/actions-block
INPUT_LABEL_MAX = 2000  # https://docs.slack.dev/reference/block-kit/blocks/input-block
INPUT_HINT_MAX = 2000  # same page
BUTTON_TEXT_MAX = 75  # https://docs.slack.dev/reference/block-kit/block-elements/button-element
BUTTON_VALUE_MAX = 2000  # same page
URL_MAX = 3000  # same page (button url); the option object's url alike
OPTION_TEXT_MAX = 75  # https://docs.slack.dev/reference/block-kit/composition-objects/option-object
OPTION_VALUE_MAX = 150  # same page
OPTION_DESCRIPTION_MAX = 75  # same page
OPTION_GROUP_LABEL_MAX = 75  # https://docs.slack.dev/reference/block-kit/composition-objects/option-group-object
OPTIONS_MAX = 100  # "Maximum number of options is 100", select menus:
# https://docs.slack.dev/reference/block-kit/block-elements/select-menu-element#static_select
OPTION_GROUPS_MAX = 100  # same page, and the option group object's page
PLACEHOLDER_MAX = 150  # every element with a placeholder, e.g. the select menu page above
TEXT_INPUT_LENGTH_MAX = 3000  # min_length 0-3000, max_length 1-3000:
# https://docs.slack.dev/reference/block-kit/block-elements/plain-text-input-element
CONFIRM_TITLE_MAX = 100  # https://docs.slack.dev/reference/block-kit/composition-objects/confirmation-dialog-object
CONFIRM_TEXT_MAX = 300  # same page
CONFIRM_BUTTON_MAX = 30  # same page, confirm and deny
MODAL_TITLE_MAX = 24  # https://docs.slack.dev/reference/views/modal-views
MODAL_BUTTON_MAX = 24  # same page, submit and close
PRIVATE_METADATA_MAX = 3000  # same page
TEXT_MIN = 1  # "Minimum length for the text in this field is 1": the section block page above
# "Should be unique among all other action_ids in the containing block": every interactive element's
# page, e.g. the button element's above.
# "block_id should be unique for each message and each iteration of a message": every block's page.
# initial_option / initial_options "must exactly match one of the options": the select menu page above.

VIEW_SUBMISSION_ACTIONS = frozenset({"errors", "update", "push", "clear"})
# https://docs.slack.dev/surfaces/modals#updating_response (response_action of a view_submission ack)
RESPONSE_TYPES = frozenset({"in_channel", "ephemeral"})
# https://docs.slack.dev/interactivity/handling-user-interaction#message_responses

MESSAGE_METHODS = frozenset({"chat.postMessage", "chat.postEphemeral", "chat.update"})
VIEW_METHODS = frozenset({"views.open", "views.update", "views.push", "views.publish"})

# ------------------------------------------------------------------ findings


@dataclass(frozen=True)
class Violation:
    kind: str  # the payload's kind, as given to violations_of
    path: str  # where in the payload, e.g. "blocks[3].elements[1].text"
    rule: str  # a short id, e.g. "section_text"; the allow-list is keyed on (rule, kind)
    detail: str  # the figure: what was found and what Slack allows

    def __str__(self) -> str:
        return f"{self.kind} {self.path or '(payload)'}: [{self.rule}] {self.detail}"


def violations_of(kind: str, payload: dict[str, Any]) -> list[str]:
    """Every rule of Slack's that `payload`, sent as `kind`, breaks, one line each."""
    return [str(violation) for violation in findings_of(kind, payload)]


def findings_of(kind: str, payload: dict[str, Any]) -> list[Violation]:
    """As violations_of, as records (for the allow-list and the report)."""
    checker = _Checker(kind)
    checker.payload(payload)
    return checker.result()


# ------------------------------------------------------------------ user text

_ENTITY = re.compile(r"&(amp|lt|gt);")
_BROADCAST = re.compile(r"<!(channel|here|everyone|subteam\^[^>|]*)(\|[^>]*)?>")
# Slack's angle-bracket forms: user, channel, special (<!date^…>, <!channel>…) and links.
_MARKUP_FORMS = re.compile(r"^(@[UW][A-Z0-9]+|#C[A-Z0-9]+|!|(https?|mailto|tel|slack):)", re.IGNORECASE)


def unescaped_markup(text: str) -> list[str]:
    """What in `text` (mrkdwn) is a broadcast mention or malformed markup, one line each."""
    problems = [f"broadcast mention {match.group(0)!r}" for match in _BROADCAST.finditer(text)]
    for index, char in enumerate(text):
        if char == "&" and not _ENTITY.match(text, index):
            problems.append(f"bare '&' at {index}: {_around(text, index)!r}")
        elif char == "<":
            end = text.find(">", index)
            nested = text.find("<", index + 1)
            if end < 0 or (0 <= nested < end):
                problems.append(f"'<' with no '>' at {index}: {_around(text, index)!r}")
            elif not _MARKUP_FORMS.match(text[index + 1 : end]):
                problems.append(f"'<…>' that is no Slack markup at {index}: {text[index : end + 1][:40]!r}")
    return problems


def _around(text: str, index: int) -> str:
    return text[max(0, index - 15) : index + 15]


# ------------------------------------------------------------------ the walk


def _decoded(value: Any) -> Any:
    """chat.* and views.* over form encoding send blocks and views as JSON strings."""
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    return value


def _text_of(obj: Any) -> str | None:
    if isinstance(obj, dict) and isinstance(obj.get("text"), str):
        return str(obj["text"])
    return None


def _options_in(element: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for option in element.get("options") or []:
        if isinstance(option, dict):
            yield option
    for group in element.get("option_groups") or []:
        if isinstance(group, dict):
            yield from (o for o in group.get("options") or [] if isinstance(o, dict))


class _Checker:
    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.own: list[Violation] = []
        self.sdk: list[tuple[Violation, str]] = []  # with the attribute slack_sdk's message names
        self.block_text_total = 0

    def result(self) -> list[Violation]:
        """Our findings, and the models' where none of ours already covers the attribute they name."""
        own_paths = [v.path for v in self.own]
        return self.own + [
            v
            for v, attribute in self.sdk
            if not any(p == v.path or p.startswith(f"{v.path}.{attribute}") for p in own_paths)
        ]

    def add(self, path: str, rule: str, detail: str) -> None:
        self.own.append(Violation(self.kind, path, rule, detail))

    def too_long(self, path: str, rule: str, text: str | None, limit: int) -> None:
        if text is not None and len(text) > limit:
            self.add(path, rule, f"{len(text)} characters, Slack allows {limit}")

    def too_many(self, path: str, rule: str, items: Any, limit: int) -> None:
        if isinstance(items, list) and len(items) > limit:
            self.add(path, rule, f"{len(items)} items, Slack allows {limit}")

    def model(self, path: str, parse: Callable[[Any], Any], obj: Any) -> Any:
        """Parse one object with slack_sdk's model and run its own validators (not its children's)."""
        try:
            parsed = parse(obj)
            if parsed is None:
                self.sdk.append((Violation(self.kind, path, "sdk_model", "slack_sdk knows no such type"), "type"))
                return None
            parsed.validate_json()
            return parsed
        except (SlackObjectFormationError, TypeError, KeyError, AttributeError, ValueError) as error:
            attribute = str(error).split(" ", 1)[0]
            self.sdk.append((Violation(self.kind, path, "sdk_model", f"slack_sdk: {error}"), attribute))
            return None

    # ------------------------------------------------------------------ kinds

    def payload(self, payload: dict[str, Any]) -> None:
        kind = self.kind
        if kind in MESSAGE_METHODS or kind == "response_url":
            self.message(payload, needs_fallback=kind in MESSAGE_METHODS)
        elif kind == "files.completeUploadExternal":
            comment = payload.get("initial_comment")
            if isinstance(comment, str):
                self.mrkdwn("initial_comment", comment)
                self.too_long("initial_comment", "message_text", comment, MESSAGE_TEXT_MAX)
            if "blocks" in payload:
                self.message({"blocks": payload["blocks"]}, needs_fallback=False)
        elif kind in VIEW_METHODS:
            view = _decoded(payload.get("view"))
            if isinstance(view, dict):
                self.view("view", view)
        elif kind == "ack":
            self.ack(payload)
        elif "." not in kind:  # other Web API methods (users.info, conversations.members…) carry no Block Kit
            self.add("", "unknown_kind", f"no rules for {kind!r}")

    def ack(self, payload: dict[str, Any]) -> None:
        action = payload.get("response_action")
        if action is None:
            if "text" in payload or "blocks" in payload:
                self.message(payload, needs_fallback=False)
            return
        if action not in VIEW_SUBMISSION_ACTIONS:
            self.add("response_action", "response_action", f"{action!r} is none of {sorted(VIEW_SUBMISSION_ACTIONS)}")
        if action == "errors":
            errors = payload.get("errors")
            if not isinstance(errors, dict) or not errors:
                self.add("errors", "response_errors", "response_action errors needs a non-empty errors object")
            else:
                for block_id, message in errors.items():
                    if not isinstance(message, str) or not message:
                        self.add(f"errors.{block_id}", "response_errors", "each error must be a non-empty string")
        if action in ("update", "push"):
            view = payload.get("view")
            if isinstance(view, dict):
                self.view("view", view)
            else:
                self.add("view", "response_view", f"response_action {action} needs a view")

    def message(self, payload: dict[str, Any], *, needs_fallback: bool) -> None:
        blocks = _decoded(payload.get("blocks"))
        text = payload.get("text")
        if isinstance(text, str):
            self.too_long("text", "message_text", text, MESSAGE_TEXT_MAX)
            if payload.get("mrkdwn", True) is not False:
                self.mrkdwn("text", text)
        if "response_type" in payload and payload["response_type"] not in RESPONSE_TYPES:
            self.add(
                "response_type", "response_type", f"{payload['response_type']!r} is none of {sorted(RESPONSE_TYPES)}"
            )
        if blocks is None:
            return
        if not isinstance(blocks, list):
            self.add("blocks", "blocks_array", f"blocks is a {type(blocks).__name__}, not an array")
            return
        if needs_fallback and blocks and not (isinstance(text, str) and text.strip()):
            self.add("text", "text_fallback", f"{self.kind} carries {len(blocks)} blocks and no text fallback")
        self.too_many("blocks", "message_blocks", blocks, MESSAGE_BLOCKS_MAX)
        self.blocks("blocks", blocks)
        if self.block_text_total > MESSAGE_BLOCK_TEXT_PRACTICAL_MAX:
            self.add(
                "blocks",
                "message_block_text",
                f"{self.block_text_total} characters of text in all blocks, Slack refuses about 13,200 "
                f"(msg_blocks_too_long); the limit used is {MESSAGE_BLOCK_TEXT_PRACTICAL_MAX}",
            )

    def view(self, path: str, view: dict[str, Any]) -> None:
        self.model(path, _parse_view, view)
        blocks = view.get("blocks")
        self.too_many(f"{path}.blocks", "view_blocks", blocks, VIEW_BLOCKS_MAX)
        if view.get("type") == "modal":
            self.too_long(f"{path}.title.text", "modal_title", _text_of(view.get("title")), MODAL_TITLE_MAX)
            self.too_long(f"{path}.submit.text", "modal_button", _text_of(view.get("submit")), MODAL_BUTTON_MAX)
            self.too_long(f"{path}.close.text", "modal_button", _text_of(view.get("close")), MODAL_BUTTON_MAX)
        metadata = view.get("private_metadata")
        if isinstance(metadata, str):
            self.too_long(f"{path}.private_metadata", "private_metadata", metadata, PRIVATE_METADATA_MAX)
        callback_id = view.get("callback_id")
        if isinstance(callback_id, str):
            self.too_long(f"{path}.callback_id", "id_length", callback_id, ID_MAX)
        for key in ("title", "submit", "close"):
            self.text_object(f"{path}.{key}", view.get(key))
        if isinstance(blocks, list):
            self.blocks(f"{path}.blocks", blocks)

    # ------------------------------------------------------------------ blocks

    def blocks(self, path: str, blocks: list[Any]) -> None:
        seen: dict[str, int] = {}
        for index, block in enumerate(blocks):
            here = f"{path}[{index}]"
            if not isinstance(block, dict):
                self.add(here, "block_object", f"a {type(block).__name__}, not a block object")
                continue
            block_id = block.get("block_id")
            if isinstance(block_id, str):
                self.too_long(f"{here}.block_id", "id_length", block_id, ID_MAX)
                if block_id in seen:
                    self.add(
                        f"{here}.block_id", "block_id_unique", f"{block_id!r} already used by {path}[{seen[block_id]}]"
                    )
                seen.setdefault(block_id, index)
            self.model(here, Block.parse, block)
            self.block(here, block)

    def block(self, path: str, block: dict[str, Any]) -> None:
        kind = block.get("type")
        if kind == "section":
            text = block.get("text")
            self.too_long(f"{path}.text.text", "section_text", _text_of(text), SECTION_TEXT_MAX)
            self.text_object(f"{path}.text", text, counts=True)
            fields = block.get("fields")
            self.too_many(f"{path}.fields", "section_fields", fields, SECTION_FIELDS_MAX)
            for index, field in enumerate(fields if isinstance(fields, list) else []):
                self.too_long(f"{path}.fields[{index}].text", "field_text", _text_of(field), SECTION_FIELD_TEXT_MAX)
                self.text_object(f"{path}.fields[{index}]", field, counts=True)
            accessory = block.get("accessory")
            if isinstance(accessory, dict):
                self.elements(path, [("accessory", accessory)])
        elif kind == "header":
            self.too_long(f"{path}.text.text", "header_text", _text_of(block.get("text")), HEADER_TEXT_MAX)
            self.text_object(f"{path}.text", block.get("text"), counts=True)
        elif kind == "context":
            elements = block.get("elements")
            self.too_many(f"{path}.elements", "context_elements", elements, CONTEXT_ELEMENTS_MAX)
            for index, element in enumerate(elements if isinstance(elements, list) else []):
                if isinstance(element, dict) and element.get("type") in ("plain_text", "mrkdwn"):
                    self.text_object(f"{path}.elements[{index}]", element, counts=True)
                elif isinstance(element, dict):
                    self.model(f"{path}.elements[{index}]", BlockElement.parse, element)
        elif kind == "actions":
            elements = block.get("elements")
            self.too_many(f"{path}.elements", "actions_elements", elements, ACTIONS_ELEMENTS_MAX)
            if isinstance(elements, list):
                self.elements(path, [(f"elements[{i}]", e) for i, e in enumerate(elements) if isinstance(e, dict)])
        elif kind == "input":
            label = block.get("label")
            self.too_long(f"{path}.label.text", "input_label", _text_of(label), INPUT_LABEL_MAX)
            self.text_object(f"{path}.label", label)
            hint = block.get("hint")
            self.too_long(f"{path}.hint.text", "input_hint", _text_of(hint), INPUT_HINT_MAX)
            self.text_object(f"{path}.hint", hint)
            element = block.get("element")
            if isinstance(element, dict):
                self.elements(path, [("element", element)])

    def elements(self, block_path: str, elements: Iterable[tuple[str, dict[str, Any]]]) -> None:
        """The elements of one block: each checked, and their action_ids unique within the block."""
        seen: dict[str, str] = {}
        for key, element in elements:
            path = f"{block_path}.{key}"
            action_id = element.get("action_id")
            if isinstance(action_id, str):
                self.too_long(f"{path}.action_id", "id_length", action_id, ID_MAX)
                if action_id in seen:
                    self.add(
                        f"{path}.action_id",
                        "action_id_unique",
                        f"{action_id!r} already used by {block_path}.{seen[action_id]} in the same block",
                    )
                seen.setdefault(action_id, key)
            self.element(path, element)

    def element(self, path: str, element: dict[str, Any]) -> None:
        self.model(path, BlockElement.parse, element)
        kind = element.get("type")
        if kind == "button":
            self.too_long(f"{path}.text.text", "button_text", _text_of(element.get("text")), BUTTON_TEXT_MAX)
            value = element.get("value")
            if isinstance(value, str):
                self.too_long(f"{path}.value", "button_value", value, BUTTON_VALUE_MAX)
            url = element.get("url")
            if isinstance(url, str):
                self.too_long(f"{path}.url", "url_length", url, URL_MAX)
        self.text_object(f"{path}.text", element.get("text"), counts=True)
        placeholder = element.get("placeholder")
        self.too_long(f"{path}.placeholder.text", "placeholder", _text_of(placeholder), PLACEHOLDER_MAX)
        self.text_object(f"{path}.placeholder", placeholder)
        if kind == "plain_text_input":
            for key, low in (("min_length", 0), ("max_length", 1)):
                value = element.get(key)
                if isinstance(value, int) and not low <= value <= TEXT_INPUT_LENGTH_MAX:
                    self.add(
                        f"{path}.{key}", "text_input_length", f"{value}, Slack takes {low}-{TEXT_INPUT_LENGTH_MAX}"
                    )
        if "options" in element or "option_groups" in element:
            self.options(path, element)
        confirm = element.get("confirm")
        if isinstance(confirm, dict):
            self.confirm(f"{path}.confirm", confirm)

    def options(self, path: str, element: dict[str, Any]) -> None:
        options = element.get("options")
        groups = element.get("option_groups")
        self.too_many(f"{path}.options", "options_count", options, OPTIONS_MAX)
        self.too_many(f"{path}.option_groups", "option_groups_count", groups, OPTION_GROUPS_MAX)
        for index, option in enumerate(options if isinstance(options, list) else []):
            self.option(f"{path}.options[{index}]", option)
        for g, group in enumerate(groups if isinstance(groups, list) else []):
            if not isinstance(group, dict):
                continue
            here = f"{path}.option_groups[{g}]"
            self.model(here, _parse_option_group, group)
            label = _text_of(group.get("label"))
            self.too_long(f"{here}.label.text", "option_group_label", label, OPTION_GROUP_LABEL_MAX)
            inner = group.get("options")
            self.too_many(f"{here}.options", "options_count", inner, OPTIONS_MAX)
            for index, option in enumerate(inner if isinstance(inner, list) else []):
                self.option(f"{here}.options[{index}]", option)
        offered = [_option_key(o) for o in _options_in(element)]
        chosen = [("initial_option", element.get("initial_option"))] if "initial_option" in element else []
        chosen += [(f"initial_options[{i}]", o) for i, o in enumerate(element.get("initial_options") or [])]
        for key, option in chosen:
            if _option_key(option) not in offered:
                value = option.get("value") if isinstance(option, dict) else option
                self.add(f"{path}.{key}", "initial_option", f"value {value!r} is not among the {len(offered)} options")

    def option(self, path: str, option: Any) -> None:
        if not isinstance(option, dict):
            self.add(path, "option_object", f"a {type(option).__name__}, not an option object")
            return
        self.model(path, _parse_option, option)
        self.too_long(f"{path}.text.text", "option_text", _text_of(option.get("text")), OPTION_TEXT_MAX)
        value = option.get("value")
        if isinstance(value, str):
            self.too_long(f"{path}.value", "option_value", value, OPTION_VALUE_MAX)
        description = _text_of(option.get("description"))
        self.too_long(f"{path}.description.text", "option_description", description, OPTION_DESCRIPTION_MAX)
        url = option.get("url")
        if isinstance(url, str):
            self.too_long(f"{path}.url", "url_length", url, URL_MAX)
        self.text_object(f"{path}.text", option.get("text"))
        self.text_object(f"{path}.description", option.get("description"))

    def confirm(self, path: str, confirm: dict[str, Any]) -> None:
        self.model(path, ConfirmObject.parse, confirm)
        self.too_long(f"{path}.title.text", "confirm_title", _text_of(confirm.get("title")), CONFIRM_TITLE_MAX)
        self.too_long(f"{path}.text.text", "confirm_text", _text_of(confirm.get("text")), CONFIRM_TEXT_MAX)
        for key in ("confirm", "deny"):
            self.too_long(f"{path}.{key}.text", "confirm_button", _text_of(confirm.get(key)), CONFIRM_BUTTON_MAX)
        for key in ("title", "text", "confirm", "deny"):
            self.text_object(f"{path}.{key}", confirm.get(key))

    # ------------------------------------------------------------------ text

    def text_object(self, path: str, obj: Any, *, counts: bool = False) -> None:
        if not isinstance(obj, dict):
            return
        self.model(path, TextObject.parse, obj)
        text = obj.get("text")
        if not isinstance(text, str):
            return
        if len(text) < TEXT_MIN:
            self.add(f"{path}.text", "empty_text", f"0 characters, Slack needs at least {TEXT_MIN}")
        if counts:
            self.block_text_total += len(text)
        if obj.get("type") == "mrkdwn":
            self.mrkdwn(f"{path}.text", text)

    def mrkdwn(self, path: str, text: str) -> None:
        for problem in unescaped_markup(text):
            rule = "broadcast_mention" if problem.startswith("broadcast") else "unescaped_markup"
            self.add(path, rule, problem)


def _option_key(option: Any) -> Any:
    """Slack matches initial options to options by their value and text."""
    if not isinstance(option, dict):
        return option
    return (option.get("value"), _text_of(option.get("text")))


def _parse_view(view: dict[str, Any]) -> View:
    return View(**view)


def _parse_option(option: dict[str, Any]) -> Option | None:
    parsed = Option.parse_all([option])
    return parsed[0] if parsed else None


def _parse_option_group(group: dict[str, Any]) -> OptionGroup | None:
    parsed = OptionGroup.parse_all([group])
    return parsed[0] if parsed else None
