"""A YAML template read as a printed form (no Sphinx: the parser only)."""

from __future__ import annotations

from curriculum.ext.latexforms import _Heading, parse_template

TEMPLATE = """\
# Triage two tickets.
# Save this file as batch.yaml.
#
# For every ticket fill in:
#   type      incident or problem

tickets:

  # ---- Ticket 1 of 2 ---- 05:12, phone
  # Caller: Dev Raman, depot manager
  #   "Scanners are crawling
  #   again."
  - id: INC-1
    # incident or problem
    type: ""
"""


def test_a_separator_is_a_heading_of_its_own_and_the_callers_words_follow() -> None:
    parts = parse_template(TEMPLATE)
    notes = [note for part in parts for note in part.notes]
    assert notes[:3] == [
        "Triage two tickets. Save this file as batch.yaml.",
        "For every ticket fill in:",
        "type: incident or problem",
    ]
    heading = notes.index("Ticket 1 of 2 — 05:12, phone")
    assert isinstance(notes[heading], _Heading)  # printed in bold
    assert notes[heading + 1] == "Caller: Dev Raman, depot manager"
    assert notes[heading + 2] == '"Scanners are crawling again."'
    fields = [(f.name, f.explanation) for part in parts for f in part.fields]
    assert fields == [("tickets.id", ""), ("tickets.type", "incident or problem")]
