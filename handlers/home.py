"""The App Home tab, its log buttons, and the message shortcuts "Logga som resultat" / "Logga som aktivitet"."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.models.views import View

from core.commands import unescape_slack
from core.dates import Week
from handlers import access, ids
from handlers.blocks.home import home_blocks
from handlers.context import Services, services_of
from handlers.forms import open_form
from handlers.log_form import log_form_for
from storage import plans
from storage.entries import list_user_entries
from storage.models import MAX_TEXT_LENGTH, EntryKind
from storage.status import list_group_status


def register(app: App) -> None:
    app.event("app_home_opened")(handle_home_opened)
    app.action(ids.HOME_LOG_RESULT)(handle_home_log)
    app.action(ids.HOME_LOG_ACTIVITY)(handle_home_log)
    app.shortcut(ids.SHORTCUT_LOG_RESULT)(handle_log_shortcut)
    app.shortcut(ids.SHORTCUT_LOG_ACTIVITY)(handle_log_shortcut)


def handle_log_shortcut(ack: Ack, shortcut: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    """The form, filled in with the message's text and a link back to it."""
    ack()
    services = services_of(context)
    message, channel = shortcut.get("message") or {}, (shortcut.get("channel") or {}).get("id")
    domain = (shortcut.get("team") or {}).get("domain") or "app"
    link = f"https://{domain}.slack.com/archives/{channel}/p{str(message.get('ts', '')).replace('.', '')}"
    text = unescape_slack(str(message.get("text") or ""))
    room = MAX_TEXT_LENGTH - len(link) - 3
    text = (text if len(text) <= room else text[: room - 1] + "…") + "\n\n" + link
    kind = EntryKind.RESULT if shortcut["callback_id"] == ids.SHORTCUT_LOG_RESULT else EntryKind.ACTIVITY
    open_form(
        client,
        trigger_id=shortcut["trigger_id"],
        view=log_form_for(services, kind=kind, channel_id=channel, text=text),
        lang=services.lang,
        user_id=shortcut["user"]["id"],
        response_url=shortcut.get("response_url"),
    )


def handle_home_log(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    ack()
    services = services_of(context)
    kind = EntryKind.RESULT if body["actions"][0]["action_id"] == ids.HOME_LOG_RESULT else EntryKind.ACTIVITY
    open_form(
        client,
        trigger_id=body["trigger_id"],
        view=log_form_for(services, kind=kind, channel_id=None),
        lang=services.lang,
        user_id=body["user"]["id"],
    )


def handle_home_opened(event: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    if event.get("tab") != "home":
        return
    services = services_of(context)
    user_id = event["user"]
    client.views_publish(user_id=user_id, view=home_view(services, client, user_id=user_id))


def home_view(services: Services, client: WebClient, *, user_id: str) -> View:
    lang = services.lang
    today = services.today()
    week = Week.containing(today)
    start, end = week.bounds(services.settings.timezone)
    now = services.now()
    with services.db.read() as session:
        try:
            keys = access.member_group_keys(session, client, services.members, user_id=user_id, now=now)
            unknown = None
        except access.MembershipUnknown as error:  # the groups cannot be told now: shown as such
            keys, unknown = [], error.error
        statuses = list_group_status(session, year=today.year, week_start=start, week_end=end, group_keys=keys)
        followup = plans.get_followup(session, year=today.year)
        own = list_user_entries(session, user_id=user_id, limit=5)
    return home_blocks(
        lang, statuses=statuses, followup=followup, own=own, year=today.year, week=week, membership_unknown=unknown
    )
