"""Showing findings to a learner, and writing a cohort's grading report."""

from __future__ import annotations

import csv
import html
import io
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from curriculum.validation.cohort import common_findings
from curriculum.validation.findings import Finding, count, printable, sort_findings
from curriculum.validation.service import as_json, waiting_checks

if TYPE_CHECKING:
    from curriculum.cli.sheets import Context
    from curriculum.validation.cohort import Cohort, Result

__all__ = ["as_json", "waiting_checks"]  # kept here for callers of the report module

REPORT_FORMATS = (".csv", ".md", ".html")


def render_text(
    findings: list[Finding],
    filename: str,
    color: bool | None = None,
    review: list[str] | tuple[str, ...] = (),
    waiting: int = 0,
) -> str:
    """Every finding on its own line with its hint below; a verdict; then what a
    reviewer will still look at, since a pass means only that nothing the checker
    can see is wrong."""
    lines: list[str] = []
    for finding in sort_findings(findings):
        where = f"{filename}:{finding.location.line}" if finding.location.line else filename
        label = click.style(
            finding.severity, fg="red" if finding.severity == "error" else "yellow", bold=True
        )
        lines.append(
            f"{where}: {label}: {finding.message} " + click.style(f"[{finding.code}]", dim=True)
        )
        if finding.hint:
            lines.append("    " + click.style("how to fix: ", fg="cyan") + finding.hint)
    errors = count(findings)
    if errors:
        verdict = click.style(
            f"{errors:,} problem{'s' if errors != 1 else ''} to fix", fg="red", bold=True
        )
    else:
        verdict = click.style("passed: nothing the checker can see is wrong", fg="green", bold=True)
    lines.append(f"{filename}: {verdict}")
    if waiting:
        lines.append(
            f"Fix these first: {waiting:,} more check{'s' if waiting != 1 else ''} (those "
            "listed under 'What is checked' on the module page) run once every field can be read."
        )
    if review:
        lines.append(click.style("A reviewer will also look at:", bold=True))
        lines.extend(f"  - {question}" for question in review)
    text = "\n".join(lines)
    return text if color else click.unstyle(text)


@dataclass
class GradeRow:
    file: str
    findings: list[Finding]
    #: False for a file no rule ran on for a reason other than a link (its CSV row says so)
    graded: bool = True

    @property
    def passed(self) -> bool:
        return not any(f.severity == "error" for f in self.findings)

    @property
    def codes(self) -> list[str]:
        return sorted({f.code for f in self.findings})

    @property
    def count(self) -> int:
        """How many findings, counting those a summary stands for."""
        return count(self.findings, None)


def summary(rows: list[GradeRow], descriptions: dict[str, str]) -> list[tuple[str, int, str]]:
    """(code, submissions with it, what it means), most common first."""
    counts = Counter(code for row in rows for code in row.codes)
    return [(code, n, descriptions.get(code, "")) for code, n in counts.most_common()]


def write_report(
    rows: list[GradeRow],
    out: Path,
    exercise: str,
    descriptions: dict[str, str],
    reviews: Sequence[str] = (),
) -> None:
    """Write the report in the format its extension names (.csv, .md or .html); the CSV
    ends with empty columns for the trainer's judgement and each of ``reviews``."""
    common = summary(rows, descriptions)
    passed = sum(r.passed for r in rows)
    suffix = out.suffix.lower()
    if suffix == ".csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        judged = ["trainer judgement", *(csv_cell(question) for question in reviews)]
        writer.writerow(["file", "passed", "finding_codes", "findings", *judged])
        for row in rows:
            writer.writerow(
                [
                    printable(csv_cell(row.file)),
                    ("yes" if row.passed else "no") if row.graded else "not graded",
                    csv_cell(" ".join(row.codes)),
                    row.count,
                    *([""] * len(judged)),
                ]
            )
        text = buffer.getvalue()
    elif suffix == ".md":
        lines = [
            f"# Grading report: {exercise}",
            "",
            f"{passed} of {len(rows)} submissions pass.",
            "",
            "## Most common findings",
            "",
            "| code | submissions | what it means |",
            "|---|---|---|",
        ]
        lines += [f"| `{c}` | {n} | {_md(d)} |" for c, n, d in common] or ["| none | 0 | |"]
        lines += ["", "## Submissions", "", "| file | passed | finding codes |", "|---|---|---|"]
        lines += [
            f"| {_md(r.file)} | {'yes' if r.passed else 'no'} | "
            f"{' '.join(f'`{c}`' for c in r.codes)} |"
            for r in rows
        ]
        text = "\n".join(lines) + "\n"
    else:
        esc = html.escape
        common_rows = "".join(
            f"<tr><td><code>{esc(c)}</code></td><td>{n}</td><td>{esc(d)}</td></tr>"
            for c, n, d in common
        )
        sub_rows = "".join(
            f"<tr><td>{esc(printable(r.file))}</td><td>{'yes' if r.passed else 'no'}</td>"
            f"<td>{' '.join(f'<code>{esc(c)}</code>' for c in r.codes)}</td></tr>"
            for r in rows
        )
        text = (
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>Grading report: {esc(exercise)}</title>"
            "<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1f2328}"
            "table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #d0d7de;"
            "padding:.3rem .6rem;text-align:left}th{background:#f5f7f9}</style></head><body>"
            f"<h1>Grading report: {esc(exercise)}</h1>"
            f"<p>{passed} of {len(rows)} submissions pass.</p>"
            "<h2>Most common findings</h2><table><thead><tr><th>code</th><th>submissions</th>"
            f"<th>what it means</th></tr></thead><tbody>{common_rows}</tbody></table>"
            "<h2>Submissions</h2><table><thead><tr><th>file</th><th>passed</th>"
            f"<th>finding codes</th></tr></thead><tbody>{sub_rows}</tbody></table>"
            "</body></html>\n"
        )
    out.write_text(text, encoding="utf-8")


#: what a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"), with the
#: full-width forms some spreadsheets also accept, and NUL (OWASP ASVS 1.2.10)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\0", "＝", "＋", "－", "＠")


def csv_cell(text: str) -> str:
    """``text`` as a spreadsheet shows it, never runs it: a formula start gets a leading '."""
    return "'" + text if text.startswith(_FORMULA_START) else text


_MD_SPECIAL = re.compile(r"[\\`*_\[\]|~<>&]")
_MD_ENTITY = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}


def _md(text: str) -> str:
    """Literal text in a Markdown table cell: no markup, no HTML, no broken row."""
    return _MD_SPECIAL.sub(
        lambda m: _MD_ENTITY.get(m.group(0)) or "\\" + m.group(0), printable(text)
    )


# --- a cohort's report ----------------------------------------------------------------


def review_columns(cohort: Cohort) -> list[tuple[str, str, int]]:
    """(header, exercise id, question index) of every review question in play."""
    one = len(cohort.exercises) == 1
    return [
        (question if one else f"{exercise.id}: {question}", exercise.id, n)
        for exercise in cohort.exercises
        for n, question in enumerate(exercise.meta.review)
    ]


def _cells(text: str) -> str:
    return csv_cell(printable(text))


def write_cohort(cohort: Cohort, out: Path, context: Context, *, legacy: bool = False) -> None:
    """The report in the format ``out``'s extension names; ``legacy``: the CSV of
    ``grade EXERCISE DIRECTORY`` before learners (file, passed, finding_codes, findings)."""
    suffix = out.suffix.lower()
    if suffix == ".html":
        from curriculum.cli.sheets import report_html

        out.write_text(report_html(cohort, context), encoding="utf-8")
    elif suffix == ".md":
        out.write_text(_cohort_md(cohort, context), encoding="utf-8")
    elif legacy:
        rows = [GradeRow(r.file, r.findings) for r in cohort.submitted]
        rows += [
            GradeRow(n.file, [Finding(n.code, n.reason)], graded=n.code == "file.symlink")
            for n in cohort.not_graded
        ]
        rows.sort(key=lambda r: r.file)
        exercise = cohort.exercises[0]
        write_report(rows, out, exercise.id, {}, exercise.meta.review)
    else:
        out.write_text(_cohort_csv(cohort), encoding="utf-8")


def _cohort_csv(cohort: Cohort) -> str:
    """One row per learner × exercise, then the files not graded; empty columns for the
    trainer's judgement and each review question."""
    reviews = review_columns(cohort)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    head = ["learner", "exercise", "file", "verdict", "errors", "warnings", "finding_codes"]
    writer.writerow([*head, "reason", "trainer judgement", *(_cells(h) for h, _, _ in reviews)])
    for r in cohort.results:
        counts: list[int | str] = [r.errors, r.warnings] if r.submitted else ["", ""]
        writer.writerow(
            [
                _cells(r.learner),
                r.exercise.id,
                _cells(r.file),
                r.verdict,
                *counts,
                _cells(" ".join(r.codes)),
                _cells(r.reason),
                "",
                *("" if ex == r.exercise.id else "n/a" for _, ex, _ in reviews),
            ]
        )
    for n in cohort.not_graded:
        writer.writerow(
            [
                *(_cells(n.learner), "", _cells(n.file), "not graded", "", "", n.code),
                *(_cells(n.reason), "", *("n/a" for _ in reviews)),
            ]
        )
    return buffer.getvalue()


def _where(finding: Finding) -> str:
    return str(finding.location) if finding.location.line or finding.location.field else ""


def _cohort_md(cohort: Cohort, context: Context) -> str:
    submitted = cohort.submitted
    passed = sum(r.passed for r in submitted)
    lines = [
        f"# Grading report: {_md(', '.join(e.id for e in cohort.exercises))}",
        "",
        f"{_md(context.course_line)}, graded {context.date.isoformat()}.",
        "",
        f"{passed} of {len(submitted)} submissions pass ({len(cohort.learners)} learners).",
        "",
        "## Most common findings",
        "",
        "| code | exercise | submissions | what it means |",
        "|---|---|---|---|",
    ]
    common = common_findings(cohort)
    lines += [f"| `{c}` | {e} | {n} | {_md(d)} |" for c, e, n, d in common] or ["| none | | 0 | |"]
    lines += ["", "## Submissions", "", "| learner | exercise | file | passed | finding codes |"]
    lines.append("|---|---|---|---|---|")
    lines += [
        f"| {_md(r.learner)} | {r.exercise.id} | {_md(r.file) or '—'} | "
        f"{('yes' if r.passed else 'no') if r.submitted else '—'} | "
        f"{' '.join(f'`{c}`' for c in r.codes)} |"
        for r in cohort.results
    ]
    lines += ["", "## Not graded", ""]
    if cohort.not_graded:
        lines += ["| learner | file | reason |", "|---|---|---|"]
        lines += [
            f"| {_md(n.learner)} | {_md(n.file)} | {_md(n.reason)} |" for n in cohort.not_graded
        ]
    else:
        lines.append("Every file was graded.")
    lines += ["", "## Feedback per learner"]
    for learner in cohort.learners:
        results, skipped = cohort.of(learner)
        lines += ["", f"### {_md(learner)}"]
        for r in results:
            lines += [
                "",
                f"#### {_md(r.exercise.meta.title)} ({r.exercise.id}): {_verdict_md(r)}",
            ]
            lines += [""] if r.findings else []
            lines += [
                f"- {_md(_where(f)) + ': ' if _where(f) else ''}{f.severity}: {_md(f.message)}"
                + (f" — how to fix: {_md(f.hint)}" if f.hint else "")
                + f" `{f.code}`"
                for f in r.sorted_findings
            ]
            if r.submitted and r.exercise.meta.review:
                lines += ["", "A reviewer will also look at:", ""]
                lines += [f"- {_md(q)}" for q in r.exercise.meta.review]
        if skipped:
            lines += ["", "Files not graded:", ""]
            lines += [f"- {_md(n.file) or '—'}: {_md(n.reason)}" for n in skipped]
    return "\n".join(lines) + "\n"


def _verdict_md(result: Result) -> str:
    from curriculum.validation.cohort import VERDICTS

    shown = f"{_md(result.file)}, " if result.file else ""
    return shown + VERDICTS[result.verdict]
