"""What a class teaches, and what to leave out when it does not fit.

``curriculum schedule`` and the ``{class-agenda}`` directive both choose modules
here (a learning path by id, alias or audience; ``modules``; ``skip``) and plan them
with :mod:`curriculum.core.schedule`, so a printed agenda and one on a page agree.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from curriculum.core.model import Programme
from curriculum.core.paths import plan_path
from curriculum.core.programme import ModuleRecord
from curriculum.core.schedule import (
    ClassModule,
    Frame,
    Plan,
    ScheduleError,
    clock,
    plan_class,
)

#: the most modules tried together when looking for what to leave out
_SEARCH_DEPTH = 3


def class_module(record: ModuleRecord) -> ClassModule:
    meta = record.meta
    return ClassModule(
        meta.id,
        meta.title,
        meta.duration,
        record.timing,
        tuple(meta.exercises),
        record.reading,
        tuple(meta.prerequisites),
    )


@dataclass(frozen=True)
class Selection:
    """The modules of a class in teaching order, and what to know about them."""

    title: str
    modules: list[ClassModule]
    path: str | None = None
    notes: list[str] = field(default_factory=list)


def split_ids(text: str | Sequence[str] | None) -> list[str]:
    """``"a-01, a-02"`` (or a list of such) -> ``["a-01", "a-02"]``."""
    if not text:
        return []
    parts = [text] if isinstance(text, str) else list(text)
    return [item.strip() for part in parts for item in part.split(",") if item.strip()]


def path_names(programme: Programme) -> str:
    """``service-desk (also desk, sd), operations (also ops)…`` for a message."""
    names = []
    for path in programme.paths:
        others = [*path.aliases, *([path.audience] if path.audience not in path.aliases else [])]
        names.append(f"{path.id} (also {', '.join(others)})" if others else path.id)
    return ", ".join(names) or "none"


def select(
    programme: Programme,
    records: Sequence[ModuleRecord],
    *,
    path: str | None = None,
    modules: Sequence[str] = (),
    skip: Sequence[str] = (),
    title: str | None = None,
) -> Selection:
    """The class: a path's modules, or exactly ``modules``, less ``skip``."""
    by_id = {r.id: r for r in records}
    wanted = list(dict.fromkeys(modules))
    unknown = [m for m in [*wanted, *skip] if m not in by_id]
    if unknown:
        raise ScheduleError(
            f"no module {', '.join(repr(m) for m in unknown)} in this course; its modules "
            f"are {', '.join(sorted(by_id))} (see 'curriculum catalogue')"
        )
    if path is None and not wanted:
        raise ScheduleError("name a learning path (--path) or the modules to teach (--modules)")
    chosen: list[ModuleRecord]
    path_id = None
    if path is not None:
        found = programme.find_path(path)
        if found is None:
            raise ScheduleError(
                f"unknown learning path '{path}'; the paths are {path_names(programme)}"
            )
        path_id = found.id
        plan = plan_path(programme, found.id, list(records))
        on_path = [s.module for s in [*plan.steps, *plan.electives]]
        if wanted:
            off = [m for m in wanted if m not in {r.id for r in on_path}]
            if off:
                raise ScheduleError(
                    f"{', '.join(off)} {'is' if len(off) == 1 else 'are'} not on the path "
                    f"'{found.id}'; leave out --path to teach modules in the order you give"
                )
            chosen = [r for r in on_path if r.id in wanted]
        else:
            chosen = [s.module for s in plan.steps]
        title = title or found.title
    else:
        chosen = [by_id[m] for m in wanted]
    outside = [m for m in skip if m not in {r.id for r in chosen}]
    if outside:
        raise ScheduleError(f"--skip {', '.join(outside)}: not in this class, so nothing to skip")
    chosen = [r for r in chosen if r.id not in skip]
    if not chosen:
        raise ScheduleError("no module is left to teach; skip fewer modules")
    return Selection(
        title or "Selected modules",
        [class_module(r) for r in chosen],
        path_id,
        _order_notes(chosen, skip),
    )


def _order_notes(chosen: list[ModuleRecord], skip: Sequence[str]) -> list[str]:
    """Modules taught without, or before, a module they build on."""
    notes: list[str] = []
    position = {r.id: n for n, r in enumerate(chosen)}
    for n, record in enumerate(chosen):
        if record.meta.draft:
            notes.append(f"{record.id} is still a draft")
        for need in record.meta.prerequisites:
            if need not in position:
                why = "skipped" if need in skip else "not in this class"
                notes.append(f"{record.id} builds on {need}, which is {why}: learners need it")
            elif position[need] > n:
                notes.append(f"{record.id} comes before {need}, which it builds on")
    return notes


def needed_by(modules: Sequence[ClassModule]) -> set[str]:
    """The modules another module of the class builds on."""
    return {need for m in modules for need in m.prerequisites}


def advise(modules: Sequence[ClassModule], frame: Frame, days: int) -> list[ClassModule]:
    """The fewest minutes of modules to leave out so the rest fits in ``days``.

    Only modules that no other module of the class builds on are offered, fewest
    modules first, then fewest minutes, then the later ones; empty when nothing
    short of leaving out most of the class would do.
    """
    kept = list(modules)
    for size in range(1, min(_SEARCH_DEPTH, len(kept) - 1) + 1):
        options = []
        for drop in combinations(range(len(kept)), size):
            gone = {kept[i].id for i in drop}
            rest = [m for m in kept if m.id not in gone]
            if gone & needed_by(rest):
                continue
            minutes = sum(kept[i].minutes for i in drop)
            options.append((minutes, [-i for i in reversed(drop)], drop))
        for _minutes, _order, drop in sorted(options):
            rest = [m for n, m in enumerate(kept) if n not in drop]
            if plan_class(rest, frame, days).fits:
                return [kept[i] for i in drop]
    # more than a few: the longest modules nothing needs, until it fits
    dropped: list[ClassModule] = []
    while len(kept) > 1 and not plan_class(kept, frame, days).fits:
        free = [m for m in kept if m.id not in needed_by(kept)]
        if not free:
            return []
        longest = max(reversed(free), key=lambda m: m.minutes)
        kept.remove(longest)
        dropped.append(longest)
    return dropped if plan_class(kept, frame, days).fits else []


def holds(frame: Frame, days: int) -> int:
    """Minutes of modules ``days`` days hold once every rest and session is taken out."""
    if days == 1:
        return frame.capacity(first=True, last=True)
    return (
        frame.capacity(first=True, last=False)
        + (days - 2) * frame.capacity(first=False, last=False)
        + frame.capacity(first=False, last=True)
    )


def command_option(name: str) -> str:
    """How the command line spells an option: ``--skip``."""
    return f"--{name}"


def misfit_message(
    selection: Selection,
    plan: Plan,
    frame: Frame,
    days: int,
    option: Callable[[str], str] = command_option,
) -> str:
    """Why the class does not fit in ``days`` and what the trainer can do about it;
    ``option`` spells the options (``--skip`` for the command, ``:skip:`` on a page)."""
    total = sum(m.minutes for m in selection.modules)
    count = len(selection.modules)
    window = f"{clock(frame.start)}-{clock(frame.end)}"
    several = "s" if days != 1 else ""
    lines = [
        f"the class does not fit in {days} day{several}: its {count} "
        f"module{'s' if count != 1 else ''} take {total} minutes, and {days} "
        f"day{several} of {window} hold about {holds(frame, days)} once the "
        f"opening, recaps, close, breaks and lunch are taken out; it needs "
        f"{plan.days_needed} days."
    ]
    longer = (
        f"{option('days')} {plan.days_needed}, a longer {option('day-length')} "
        f"(or a later {option('end')})"
    )
    drop = advise(selection.modules, frame, days)
    if drop:
        lines.append(f"To fit it in {days} day{several}, leave out:")
        lines += [f"  {m.id} {m.title} ({m.minutes} min)" for m in drop]
        lines.append(f"  with: {option('skip')} {','.join(m.id for m in drop)}")
        lines.append(
            f"Or give {longer}, or shorter breaks ({option('lunch')}, {option('short-break')})."
        )
    else:
        lines.append(
            f"Give {longer}, or choose fewer modules ({option('modules')}, {option('skip')})."
        )
    return "\n".join(lines)
