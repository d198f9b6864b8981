"""Opening a form. `views.open` needs the trigger of a click made within the last three seconds;
when Slack refuses (the trigger expired, or any other error), the person who clicked is told where
they are: through the click's response_url when it has one, else in a direct message, since an App
Home button or a global shortcut has no channel to answer in."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.models.views import View
from slack_sdk.webhook import WebhookClient

from core.texts import say

log = logging.getLogger(__name__)


def open_form(
    client: WebClient,
    *,
    trigger_id: str,
    view: View | dict[str, Any],
    lang: str,
    user_id: str,
    response_url: str | None = None,
) -> bool:
    """True when the form opened; otherwise the person has been told why (as far as Slack lets us)."""
    try:
        client.views_open(trigger_id=trigger_id, view=view)
        return True
    except SlackApiError as error:
        code = str(error.response.get("error") or "")
    log.warning("views.open failed (%s) for %s", code, user_id)
    text = say(lang, "error.form_expired" if code == "expired_trigger_id" else "error.form_failed", error=code)
    try:
        if response_url:
            WebhookClient(response_url).send(text=text, response_type="ephemeral", replace_original=False)
        else:
            client.chat_postMessage(channel=user_id, text=text)
    except (SlackApiError, SlackClientError, OSError) as error:
        log.warning("could not tell %s that the form did not open (%s)", user_id, error)
    return False
