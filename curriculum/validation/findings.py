"""What a check reports: findings with stable codes, located in the learner's file."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

Severity = Literal["error", "warning"]

#: codes the framework itself uses (exercise rules add their own, e.g. SLO-BUDGET-MINUTES)
FILE_CODES = {
    "file.missing": "the file does not exist or cannot be read",
    "file.too-large": "the file is larger than the limit",
    "file.empty": "the file is empty",
    "file.binary": "the file is not text",
    "file.encoding": "the file is not UTF-8 text",
    "file.syntax": "the file is not valid YAML or JSON",
    "file.unsafe": "the file uses YAML features that are refused (tags, aliases)",
    "file.too-deep": "the file is nested too deeply",
    "file.duplicate-key": "a key appears twice in one mapping",
    "file.number": "a number is too long or too large to be a real figure",
    "file.timeout": "reading the file took too long",
    "file.symlink": "a link out of the submissions folder (or to nothing): not read",
    "internal-error": "the validator failed: a bug to report, not a problem in your file",
    "internal-timeout": "the validator took too long",
}

#: codes a schema finding can have (``schema.<kind>``, from core.diagnostics' explanations)
SCHEMA_CODES = {
    "schema.missing": "a required field is missing",
    "schema.unknown-field": "a field the template does not have (often a misspelt name)",
    "schema.type": "a value of the wrong kind (text for a number, a list for a mapping…)",
    "schema.format": "a value in the wrong form (a date, an id or a pattern)",
    "schema.choice": "a value that is not one of the allowed choices",
    "schema.invalid": "a value the exercise does not accept (the message says why)",
    "schema.length": "a text or list that is too short or too long",
    "schema.empty": "a field left empty",
    "schema.range": "a number outside the allowed range",
}

#: other codes the framework uses
OTHER_CODES = {
    "embedded": "an artefact embedded in another cannot be checked by its own exercise",
}

#: what any ``schema.*`` code not listed above means (pydantic has more kinds)
SCHEMA_FALLBACK = "the file does not fit the exercise's schema (the message says where)"


def describe(code: str, rules: dict[str, str] | None = None) -> str:
    """What a finding code means, never empty: an exercise rule's description (``rules``),
    the framework's own codes, or a plain fallback."""
    for table in (rules or {}, FILE_CODES, SCHEMA_CODES, OTHER_CODES):
        if table.get(code, "").strip():
            return table[code]
    if code.startswith("schema."):
        return SCHEMA_FALLBACK
    if code.startswith("file."):
        return "a problem reading the file (the message says what)"
    if code.startswith("internal-"):
        return FILE_CODES["internal-error"]
    return "a rule of the exercise (the message says what is wrong and how to fix it)"


#: findings of one code (and severity) shown in full before the rest are counted in one line
MAX_SAME_CODE = 5
#: longest message or hint kept; longer ones quote too much of the learner's text
MAX_TEXT = 400

# control characters, lone surrogates (undecodable file names) and the bidirectional
# overrides that can make text read differently from what it is
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Location:
    """Where in the learner's file: a line (when known) and a field path."""

    line: int | None = None
    field: str = ""

    def __str__(self) -> str:
        parts = []
        if self.line:
            parts.append(f"line {self.line}")
        if self.field:
            parts.append(self.field)
        return ", ".join(parts) or "the file"


@dataclass(frozen=True)
class Finding:
    """One problem in a submission, with a message and a hint on how to fix it."""

    code: str
    message: str
    hint: str = ""
    location: Location = field(default_factory=Location)
    severity: Severity = "error"
    #: set on a summary only: how many findings of this code it stands for (:func:`summarise`)
    more: int = 0

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        out = {
            "code": data["code"],
            "severity": data["severity"],
            "location": data["location"],
            "message": data["message"],
            "hint": data["hint"],
        }
        if self.more:
            out["more"] = self.more
        return out

    def text(self, filename: str = "") -> str:
        """``file:line: CODE message (hint)``, one line."""
        where = filename
        if self.location.line:
            where = f"{where}:{self.location.line}" if where else f"line {self.location.line}"
        field = f" [{self.location.field}]" if self.location.field else ""
        hint = f" ({self.hint})" if self.hint else ""
        prefix = f"{where}: " if where else ""
        return f"{prefix}{self.code}{field} {self.message}{hint}"


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """In file order; a summary of further findings comes after the ones on its line."""
    return sorted(
        findings, key=lambda f: (f.location.line or 0, f.more > 0, f.location.field, f.code)
    )


def printable(text: str) -> str:
    """``text`` with control characters, lone surrogates and bidi overrides made visible.

    Learner text (values quoted in messages, keys, file names) must not move a
    terminal's cursor, break a report's row, or fail to encode as UTF-8.
    """
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (os.fsdecode's surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clip(text: str, limit: int = MAX_TEXT) -> str:
    """Printable and at most ``limit`` characters (with an ellipsis when cut)."""
    text = printable(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def tidy(findings: list[Finding]) -> list[Finding]:
    """Findings fit to show: printable, clipped, and a flood of one code summarised."""
    clean = [
        replace(
            f,
            message=clip(f.message),
            hint=clip(f.hint),
            location=Location(f.location.line, clip(f.location.field, 200)),
        )
        for f in findings
    ]
    return summarise(clean)


def summarise(findings: list[Finding], keep: int = MAX_SAME_CODE) -> list[Finding]:
    """The first ``keep`` findings of each code (and severity), in file order, then one
    finding that counts the rest. Findings of other codes are never hidden.

    Returns ``findings`` unchanged when no code has more than ``keep + 1`` (a summary
    standing for one finding would hide it for nothing), else in file order.
    """
    ordered = sort_findings(findings)
    groups: dict[tuple[str, str], list[Finding]] = {}
    for finding in ordered:
        groups.setdefault((finding.code, finding.severity), []).append(finding)
    if all(len(items) <= keep + 1 for items in groups.values()):
        return findings
    out: list[Finding] = []
    for items in groups.values():
        if len(items) <= keep + 1:
            out.extend(items)
            continue
        out.extend(items[:keep])
        first_hidden, hidden = items[keep], count(items[keep:], None)
        out.append(
            Finding(
                first_hidden.code,
                f"and {hidden:,} more like this",
                "fix the ones above first, then check again: the same mistake is "
                "probably repeated throughout the file",
                Location(first_hidden.location.line),
                first_hidden.severity,
                more=hidden,
            )
        )
    return sort_findings(out)


def count(findings: list[Finding], severity: Severity | None = "error") -> int:
    """How many findings (of ``severity``; all when None); a summary counts what it hides."""
    return sum(f.more or 1 for f in findings if severity is None or f.severity == severity)
