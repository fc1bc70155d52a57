"""Time `curriculum grade` over generated submissions, and a cold `curriculum check`.

    .venv/bin/python benchmarks/grade_bench.py [--submissions 1000] [--runs 3]

Prints the figures; it is a measurement, not a test (the test suite only runs it
on a handful of submissions to prove it works).
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXERCISE = ROOT / "exercises" / "rel-01-slo"


def make_submissions(folder: Path, count: int, seed: int = 7) -> None:
    """A realistic cohort: most pass, some have arithmetic or shape mistakes, a few are junk."""
    rng = random.Random(seed)
    solution = (EXERCISE / "solution.yaml").read_text()
    cases = sorted((EXERCISE / "cases").rglob("*.yaml"))
    for index in range(count):
        roll = rng.random()
        if roll < 0.6:
            text = solution.replace("99.0", str(rng.choice([98.0, 98.5, 99.0, 99.5])))
        elif roll < 0.95:
            text = rng.choice(cases).read_text()
        else:
            text = rng.choice(["", "- just\n- a list\n", "a: &x [1]\nb: *x\n", "\x00bin"])
        (folder / f"learner-{index:04d}.yaml").write_text(text)


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    curriculum = [sys.executable, "-m", "curriculum.cli"]
    with tempfile.TemporaryDirectory() as temp:
        cohort = Path(temp) / "cohort"
        cohort.mkdir()
        make_submissions(cohort, args.submissions)
        report = Path(temp) / "report.csv"
        grade = [
            timed(
                [
                    *curriculum,
                    "grade",
                    "rel-01-slo",
                    str(cohort),
                    "--out",
                    str(report),
                    "--root",
                    str(ROOT),
                ]
            )
            for _ in range(args.runs)
        ]
        rows = len(report.read_text().splitlines()) - 1
        check = [
            timed(
                [
                    *curriculum,
                    "check",
                    "rel-01-slo",
                    str(EXERCISE / "solution.yaml"),
                    "--root",
                    str(ROOT),
                ]
            )
            for _ in range(max(args.runs, 5))
        ]
    print(
        f"grade {rows} submissions: median {statistics.median(grade):.2f} s "
        f"(runs: {', '.join(f'{t:.2f}' for t in grade)}), "
        f"{rows / statistics.median(grade):.0f} submissions/s"
    )
    print(f"check one file, cold process: median {statistics.median(check):.3f} s")


if __name__ == "__main__":
    main()
