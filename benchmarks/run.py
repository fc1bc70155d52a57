"""The course's benchmark: builds, self-check and grading, against targets.

    make bench                          # the full benchmark, about 10 minutes
    .venv/bin/python -m benchmarks.run --tiny   # a 4- and 8-module smoke run

Every figure is the median of several runs, each a new process, measured on
this machine; peak memory is the largest maximum resident set size of any
measured process (with its children). Results go to ``_build/bench/results.json``
and a table is printed. The exit status is 1 when a target is missed (never in
``--tiny`` mode, whose sizes are too small for the targets to mean anything).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .checker import in_page_checker
from .synthetic import edit_module_text, make_submissions, write_bare, write_course

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TARGETS: dict[str, tuple[str, float]] = {
    "overhead_ratio": ("<=", 1.3),
    "scaling_ratio_400_100": ("<=", 4.5),
    "incremental_s": ("<=", 2.0),
    "check_cold_s": ("<=", 0.5),
    "grade_1000_s": ("<=", 10.0),
    "peak_rss_mb": ("<=", 500.0),
    "checker_first_s": ("<=", 6.0),
    "checker_warm_s": ("<=", 0.5),
    "checker_zip_mb": ("<=", 20.0),
    "pdf_s": ("<=", 60.0),
    "pdf_ratio": ("<=", 1.5),
}
#: figures that a run may leave unmeasured on purpose (--no-pdf, or no TeX Live)
OPTIONAL = {"pdf_s", "pdf_books_s", "pdf_ratio"}
INSTALL_HINT = "run .ci/install-system-deps (it installs TeX Live with apt-get)"


@dataclass
class Run:
    seconds: float
    rss_mb: float
    output: str


@dataclass
class Bench:
    runs: int
    peak: list[tuple[float, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def measure(self, label: str, command: list[str], cwd: Path = ROOT) -> Run:
        """Run ``command`` as a new process; its wall time and peak memory."""
        # bytecode is cached as in everyday use (a first run after install compiles it)
        env = {
            **{
                k: v
                for k, v in os.environ.items()
                if k not in ("PYTHONDONTWRITEBYTECODE", "FORCE_COLOR")
            },
            "NO_COLOR": "1",  # plain output lines, which the runner counts
        }
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        assert process.stdout is not None
        output = process.stdout.read().decode("utf-8", "replace")
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            raise SystemExit(
                f"benchmark step failed: {label} (exit {process.returncode})\n{output[-3000:]}"
            )
        rss_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
        self.peak.append((rss_mb, label))
        return Run(seconds, rss_mb, output)

    def median(self, label: str, make: Callable[[], list[str]], cwd: Path = ROOT) -> float:
        return statistics.median(self.measure(label, make(), cwd).seconds for _ in range(self.runs))


def sphinx(source: Path, out: Path, *extra: str, clean: bool = True) -> list[str]:
    """A strict HTML build; ``clean`` starts from nothing, otherwise it is incremental
    and not quiet, so that the runner can count what Sphinx re-read and wrote."""
    if clean and out.exists():
        shutil.rmtree(out)
    return [
        str(BIN / "sphinx-build"),
        "-b",
        "html",
        *(["-q"] if clean else []),
        "-W",
        "-n",
        "--keep-going",
        *extra,
        str(source),
        str(out / "html"),
        "-d",
        str(out / "doctrees"),
    ]


def synthetic_builds(bench: Bench, work: Path, small: int, large: int) -> dict[str, Any]:
    ours_small, bare_small = work / f"ours-{small}", work / f"bare-{small}"
    write_course(ours_small, small)
    write_bare(bare_small, small)
    ours_times, bare_times = [], []
    for _ in range(bench.runs):  # alternate, so that drift hits both alike
        out = work / "out"
        ours_times.append(bench.measure(f"ours {small}", sphinx(ours_small, out)).seconds)
        bare_times.append(bench.measure(f"bare {small}", sphinx(bare_small, out)).seconds)
    ours, bare = statistics.median(ours_times), statistics.median(bare_times)

    ours_large = work / f"ours-{large}"
    modules = write_course(ours_large, large)
    out_large = work / "out-large"
    large_s = bench.median(f"ours {large}", lambda: sphinx(ours_large, out_large))

    incremental: list[float] = []
    reread: list[int] = []
    written: list[int] = []
    for index in range(bench.runs):
        target = modules[(index * 37 + 11) % len(modules)].id
        edit_module_text(ours_large, target, f"run {index}")
        run = bench.measure(f"incremental {large}", sphinx(ours_large, out_large, clean=False))
        incremental.append(run.seconds)
        changed = re.search(r"(\d+) added, (\d+) changed, (\d+) removed", run.output)
        reread.append(sum(int(n) for n in changed.groups()) if changed else -1)
        written.append(run.output.count("writing output... ["))
        if written[-1] == 0:
            raise SystemExit(f"the incremental build wrote no page:\n{run.output[-3000:]}")
    return {
        "overhead_ratio": ours / bare,
        "scaling_ratio_400_100": large_s / ours,
        "incremental_s": statistics.median(incremental),
        "detail": {
            f"build_{small}_ours_s": ours,
            f"build_{small}_bare_s": bare,
            f"build_{large}_ours_s": large_s,
            "incremental_docs_reread": max(reread),
            "incremental_docs_written": max(written),
        },
    }


def assessment(bench: Bench, work: Path, submissions: int) -> dict[str, Any]:
    curriculum = str(BIN / "curriculum")
    solution = ROOT / "exercises" / "rel-01-slo" / "solution.yaml"
    command = [curriculum, "check", "rel-01-slo", str(solution), "--root", str(ROOT)]
    bench.measure("check (first run: compiles bytecode)", command)
    check = bench.median("check (new process)", lambda: command)
    cohort = work / "cohort"
    cohort.mkdir()
    make_submissions(cohort, submissions)
    report = work / "report.csv"
    grade = bench.median(
        f"grade {submissions}",
        lambda: [
            curriculum,
            "grade",
            "rel-01-slo",
            str(cohort),
            "--out",
            str(report),
            "--root",
            str(ROOT),
        ],
    )
    rows = len(report.read_text(encoding="utf-8").splitlines()) - 1
    if rows != submissions:
        raise SystemExit(f"grade reported {rows} rows for {submissions} submissions")
    return {"check_cold_s": check, "grade_1000_s": grade * 1000 / submissions}


def real_course(bench: Bench, work: Path, pdf: bool) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for edition in ("learner", "trainer"):
        out = work / f"real-{edition}"
        setting = f"course_edition={edition}"

        def build(out: Path = out, setting: str = setting) -> list[str]:
            return sphinx(ROOT, out, "-D", setting)

        result[f"real_build_{edition}_s"] = bench.median(f"real course, {edition}", build)
    result["pdf_s"] = result["pdf_books_s"] = result["pdf_ratio"] = None
    if not pdf:
        bench.notes.append("pdf_s not measured (--no-pdf)")
    elif shutil.which("xelatex") is None or shutil.which("latexmk") is None:
        bench.notes.append(f"pdf_s not measured: TeX Live is missing; {INSTALL_HINT}")
    else:
        builddir = work / "pdf"
        command = [
            str(BIN / "curriculum"),
            "pdf",
            "--edition",
            "both",
            "--builddir",
            str(builddir),
        ]
        result["pdf_s"] = bench.measure("pdf, both editions", command).seconds
        result["pdf_books_s"] = books_alone(bench, work, builddir)
        result["pdf_ratio"] = result["pdf_s"] / result["pdf_books_s"]
    return result


#: what a LaTeX run leaves beside its sources: removed so that the books start cold
LATEX_OUTPUTS = {
    *(".aux", ".toc", ".idx", ".ind", ".ilg", ".out", ".log", ".pdf", ".xdv"),
    *(".fls", ".fdb_latexmk", ".pages"),
}


def books_alone(bench: Bench, work: Path, builddir: Path) -> float:
    """The two books alone, side by side as ``curriculum pdf`` compiles them, from the
    LaTeX sources the pdf run wrote, with no auxiliary files: the floor under pdf_s."""
    books = []
    for edition in ("learner", "trainer"):
        latex = work / f"books-{edition}"
        shutil.rmtree(latex, ignore_errors=True)
        shutil.copytree(builddir / edition / "latex", latex)
        for leftover in latex.iterdir():
            if leftover.suffix in LATEX_OUTPUTS or ".stamps." in leftover.name:
                leftover.unlink()
        stem = "service-management-that-works" + ("-trainer" if edition == "trainer" else "")
        books.append(str(latex / f"{stem}.tex"))
    code = (
        "import sys; from pathlib import Path; from concurrent.futures import ThreadPoolExecutor;"
        "from curriculum.print.pdf import _latexmk;"
        "done = list(ThreadPoolExecutor(2).map(_latexmk, map(Path, sys.argv[1:])));"
        "sys.exit(max(code for _, code, _ in done))"
    )
    return bench.measure("pdf, the two books alone", [sys.executable, "-c", code, *books]).seconds


def tiny_checker(bench: Bench, work: Path) -> dict[str, Any]:
    """The checker's figures on the tests' small course (one exercise)."""
    source = ROOT / "tests" / "roots" / "test-course"
    out = work / "tiny-checker"
    bench.measure("tiny course with its checker", sphinx(source, out))
    solution = source / "exercises" / "a-01-sum" / "solution.yaml"
    return in_page_checker(
        out / "html",
        "modules/a-01/index.html",
        "a-01-sum",
        solution.read_text(encoding="utf-8"),
        1,
        bench.notes,
    )


def verdict(results: dict[str, Any], tiny: bool) -> list[tuple[str, str, str, str]]:
    rows = []
    for key, value in results.items():
        if key in ("detail", "notes", "machine", "targets_met"):
            continue
        target = TARGETS.get(key)
        shown = "-" if value is None else (f"{value:.2f}" if isinstance(value, float) else value)
        if target is None:
            rows.append((key, str(shown), "", ""))
            continue
        op, limit = target
        met = value is not None and value <= limit
        status = "n/a (tiny)" if tiny else ("met" if met else "MISSED")
        if value is None and key in OPTIONAL:
            status = "not measured"
        rows.append((key, str(shown), f"{op} {limit:g}", status))
    return rows


def print_table(rows: list[tuple[str, str, str, str]], results: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Benchmark (medians)", title_justify="left")
    for column in ("figure", "value", "target", "status"):
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    console = Console()
    console.print(table)
    for key, value in results["detail"].items():
        console.print(f"  {key}: {value:.2f}" if isinstance(value, float) else f"  {key}: {value}")
    for note in results["notes"]:
        console.print(f"  note: {note}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tiny", action="store_true", help="a quick smoke run on tiny inputs")
    parser.add_argument("--runs", type=int, default=None, help="runs per figure (default 3)")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF build")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "_build" / "bench" / "results.json", help="JSON file"
    )
    args = parser.parse_args(argv)
    runs = args.runs or (1 if args.tiny else 3)
    small, large, submissions = (4, 8, 20) if args.tiny else (100, 400, 1000)
    bench = Bench(runs)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="course-bench-") as temp:
        work = Path(temp)
        synthetic = synthetic_builds(bench, work, small, large)
        results: dict[str, Any] = {
            "overhead_ratio": synthetic["overhead_ratio"],
            "scaling_ratio_400_100": synthetic["scaling_ratio_400_100"],
            "incremental_s": synthetic["incremental_s"],
            **assessment(bench, work, submissions),
        }
        if args.tiny:
            real = {
                "real_build_learner_s": None,
                "real_build_trainer_s": None,
                "pdf_s": None,
                "pdf_books_s": None,
                "pdf_ratio": None,
            }
            bench.notes.append("--tiny: the real course and its PDFs were not built")
            checker = tiny_checker(bench, work)
        else:
            real = real_course(bench, work, pdf=not args.no_pdf)
            checker = in_page_checker(
                work / "real-learner" / "html",
                "modules/rel-01/index.html",
                "rel-01-slo",
                (ROOT / "exercises" / "rel-01-slo" / "solution.yaml").read_text(encoding="utf-8"),
                bench.runs,
                bench.notes,
            )
    peak, peak_label = max(bench.peak)
    results["peak_rss_mb"] = peak
    results.update(real)
    results.update({k: v for k, v in checker.items() if k != "detail"})
    results["detail"] = {
        **synthetic["detail"],
        **checker["detail"],
        "peak_rss_process": peak_label,
        "pages_small": small,
        "pages_large": large,
        "submissions": submissions,
        "runs": runs,
        "total_s": time.perf_counter() - started,
    }
    results["notes"] = bench.notes
    results["machine"] = {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "system": platform.system(),
    }
    rows = verdict(results, args.tiny)
    results["targets_met"] = (
        None if args.tiny else all(r[3] in ("met", "not measured") for r in rows if r[2])
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print_table(rows, results)
    print(f"written: {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0 if args.tiny or results["targets_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
