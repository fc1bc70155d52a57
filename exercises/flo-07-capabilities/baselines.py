"""The five delivery metrics of each team, recomputed from its logs (exercise flo-07-capabilities).

The logs are the ones module flo-05 uses (case.yaml); the definitions are flo-05's:
a deployment reached production, lead time runs from commit to production, a
failed deployment caused an incident, recovery runs from the incident's start to
the moment users were no longer affected, and an unplanned deployment was made
because of an incident. Summaries are medians.
"""

from __future__ import annotations

import datetime as dt
import statistics
from typing import Any, NamedTuple

from curriculum.validation.toolkit import listed, load_case

CASE = load_case()


class Team(NamedTuple):
    key: str
    name: str
    written_on: dt.date  #: the day after the window: when the team writes its bets
    deployments: int  #: deployments that reached production
    stopped: tuple[str, ...]  #: changes the pipeline stopped before production
    leads: tuple[float, ...]  #: hours, one for each deployment
    failed: tuple[str, ...]
    recoveries: tuple[float, ...]  #: minutes, incidents caused by a deployment
    other_recoveries: tuple[float, ...]  #: minutes, incidents with another cause
    unplanned: tuple[str, ...]
    weeks: float
    ids: tuple[str, ...]  #: deployment and incident ids of the logs


def _minutes(start: str, end: str) -> float:
    """Minutes between two stamps ('2026-02-05 11:21') or two clock times ('22:15')."""
    if len(start) <= 5:
        start, end = "2000-01-01 " + start, "2000-01-01 " + end
    gap = (dt.datetime.fromisoformat(end) - dt.datetime.fromisoformat(start)).total_seconds()
    return gap / 60 if gap >= 0 else gap / 60 + 1440


def _lead(row: dict[str, Any]) -> float:
    if "lead_hours" in row:
        return float(row["lead_hours"])
    gap = dt.datetime.fromisoformat(row["deployed"]) - dt.datetime.fromisoformat(row["committed"])
    return gap.total_seconds() / 3600


def _team(key: str, data: dict[str, Any]) -> Team:
    live = [d for d in data["deployments"] if d.get("deployed", True) is not None]
    caused = [i for i in data["incidents"] if i["cause"]]
    window = data["window"]
    return Team(
        key=key,
        name=data["name"],
        written_on=dt.date.fromisoformat(str(window["last"])) + dt.timedelta(days=1),
        deployments=len(live),
        stopped=tuple(d["id"] for d in data["deployments"] if d not in live),
        leads=tuple(_lead(d) for d in live),
        failed=tuple(i["cause"] for i in caused),
        recoveries=tuple(_minutes(i["started"], i["restored"]) for i in caused),
        other_recoveries=tuple(
            _minutes(i["started"], i["restored"]) for i in data["incidents"] if not i["cause"]
        ),
        unplanned=tuple(d["id"] for d in live if not d["planned"]),
        weeks=window["days"] / 7,
        ids=tuple(d["id"] for d in data["deployments"]) + tuple(i["id"] for i in data["incidents"]),
    )


TEAMS = {key: _team(key, data) for key, data in CASE["teams"].items()}


def _median(values: tuple[float, ...]) -> float:
    return statistics.median(values) if values else 0.0


def baseline_of(team: Team) -> dict[str, float]:
    """The five figures flo-05's definitions give for the team's logs, by baseline field."""
    n = team.deployments or 1
    return {
        "deployments_per_week": team.deployments / team.weeks,
        "median_lead_time_hours": _median(team.leads),
        "change_fail_rate_percent": len(team.failed) / n * 100,
        "median_recovery_minutes": _median(team.recoveries),
        "deployment_rework_rate_percent": len(team.unplanned) / n * 100,
    }


def slips_of(team: Team) -> dict[str, list[tuple[float, str]]]:
    """Figures the usual slips give, with what went wrong, by baseline field."""
    n, every = team.deployments or 1, team.deployments + len(team.stopped)
    stopped = f"it counts {listed(team.stopped)}, which never reached production"
    all_incidents = "it counts incidents that no deployment caused"
    slips: dict[str, list[tuple[float, str]]] = {
        "median_lead_time_hours": [
            (statistics.mean(team.leads), "that is the mean; the median is the middle value")
        ],
        "change_fail_rate_percent": [
            ((len(team.failed) + len(team.other_recoveries)) / n * 100, all_incidents)
        ],
        "median_recovery_minutes": [
            (_median(team.recoveries + team.other_recoveries), all_incidents)
        ],
    }
    if team.stopped:
        slips.setdefault("deployments_per_week", []).append((every / team.weeks, stopped))
        slips["change_fail_rate_percent"].append((len(team.failed) / every * 100, stopped))
        slips.setdefault("deployment_rework_rate_percent", []).append(
            (len(team.unplanned) / every * 100, stopped)
        )
    return slips


#: how far a baseline may be rounded (one decimal for rates, whole minutes...)
TOLERANCE = {
    "deployments_per_week": 0.05,
    "median_lead_time_hours": 0.5,
    "change_fail_rate_percent": 0.5,
    "median_recovery_minutes": 1.0,
    "deployment_rework_rate_percent": 0.5,
}

#: how each baseline figure is computed, for the hints
HOW = {
    "deployments_per_week": "deployments that reached production / {weeks} weeks",
    "median_lead_time_hours": "the middle value of the {n} lead times, commit to production, "
    "in hours (with an even count, the mean of the middle two)",
    "change_fail_rate_percent": "failed deployments ({failed}) / deployments ({n}) x 100",
    "median_recovery_minutes": "the middle value, in minutes, of the incidents a deployment "
    "caused, from start to restored",
    "deployment_rework_rate_percent": "unplanned deployments ({unplanned}) / deployments ({n}) "
    "x 100",
}


def figures_of(team: Team) -> set[float]:
    """The numbers the team's own metrics and logs give, as one might quote them."""
    raw = [
        *baseline_of(team).values(),
        *team.leads,
        *team.recoveries,
        team.deployments,
        len(team.failed),
        len(team.unplanned),
    ]
    return {round(float(v), places) for v in raw for places in (0, 1, 2)}
