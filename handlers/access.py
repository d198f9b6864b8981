"""Who may do what: the one place that decides which group an entry goes to and who is a coordinator."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlmodel import Session

from core.texts import Markup
from core.years import takes_entries_on
from storage import plans
from storage.groups import (
    get_group,
    get_linked_group,
    is_coordinator,
    list_channel_links,
    list_coordinators,
    list_groups,
    list_linked_channels,
)
from storage.models import Entry, Group

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Refusal:
    """Why not, as a key in core.texts and the values its sentence needs, as they are (user text and
    data unescaped; the mrkdwn builders escape them, handlers.blocks.common.render_mrkdwn)."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)


def group_keys(session: Session) -> str:
    return ", ".join(f"`{group.key}`" for group in list_groups(session) if group.active)


def unknown_group(session: Session, key: str) -> Refusal:
    return Refusal("error.unknown_group", {"key": key, "keys": group_keys(session)})


def coordinator_list(session: Session) -> Markup:
    return Markup(", ".join(f"<@{c.user_id}>" for c in list_coordinators(session)))


def resolve_log_group(
    session: Session, *, user_id: str, channel_id: str | None, named_key: str | None, occurred_on: date
) -> Group | Refusal:
    """The group an entry by this user in this channel, of the day `occurred_on`, goes to.

    In a linked channel it is the channel's group. A member may name a group only where the
    channel is not another group's (a DM, an unlinked channel); a coordinator may name any group.
    A closed group takes the entries of the days up to its closing day."""
    linked = get_linked_group(session, channel_id=channel_id) if channel_id else None
    if named_key is None:
        if linked is None:
            return Refusal("error.unlinked_channel", {"keys": group_keys(session)})
        group = linked
    else:
        named = get_group(session, key=named_key)
        if named is None:
            return unknown_group(session, named_key)
        closed = closed_refusal(named, occurred_on)
        if closed is not None:
            return closed
        if linked is not None and linked.key != named.key and not is_coordinator(session, user_id=user_id):
            return Refusal(
                "error.other_groups_channel", {"linked": linked.name, "linked_key": linked.key, "key": named.key}
            )
        group = named
    return closed_refusal(group, occurred_on) or group


def closed_refusal(group: Group, occurred_on: date) -> Refusal | None:
    """Why a closed group takes no entry of this day, or None when it does."""
    if takes_entries_on(group, occurred_on):
        return None
    if group.closed_on is None:
        return Refusal("error.group_closed", {"name": group.name, "key": group.key})
    return Refusal(
        "error.group_closed_on",
        {
            "name": group.name,
            "key": group.key,
            "closed_on": group.closed_on.isoformat(),
            "date": occurred_on.isoformat(),
        },
    )


def require_coordinator(session: Session, *, user_id: str, word: str) -> Refusal | None:
    if is_coordinator(session, user_id=user_id):
        return None
    return Refusal("error.coordinators_only", {"word": word, "coordinators": coordinator_list(session)})


def check_activity(session: Session, *, group: Group, year: int, number: int) -> Refusal | None:
    """An entry may name only a planned activity of its group's plan for its year."""
    activities = plans.list_planned_activities(session, group_key=group.key, year=year)
    if any(activity.number == number for activity in activities):
        return None
    listed = "; ".join(f"({a.number}) {a.text}" for a in activities)
    return Refusal("error.unknown_activity", {"name": group.name, "number": number, "year": year, "activities": listed})


class ChannelMembers:
    """Who is in a channel (conversations.members), remembered for a while: asked after an ack,
    so that a later check that must answer before its ack usually finds it here."""

    def __init__(self, ttl: timedelta = timedelta(minutes=15)) -> None:
        self.ttl = ttl
        self._known: dict[str, tuple[datetime, frozenset[str]]] = {}
        self._lock = threading.Lock()

    def known(self, channel_id: str) -> frozenset[str]:
        """What was last seen of the channel, however old, without asking Slack."""
        with self._lock:
            known = self._known.get(channel_id)
        return known[1] if known else frozenset()

    def includes(self, client: WebClient, channel_id: str, user_id: str, *, now: datetime) -> bool:
        """Whether the user is in the channel. Someone once seen there counts, without asking Slack:
        a check made before an ack then calls the Web API only for people not seen before."""
        return user_id in self.known(channel_id) or user_id in self.of(client, channel_id, now=now)

    def of(self, client: WebClient, channel_id: str, *, now: datetime) -> frozenset[str]:
        with self._lock:
            known = self._known.get(channel_id)
        if known and now - known[0] < self.ttl:
            return known[1]
        members: set[str] = set()
        cursor = None
        while True:
            response = client.conversations_members(channel=channel_id, limit=1000, cursor=cursor)
            members.update(response.get("members") or [])
            cursor = (response.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                break
        with self._lock:
            self._known[channel_id] = (now, frozenset(members))
        return frozenset(members)


def may_answer_for_group(
    session: Session, client: WebClient, members: ChannelMembers, *, user_id: str, group_key: str, now: datetime
) -> bool:
    """A group's statement is given by its members (anyone in one of its linked channels) or a coordinator."""
    if is_coordinator(session, user_id=user_id):
        return True
    return any(
        _in_channel(client, members, user_id=user_id, channel_id=channel_id, now=now)
        for channel_id in list_linked_channels(session, group_key=group_key)
    )


def member_group_keys(
    session: Session, client: WebClient, members: ChannelMembers, *, user_id: str, now: datetime
) -> list[str] | None:
    """The groups a user belongs to, asking Slack where what is remembered is old: every group
    (None) for a coordinator; for others the groups of the linked channels they are in."""
    if is_coordinator(session, user_id=user_id):
        return None
    keys: list[str] = []
    for link in list_channel_links(session):
        if link.group_key not in keys and _in_channel(
            client, members, user_id=user_id, channel_id=link.channel_id, now=now
        ):
            keys.append(link.group_key)
    return keys


def _in_channel(client: WebClient, members: ChannelMembers, *, user_id: str, channel_id: str, now: datetime) -> bool:
    try:
        return members.includes(client, channel_id, user_id, now=now)
    except SlackApiError as error:
        log.warning("conversations.members %s failed (%s)", channel_id, error.response.get("error"))
        return False


def visible_group_keys(session: Session, members: ChannelMembers, *, user_id: str, channel_id: str) -> list[str] | None:
    """The groups whose status a user sees: every group (None) for a coordinator; for others the
    group of the channel they ask in, and the groups whose channels they were last seen in."""
    if is_coordinator(session, user_id=user_id):
        return None
    keys = []
    linked = get_linked_group(session, channel_id=channel_id)
    if linked is not None:
        keys.append(linked.key)
    for link in list_channel_links(session):
        if link.group_key not in keys and user_id in members.known(link.channel_id):
            keys.append(link.group_key)
    return keys


def may_change_entry(session: Session, *, user_id: str, entry: Entry) -> bool:
    """An entry is corrected or deleted by its author or a coordinator."""
    return entry.user_id == user_id or is_coordinator(session, user_id=user_id)


def may_move_entry(session: Session, *, user_id: str, entry: Entry, to_group: str) -> bool:
    """Moving an entry to another group is a coordinator's."""
    return to_group == entry.group_key or is_coordinator(session, user_id=user_id)
