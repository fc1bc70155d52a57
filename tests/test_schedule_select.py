"""Choosing what a class teaches (curriculum.core.agenda), path aliases, and the
module data the planner reads: reading time and timing plan. No Sphinx."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from curriculum.core.agenda import advise, holds, misfit_message, select, split_ids
from curriculum.core.programme import load_programme
from curriculum.core.project import Project, load_project
from curriculum.core.reading import count_words, learner_lines, reading_minutes
from curriculum.core.schedule import (
    ClassModule,
    ScheduleError,
    make_frame,
    parse_clock,
    plan_class,
)
from curriculum.core.timing import find_plan, plan_shape

from .conftest import REPO, ROOTS

TEST_ROOT = ROOTS / "test-course"


@pytest.fixture(scope="module")
def course() -> Project:
    project = load_project(REPO)
    assert project.problems == [] and project.programme is not None
    return project


@pytest.fixture(scope="module")
def small() -> Project:
    project = load_project(TEST_ROOT)
    assert project.problems == [] and project.programme is not None
    return project


def day(length: int = 8 * 60, start: str = "09:00", **kwargs: int):  # type: ignore[no-untyped-def]
    first = parse_clock(start)
    return make_frame(first, first + length, **kwargs)


# --- paths by name ---------------------------------------------------------------------


def test_a_path_is_found_by_id_alias_or_audience(course: Project) -> None:
    programme = course.programme
    assert programme is not None
    found = {
        name: getattr(programme.find_path(name), "id", None)
        for name in (
            "leader",
            "leaders",
            "cio",
            "CIO",
            " Leaders ",
            "desk",
            "sd",
            "service-desk",
            "ops",
            "siam",
            "owner",
            "nope",
        )
    }
    assert found == {
        "leader": "leader",
        "leaders": "leader",
        "cio": "leader",
        "CIO": "leader",
        " Leaders ": "leader",
        "desk": "service-desk",
        "sd": "service-desk",
        "service-desk": "service-desk",
        "ops": "operations",
        "siam": "supplier",
        "owner": "service-owner",
        "nope": None,
    }


@pytest.mark.parametrize(
    "aliases, message",
    [
        ("[py]", "alias 'py' is already the id of path 'py'"),
        ("[y]", "alias 'y' is the audience of path 'py'"),
        ("[Bad Alias]", "'paths[1].aliases[1]' has the wrong form: 'Bad Alias'"),
    ],
)
def test_aliases_are_checked_like_the_rest_of_the_vocabulary(
    tmp_path: Path, aliases: str, message: str
) -> None:
    text = (TEST_ROOT / "programme.yaml").read_text()
    text = text.replace("    audience: x\n", f"    audience: x\n    aliases: {aliases}\n", 1)
    (tmp_path / "programme.yaml").write_text(text)
    programme, problems = load_programme(tmp_path / "programme.yaml")
    assert programme is None
    assert message in str(problems[0]), problems


def test_an_alias_given_to_two_paths_is_refused(tmp_path: Path) -> None:
    text = (TEST_ROOT / "programme.yaml").read_text()
    text = text.replace("    audience: x\n", "    audience: x\n    aliases: [team]\n")
    text = text.replace("    audience: y\n", "    audience: y\n    aliases: [team]\n")
    (tmp_path / "programme.yaml").write_text(text)
    programme, problems = load_programme(tmp_path / "programme.yaml")
    assert programme is None
    assert "alias 'team' is already an alias of path 'px'" in str(problems[0])


# --- what the class teaches ------------------------------------------------------------


def ids(selection) -> list[str]:  # type: ignore[no-untyped-def]
    return [m.id for m in selection.modules]


def test_a_path_gives_its_core_in_path_order(course: Project) -> None:
    assert course.programme is not None
    chosen = select(course.programme, course.modules, path="desk")
    assert chosen.path == "service-desk" and chosen.title == "Service desk analyst"
    assert ids(chosen)[:3] == ["fnd-01", "fnd-02", "fnd-04"] and len(ids(chosen)) == 12


def test_modules_with_a_path_keep_the_paths_order_and_may_be_electives(course: Project) -> None:
    assert course.programme is not None
    chosen = select(course.programme, course.modules, path="desk", modules=["rel-05", "dsk-01"])
    assert ids(chosen) == ["dsk-01", "rel-05"]  # rel-05 is an elective, after the core
    missing = "builds on fnd-02, which is not in this class: learners need it"
    assert chosen.notes == [f"dsk-01 {missing}", f"rel-05 {missing}"]


def test_modules_without_a_path_keep_the_order_given(course: Project) -> None:
    assert course.programme is not None
    chosen = select(course.programme, course.modules, modules=["fnd-02", "fnd-01"], title="Mine")
    assert ids(chosen) == ["fnd-02", "fnd-01"] and chosen.title == "Mine"
    assert chosen.notes == ["fnd-02 comes before fnd-01, which it builds on"]


def test_skip_leaves_modules_out_and_says_what_they_were_needed_for(course: Project) -> None:
    assert course.programme is not None
    chosen = select(course.programme, course.modules, path="service-desk", skip=["dsk-01"])
    assert "dsk-01" not in ids(chosen) and len(ids(chosen)) == 11
    assert "dsk-03 builds on dsk-01, which is skipped: learners need it" in chosen.notes


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({}, "name a learning path (--path) or the modules to teach (--modules)"),
        ({"path": "chief"}, "unknown learning path 'chief'; the paths are service-desk (also desk"),
        ({"modules": ["dsk-99"]}, "no module 'dsk-99' in this course; its modules are dsk-01"),
        ({"path": "desk", "modules": ["sup-01"]}, "sup-01 is not on the path 'service-desk'"),
        ({"path": "desk", "skip": ["sup-01"]}, "--skip sup-01: not in this class"),
        ({"modules": ["fnd-01"], "skip": ["fnd-01"]}, "no module is left to teach"),
    ],
)
def test_a_wrong_choice_says_what_to_change(course: Project, kwargs, message: str) -> None:  # type: ignore[no-untyped-def]
    assert course.programme is not None
    with pytest.raises(ScheduleError) as caught:
        select(course.programme, course.modules, **kwargs)
    assert message in str(caught.value)


def test_split_ids() -> None:
    assert split_ids("a-01, a-02,,a-03 ") == ["a-01", "a-02", "a-03"]
    assert split_ids(["a-01,a-02", "a-03"]) == ["a-01", "a-02", "a-03"]
    assert split_ids(None) == []


# --- what to leave out ---------------------------------------------------------------


def cm(mid: str, minutes: int, needs: tuple[str, ...] = ()) -> ClassModule:
    return ClassModule(mid, mid.upper(), minutes, prerequisites=needs)


def test_advice_drops_the_fewest_minutes_that_nothing_else_needs() -> None:
    modules = [cm("a-01", 150), cm("a-02", 60, ("a-01",)), cm("a-03", 60), cm("a-04", 60)]
    frame = day(6 * 60)
    assert holds(frame, 1) == 6 * 60 - 65 - 35 == 260  # 70 minutes short of 330
    assert not plan_class(modules, frame, 1).fits
    dropped = advise(modules, frame, 1)
    # a-01 alone would do, but a-02 builds on it; of the pairs, the later ones
    assert [m.id for m in dropped] == ["a-03", "a-04"]
    rest = [m for m in modules if m not in dropped]
    assert plan_class(rest, frame, 1).fits


def test_misfit_message_names_modules_minutes_and_the_skip_to_type(course: Project) -> None:
    assert course.programme is not None
    chosen = select(course.programme, course.modules, path="service-desk")
    frame = day(7 * 60)
    plan = plan_class(chosen.modules, frame, 2)
    message = misfit_message(chosen, plan, frame, 2)
    assert message.startswith(
        "the class does not fit in 2 days: its 12 modules take 765 minutes, and 2 days of "
        "09:00-16:00 hold about 660"
    )
    assert "it needs 3 days." in message
    skip = re.search(r"with: --skip (\S+)", message)
    assert skip is not None
    for module_id in skip.group(1).split(","):
        assert re.search(rf"^  {module_id} .+ \(\d+ min\)$", message, re.MULTILINE)
    fewer = select(course.programme, course.modules, path="service-desk", skip=[skip.group(1)])
    assert plan_class(fewer.modules, frame, 2).fits


# --- the ready agendas the course ships ------------------------------------------------

AGENDA = re.compile(r"```\{class-agenda\}\n(.*?)```", re.DOTALL)


def shipped_agendas() -> list[tuple[str, dict[str, str]]]:
    found = []
    for page in sorted((REPO / "modules").rglob("*.md")):
        for body in AGENDA.findall(page.read_text()):
            options = dict(re.findall(r"^:([\w-]+):\s*(.*)$", body, re.MULTILINE))
            found.append((page.relative_to(REPO).as_posix(), options))
    return found


def test_the_course_ships_a_two_day_desk_class_and_a_one_day_leaders_briefing() -> None:
    shipped = {(o.get("path"), o.get("days")) for _page, o in shipped_agendas()}
    assert {("service-desk", "2"), ("leaders", "1")} <= shipped


@pytest.mark.parametrize("page, options", shipped_agendas())
def test_each_shipped_agenda_fits_with_opening_recap_and_close(
    course: Project, page: str, options: dict[str, str]
) -> None:
    from curriculum.ext.agenda import plan_agenda

    assert course.programme is not None
    # as the page's directive plans it (it raises, with what to skip, on a misfit)
    _chosen, plan, _frame = plan_agenda(
        course.programme, course.modules, {**options, "days": int(options["days"])}
    )
    assert plan.fits
    for number, plan_day in enumerate(plan.days, start=1):
        kinds = [s.kind for s in plan_day.slots]
        assert kinds[0] == ("opening" if number == 1 else "recap")
        assert kinds[-1] not in {"break", "lunch"}
    assert plan.days[-1].slots[-1].kind == "close"


# --- reading time and timing plan, from the page's source ------------------------------


def test_reading_counts_the_learner_text_only() -> None:
    body = """Five words of real text.

:::{trainer-note} Secret
Trainer words that learners never see.
:::

::::{admonition} Worked example
:class: tip
Three more words.
::::

```python
code is not reading
```

| a | b |
|---|---|

A [link](https://example.org/a/long/address) and a {term}`Term`.
""".splitlines()
    text = "\n".join(learner_lines(body))
    assert "Trainer" not in text and "code" not in text and "class" not in text
    assert count_words(body) == 5 + 2 + 3 + 2 + 5  # the table's a and b count
    assert reading_minutes(0) == 1 and reading_minutes(1000) == 5


def test_reading_leaves_out_quiz_keys_but_counts_its_questions() -> None:
    body = ["::::{quiz} q", "- prompt: Which one is right?", "  feedback: Because.", "::::"]
    assert count_words(body) == 4 + 1


def test_module_records_carry_reading_and_timing(small: Project) -> None:
    first = next(r for r in small.modules if r.id == "a-01")
    # minutes and whether each is the exercise: never the activity's (trainer-only) words
    assert first.timing == ((10, False), (15, False), (5, False))
    assert first.reading >= 1
    assert all(r.reading >= 1 for r in small.modules)


def test_find_plan() -> None:
    page = "text\n:::{timing-plan}\n- 10 min: One\n- 5 minutes - Two\n:::\n"
    assert find_plan(page) == [(10, "One"), (5, "Two")]
    assert find_plan("no plan here") is None
    assert find_plan(":::{timing-plan}\nnot a list\n:::\n") is None
    work = page.replace("Two", "Artefact work - start the template")
    assert plan_shape(work) == ((10, False), (5, True))
    assert plan_shape("no plan") == ()
