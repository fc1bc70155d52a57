"""What a check reports: findings with stable codes, located in the learner's file."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
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
    "internal-error": "the validator failed: a bug to report, not a problem in your file",
    "internal-timeout": "the validator took too long",
}


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

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        return {
            "code": data["code"],
            "severity": data["severity"],
            "location": data["location"],
            "message": data["message"],
            "hint": data["hint"],
        }

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
    return sorted(findings, key=lambda f: (f.location.line or 0, f.location.field, f.code))
