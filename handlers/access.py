"""Who may do what: the one place that decides which group an entry goes to and who is a coordinator."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from sqlmodel import Session

from core.names import match_group
from core.texts import Alternatives, Markup
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
from storage.models import Entry, Group, PlannedActivity

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Refusal:
    """Why not, as a key in core.texts and the values its sentence needs, as they are (user text and
    data unescaped; the mrkdwn builders escape them, handlers.blocks.common.render_mrkdwn)."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)


def group_keys(session: Session) -> str:
    return ", ".join(f"`{group.key}`" for group in list_groups(session) if group.active)


def unknown_group(session: Session, key: str, *, candidates: tuple[str, ...] = (), saving: bool = False) -> Refusal:
    """No group by that name; `saving` when the command was going to store something."""
    params = {"key": key, "keys": group_keys(session), "candidates": Alternatives(f"`{c}`" for c in candidates)}
    message = "error.unknown_group_suggest" if candidates else "error.unknown_group"
    return Refusal(message + ("_not_saved" if saving else ""), params)


def find_group(session: Session, typed: str, *, saving: bool = False) -> Group | Refusal:
    """The group a person typed, as they spell it: `sysselsättning`, `ÖP`, `näringsliv`, `bost`.
    Keys stay what is stored and exported; this is only how they are found."""
    match = match_group(typed, [(group.key, group.name) for group in list_groups(session)])
    group = get_group(session, key=match.key) if match.key else None
    if group is not None:
        return group
    return unknown_group(session, typed, candidates=match.candidates, saving=saving)


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
        named = find_group(session, named_key, saving=True)
        if isinstance(named, Refusal):
            return named
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
    listed = "; ".join(f"({a.number}) {a.text.rstrip('. ')}" for a in activities)
    key = "error.unknown_activity" if activities else "error.unknown_activity_none"
    if not activities and plans.get_plan(session, group_key=group.key, year=year) is None:
        key = "error.no_plan_for_year"
    return Refusal(key, {"name": group.name, "key": group.key, "number": number, "year": year, "activities": listed})


def planned_activity_of(session: Session, entry: Entry) -> PlannedActivity | None:
    """The planned activity an entry names, to repeat its text in the confirmation."""
    if entry.activity_number is None:
        return None
    activities = plans.list_planned_activities(session, group_key=entry.group_key, year=entry.plan_year)
    return next((a for a in activities if a.number == entry.activity_number), None)


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


def may_use_group(
    session: Session,
    client: WebClient,
    members: ChannelMembers,
    *,
    user_id: str,
    group_key: str,
    now: datetime,
    channel_id: str | None = None,
) -> bool:
    """The one rule for a group's record: the members of its linked channel(s) and the coordinators
    write and read its entries, from the channel or a DM. Slack guests in the channel are members
    like anyone else; anyone else is not. Someone typing in the group's own channel is in it."""
    if is_coordinator(session, user_id=user_id):
        return True
    channels = list_linked_channels(session, group_key=group_key)
    if channel_id is not None and channel_id in channels:
        return True
    return _in_any(client, members, user_id=user_id, channels=channels, now=now)


def outsider_refusal(
    session: Session,
    client: WebClient,
    members: ChannelMembers,
    *,
    user_id: str,
    group: Group,
    now: datetime,
    channel_id: str | None = None,
) -> Refusal | None:
    """None when the person may read the group's record (`may_use_group`); else who can."""
    if may_use_group(session, client, members, user_id=user_id, group_key=group.key, now=now, channel_id=channel_id):
        return None
    return not_a_member(session, group, saving=False)


def known_to_use_group(
    session: Session, members: ChannelMembers, *, user_id: str, group_key: str, channel_id: str | None = None
) -> bool:
    """`may_use_group` from what is known here, without asking Slack: True when someone types in the
    group's own channel, was seen in it before, or is a coordinator. False only means: ask Slack."""
    channels = list_linked_channels(session, group_key=group_key)
    if channel_id is not None and channel_id in channels:
        return True
    if any(user_id in members.known(channel) for channel in channels):
        return True
    return is_coordinator(session, user_id=user_id)


def may_answer_for_group(
    session: Session, client: WebClient, members: ChannelMembers, *, user_id: str, group_key: str, now: datetime
) -> bool:
    """A group's statement is given by those who may write its record (`may_use_group`)."""
    return may_use_group(session, client, members, user_id=user_id, group_key=group_key, now=now)


def not_a_member(session: Session, group: Group, *, saving: bool) -> Refusal:
    """Who can add to (and read) a group's record, for someone who cannot."""
    channels = Markup(" ".join(f"<#{channel}>" for channel in list_linked_channels(session, group_key=group.key)))
    key = "error.not_member" if channels else "error.not_member_no_channel"
    params = {"name": group.name, "key": group.key, "channels": channels, "coordinators": coordinator_list(session)}
    return Refusal(key + ("_not_saved" if saving else ""), params)


def member_group_keys(
    session: Session, client: WebClient, members: ChannelMembers, *, user_id: str, now: datetime
) -> list[str] | None:
    """The groups a user belongs to, asking Slack where what is remembered is old: every group
    (None) for a coordinator; for others the groups of the linked channels they are in."""
    if is_coordinator(session, user_id=user_id):
        return None
    channels: dict[str, list[str]] = {}
    for link in list_channel_links(session):
        channels.setdefault(link.group_key, []).append(link.channel_id)
    # A group whose channel Slack cannot answer for is left out, unless that would leave none: then
    # "in no group" is not known, and is not said.
    keys: list[str] = []
    unknown: MembershipUnknown | None = None
    for key, linked in channels.items():
        try:
            if _in_any(client, members, user_id=user_id, channels=linked, now=now):
                keys.append(key)
        except MembershipUnknown as error:
            unknown = error
    if not keys and unknown is not None:
        raise unknown
    return keys


class MembershipUnknown(Exception):
    """Slack could not say who is in a group's channel (missing_scope, ratelimited, …), so whether
    someone may use the group's record cannot be told now: said as such, never as "not a member"."""

    def __init__(self, error: str) -> None:
        super().__init__(error)
        self.error = error


def _in_channel(client: WebClient, members: ChannelMembers, *, user_id: str, channel_id: str, now: datetime) -> bool:
    try:
        return members.includes(client, channel_id, user_id, now=now)
    except SlackApiError as error:
        code = str(error.response.get("error") or error.response.status_code)
    except (SlackClientError, OSError) as error:
        code = type(error).__name__
    log.warning("conversations.members %s failed (%s)", channel_id, code)
    raise MembershipUnknown(code)


def _in_any(client: WebClient, members: ChannelMembers, *, user_id: str, channels: list[str], now: datetime) -> bool:
    """In one of the channels: a channel that says yes wins over one Slack could not answer for."""
    unknown: MembershipUnknown | None = None
    for channel in channels:
        try:
            if _in_channel(client, members, user_id=user_id, channel_id=channel, now=now):
                return True
        except MembershipUnknown as error:
            unknown = error
    if unknown is not None:
        raise unknown
    return False


def readable_group_keys(
    session: Session, client: WebClient, members: ChannelMembers, *, user_id: str, channel_id: str, now: datetime
) -> list[str] | None:
    """The groups whose entries and status a user reads, by `may_use_group`: every group (None) for
    a coordinator; for others the group of the channel they ask in and the groups of the linked
    channels they are in (asking Slack where what is remembered is old)."""
    keys = member_group_keys(session, client, members, user_id=user_id, now=now)
    if keys is None:
        return None
    linked = get_linked_group(session, channel_id=channel_id)
    return [linked.key, *(k for k in keys if k != linked.key)] if linked is not None else keys


def may_change_entry(session: Session, *, user_id: str, entry: Entry) -> bool:
    """An entry is corrected or deleted by its author or a coordinator."""
    return entry.user_id == user_id or is_coordinator(session, user_id=user_id)


def may_move_entry(session: Session, *, user_id: str, entry: Entry, to_group: str) -> bool:
    """Moving an entry to another group is a coordinator's."""
    return to_group == entry.group_key or is_coordinator(session, user_id=user_id)
