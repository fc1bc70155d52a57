"""YAML re-flowed for print keeps its data (no Sphinx)."""

from __future__ import annotations

import yaml

from curriculum.core.yamlreflow import reflow_folded

from .conftest import REPO

WIDTH = 40


def load(text: str) -> object:
    return yaml.load(text, Loader=yaml.CSafeLoader)  # the parser the checks use


def test_a_folded_value_and_a_long_plain_value_fit_the_line() -> None:
    source = (
        "# A comment that is far too long for the printed line of a box\n"
        "items:\n"
        "  - id: A1\n"
        "    why: >-\n"
        "      one two three four five six seven eight nine ten eleven twelve\n"
        "      thirteen\n"
        "    note: a plain value that runs well past the printed line here\n"
        "  - a list item whose own text is longer than the line allows\n"
    )
    flowed = reflow_folded(source, WIDTH)
    assert load(flowed) == load(source)
    assert max(len(line) for line in flowed.splitlines()) <= WIDTH
    assert "    note: >-\n      a plain value" in flowed
    assert flowed.startswith("# A comment that is far too long for the\n# printed line")
    assert "  - >-\n    a list item whose own text" in flowed


def test_what_would_change_the_data_is_left_as_it_is() -> None:
    spaced = "key: >-\n  two  spaces  between  the  words  of  this  long  value  stay\n"
    assert load(reflow_folded(spaced, WIDTH)) == load(spaced)
    commented = "key: a long plain value with a comment after it # that is not data\n"
    assert reflow_folded(commented, WIDTH) == commented  # moved, the comment would be data
    broken = "key: [unclosed and far too long for the line, really it is\n"
    assert reflow_folded(broken, WIDTH) == broken
    literal = "key: |\n  a literal block keeps every one of its line breaks as written\n"
    assert reflow_folded(literal, WIDTH) == literal


def test_every_model_answer_and_template_keeps_its_data_and_mostly_fits() -> None:
    before = after = 0
    for path in sorted((REPO / "exercises").glob("*/*.yaml")):
        source = path.read_text(encoding="utf-8")
        try:
            load(source)
        except yaml.YAMLError:  # a broken file of a check's tests: left as it is
            assert reflow_folded(source, 64) == source
            continue
        flowed = reflow_folded(source, 64)
        assert load(flowed) == load(source), path
        before += sum(len(line) > 64 for line in source.splitlines())
        after += sum(len(line) > 64 for line in flowed.splitlines())
    assert before > 2000 and after < before / 5, (before, after)
