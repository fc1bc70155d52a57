"""The catalogue of modules, and the summary of tracks on the home page.

``{course-catalogue}`` lists every module, track by track: it belongs on a page of
its own, which is rewritten only when a module's metadata changes. ``{track-list}``
is the home page's short version: one row per track, linking to that track in the
catalogue. The home page is written after every build (Sphinx always rewrites the
root document), so it holds nothing whose size grows with the number of modules.

A draft module (``draft: true``) is listed in the catalogue with a "Draft" badge, and
counted in neither summary's modules and minutes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from curriculum.core.paths import complete
from curriculum.ext.generated import (
    Context,
    Filler,
    GeneratedDirective,
    module_row_classes,
    path_progress,
)
from curriculum.ext.header import draft_mark, format_minutes
from curriculum.ext.tables import Cell, make_table
from curriculum.validation.toolkit import plural

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from curriculum.core.model import Track
    from curriculum.core.programme import ModuleRecord


def track_anchor(track_id: str) -> str:
    """The id of a track's heading in the catalogue."""
    return f"track-{track_id}"


def _by_track(
    ctx: Context, records: list[ModuleRecord] | None = None
) -> list[tuple[Track, list[ModuleRecord]]]:
    """Each track of the vocabulary with its modules (by default every one, drafts too),
    in catalogue order."""
    records = ctx.records if records is None else records
    return [(t, [r for r in records if r.meta.track == t.id]) for t in ctx.programme.tracks]


class CatalogueDirective(GeneratedDirective):
    """``{course-catalogue}``: every module, by track.

    ``:heading-level:`` (default 3) is the HTML level of the track headings, so
    that a page can keep its outline in order (2 on a page of its own).
    """

    kind = "catalogue"
    option_spec: ClassVar[dict[str, Any]] = {
        "heading-level": lambda value: directives.choice(value, ("2", "3", "4")),
    }

    def run(self) -> list[nodes.Node]:
        result = super().run()
        placeholder = result[0]
        assert isinstance(placeholder, nodes.Element)
        placeholder["heading_level"] = int(self.options.get("heading-level", 3))
        return result


class TrackListDirective(GeneratedDirective):
    """``{track-list}``: each track with its number of modules and its time."""

    kind = "track-list"


def _sizes(ctx: Context, ready: int) -> str:
    """``3 modules in 2 tracks`` (``ready``: the modules that are not drafts)."""
    return f"{plural(ready, 'module')} in {plural(len(ctx.programme.tracks), 'track')}"


def _drafts(ctx: Context) -> str:
    """What the summaries say of modules still being written (or nothing)."""
    count = sum(1 for r in ctx.records if r.meta.draft)
    if not count:
        return ""
    return (
        f" {count} more {'module is' if count == 1 else 'modules are'} still being written: "
        "marked Draft, on no learning path and not counted in these totals."
    )


def _catalogue(ctx: Context, node: nodes.Element) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    ready = complete(ctx.records)
    total = sum(r.meta.duration for r in ready)
    hours = f" ({format_minutes(total)})" if total >= 60 else ""
    out.append(
        nodes.paragraph(
            "",
            f"{_sizes(ctx, len(ready))}, {total} minutes{hours} of teaching in all." + _drafts(ctx),
            classes=["course-summary"],
        )
    )
    for track, modules in _by_track(ctx):
        rubric = nodes.rubric("", track.title, classes=["course-track-title"])
        rubric["heading-level"] = node.get("heading_level", 3)
        rubric["ids"] = [track_anchor(track.id)]
        out.append(rubric)
        out.append(nodes.paragraph("", track.description, classes=["course-track-description"]))
        if not modules:
            out.append(nodes.paragraph("", "No modules yet.", classes=["course-empty"]))
            continue
        rows: list[list[Cell]] = [
            [
                [nodes.literal(r.id, r.id), nodes.Text(" "), ctx.module_link(r)]
                + ([nodes.Text(" "), draft_mark()] if r.meta.draft else []),
                str(r.meta.duration),
                str(r.self_study),
                ctx.audiences(r.meta.audiences),
                ", ".join(r.meta.prerequisites) or "none",
            ]
            for r in modules
        ]
        out.append(
            make_table(
                ["Module", "In class (min)", "On your own (min)", "For", "Take first"],
                rows,
                [40, 10, 11, 26, 13],
                classes=["course-catalogue"],
                row_classes=[module_row_classes(r.id) for r in modules],
            )
        )
    return out


def _track_list(ctx: Context, node: nodes.Element) -> list[nodes.Node]:
    catalogue = ctx.domain.page_with("catalogue", other_than=ctx.docname)
    ready = complete(ctx.records)
    total = sum(r.meta.duration for r in ready)
    rows: list[list[Cell]] = []
    for track, modules in _by_track(ctx, ready):
        title = ctx.page_link(catalogue, track.title, track_anchor(track.id))
        count: list[nodes.Node] = [nodes.Text(str(len(modules)))]
        if modules:  # "(n done)" in the browser
            count.append(path_progress(modules=[r.id for r in modules], inline=True))
        minutes = sum(r.meta.duration for r in modules)
        rows.append(
            [[title], track.description, count, format_minutes(minutes) if modules else "-"]
        )
    out: list[nodes.Node] = [
        nodes.paragraph(
            "",
            f"{_sizes(ctx, len(ready))}, {format_minutes(total)} of teaching in all."
            + _drafts(ctx),
            classes=["course-summary"],
        ),
        make_table(
            ["Track", "What it covers", "Modules", "Time"],
            rows,
            [22, 50, 10, 18],
            classes=["course-track-list"],
        ),
    ]
    if catalogue is not None:
        link = ctx.page_link(catalogue, "catalogue")
        out.append(
            nodes.paragraph(
                "",
                "",
                nodes.Text("The "),
                link,
                nodes.Text(
                    " lists every module with its time, who it is for and what to take first."
                ),
            )
        )
    return out


def setup_catalogue(app: Sphinx) -> None:
    app.add_directive("course-catalogue", CatalogueDirective)
    app.add_directive("track-list", TrackListDirective)


#: what this module's placeholders hold (see curriculum.ext.fill)
FILLERS: dict[str, Filler] = {
    "catalogue": _catalogue,
    "track-list": _track_list,
}
