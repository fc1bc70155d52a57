"""Learning paths: the modules a path holds (its audience's, plus their prerequisites,
prerequisites first), its electives, and the checks of every path in the vocabulary.

A module still being written (``draft: true``) is on no path: not in its core, not
among its electives, not in its minutes. It is built and listed in the catalogue.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field

from curriculum.core.diagnostics import Diagnostic
from curriculum.core.layout import PROGRAMME_FILE
from curriculum.core.model import Programme
from curriculum.core.programme import ModuleRecord, module_order_key


@dataclass
class PathStep:
    module: ModuleRecord
    #: why the module is on the path: the audience, or the modules needing it
    needed_by: list[str]


@dataclass
class PathPlan:
    id: str
    title: str
    audience: str
    #: the core of the path, prerequisites first
    steps: list[PathStep]
    #: optional modules (and any prerequisite of theirs not in the core)
    electives: list[PathStep] = field(default_factory=list)

    @property
    def duration(self) -> int:
        """Minutes of the core."""
        return sum(step.module.meta.duration for step in self.steps)

    @property
    def elective_duration(self) -> int:
        return sum(step.module.meta.duration for step in self.electives)


def draft_ids(records: Iterable[ModuleRecord]) -> set[str]:
    """The ids of the modules still being written (``draft: true``)."""
    return {r.id for r in records if r.meta.draft}


def complete(records: Iterable[ModuleRecord]) -> list[ModuleRecord]:
    """The modules that may be on a path: every one but drafts."""
    return [r for r in records if not r.meta.draft]


def plan_path(programme: Programme, path_id: str, records: list[ModuleRecord]) -> PathPlan:
    """The path's audience modules plus every prerequisite, prerequisites first.

    Electives named in the vocabulary are planned after the core, each with any
    prerequisite the core does not already hold. Drafts are left out.
    """
    path = programme.path(path_id)
    if path is None:
        raise KeyError(path_id)
    records = complete(records)
    by_id = {r.id: r for r in records}
    audience = [r.id for r in records if path.audience in r.meta.audiences]
    core_needed = _with_prerequisites(
        [m for m in audience if m not in path.electives], by_id, path.audience
    )
    electives = [m for m in path.electives if m in by_id and m not in core_needed]
    extra = _with_prerequisites(electives, by_id, path.audience, exclude=set(core_needed))
    return PathPlan(
        path.id,
        path.title,
        path.audience,
        _in_order(programme, by_id, core_needed),
        _in_order(programme, by_id, extra),
    )


def _with_prerequisites(
    start: list[str],
    by_id: dict[str, ModuleRecord],
    audience: str,
    exclude: set[str] | None = None,
) -> dict[str, list[str]]:
    """``start`` and every prerequisite not in ``exclude``, each with the modules needing it
    (when the audience alone would not have put it on the path)."""
    exclude = exclude or set()
    needed_by: dict[str, list[str]] = {m: [] for m in start}
    stack = list(start)
    while stack:
        record = by_id[stack.pop()]
        for prerequisite in record.meta.prerequisites:
            if prerequisite not in by_id or prerequisite in exclude:
                continue
            if prerequisite not in needed_by:
                needed_by[prerequisite] = []
                stack.append(prerequisite)
            if audience not in by_id[prerequisite].meta.audiences:
                needed_by[prerequisite].append(record.id)
    return needed_by


def _in_order(
    programme: Programme, by_id: dict[str, ModuleRecord], needed_by: dict[str, list[str]]
) -> list[PathStep]:
    """Kahn's algorithm; ties broken by catalogue order so the result is stable."""
    members = set(needed_by)
    waiting = {m: {p for p in by_id[m].meta.prerequisites if p in members} for m in members}
    dependents: dict[str, list[str]] = {m: [] for m in members}
    for module_id, prerequisites in waiting.items():
        for prerequisite in prerequisites:
            dependents[prerequisite].append(module_id)
    ready = [(module_order_key(programme, by_id[m]), m) for m in members if not waiting[m]]
    heapq.heapify(ready)
    steps: list[PathStep] = []
    while ready:
        _, module_id = heapq.heappop(ready)
        steps.append(PathStep(by_id[module_id], sorted(needed_by[module_id])))
        for other in dependents[module_id]:
            waiting[other].discard(module_id)
            if not waiting[other]:
                heapq.heappush(ready, (module_order_key(programme, by_id[other]), other))
    # modules caught in a cycle never become ready; check_modules reports the cycle
    return steps


def check_paths(
    programme: Programme,
    records: list[ModuleRecord],
    invalid: Iterable[str] = (),
    source: str = PROGRAMME_FILE,
) -> list[Diagnostic]:
    """Electives must be modules of the path's audience that no core module needs; a
    complete module needs no draft. Drafts are left out of every path and its minutes.
    ``source`` names the vocabulary file in the diagnostics (conf.py may name another)."""
    problems = _draft_prerequisites(records)
    drafts = draft_ids(records)
    records = complete(records)
    by_id = {r.id: r for r in records}
    skip = set(invalid)
    for index, path in enumerate(programme.paths):
        core = [
            r.id
            for r in records
            if path.audience in r.meta.audiences and r.id not in path.electives
        ]
        core_needed = _with_prerequisites(core, by_id, path.audience)
        for position, module_id in enumerate(path.electives):
            line = programme.line_of("paths", index, "electives", position)
            record = by_id.get(module_id)
            if module_id in drafts:
                continue  # left out of the path until it is complete
            if record is None:
                if module_id not in skip:
                    problems.append(
                        Diagnostic(
                            source,
                            line,
                            "path",
                            f"path '{path.id}': elective '{module_id}' is not a module "
                            "of this course",
                            "use the id of an existing module, or remove it",
                        )
                    )
            elif path.audience not in record.meta.audiences:
                problems.append(
                    Diagnostic(
                        source,
                        line,
                        "path",
                        f"path '{path.id}': elective '{module_id}' is not a module for "
                        f"audience '{path.audience}'",
                        f"add '{path.audience}' to the module's audiences, or remove it here",
                    )
                )
            elif module_id in core_needed:
                users = sorted(m for m in core_needed if module_id in by_id[m].meta.prerequisites)
                problems.append(
                    Diagnostic(
                        source,
                        line,
                        "path",
                        f"path '{path.id}': elective '{module_id}' is a prerequisite of "
                        f"{', '.join(users)}, which the path needs",
                        "remove it from the electives: the path must include it",
                    )
                )
        if path.minutes is not None and not skip:
            plan = plan_path(programme, path.id, records)
            if plan.duration != path.minutes:
                modules = " ".join(step.module.id for step in plan.steps)
                problems.append(
                    Diagnostic(
                        source,
                        programme.line_of("paths", index, "minutes"),
                        "path",
                        f"path '{path.id}' is meant to last {path.minutes} minutes but its "
                        f"core now lasts {plan.duration}: {modules}",
                        "if a module was added or changed on purpose, set 'minutes' to the "
                        "new length (and check the schedule still fits the class); otherwise "
                        "adjust the module's audiences or the path's electives",
                    )
                )
    return problems


def _draft_prerequisites(records: list[ModuleRecord]) -> list[Diagnostic]:
    """A complete module whose prerequisite is a draft: paths would leave the draft out."""
    drafts = draft_ids(records)
    return [
        Diagnostic(
            record.path,
            record.line("prerequisites", index),
            "path",
            f"module '{record.id}' needs '{prerequisite}', which is a draft (draft: true): "
            "learning paths leave drafts out, so they would lack it",
            f"finish '{prerequisite}' and remove its 'draft:' line, or remove it from "
            f"the prerequisites of '{record.id}'",
        )
        for record in records
        if not record.meta.draft
        for index, prerequisite in enumerate(record.meta.prerequisites)
        if prerequisite in drafts
    ]
