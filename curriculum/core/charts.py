"""A chart as data: the ``{chart}`` figure's YAML file, checked, with its numbers read
from the course's own files. Pure: no Sphinx, no drawing (that is
:mod:`curriculum.core.drawing`).

A chart that shows the case's data reads it where the exercise reads it, so the
page, the figure and the checker cannot disagree::

    kind: line
    x: {label: Day of the window, values: {range: [1, 28]}}
    y: {label: Error budget left (%)}
    series:
      - label: Budget left
        values:
          from: ../../../exercises/rel-02-policy/case.yaml
          key: daily_bad_scans
          then: [flatten, cumsum, {percent_of: 21600}, {subtract_from: 100}]
    lines: [{y: 0, label: budget spent}]

Nothing in a chart file runs: it is YAML read with the course's safe loader, and a
``from:`` file must be a YAML file inside the course.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from curriculum.core.diagnostics import explain
from curriculum.core.yamlsource import YamlSourceError, load_yaml

#: bumped when the drawing changes, so cached pictures are drawn again
STYLE_VERSION = "3"
KINDS = ("line", "step", "bar", "barh", "grid")
#: the transforms a ``then:`` list may apply, in order
TRANSFORMS = (
    "flatten",
    "cumsum",
    "product",
    "sum_rows",
    "sum_columns",
    "scale",
    "add",
    "percent_of",
    "subtract_from",
    "round",
    "minus",
    "plus",
)


class ChartError(ValueError):
    """A chart file that cannot be drawn: the file, the line where known, and a fix."""

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")
        self.path = str(path)
        self.line = line
        self.message = message


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DataRef(_Strict):
    """Numbers or labels read from a YAML file of the course."""

    from_: str = Field(alias="from", description="a YAML file, relative to the chart file")
    key: str = Field(
        description="where in it: dotted keys and list positions, * for every item "
        "(``components.*.availability_percent``)"
    )
    then: list[str | dict[str, Any]] = Field(
        default_factory=list, description=f"transforms, in order: {', '.join(TRANSFORMS)}"
    )


class Range(_Strict):
    range: tuple[int, int] = Field(description="first and last value, both included")


Values = list[float | int | str] | DataRef | Range


class Axis(_Strict):
    label: str = ""
    values: Values | None = None
    min: float | None = None
    max: float | None = None
    unit: str = Field(default="", description="printed after each tick value, e.g. %")


class Series(_Strict):
    label: str
    values: Values


class RefLine(_Strict):
    x: float | None = None
    y: float | None = None
    label: str = ""


class Note(_Strict):
    x: float | int | str
    y: float
    text: str


class Chart(_Strict):
    kind: Literal["line", "step", "bar", "barh"]
    x: Axis = Field(default_factory=lambda: Axis())
    y: Axis = Field(default_factory=lambda: Axis())
    series: Annotated[list[Series], Field(min_length=1, max_length=4)]
    stacked: bool = Field(default=False, description="bars on top of each other, not side by side")
    lines: list[RefLine] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)
    height: float = Field(default=3.2, ge=1.5, le=8, description="inches, at 5.2 inches wide")


class Grid(_Strict):
    """A matrix or a board: a heading per column, optionally per row, text or cards in
    each cell, and a grey level (0 to 3) per cell."""

    kind: Literal["grid"]
    columns: Annotated[list[str], Field(min_length=1, max_length=8)]
    rows: list[str] = Field(default_factory=list, description="row headings (none on a board)")
    column_title: str = ""
    row_title: str = ""
    cells: list[list[str | int | float | list[str]]] | DataRef = Field(
        description="one list per row; or read from a file (a mapping of mappings reads "
        "row by row: ``key: matrix.*``)"
    )
    shade: list[list[int]] | None = None
    shade_by_value: dict[str, int] | None = Field(
        default=None, description="a grey level for each cell value, e.g. {1: 3, 4: 0}"
    )
    height: float = Field(default=3.2, ge=1.5, le=8)


Spec = Chart | Grid


def digest(spec: Spec) -> str:
    """A short name for the drawing: the same data and style draw the same picture."""
    text = json.dumps([STYLE_VERSION, spec.model_dump(mode="json", by_alias=True)])
    return hashlib.sha256(text.encode()).hexdigest()[:12]


#: why a file may not be read (``None`` when it may): the build refuses trainer-only
#: files in the learner edition, so a learner's figure cannot show a model answer
Refusal = Callable[[Path], str | None]


def load_chart(path: Path, root: Path, refuse: Refusal | None = None) -> tuple[Spec, list[Path]]:
    """The chart at ``path`` with every ``from:`` replaced by its numbers, and the files
    read (for rebuilds). ``root`` is the course folder no file may leave."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ChartError(path, f"cannot read the chart file ({err})") from None
    try:
        loaded = load_yaml(text)
    except YamlSourceError as err:
        raise ChartError(path, f"{err.message} {err.hint}".strip(), err.line) from None
    data = loaded.data
    if not isinstance(data, dict) or data.get("kind") not in KINDS:
        raise ChartError(
            path, f"a chart file starts with 'kind:', one of {', '.join(KINDS)}", loaded.first_line
        )
    model: type[Chart] | type[Grid] = Grid if data["kind"] == "grid" else Chart
    try:
        spec = model.model_validate(data)
    except ValidationError as err:
        first = explain(err, model)[0]
        where = ".".join(str(p) for p in first.loc) or "the file"
        raise ChartError(
            path, f"{where}: {first.message} {first.hint}".strip(), loaded.line_of(first.loc)
        ) from None
    read: list[Path] = []
    if isinstance(spec, Chart):
        spec = _resolve_chart(spec, path, (root, refuse), read, loaded.line_of)
        _check_lengths(spec, path, loaded.line_of)
    else:
        spec = _resolve_grid(spec, path, (root, refuse), read, loaded.line_of(("cells",)))
        _check_grid(spec, path)
    return spec, read


def _resolve_grid(
    spec: Grid, path: Path, where: tuple[Path, Refusal | None], read: list[Path], line: int
) -> Grid:
    cells = spec.cells
    if isinstance(cells, DataRef):
        rows = resolve(cells, path, where, read, line)
        cells = [list(r.values()) if isinstance(r, dict) else r for r in rows]
        if not all(isinstance(r, list) for r in cells):
            raise ChartError(path, "cells: the key must give rows (lists or mappings)", line)
    shade = spec.shade
    if spec.shade_by_value is not None:
        levels = spec.shade_by_value
        shade = [[levels.get(str(v), 0) for v in row] for row in cells]
        if any(not 0 <= v <= 3 for v in levels.values()):
            raise ChartError(path, "shade_by_value: grey levels go from 0 (white) to 3", line)
    return spec.model_copy(update={"cells": cells, "shade": shade})


def _resolve_chart(
    spec: Chart, path: Path, where: tuple[Path, Refusal | None], read: list[Path], line: Any
) -> Chart:
    def values(value: Values | None, at: tuple[str | int, ...]) -> list[Any] | None:
        if value is None or isinstance(value, list):
            return value
        if isinstance(value, Range):
            first, last = value.range
            return list(range(first, last + 1))
        return resolve(value, path, where, read, line(at))

    x = spec.x.model_copy(update={"values": values(spec.x.values, ("x", "values"))})
    series = [
        s.model_copy(update={"values": values(s.values, ("series", n, "values"))})
        for n, s in enumerate(spec.series)
    ]
    return spec.model_copy(update={"x": x, "series": series})


def resolve(
    ref: DataRef,
    path: Path,
    where: tuple[Path, Refusal | None],
    read: list[Path],
    line: int | None,
) -> list[Any]:
    """The values ``ref`` names, transformed."""
    root, refuse = where
    target = (path.parent / ref.from_).resolve()
    if not target.is_relative_to(root.resolve()) or target.suffix not in (".yaml", ".yml"):
        raise ChartError(path, f"from: {ref.from_} must be a YAML file inside the course", line)
    why = refuse(target) if refuse is not None else None
    if why is not None:
        raise ChartError(path, f"from: {ref.from_} may not be read here: {why}", line)
    try:
        data = load_yaml(target.read_text(encoding="utf-8")).data
    except (OSError, UnicodeDecodeError, YamlSourceError) as err:
        raise ChartError(path, f"from: {ref.from_} cannot be read ({err})", line) from None
    read.append(target)
    try:
        found = pick(data, ref.key)
    except KeyError as err:
        raise ChartError(path, f"key: {ref.key}: {err.args[0]} in {ref.from_}", line) from None
    for step in ref.then:
        try:
            found = transform(found, step, lambda r: resolve(r, path, where, read, line))
        except (TypeError, ValueError) as err:
            raise ChartError(path, f"then: {step}: {err}", line) from None
    if not isinstance(found, list):
        found = [found]
    return found


def pick(data: Any, key: str) -> Any:
    """``data`` at a dotted ``key``; ``*`` maps the rest of the key over every item."""
    parts = [p for p in key.split(".") if p]
    return _pick(data, parts, "")


def _pick(data: Any, parts: list[str], done: str) -> Any:
    if not parts:
        return data
    part, rest = parts[0], parts[1:]
    here = f"{done}.{part}" if done else part
    if part == "*":
        items = list(data.values()) if isinstance(data, dict) else data
        if not isinstance(items, list):
            raise KeyError(f"{done or 'the file'} is not a list or mapping")
        return [_pick(item, rest, here) for item in items]
    if isinstance(data, dict) and part in data:
        return _pick(data[part], rest, here)
    if isinstance(data, list) and part.isdigit() and int(part) < len(data):
        return _pick(data[int(part)], rest, here)
    raise KeyError(f"nothing at {here}")


def transform(values: Any, step: str | dict[str, Any], other: Any) -> Any:
    """One ``then:`` step. ``other`` resolves a data reference (``minus``, ``plus``)."""
    name, arg = (step, None) if isinstance(step, str) else next(iter(step.items()))
    if name not in TRANSFORMS:
        raise ValueError(f"unknown transform; use one of {', '.join(TRANSFORMS)}")
    if name == "flatten":
        return [v for row in values for v in (row if isinstance(row, list) else [row])]
    if name == "product":  # a chain's availability: the parts' fractions multiplied
        total = 1.0
        for v in values:
            total *= v
        return [total]
    if name == "sum_rows":
        return [sum(row) for row in values]
    if name == "sum_columns":
        return [sum(column) for column in zip(*values, strict=True)]
    if name == "cumsum":
        total, out = 0.0, []
        for v in values:
            total += v
            out.append(total)
        return out
    if name in ("minus", "plus"):
        given = other(DataRef.model_validate(arg)) if isinstance(arg, dict) else arg
        if not isinstance(given, list) or len(given) != len(values):
            raise ValueError(f"{name} needs as many values as it is applied to")
        sign = -1 if name == "minus" else 1
        return [a + sign * b for a, b in zip(values, given, strict=True)]
    if not isinstance(arg, int | float):
        raise ValueError(f"{name} needs a number, e.g. {{{name}: 100}}")
    ops = {
        "scale": lambda v: v * arg,
        "add": lambda v: v + arg,
        "percent_of": lambda v: v / arg * 100,
        "subtract_from": lambda v: arg - v,
        "round": lambda v: round(v, int(arg)),
    }
    op = ops[name]
    return [op(v) for v in values] if isinstance(values, list) else op(values)


def _check_lengths(spec: Chart, path: Path, line: Callable[[Any], int]) -> None:
    count = len(spec.x.values) if isinstance(spec.x.values, list) else None
    for n, series in enumerate(spec.series):
        assert isinstance(series.values, list)
        at = line(("series", n, "values"))
        if not all(isinstance(v, int | float) for v in series.values):
            raise ChartError(path, f"series '{series.label}': every value must be a number", at)
        if count is not None and len(series.values) != count:
            raise ChartError(
                path,
                f"series '{series.label}' has {len(series.values)} values and x has {count}; "
                "give both the same number",
                at,
            )


def _check_grid(spec: Grid, path: Path) -> None:
    assert isinstance(spec.cells, list)
    width = len(spec.columns)
    if spec.rows and len(spec.cells) != len(spec.rows):
        raise ChartError(path, f"{len(spec.rows)} rows named and {len(spec.cells)} rows of cells")
    for n, row in enumerate(spec.cells, 1):
        if len(row) != width:
            raise ChartError(path, f"row {n} of cells has {len(row)} cells for {width} columns")
    if spec.shade is not None:
        if [len(r) for r in spec.shade] != [len(r) for r in spec.cells]:
            raise ChartError(path, "shade needs one grey level (0 to 3) for every cell")
        if any(not 0 <= v <= 3 for r in spec.shade for v in r):
            raise ChartError(path, "shade levels go from 0 (white) to 3 (darkest grey)")
