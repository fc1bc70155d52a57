"""``curriculum init``: a new course that builds, lints and tests cleanly at once.

It writes the vocabulary (one track, audience, value and learning path), conf.py,
the home page and the generated pages, a Makefile, a CI workflow, and a first
module with its exercise: "How to learn with this course" and a study plan, which
speak of the course's own parts only (its modules, paths and checker), so that
they fit any subject. The package carries no other course text: the vocabulary's
sentences are placeholders that say what belongs in their place.

Nothing that exists is overwritten. A folder that already holds a course (its
conf.py, programme.yaml, index.md, modules/ or exercises/) is refused; a README,
.gitignore, requirements.txt or workflow of its own is kept, and the list of
written files says so; beside a Makefile of its own, the course's targets go into
course.mk, for that Makefile to include.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from curriculum.core.layout import EXERCISES_DIR, MODULES_DIR
from curriculum.core.scaffold import ScaffoldError, Written, fill_template

TEMPLATES = Path(__file__).parent / "scaffolds" / "course"
VOCABULARY_ID = re.compile(r"^[a-z]{1,8}$")
#: files that make a folder a course: any of them there, and ``init`` stops
COURSE_FILES = ("conf.py", "programme.yaml", "index.md", MODULES_DIR, EXERCISES_DIR)


@dataclass(frozen=True)
class CourseSpec:
    """What ``curriculum init`` asks for; everything has a default but the folder."""

    title: str = "A new course"
    author: str = "The course authors"
    language: str = "en"
    track: str = "basics"
    track_title: str = "Basics"
    audience: str = "learner"
    audience_title: str = "Learner"
    year: int = 2026
    #: the builder's version, written into requirements.txt
    builder_version: str = "0"
    #: the Debian packages for the PDFs, written into the CI workflow
    tex_packages: tuple[str, ...] = field(default_factory=tuple)

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-") or "course"

    @property
    def path(self) -> str:
        return self.audience

    @property
    def module(self) -> str:
        return f"{self.track}-01"

    @property
    def exercise(self) -> str:
        return f"{self.module}-plan"

    def problems(self) -> list[str]:
        out = []
        for name in ("track", "audience"):
            value = getattr(self, name)
            if not VOCABULARY_ID.match(value):
                out.append(f"--{name} '{value}': use 1 to 8 lower-case letters, e.g. basics")
        for name in ("title", "author", "track_title", "audience_title", "language"):
            value = getattr(self, name)
            if not value.strip() or "\n" in value or "{{" in value:
                out.append(f"--{name.replace('_', '-')}: give a one-line text")
        return out


def _fill(name: str, spec: CourseSpec) -> str:
    values = {
        "title": spec.title,
        "author": spec.author,
        "language": spec.language,
        "year": str(spec.year),
        "slug": spec.slug,
        "track": spec.track,
        "track_title": spec.track_title,
        "audience": spec.audience,
        "audience_title": spec.audience_title,
        "path": spec.path,
        "version": spec.builder_version,
        "python": f"{sys.version_info.major}.{sys.version_info.minor}",
        "tex_packages": " ".join(spec.tex_packages),
        # quoted for the file they go into: conf.py takes Python literals, and a
        # JSON string is a YAML scalar, whatever the text holds (':', '#', quotes)
        "title_py": repr(spec.title),
        "author_py": repr(spec.author),
        "copyright_py": repr(f"{spec.year}, {spec.author}"),
        "language_py": repr(spec.language),
        "track_title_yaml": json.dumps(spec.track_title, ensure_ascii=False),
        "audience_title_yaml": json.dumps(spec.audience_title, ensure_ascii=False),
        "path_title_yaml": json.dumps(f"{spec.audience_title} path", ensure_ascii=False),
    }
    return fill_template(TEMPLATES / f"{name}.tmpl", values)


def course_files(spec: CourseSpec) -> dict[str, str]:
    """Path (relative to the course folder) to text, for every file but the module's."""
    programme = f"{MODULES_DIR}/programme"
    return {
        "programme.yaml": _fill("programme.yaml", spec),
        "conf.py": _fill("conf.py", spec),
        "index.md": _fill("index.md", spec),
        f"{programme}/book.md": _fill("book.md", spec),
        f"{programme}/catalogue.md": _fill("catalogue.md", spec),
        f"{programme}/checking.md": _fill("checking.md", spec),
        f"{programme}/crosswalk.md": _fill("crosswalk.md", spec),
        f"{programme}/glossary.md": _fill("glossary.md", spec),
        f"{programme}/paths/index.md": _fill("paths-index.md", spec),
        f"{programme}/paths/{spec.path}.md": _fill("path.md", spec),
        f"{MODULES_DIR}/contributing/index.md": _fill("contributing.md", spec),
    }


#: the course's own files that ``init`` adds only where there are none yet
KEPT_IF_PRESENT = {
    "README.md": "README.md",
    ".gitignore": "gitignore",
    "requirements.txt": "requirements.txt",
    ".github/workflows/course.yml": "workflow.yml",
}


def init_course(folder: Path, spec: CourseSpec) -> list[Written]:
    """Write a new course into ``folder`` (created if needed); raise
    :class:`ScaffoldError` if it cannot be done without overwriting a course."""
    problems = spec.problems()
    if problems:
        raise ScaffoldError("; ".join(problems))
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"{folder} is a file: give a folder for the new course")
    present = [name for name in COURSE_FILES if (folder / name).exists()]
    if (folder / "Makefile").exists() and (folder / "course.mk").exists():
        present.append("Makefile and course.mk")
    if present:
        raise ScaffoldError(
            f"{folder} already holds {', '.join(present)}: give an empty folder, or a new "
            "one (curriculum init FOLDER), so that nothing of yours is overwritten"
        )
    written: list[Written] = []
    for name, text in course_files(spec).items():
        written.append(_write(folder / name, text))
    makefile = folder / "Makefile"
    if makefile.exists():  # theirs stays; the course's targets go beside it
        written.append(_write(folder / "course.mk", _fill("Makefile", spec)))
        written.append(Written(makefile, "kept yours: add 'include course.mk' to it"))
    else:
        written.append(_write(makefile, _fill("Makefile", spec)))
    for name, template in KEPT_IF_PRESENT.items():
        path = folder / name
        if path.exists():
            written.append(Written(path, "kept yours"))
        else:
            written.append(_write(path, _fill(template, spec)))
    for name, text in first_module(spec).items():
        written.append(_write(folder / name, text))
    return written


def first_module(spec: CourseSpec) -> dict[str, str]:
    """The first module, "How to learn with this course", and its exercise, a study
    plan: complete (no skeleton text, on the learning path), so that the new course
    shows every part of a module at work; keep it, adapt it or replace it."""
    module, exercise = spec.module, spec.exercise
    values = {
        "module": module,
        "exercise": exercise,
        "track": spec.track,
        "audience": spec.audience,
    }
    first = TEMPLATES / "first"
    files = {f"{MODULES_DIR}/{module}/index.md": fill_template(first / "module.md.tmpl", values)}
    base = f"{EXERCISES_DIR}/{exercise}"
    for path in sorted(first.rglob("*")):
        relative = path.relative_to(first).as_posix()
        if path.is_dir() or relative == "module.md.tmpl":
            continue
        name = relative.removesuffix(".tmpl")
        files[f"{base}/{name}"] = fill_template(path, values)
    return files


def _write(path: Path, text: str) -> Written:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return Written(path)
