"""``curriculum test``: every exercise against its own cases, as a contributor runs it."""

from __future__ import annotations

import click

from curriculum.cli.common import EXIT_PROBLEMS
from curriculum.cli.options import resolve_root, root_option


@click.command("test")
@click.argument("exercise_ids", nargs=-1, metavar="[EXERCISE]...")
@root_option
def self_test(exercise_ids: tuple[str, ...], root: str | None) -> None:
    """Check that each EXERCISE (default: all) behaves as its cases declare.

    The model answer and every cases/pass/ file pass; every cases/fail/ file gives
    exactly the codes of its .expected file, at the places it names; every rule is
    triggered by some fail case; and there are as many cases as course.policy in
    programme.yaml asks for. Each file is checked as `curriculum check` checks it.

    Exit status: 0 all as declared, 1 some are not, 2 an unknown exercise.
    """
    from curriculum.validation.registry import all_exercises, find_exercise
    from curriculum.validation.selftest import ExerciseTest, course_policy

    course = resolve_root(root)
    if exercise_ids:
        folders = []
        for exercise_id in dict.fromkeys(exercise_ids):
            folder = find_exercise(course, exercise_id)
            if folder is None:
                known = ", ".join(p.name for p in all_exercises(course)) or "none yet"
                raise click.UsageError(f"unknown exercise '{exercise_id}' (exercises: {known})")
            folders.append(folder)
    else:
        folders = list(all_exercises(course))
    if not folders:
        click.echo("no exercises in this course yet (exercises/<id>/): nothing to test")
        return
    policy, problems = course_policy(course)
    for problem in problems:
        click.echo(f"{problem} (the default course.policy is used)", err=True)
    results = []
    for folder in folders:
        for result in ExerciseTest(course, folder, policy).run():
            results.append(result)
            if not result.ok:
                click.echo(f"{result.case}: {result.message}")
    failed = sum(not r.ok for r in results)
    if failed:
        click.echo(f"{failed} of {len(results)} cases not as declared")
        raise SystemExit(EXIT_PROBLEMS)
    noun = "exercise" if len(folders) == 1 else "exercises"
    click.echo(f"{len(folders)} {noun}, {len(results)} cases: all as declared")
