"""``curriculum new module`` and ``curriculum new exercise``: skeletons that build and
lint without errors at once, so a contributor starts from something that works.

A new module is a draft (``draft: true``): on no learning path, and lint reports the
course's size rules for it as warnings, which say what is still to write. Every
sentence a skeleton leaves to be rewritten says "Replace this" (:data:`SKELETON_MARK`),
which lint finds (``skeleton-text``). A new exercise has the cases the course's policy
asks for (:mod:`curriculum.core.scaffoldcases`).

Nothing that exists is overwritten: an existing id or folder is refused. The only
edit to an existing file is the module page's exercise placeholder, which the
module skeleton leaves for exactly this purpose.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from curriculum.core.layout import EXERCISES_DIR, MODULES_DIR
from curriculum.core.model import MODULE_ID_PATTERN, SLUG_PATTERN
from curriculum.core.scaffoldcases import fail_cases, pass_cases
from curriculum.core.settings import TeachingPolicy

PLACEHOLDER = "% EXERCISE: run `curriculum new exercise <id> --module {module}` to put one here"
TEMPLATES = Path(__file__).parent / "scaffolds"

#: the words every placeholder sentence of the skeletons holds, and lint looks for
SKELETON_MARK = "Replace this"
_SKELETON = re.compile(r"\b" + SKELETON_MARK.replace(" ", r"\s+") + r"\b", re.IGNORECASE)


def skeleton_lines(text: str) -> list[int]:
    """The 1-based lines of ``text`` that still hold a skeleton's placeholder."""
    return [n for n, line in enumerate(text.splitlines(), start=1) if _SKELETON.search(line)]


class ScaffoldError(ValueError):
    """The request is refused; the message says why and what to do instead."""


@dataclass(frozen=True)
class Written:
    path: Path
    note: str = ""


def fill_template(path: Path, values: Mapping[str, str]) -> str:
    """A template's text with each ``{{key}}`` replaced by its value."""
    text = path.read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    return text


def _fill(name: str, **values: str) -> str:
    return fill_template(TEMPLATES / f"{name}.tmpl", values)


def new_module(
    root: Path,
    module_id: str,
    title: str,
    track: str,
    duration: int,
    audiences: list[str] | None = None,
) -> list[Written]:
    from curriculum.core.project import load_project

    project = load_project(root)
    course = project.programme.course if project.programme is not None else None
    pattern = course.module_id_pattern if course is not None else MODULE_ID_PATTERN
    if not re.match(pattern, module_id):
        form = (
            f"the track id, a hyphen and two digits, e.g. {track}-02"
            if pattern == MODULE_ID_PATTERN
            else f"this course's module ids match {pattern} (course.module_id_pattern)"
        )
        raise ScaffoldError(f"'{module_id}' is not a module id: {form}")
    folder = root / MODULES_DIR / module_id
    if folder.exists():
        raise ScaffoldError(
            f"module '{module_id}' already exists ({folder.relative_to(root)}); "
            "pick the next free number"
        )
    if project.programme is None:
        raise ScaffoldError("programme.yaml has problems; run 'curriculum lint' first")
    tracks = [t.id for t in project.programme.tracks]
    if track not in tracks:
        raise ScaffoldError(f"unknown track '{track}' (tracks: {', '.join(tracks)})")
    if not module_id.startswith(track + "-"):
        raise ScaffoldError(f"the id of a module in track '{track}' starts with '{track}-'")
    known = [a.id for a in project.programme.audiences]
    if audiences is None:
        audiences = known  # the vocabulary's, not a list written into the builder
    unknown = [a for a in audiences if a not in known]
    if unknown or not audiences:
        raise ScaffoldError(
            f"unknown audience {', '.join(unknown) or '(none given)'} "
            f"(audiences: {', '.join(known)})"
        )
    if not 20 <= duration <= 480 or duration % 5:
        raise ScaffoldError("give the duration in minutes, a multiple of 5 from 20 to 480")
    if not title.strip():
        raise ScaffoldError("give the module a title with --title")
    quarter = duration // 5 // 4 * 5 or 5
    rest = duration - 3 * quarter
    policy = project.programme.course.policy
    page = _fill(
        "module.md",
        id=module_id,
        title=json.dumps(title.strip(), ensure_ascii=False),  # a YAML scalar, whatever it holds
        track=track,
        duration=str(duration),
        audiences=", ".join(audiences),
        value=project.programme.values[0].id,
        audience_ids=", ".join(a.id for a in project.programme.audiences),
        value_ids=", ".join(v.id for v in project.programme.values),
        objective_count=f"{policy.objectives_min} to {policy.objectives_max}",
        questions=_questions(policy),
        placeholder=PLACEHOLDER.format(module=module_id),
        m1=str(quarter),
        m2=str(quarter),
        m3=str(quarter),
        m4=str(rest),
    )
    folder.mkdir(parents=True)
    path = folder / "index.md"
    path.write_text(page, encoding="utf-8")
    return [
        Written(
            path,
            "a draft: write the teaching text, the quiz and the trainer notes in place of "
            "each 'Replace this'; 'curriculum lint' lists what is left",
        )
    ]


#: the skeleton's objectives (module.md.tmpl), which its quiz questions assess in turn
OBJECTIVES = ("o1", "o2", "o3")
PROMPTS = (
    "Which statement explains the main idea best?",
    "Which case needs the technique, and why?",
    "Which artefact is better designed, and why?",
)


def _questions(policy: TeachingPolicy) -> str:
    """As many quiz questions as the course asks for, and one for each objective at least."""
    count = max(len(OBJECTIVES), policy.quiz_questions)
    return "".join(
        _fill(
            "question.md",
            number=str(n + 1),
            objective=OBJECTIVES[n % len(OBJECTIVES)],
            prompt=PROMPTS[n] if n < len(PROMPTS) else "Which choice would you make, and why?",
        )
        for n in range(count)
    )


def new_exercise(root: Path, exercise_id: str, module_id: str) -> list[Written]:
    from curriculum.core.project import load_project

    if not re.match(SLUG_PATTERN, exercise_id):
        raise ScaffoldError(
            f"'{exercise_id}' is not an exercise id: lower-case words joined "
            f"by hyphens, starting with the module id, e.g. {module_id}-plan"
        )
    if not exercise_id.startswith(module_id + "-"):
        raise ScaffoldError(f"start the exercise id with its module id: '{module_id}-...'")
    folder = root / EXERCISES_DIR / exercise_id
    if folder.exists():
        raise ScaffoldError(f"exercise '{exercise_id}' already exists ({folder.relative_to(root)})")
    project = load_project(root)
    module = next((m for m in project.modules if m.id == module_id), None)
    if module is None:
        raise ScaffoldError(
            f"module '{module_id}' does not exist or has metadata problems (run 'curriculum lint')"
        )
    objective = module.meta.objectives[0].id
    policy = project.programme.course.policy if project.programme else TeachingPolicy()
    files = {
        "exercise.yaml": _fill(
            "exercise.yaml", id=exercise_id, module=module_id, objective=objective
        ),
        "brief.md": _fill("brief.md"),
        "marking.md": _fill("marking.md"),
        "template.yaml": _fill("template.yaml"),
        "solution.yaml": _fill("solution.yaml"),
        "validator.py": _fill("validator.py", id=exercise_id),
    }
    for case in pass_cases(policy):
        files[f"cases/pass/{case.name}.yaml"] = case.text
    for case in fail_cases(policy):
        files[f"cases/fail/{case.name}.yaml"] = case.text
        files[f"cases/fail/{case.name}.expected"] = "\n".join(case.expected) + "\n"
    written = []
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(Written(path))
    written.append(_wire(root, module_id, exercise_id))
    return written


def _wire(root: Path, module_id: str, exercise_id: str) -> Written:
    """List the exercise in the module and show it where the skeleton left a placeholder."""
    page = root / MODULES_DIR / module_id / "index.md"
    text = page.read_text(encoding="utf-8")
    marker = PLACEHOLDER.format(module=module_id)
    listed = re.sub(
        r"^exercises: \[\](\s*#.*)?$",
        rf"exercises: [{exercise_id}]\1",
        text,
        count=1,
        flags=re.MULTILINE,
    )
    if marker in listed and listed != text:
        page.write_text(
            listed.replace(marker, f"```{{exercise}} {exercise_id}\n```"), encoding="utf-8"
        )
        return Written(page, "listed the exercise in the metadata and shown it on the page")
    return Written(
        page,
        f"add '{exercise_id}' to the module's 'exercises:' and put "
        f"'```{{exercise}} {exercise_id}' + '```' under 'Your artefact'",
    )
