"""Synthetic courses for the benchmark, in two forms built from the same text.

``write_course(dest, n)`` writes a course of ``n`` modules spread over the real
programme's six tracks, like the real ones: validated metadata, about 1,500
words of teaching in sections with worked examples, a table and a list, links to
prerequisites, a quiz, an exercise folder (a copy of ``rel-01-slo`` under its own
id), trainer notes, a model answer and a timing plan. It uses this repository's
``programme.yaml``, path pages, extension and theme.

``write_bare(dest, n)`` writes the same teaching text for plain Sphinx and
myst-parser with Sphinx's default theme: our directives and roles become plain
Markdown (a heading and a list for the module header, a numbered list for the
quiz, a paragraph and a code block for the exercise), and trainer-only blocks are
left out, as the learner edition leaves them out.

Text is generated from a fixed seed, so every run builds the same course.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRACKS = ["fnd", "dsk", "rel", "flo", "sup", "lead"]
AUDIENCES = ["sd", "ops", "so", "sup", "cio"]
SOURCE_EXERCISE = ROOT / "exercises" / "rel-01-slo"

WORDS = (  # noqa: SIM905 - a sentence of words reads better than a list of strings
    "service desk analyst user depot scanner route parcel tracking outcome measure "
    "team change review incident budget reliability supplier contract value flow "
    "queue ticket knowledge article swarm owner customer journey morning shift load "
    "target baseline evidence risk approval trend report weekly monthly agreement "
    "business driver van sync delay request priority impact urgency capacity toil "
    "learning practice experiment feedback board limit policy stage roadmap benefit"
).split()
CONNECT = "the a of to and for with when that this each every their our in on by".split()  # noqa: SIM905


@dataclass(frozen=True)
class Module:
    id: str
    track: str
    title: str
    duration: int
    audiences: list[str]
    prerequisites: list[str]
    sections: list[tuple[str, list[str], str]]  # heading, paragraphs, example
    questions: list[tuple[str, list[str], int]]  # question, options, right option

    @property
    def exercise(self) -> str:
        return f"{self.id}-ex"


def _sentence(rng: random.Random, words: int) -> str:
    out = []
    for index in range(words):
        pool = CONNECT if index % 3 == 1 else WORDS
        out.append(rng.choice(pool))
    text = " ".join(out)
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng, rng.randint(10, 18)) for _ in range(sentences))


def plan_modules(count: int, seed: int = 20261126) -> list[Module]:
    """``count`` modules over the six tracks, each needing the one before it in its track."""
    rng = random.Random(seed)
    modules: list[Module] = []
    per_track: dict[str, int] = {}
    for index in range(count):
        track = TRACKS[index % len(TRACKS)]
        number = per_track.get(track, 0) + 1
        per_track[track] = number
        if number > 99:
            raise ValueError("at most 99 modules per track (594 in all)")
        module_id = f"{track}-{number:02d}"
        prerequisites = [f"{track}-{number - 1:02d}"] if number > 1 else []
        sections = [
            (
                _sentence(rng, 4).rstrip(".").capitalize(),
                [_paragraph(rng, 6) for _ in range(3)],
                _paragraph(rng, 4),
            )
            for _ in range(5)
        ]
        questions = [
            (_sentence(rng, 12).rstrip(".") + "?", [_sentence(rng, 8) for _ in range(4)], q % 4)
            for q in range(5)
        ]
        modules.append(
            Module(
                module_id,
                track,
                f"Synthetic module {module_id}: " + _sentence(rng, 4).rstrip("."),
                60,
                sorted(rng.sample(AUDIENCES, rng.randint(1, 3)), key=AUDIENCES.index),
                prerequisites,
                sections,
                questions,
            )
        )
    return modules


OBJECTIVES = [
    ("o1", "Explain how the practice changes a service desk analyst's day.", "understand"),
    ("o2", "Apply the practice to one Brightwater service.", "apply"),
    ("o3", "Design an artefact that a team can use next week.", "create"),
]


def _front_matter(module: Module) -> str:
    objectives = "".join(
        f"  - id: {oid}\n    text: {text}\n    bloom: {bloom}\n" for oid, text, bloom in OBJECTIVES
    )
    return (
        "---\n"
        f"id: {module.id}\n"
        f"title: '{module.title}'\n"
        f"track: {module.track}\n"
        f"duration: {module.duration}\n"
        f"audiences: [{', '.join(module.audiences)}]\n"
        f"prerequisites: [{', '.join(module.prerequisites)}]\n"
        "values: [V1, V2]\n"
        f"objectives:\n{objectives}"
        f"exercises: [{module.exercise}]\n"
        "---\n\n"
    )


def _body(module: Module, *, bare: bool) -> str:
    out: list[str] = []
    if module.prerequisites:
        link = (
            f"module {module.prerequisites[0]}"
            if bare
            else f"{{module}}`{module.prerequisites[0]}`"
        )
        out.append(f"This module builds on {link}.\n")
    for number, (heading, paragraphs, example) in enumerate(module.sections, start=1):
        out.append(f"## {heading}\n")
        out.extend(f"{p}\n" for p in paragraphs)
        out.append(
            ":::{admonition} Worked example: step "
            f"{number}\n:class: course-example\n{example}\n:::\n"
        )
        if number == 2:
            out.append("| Measure | Before | After |\n|---|---|---|\n")
            out.extend(f"| {w} | {i * 7} % | {i * 9} % |\n" for i, w in enumerate(WORDS[:5], 1))
            out.append("\n")
        if number == 3:
            out.extend(f"- {_s}\n" for _s in paragraphs[0].split(". ")[:5])
            out.append("\n")
        if not bare:
            out.append(f":::{{trainer-note}} Facilitating step {number}\n{example}\n:::\n")
    out.append("## Check your understanding\n")
    if bare:
        for q, (question, options, _right) in enumerate(module.questions, start=1):
            out.append(f"{q}. {question}\n")
            out.extend(f"   - {option}\n" for option in options)
        out.append("\n")
    else:
        out.append(f"::::{{quiz}} {module.id}-check\n")
        for q, (question, options, right) in enumerate(module.questions, start=1):
            out.append(f"- id: q{q}\n  objective: o1\n  question: >-\n    {question}\n  options:\n")
            for index, option in enumerate(options):
                out.append(f"    - text: >-\n        {option}\n")
                if index == right:
                    out.append("      correct: true\n")
                out.append(f"      feedback: >-\n        {option}\n")
        out.append("::::\n\n")
    out.append("## Your artefact\n")
    if bare:
        template = (SOURCE_EXERCISE / "template.yaml").read_text(encoding="utf-8")
        brief = (SOURCE_EXERCISE / "brief.md").read_text(encoding="utf-8")
        out.append(f"{brief}\n\n```yaml\n{template}```\n")
    else:
        out.append(f"```{{exercise}} {module.exercise}\n```\n")
        out.append(f":::{{solution}} Model answer\n{module.sections[0][2]}\n:::\n")
        out.append(
            ":::{timing-plan}\n- 10 min: Opening\n- 30 min: Teaching and examples\n"
            "- 10 min: Quiz\n- 10 min: Artefact\n:::\n"
        )
    return "\n".join(out)


def _module_page(module: Module, *, bare: bool) -> str:
    if not bare:
        return _front_matter(module) + _body(module, bare=False)
    objectives = "".join(f"- {text}\n" for _, text, _ in OBJECTIVES)
    header = (
        f"# {module.title}\n\n**Track:** {module.track}. **Duration:** {module.duration} "
        f"minutes. **For:** {', '.join(module.audiences)}.\n\n"
        f"**By the end you will be able to:**\n\n{objectives}\n"
    )
    return header + _body(module, bare=True)


def _write_exercise(dest: Path, module: Module) -> None:
    folder = dest / "exercises" / module.exercise
    shutil.copytree(SOURCE_EXERCISE, folder, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "exercise.yaml").write_text(
        f"id: {module.exercise}\ntitle: An SLO for {module.id}\nmodule: {module.id}\n"
        "objectives: [o2, o3]\nformat: yaml\nartefact: slo.yaml\n",
        encoding="utf-8",
    )


def write_course(dest: Path, count: int) -> list[Module]:
    """The synthetic course in this project's form (our extension and theme)."""
    modules = plan_modules(count)
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "conf.py", dest / "conf.py")
    shutil.copy(ROOT / "programme.yaml", dest / "programme.yaml")
    paths = dest / "modules" / "programme" / "paths"
    shutil.copytree(ROOT / "modules" / "programme" / "paths", paths)
    shutil.copy(ROOT / "modules" / "programme" / "catalogue.md", paths.parent)
    (dest / "index.md").write_text(  # the real home page's generated parts
        "# Synthetic course\n\n## Learning paths\n\n```{path-list}\n```\n\n"
        "## Tracks\n\n```{track-list}\n```\n\n```{course-tracks}\n```\n\n"
        "```{toctree}\n:caption: Learning paths\n:hidden:\n\nmodules/programme/paths/index\n```\n\n"
        "```{toctree}\n:caption: Reference\n:hidden:\n\nmodules/programme/catalogue\n```\n",
        encoding="utf-8",
    )
    for module in modules:
        page = dest / "modules" / module.id / "index.md"
        page.parent.mkdir(parents=True)
        page.write_text(_module_page(module, bare=False), encoding="utf-8")
        _write_exercise(dest, module)
    _strip_electives(dest / "programme.yaml")
    return modules


def _strip_electives(vocabulary: Path) -> None:
    """Electives and the paths' lengths name real modules; a synthetic course has its own."""
    lines = vocabulary.read_text(encoding="utf-8").splitlines(keepends=True)
    vocabulary.write_text(
        "".join(line for line in lines if not line.lstrip().startswith(("electives:", "minutes:"))),
        encoding="utf-8",
    )


def write_bare(dest: Path, count: int) -> list[Module]:
    """The same text for plain Sphinx + myst-parser with the default theme."""
    modules = plan_modules(count)
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "conf.py").write_text(
        'project = "Synthetic course"\n'
        'extensions = ["myst_parser"]\n'
        'source_suffix = {".md": "markdown"}\n'
        'exclude_patterns = ["_build"]\n'
        'myst_enable_extensions = ["colon_fence", "deflist"]\n'
        "myst_heading_anchors = 3\n",
        encoding="utf-8",
    )
    entries = "\n".join(f"modules/{m.id}/index" for m in modules)
    (dest / "index.md").write_text(
        f"# Synthetic course\n\n```{{toctree}}\n:maxdepth: 1\n\n{entries}\n```\n",
        encoding="utf-8",
    )
    for module in modules:
        page = dest / "modules" / module.id / "index.md"
        page.parent.mkdir(parents=True)
        page.write_text(_module_page(module, bare=True), encoding="utf-8")
    return modules


def edit_module_text(dest: Path, module_id: str, stamp: str) -> None:
    """Change one module's teaching text (not its metadata), as a contributor would."""
    page = dest / "modules" / module_id / "index.md"
    text = page.read_text(encoding="utf-8")
    marker = "\n## "
    at = text.index(marker) + 1
    page.write_text(text[:at] + f"Edited for the benchmark: {stamp}.\n\n" + text[at:], "utf-8")


def learner_words(module: Module) -> int:
    return len(_body(module, bare=True).split())


def make_submissions(folder: Path, count: int, seed: int = 7) -> None:
    """A cohort for `curriculum grade` on rel-01-slo: most pass, some have arithmetic
    or shape mistakes (the exercise's own fail cases), a few are junk."""
    rng = random.Random(seed)
    solution = (SOURCE_EXERCISE / "solution.yaml").read_text(encoding="utf-8")
    cases = sorted((SOURCE_EXERCISE / "cases").rglob("*.yaml"))
    for index in range(count):
        roll = rng.random()
        if roll < 0.6:
            text = solution.replace("99.0", str(rng.choice([98.0, 98.5, 99.0, 99.5])))
        elif roll < 0.95:
            text = rng.choice(cases).read_text(encoding="utf-8")
        else:
            text = rng.choice(["", "- just\n- a list\n", "a: &x [1]\nb: *x\n", "\x00bin"])
        (folder / f"learner-{index:04d}.yaml").write_text(text, encoding="utf-8")
