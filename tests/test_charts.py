"""Chart files (curriculum.core.charts) and the house style's drawing
(curriculum.core.drawing), without Sphinx."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from curriculum.core.charts import Chart, ChartError, Grid, digest, load_chart, pick, transform
from curriculum.core.drawing import DrawingError, draw_chart, draw_dot

CASE = """\
weeks: [1, 2, 3]
tickets:
  desk: [4, 3, 2]
  phone: [1, 1, 0]
matrix:
  high: {high: 1, low: 3}
  low: {high: 3, low: 4}
"""


@pytest.fixture
def course(tmp_path: Path) -> Path:
    (tmp_path / "exercises" / "x-01-demo").mkdir(parents=True)
    (tmp_path / "exercises" / "x-01-demo" / "case.yaml").write_text(CASE)
    (tmp_path / "modules" / "x-01" / "figures").mkdir(parents=True)
    return tmp_path


def chart(course: Path, text: str) -> Path:
    path = course / "modules" / "x-01" / "figures" / "c.yaml"
    path.write_text(text)
    return path


FROM = "../../../exercises/x-01-demo/case.yaml"


def test_a_chart_reads_its_numbers_from_the_case(course: Path) -> None:
    path = chart(
        course,
        f"""kind: line
x: {{label: Week, values: {{from: {FROM}, key: weeks}}}}
series:
  - label: All
    values: {{from: {FROM}, key: tickets.*, then: [sum_columns]}}
  - label: Desk so far, %
    values: {{from: {FROM}, key: tickets.desk, then: [cumsum, {{percent_of: 9}}, {{round: 1}}]}}
""",
    )
    spec, read = load_chart(path, course)
    assert isinstance(spec, Chart)
    assert spec.x.values == [1, 2, 3]
    assert spec.series[0].values == [5, 4, 2]
    assert spec.series[1].values == [44.4, 77.8, 100.0]
    assert read == [(course / "exercises/x-01-demo/case.yaml").resolve()] * 3


def test_a_grid_reads_a_matrix_row_by_row_and_shades_by_value(course: Path) -> None:
    path = chart(
        course,
        f"""kind: grid
columns: [High, Low]
rows: [High, Low]
cells: {{from: {FROM}, key: matrix.*}}
shade_by_value: {{"1": 3, "3": 1}}
""",
    )
    spec, _ = load_chart(path, course)
    assert isinstance(spec, Grid)
    assert spec.cells == [[1, 3], [3, 4]]
    assert spec.shade == [[3, 1], [1, 0]]


def test_the_digest_follows_the_data(course: Path) -> None:
    text = f"kind: bar\nseries: [{{label: A, values: {{from: {FROM}, key: weeks}}}}]\n"
    first = digest(load_chart(chart(course, text), course)[0])
    (course / "exercises/x-01-demo/case.yaml").write_text(CASE.replace("[1, 2, 3]", "[1, 2, 4]"))
    assert digest(load_chart(chart(course, text), course)[0]) != first


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("kind: pie\n", 1, "one of line, step, bar, barh, grid"),
        ("kind: line\nseries: []\n", 2, "series"),
        ("kind: line\nseries:\n  - label: A\n    values: [1, two]\n", 4, "every value"),
        ("kind: bar\ncolour: red\nseries: [{label: A, values: [1]}]\n", 2, "colour"),
        (
            f"kind: bar\nseries:\n  - label: A\n    values: {{from: {FROM}, key: nope}}\n",
            4,
            "nothing at nope",
        ),
        (
            f"kind: bar\nseries:\n  - label: A\n    values: {{from: {FROM}, key: weeks, "
            "then: [{sqrt: 2}]}\n",
            4,
            "unknown transform",
        ),
        (
            "kind: bar\nseries:\n  - label: A\n    values: {from: ../../../../etc/passwd.yaml, "
            "key: a}\n",
            4,
            "inside the course",
        ),
        (
            "kind: line\nx: {values: [1, 2]}\nseries: [{label: A, values: [1, 2, 3]}]\n",
            None,
            "has 3 values and x has 2",
        ),
        ("kind: grid\ncolumns: [A, B]\ncells: [[1]]\n", None, "1 cells for 2 columns"),
        ("kind: line\n  bad: [\n", 2, ""),
    ],
)
def test_a_broken_chart_names_the_file_the_line_and_the_fix(
    course: Path, text: str, line: int | None, says: str
) -> None:
    path = chart(course, text)
    with pytest.raises(ChartError) as caught:
        load_chart(path, course)
    assert caught.value.path == str(path)
    if line is not None:
        assert caught.value.line == line
    assert says in caught.value.message


def test_a_refused_file_is_not_read(course: Path) -> None:
    path = chart(
        course, f"kind: bar\nseries: [{{label: A, values: {{from: {FROM}, key: weeks}}}}]\n"
    )
    with pytest.raises(ChartError, match="may not be read here: trainer-only"):
        load_chart(path, course, lambda p: "trainer-only" if p.name == "case.yaml" else None)


def test_pick_and_transform() -> None:
    data = {"a": [{"v": 1}, {"v": 2}], "m": {"x": [1, 2], "y": [3, 4]}}
    assert pick(data, "a.*.v") == [1, 2]
    assert pick(data, "a.1.v") == 2
    assert pick(data, "m.*") == [[1, 2], [3, 4]]
    assert transform([[1, 2], [3]], "flatten", None) == [1, 2, 3]
    assert transform([[1, 2], [3, 4]], "sum_rows", None) == [3, 7]
    assert transform([10, 20], {"subtract_from": 100}, None) == [90, 80]
    # a chain of 99.5 % and 98 %: (0.995 x 0.98) as a percentage
    chain = transform(transform([99.5, 98.0], {"scale": 0.01}, None), "product", None)
    assert transform(chain, {"scale": 100}, None) == pytest.approx([97.51])
    assert transform([10, 20], {"minus": [1, 2]}, None) == [9, 18]
    with pytest.raises(ValueError, match="as many values"):
        transform([10, 20], {"plus": [1]}, None)


def _greys_only(svg: str) -> bool:
    """Every colour in the SVG is a grey (r = g = b): the figure reads the same printed
    in black and white."""
    colours = re.findall(r"#([0-9a-fA-F]{6})\b", svg)
    return bool(colours) and all(c[0:2] == c[2:4] == c[4:6] for c in (c.lower() for c in colours))


@pytest.mark.parametrize(
    "spec",
    [
        Chart.model_validate(
            {
                "kind": "line",
                "series": [
                    {"label": "A", "values": [3, 1, 2]},
                    {"label": "B", "values": [1, 2, 3]},
                ],
                "lines": [{"y": 2, "label": "limit"}],
                "notes": [{"x": 2, "y": 1, "text": "dip"}],
            }
        ),
        Chart.model_validate(
            {
                "kind": "barh",
                "stacked": True,
                "x": {"values": ["a", "b"]},
                "series": [
                    {"label": "work", "values": [1, 2]},
                    {"label": "wait", "values": [5, 3]},
                ],
            }
        ),
        Grid.model_validate(
            {
                "kind": "grid",
                "columns": ["To do", "Doing"],
                "cells": [[["card 1"], ["card 2"]]],
                "shade": [[0, 2]],
            }
        ),
    ],
    ids=["line", "barh", "board"],
)
def test_charts_draw_as_vector_in_greys_the_same_each_time(spec: Chart | Grid) -> None:
    svg = draw_chart(spec, "svg")
    assert svg.startswith(b"<?xml") and b"<svg" in svg
    assert draw_chart(spec, "svg") == svg  # no date, no random ids: a build is reproducible
    assert _greys_only(svg.decode())
    pdf = draw_chart(spec, "pdf")
    assert pdf.startswith(b"%PDF") and draw_chart(spec, "pdf") == pdf


@pytest.mark.usefixtures("graphviz")
def test_a_diagram_draws_in_the_house_style() -> None:
    svg = draw_dot('digraph { a [label="Desk"]; b [label="Supplier"]; a -> b; }', "svg").decode()
    assert "Desk" in svg and "DejaVu Sans" in svg
    assert _greys_only(svg)
    assert draw_dot("digraph { a -> b }", "pdf").startswith(b"%PDF")
    with pytest.raises(DrawingError, match=r"dot refused the diagram: .*syntax error"):
        draw_dot("digraph { a -> }", "svg")


def test_no_graphviz_is_a_message_with_the_install_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(DrawingError, match="apt-get install graphviz"):
        draw_dot("digraph { a }", "svg")


def test_a_month_of_daily_bars_is_labelled_weekly_and_notes_stand_on_their_day() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from curriculum.core import drawing

    spec = Chart.model_validate(
        {
            "kind": "bar",
            "x": {"values": {"range": [1, 28]}},
            "series": [{"label": "", "values": [5] * 8 + [40] + [5] * 19}],
            "notes": [{"x": 9, "y": 41, "text": "day 9"}],
        }
    )
    fig = plt.figure()
    try:
        drawing._chart(fig, spec)
        ax = fig.axes[0]
        assert [t.get_text() for t in ax.get_xticklabels()] == ["1", "8", "15", "22"]
        (note,) = ax.texts
        tallest = max(ax.patches, key=lambda bar: bar.get_height())
        assert note.xy[0] == tallest.get_x() + tallest.get_width() / 2  # on day 9's bar
    finally:
        plt.close(fig)
