"""Standard crontab expressions as APScheduler 3 triggers.

APScheduler numbers weekdays from Monday = 0, where cron has Sunday = 0 (and 7) and Monday = 1,
so `0 8 * * 1` would fire on Tuesdays. Weekday numbers are turned into names first."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

_DAY_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _weekday_field(field: str) -> str:
    if "/" in field:
        raise ValueError("steps (/) are not supported in the weekday field; list the days, e.g. 1,3,5")
    parts = []
    for part in field.split(","):
        if re.fullmatch(r"[0-7]-[0-7]", part):
            first, last = int(part[0]), int(part[2])
            if first == 0:  # Sunday-first ranges: Sunday, then the rest from Monday
                parts.append("sun")
                first = 1
            if first == 7:
                first = 0
            parts.append(_DAY_NAMES[first] if first == last else f"{_DAY_NAMES[first]}-{_DAY_NAMES[last]}")
        elif re.fullmatch(r"[0-7]", part):
            parts.append(_DAY_NAMES[int(part)])
        else:
            parts.append(part)
    return ",".join(parts)


def crontab_trigger(expression: str, timezone: ZoneInfo) -> CronTrigger:
    fields = expression.split()
    if len(fields) != 5:
        raise ValueError(f"expected 5 fields, got {len(fields)}")
    minute, hour, day, month, weekday = fields
    return CronTrigger(
        minute=minute, hour=hour, day=day, month=month, day_of_week=_weekday_field(weekday), timezone=timezone
    )
