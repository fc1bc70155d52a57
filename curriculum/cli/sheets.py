"""What a trainer prints from ``curriculum grade``: the HTML report (an overview, then a
feedback sheet per learner, each on a new page), one sheet per learner (``--split``),
and completion records (``--records``: HTML, and PDF through headless Chromium).

Everything a learner wrote (names, file names, values quoted in messages) is escaped.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from curriculum.print.chromium import print_pdf as print_to_pdf
from curriculum.validation.cohort import VERDICTS, Cohort, Result, common_findings
from curriculum.validation.findings import printable
from curriculum.validation.roster import NotGraded
from curriculum.validation.toolkit import plural

#: seconds Chromium may take to print one record
PDF_TIMEOUT_S = 60

esc = html.escape

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:60rem;
color:#1f2328;line-height:1.45;padding:0 1rem}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.3rem;margin:1.5rem 0 .4rem}
h3{font-size:1.05rem;margin:1.2rem 0 .3rem}
.meta{color:#57606a;margin:0 0 1rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%}
td,th{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f5f7f9}td.n{white-space:nowrap;text-align:right}td.code{white-space:nowrap}
.verdict{display:inline-block;padding:.05rem .5rem;border-radius:.8rem;font-size:.85rem;
font-weight:600;border:1px solid}
.v-pass{color:#116329;border-color:#4ac26b;background:#dafbe1}
.v-revise{color:#953800;border-color:#fb8f44;background:#fff1e5}
.v-unreadable,.v-check-failed{color:#82071e;border-color:#ff8182;background:#ffebe9}
.v-not-submitted,.v-not-graded{color:#57606a;border-color:#d0d7de;background:#f6f8fa}
.learner{border-top:3px solid #1f2328;margin-top:2.5rem;padding-top:.5rem}
.exercise{margin:0 0 1.5rem}.hint{color:#0a3069}code{font-size:.85em}
.review li{margin:.2rem 0 .9rem}.line{border-bottom:1px solid #8c959f;height:1.6rem}
.judgement{border:1px solid #8c959f;padding:.4rem .6rem;min-height:3.5rem;margin:.5rem 0}
.record{border:2px solid #1f2328;padding:2rem;margin-top:1rem}
@media print{body{margin:0;max-width:none}a{color:inherit;text-decoration:none}
.learner{break-before:page;border-top:none;margin-top:0}tr,li{break-inside:avoid}
h2,h3,.verdict-line{break-after:avoid}
.exercise{break-inside:auto}}
@page{margin:1.5cm}
"""


@dataclass(frozen=True)
class Context:
    """What every page says: the course, its version and the date graded."""

    course: str
    version: str
    date: dt.date

    @property
    def course_line(self) -> str:
        version = f", version {self.version}" if self.version else ""
        return f"{self.course}{version}"


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{_CSS}</style></head><body>\n"
        f"{body}\n</body></html>\n"
    )


def _verdict(verdict: str) -> str:
    css = "v-" + verdict.replace(" ", "-")
    return f'<span class="verdict {css}">{esc(verdict)}</span>'


def _anchor(index: int) -> str:
    return f"learner-{index + 1}"


def report_html(cohort: Cohort, context: Context) -> str:
    """The whole report: overview, most common findings, files not graded, then a
    feedback sheet per learner (each starts a new printed page)."""
    submitted = cohort.submitted
    passed = sum(r.passed for r in submitted)
    ids = [e.id for e in cohort.exercises]
    head = (
        f"<h1>Grading report: {esc(', '.join(ids))}</h1>"
        f'<p class="meta">{esc(context.course_line)} · graded {context.date.isoformat()} · '
        f"{len(cohort.learners)} learners</p>"
        f"<p>{passed} of {len(submitted)} submissions pass; "
        f"{len(submitted) - passed} to revisit; {_files(len(cohort.not_graded))} not graded.</p>"
    )
    matrix = "".join(
        f'<tr><td><a href="#{_anchor(i)}">{esc(learner)}</a></td>'
        + "".join(f"<td>{_cell(cohort, learner, e)}</td>" for e in ids)
        + "</tr>"
        for i, learner in enumerate(cohort.learners)
    )
    overview = (
        "<h2>Learners</h2><table><thead><tr><th>learner</th>"
        + "".join(f"<th>{esc(e)}</th>" for e in ids)
        + f"</tr></thead><tbody>{matrix}</tbody></table>"
    )
    common = common_findings(cohort)
    common_rows = (
        "".join(
            f'<tr><td class="code"><code>{esc(c)}</code></td><td class="code">{esc(e)}</td>'
            f'<td class="n">{n}</td>'
            f"<td>{esc(d)}</td></tr>"
            for c, e, n, d in common
        )
        or '<tr><td colspan="4">none</td></tr>'
    )
    findings = (
        "<h2>Most common findings</h2><table><thead><tr><th>code</th><th>exercise</th>"
        f"<th>submissions</th><th>what it means</th></tr></thead><tbody>{common_rows}</tbody>"
        "</table>"
    )
    skipped = _not_graded(cohort.not_graded, with_learner=True)
    sheets = "".join(
        _sheet(cohort, learner, context, _anchor(i)) for i, learner in enumerate(cohort.learners)
    )
    title = f"Grading report: {', '.join(ids)}"
    return _page(title, f"<header>{head}</header>{overview}{findings}{skipped}{sheets}")


def _files(n: int) -> str:
    return f"{n} file{'s' if n != 1 else ''}"


def _cell(cohort: Cohort, learner: str, exercise: str) -> str:
    results, _ = cohort.of(learner)
    found = [r for r in results if r.exercise.id == exercise]
    return " ".join(_verdict(r.verdict) for r in found) or "—"


def _not_graded(items: Iterable[NotGraded], with_learner: bool) -> str:
    items = list(items)
    if not items:
        return "<h2>Not graded</h2><p>Every file was graded.</p>" if with_learner else ""
    who = "<th>learner</th>" if with_learner else ""
    rows = "".join(
        "<tr>"
        + (f"<td>{esc(n.learner)}</td>" if with_learner else "")
        + f"<td>{esc(n.file) or '—'}</td><td>{esc(n.reason)}</td></tr>"
        for n in items
    )
    heading = "<h2>Not graded</h2>" if with_learner else "<h3>Files not graded</h3>"
    return (
        f"{heading}<table><thead><tr>{who}<th>file</th><th>why not</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def _sheet(cohort: Cohort, learner: str, context: Context, anchor: str) -> str:
    results, skipped = cohort.of(learner)
    parts = [
        f'<section class="learner" id="{anchor}">',
        f"<h2>Feedback for {esc(learner)}</h2>",
        f'<p class="meta">{esc(context.course_line)} · graded {context.date.isoformat()}</p>',
    ]
    parts += [_result(r) for r in results]
    parts.append(_not_graded(skipped, with_learner=False))
    parts.append("</section>")
    return "".join(parts)


def _result(r: Result) -> str:
    meta = r.exercise.meta
    file = f" · <code>{esc(r.file)}</code>" if r.file else ""
    out = [
        '<div class="exercise">',
        f"<h3>{esc(meta.title)} <small>({esc(meta.id)})</small></h3>",
        f'<p class="verdict-line">{_verdict(r.verdict)} {esc(VERDICTS[r.verdict])}{file}</p>',
    ]
    if not r.submitted:
        out.append(
            "<p>No file was found for this exercise; save it as "
            f"<code>{esc(meta.artefact)}</code>.</p></div>"
        )
        return "".join(out)
    if r.findings:
        rows = "".join(
            f'<tr><td class="n">{f.location.line or "—"}</td>'
            f"<td>{esc(f.location.field) or '—'}</td>"
            f"<td><strong>{esc(f.severity)}</strong>: {esc(f.message)}"
            f' <code>{esc(f.code)}</code></td><td class="hint">{esc(f.hint)}</td></tr>'
            for f in r.sorted_findings
        )
        out.append(
            "<table><thead><tr><th>line</th><th>field</th><th>problem</th>"
            f"<th>how to fix</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    if any(f.code.startswith("schema.") for f in r.findings):
        out.append(
            "<p>Fix these first: the exercise's other checks run once every field can be read.</p>"
        )
    if meta.review:
        questions = "".join(f'<li>{esc(q)}<div class="line"></div></li>' for q in meta.review)
        out.append(
            "<p><strong>A reviewer will also look at:</strong></p>"
            f'<ol class="review">{questions}</ol>'
        )
    out.append('<p><strong>Trainer judgement:</strong></p><div class="judgement"></div></div>')
    return "".join(out)


# --- files per learner -----------------------------------------------------------------


_UNSAFE = re.compile(r"[^\w.-]+")


def file_names(learners: list[str]) -> dict[str, str]:
    """A safe, distinct file stem per learner (``ana-lopez``, ``ana-lopez-2``)."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for learner in learners:
        stem = _UNSAFE.sub("-", printable(learner)).strip("-.")[:60] or "learner"
        name, n = stem, 2
        while name.lower() in used:
            name, n = f"{stem}-{n}", n + 1
        used.add(name.lower())
        out[learner] = name
    return out


def write_split(cohort: Cohort, folder: Path, context: Context) -> int:
    """One feedback sheet per learner in ``folder``; how many were written."""
    folder.mkdir(parents=True, exist_ok=True)
    names = file_names(cohort.learners)
    for learner in cohort.learners:
        body = _sheet(cohort, learner, context, "sheet")
        page = _page(f"Feedback for {learner}", body)
        (folder / f"{names[learner]}.html").write_text(page, encoding="utf-8")
    return len(cohort.learners)


def record_html(learner: str, passed: list[Result], context: Context) -> str:
    rows = "".join(
        f"<tr><td>{esc(r.exercise.meta.title)}</td><td><code>{esc(r.exercise.id)}</code></td>"
        f"<td><code>{esc(r.file)}</code></td><td>{context.date.isoformat()}</td></tr>"
        for r in passed
    )
    body = (
        '<div class="record"><h1>Record of completion</h1>'
        f'<p class="meta">{esc(context.course_line)}</p>'
        f"<p><strong>Learner:</strong> {esc(learner)}</p>"
        f"<p>These artefacts passed the course's automated checks on "
        f"{context.date.isoformat()}:</p><table><thead><tr><th>exercise</th><th>id</th>"
        f"<th>file</th><th>date graded</th></tr></thead><tbody>{rows}</tbody></table>"
        '<p class="meta">A pass means that nothing the checker can see is wrong; the '
        "trainer's review of each artefact is recorded separately.</p>"
        '<p><strong>Trainer:</strong></p><div class="judgement"></div></div>'
    )
    return _page(f"Record of completion: {learner}", body)


def write_records(cohort: Cohort, folder: Path, context: Context, chromium: str | None) -> str:
    """A completion record per learner with a passed artefact; returns what to tell
    the trainer (how many, and PDFs made or how to make them)."""
    folder.mkdir(parents=True, exist_ok=True)
    names = file_names(cohort.learners)
    written: list[Path] = []
    for learner in cohort.learners:
        passed = [r for r in cohort.of(learner)[0] if r.passed]
        if not passed:
            continue
        path = folder / f"{names[learner]}.html"
        path.write_text(record_html(learner, passed, context), encoding="utf-8")
        written.append(path)
    none = len(cohort.learners) - len(written)
    text = f"{plural(len(written), 'completion record')} written to {folder}"
    if none:
        text += f" ({plural(none, 'learner has', 'learners have')} no passed artefact yet)"
    if not written:
        return text
    if chromium is None:
        return (
            text + "; no PDFs: Chromium was not found (install it, e.g. apt-get install "
            "chromium, and grade again, or open each record in a browser and print it to PDF)"
        )
    failed = [p for p in written if not print_pdf(chromium, p, p.with_suffix(".pdf"))]
    if failed:
        return text + (
            f"; {len(written) - len(failed)} PDFs made, {len(failed)} failed (e.g. "
            f"{failed[0].name}): open those records in a browser and print them to PDF"
        )
    return text + ", each also as PDF"


def print_pdf(chromium: str, page: Path, pdf: Path) -> bool:
    """``page`` (escaped, no script) printed to ``pdf`` by headless Chromium; False when
    that did not work."""
    return print_to_pdf(chromium, page.resolve().as_uri(), pdf, timeout=PDF_TIMEOUT_S)
