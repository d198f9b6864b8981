"""The groups file: the plan's groups, municipalities and plans as JSON, read and checked as a whole
before anything is stored."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from storage.models import (
    MUNICIPALITIES,
    GroupKind,
)
from storage.plans import MAX_ACTIVITIES, PlanSpec

DEFAULT_GROUPS_FILE = Path(__file__).parent / "data" / "groups-2016-2018.json"


GROUP_KEY = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")


class GroupFileError(ValueError):
    """A groups file that cannot be loaded; the message names the file and the place."""


@dataclass(frozen=True)
class GroupSpec:
    key: str
    name: str
    kind: str
    municipalities: tuple[str, ...] = ()
    goal: str = ""
    active: bool = True
    closed_on: date | None = None
    closed_reason: str | None = None
    position: int = 0  # its place in the file, which is its place in the plan's table
    plans: tuple[tuple[int, PlanSpec], ...] = ()

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "municipalities": list(self.municipalities),
            "goal": self.goal,
            "active": self.active,
            "closed_on": self.closed_on,
            "closed_reason": self.closed_reason,
            "position": self.position,
        }


def read_groups_file(path: Path) -> list[GroupSpec]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise GroupFileError(f"{path}: cannot be read ({error.strerror})") from error
    except json.JSONDecodeError as error:
        raise GroupFileError(f"{path}: not valid JSON (line {error.lineno}: {error.msg})") from error
    items = data.get("groups") if isinstance(data, dict) else None
    if not isinstance(items, list) or not items:
        raise GroupFileError(f'{path}: expected an object with a non-empty list "groups"')
    specs = [_group_spec(path, index, item) for index, item in enumerate(items)]
    keys = [spec.key for spec in specs]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise GroupFileError(f"{path}: group keys appear twice: {', '.join(duplicates)}")
    return specs


def _group_spec(path: Path, index: int, item: Any) -> GroupSpec:
    where = f"{path}: groups[{index}]"
    if not isinstance(item, dict):
        raise GroupFileError(f"{where}: expected an object")
    key = item.get("key")
    if not isinstance(key, str) or not GROUP_KEY.match(key):
        raise GroupFileError(f"{where}: key must be lower-case ASCII letters, digits, - or _ (got {key!r})")
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise GroupFileError(f"{where} ({key}): name is missing")
    kind = item.get("kind")
    if kind not in {k.value for k in GroupKind}:
        raise GroupFileError(f"{where} ({key}): kind must be one of {', '.join(k.value for k in GroupKind)}")
    municipalities = item.get("municipalities", [])
    if not isinstance(municipalities, list) or any(m not in MUNICIPALITIES for m in municipalities):
        raise GroupFileError(
            f"{where} ({key}): municipalities must be a list of {', '.join(MUNICIPALITIES)} (got {municipalities!r})"
        )
    closed_on = item.get("closed_on")
    try:
        closed = date.fromisoformat(closed_on) if closed_on else None
    except (TypeError, ValueError) as error:
        raise GroupFileError(f"{where} ({key}): closed_on must be YYYY-MM-DD") from error
    active = item.get("active", True)
    if not isinstance(active, bool):
        raise GroupFileError(f"{where} ({key}): active must be true or false")
    return GroupSpec(
        plans=_plan_specs(where, key, item.get("plans", {})),
        key=key,
        name=name.strip(),
        kind=kind,
        municipalities=tuple(municipalities),
        goal=str(item.get("goal", "")),
        active=active,
        closed_on=closed,
        closed_reason=item.get("closed_reason"),
        position=index,
    )


def _plan_specs(where: str, key: str, plans: Any) -> tuple[tuple[int, PlanSpec], ...]:
    if not isinstance(plans, dict):
        raise GroupFileError(f'{where} ({key}): plans must be an object like {{"2017": {{"activities": [...]}}}}')
    specs = []
    for year, plan in plans.items():
        if not str(year).isdigit() or not isinstance(plan, dict):
            raise GroupFileError(f"{where} ({key}): plans[{year!r}] must be a year with an object")
        activities = plan.get("activities", [])
        if not isinstance(activities, list) or not all(isinstance(a, str) and a.strip() for a in activities):
            raise GroupFileError(f"{where} ({key}): plans[{year}].activities must be a list of texts")
        if len(activities) > MAX_ACTIVITIES:
            raise GroupFileError(f"{where} ({key}): plans[{year}] has more than {MAX_ACTIVITIES} activities")
        goal = plan.get("goal")
        specs.append(
            (
                int(year),
                PlanSpec(
                    description=str(plan.get("description", "")),
                    after_activities=str(plan.get("after_activities", "")),
                    activities=tuple(a.strip() for a in activities),
                    goal=str(goal) if goal is not None else None,
                ),
            )
        )
    return tuple(sorted(specs, key=lambda item: item[0]))
