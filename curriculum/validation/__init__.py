"""The exercise validator framework: safe loading, schemas, rules, findings.

Validators import from here; nothing in this package imports Sphinx, so
``curriculum check`` starts fast.
"""

from curriculum.validation.exercise import Artefact, Check, Exercise, Rules, number
from curriculum.validation.findings import Finding, Location
from curriculum.validation.loading import Submission, SubmissionError, load_submission
from curriculum.validation.tolerant import Synonyms

__all__ = [
    "Artefact",
    "Check",
    "Exercise",
    "Finding",
    "Location",
    "Rules",
    "Submission",
    "SubmissionError",
    "Synonyms",
    "load_submission",
    "number",
]
