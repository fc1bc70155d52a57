"""Checks across documents, once every document has been read (``env-updated``): module
metadata against each other, timing plans, learning paths and their pages, and which
quiz or exercise assesses which objective."""

from __future__ import annotations

from typing import TYPE_CHECKING

from curriculum.core.paths import check_paths
from curriculum.core.programme import ModuleRecord, check_modules
from curriculum.ext.domain import CourseDomain, get_domain, programme_location
from curriculum.ext.warnings import CourseWarning, warn, warn_diagnostic

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from curriculum.core.model import Programme


def check_course(domain: CourseDomain) -> None:
    """Checks across documents, once every document has been read."""
    records = [domain.data["modules"][d] for d in sorted(domain.data["modules"])]
    for diagnostic in check_modules(records, domain.data["broken"].values()):
        record = next(r for r in records if r.path == diagnostic.path)
        warn_diagnostic(diagnostic, (record.docname, diagnostic.line))
    for docname, (total, line) in sorted(domain.data["timings"].items()):
        module = domain.data["modules"].get(docname)
        if module is not None and total != module.meta.duration:
            warn(
                f"the timing plan adds up to {total} minutes but the module lasts "
                f"{module.meta.duration} (its 'duration')",
                CourseWarning.TIMING,
                (docname, line),
            )
    programme = domain.programme
    if programme is not None:
        _check_path_pages(domain, programme)
        for diagnostic in check_paths(programme, records, domain.data["broken"].values()):
            warn_diagnostic(diagnostic, programme_location(domain.env, diagnostic.line))
    _check_assessments(domain)


def _check_assessments(domain: CourseDomain) -> None:
    seen: dict[str, str] = {}
    for docname, entries in sorted(domain.data["quizzes"].items()):
        module = domain.module_of_doc(docname)
        for quiz_id, line, _count, objectives in entries:
            if quiz_id in seen:
                warn(
                    f"quiz id '{quiz_id}' is already used in {seen[quiz_id]}",
                    CourseWarning.QUIZ,
                    (docname, line),
                )
            seen.setdefault(quiz_id, docname)
            _check_objectives(module, objectives, f"quiz '{quiz_id}'", docname, line)
    placed: dict[str, str] = {}
    unresolved: set[str] = set()  # modules with an unknown exercise on a page
    broken = set(domain.data["broken"])
    for docname, entries in sorted(domain.data["exercises"].items()):
        module = domain.module_of_doc(docname)
        if module is None and "/".join(docname.split("/")[:2]) + "/index" in broken:
            continue  # the module's metadata is invalid and already reported
        for exercise_id, line, module_id, objectives, _title in entries:
            if not module_id:  # an unknown exercise, already reported
                if module is not None:
                    unresolved.add(module.id)
                continue
            if module is None or module.id != module_id:
                where = f"module '{module.id}'" if module else "a page outside the modules"
                warn(
                    f"exercise '{exercise_id}' belongs to module '{module_id}' "
                    f"(its exercise.yaml) but is shown in {where}",
                    CourseWarning.EXERCISE,
                    (docname, line),
                )
                continue
            if exercise_id in placed:
                warn(
                    f"exercise '{exercise_id}' is already shown in {placed[exercise_id]}",
                    CourseWarning.EXERCISE,
                    (docname, line),
                )
                continue
            placed[exercise_id] = docname
            if exercise_id not in module.meta.exercises:
                warn(
                    f"exercise '{exercise_id}' is not listed in the module's metadata",
                    CourseWarning.EXERCISE,
                    (docname, line),
                )
            _check_objectives(module, objectives, f"exercise '{exercise_id}'", docname, line)
    for record in domain.records():
        if record.id in unresolved:
            continue  # probably the misspelt directive; reported once, there
        for index, exercise_id in enumerate(record.meta.exercises):
            if exercise_id not in placed:
                warn(
                    f"exercise '{exercise_id}' is listed in the metadata but no page of "
                    f"the module shows it (add '```{{exercise}} {exercise_id}')",
                    CourseWarning.EXERCISE,
                    (record.docname, record.line("exercises", index)),
                )


def _check_objectives(
    module: ModuleRecord | None, objectives: list[str], what: str, docname: str, line: int
) -> None:
    if module is None:
        return
    known = [o.id for o in module.meta.objectives]
    for objective in objectives:
        if objective not in known:
            warn(
                f"{what} assesses objective '{objective}', which module '{module.id}' "
                f"does not have (its objectives: {', '.join(known)})",
                CourseWarning.EXERCISE if what.startswith("exercise") else CourseWarning.QUIZ,
                (docname, line),
            )


def _check_path_pages(domain: CourseDomain, programme: Programme) -> None:
    pages: dict[str, list[tuple[str, int | None]]] = {}
    for docname, entries in sorted(domain.data["path_pages"].items()):
        for path_id, line in entries:
            pages.setdefault(path_id, []).append((docname, line))
    # a page naming an unknown path was reported; its intended path is not missing too
    misnamed = any(programme.path(path_id) is None for path_id in pages)
    for index, path in enumerate(programme.paths):
        found = pages.get(path.id, [])
        if not found and not misnamed:
            warn(
                f"learning path '{path.id}' has no page (add a page holding "
                f"'```{{learning-path}} {path.id}' and list it in a toctree)",
                CourseWarning.PATH,
                programme_location(domain.env, programme.line_of("paths", index, "id")),
            )
        for docname, line in found[1:]:
            warn(
                f"learning path '{path.id}' already has a page ({found[0][0]})",
                CourseWarning.PATH,
                (docname, line),
            )


def _on_env_updated(app: Sphinx, env: BuildEnvironment) -> None:
    check_course(get_domain(env))


def setup_course_checks(app: Sphinx) -> None:
    app.connect("env-updated", _on_env_updated)
