"""Showing findings to a learner, and writing a cohort's grading report."""

from __future__ import annotations

import csv
import html
import io
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import click

from curriculum.validation.findings import Finding, count, printable, sort_findings
from curriculum.validation.service import as_json, waiting_checks

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
    rows: list[GradeRow], out: Path, exercise: str, descriptions: dict[str, str]
) -> None:
    """Write the report in the format its extension names (.csv, .md or .html)."""
    common = summary(rows, descriptions)
    passed = sum(r.passed for r in rows)
    suffix = out.suffix.lower()
    if suffix == ".csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["file", "passed", "finding_codes", "findings"])
        for row in rows:
            writer.writerow(
                [
                    printable(csv_cell(row.file)),
                    "yes" if row.passed else "no",
                    csv_cell(" ".join(row.codes)),
                    row.count,
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
