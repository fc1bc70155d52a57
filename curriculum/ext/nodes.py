"""Every docutils node the course adds, in one place. Each is registered with a visitor
for every builder (see the ``setup_*`` function of the module that makes it)."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes

# --- made by curriculum.ext.quiz ---


class quiz(nodes.General, nodes.Element):
    """A whole quiz; its children are standard nodes."""


class quiz_question(nodes.General, nodes.Element):
    """One question: its text and its lettered options."""


class quiz_feedback(nodes.General, nodes.Element):
    """Feedback on one option; HTML only (other formats drop it)."""


class quiz_legend(nodes.Part, nodes.TextElement):
    pass


class quiz_choice(nodes.General, nodes.Element):
    pass


class quiz_label(nodes.Part, nodes.TextElement):
    pass


class quiz_controls(nodes.General, nodes.Element):
    pass


# --- made by curriculum.ext.latex ---


class course_part(nodes.General, nodes.Element):
    """A part heading (a track) in the printed book; nothing on the web."""


# --- made by curriculum.ext.generated ---


class path_progress(nodes.General, nodes.Element):
    """HTML only: a learner's progress along a path, filled in by the page script."""


class course_generated(nodes.General, nodes.Element):
    """Placeholder for generated content; replaced before any writer sees it."""


# --- made by curriculum.ext.exercise ---


class exercise_block(nodes.General, nodes.Element):
    """The exercise as a whole; its children are standard nodes."""


class artefact_download(addnodes.download_reference):
    """Download the template under the artefact's file name (``download="slo.yaml"``)."""


class checker_block(nodes.General, nodes.Element):
    """The checker: an editor and its tools on screen, a pointer to it in print."""


class checker_screen(nodes.General, nodes.Element):
    """What only a screen shows (the editor, the command)."""


class checker_print(nodes.General, nodes.Element):
    """What only print shows: where to check the file."""


class checker_editor(nodes.General, nodes.Element):
    """The editor, holding the template; ``course-checker.js`` adds the tools."""


# --- made by curriculum.ext.editions ---


class trainer_only(nodes.Admonition, nodes.Element):
    """A block present only in the trainer edition."""


# --- made by curriculum.ext.slides (only in a deck build) ---


class deck_slide(nodes.General, nodes.Element):
    """A ``{slide}``: its title and body; only a deck build makes one."""


class deck_notes(nodes.General, nodes.Element):
    """A slide's speaker notes (``<aside class="notes">``); only in a deck's doctree."""


# --- made by curriculum.ext.header ---


class module_header(nodes.General, nodes.Element):
    """Wraps the header; its children are standard nodes every builder knows."""


# --- exercise templates printed as forms (ext/latexforms.py) ---------------------


class template_screen(nodes.General, nodes.Element):
    """The template as code: every output but print."""


class template_paper(nodes.General, nodes.Element):
    """The template as a form: print only."""


class form_field(nodes.Inline, nodes.Element):
    """A field's name in a printed form (print only)."""


class form_space(nodes.General, nodes.Element):
    """Room to write, ``lines`` lines high (print only)."""


class unit_progress(nodes.General, nodes.Element):
    """In a module header, the line the theme's script fills from this browser's
    progress ("Continue at unit 3: ..."); HTML only (``module``, ``units``)."""


class job_aid(nodes.General, nodes.Element):
    """A module's one-page job aid (``title``, ``module``; ``first`` once moved to the
    start of its chapter in learner print)."""


class page_break(nodes.General, nodes.Element):
    """In print, the ``edge`` (start or end) of a run sheet: smaller type, and the
    module's text on a new page after it; nothing elsewhere."""


class write_in(nodes.Inline, nodes.Element):
    """In print, a short line to write an answer on (``width`` in em); nothing
    elsewhere."""


class kit_item(nodes.General, nodes.Element):
    """A piece of a module's classroom kit (``kind``: case, form, cards, sheet), made
    where its source is and moved to the kit at the end of the module (print only)."""


class course_kit(nodes.General, nodes.Element):
    """A module's classroom kit, at the end of its page: case sheets, answer forms,
    cards and sheets, each on its own page (print only)."""


class kit_card(nodes.General, nodes.Element):
    """One card of a ``{kit-cards}`` set: printed in a grid to cut out."""


# --- finding one's way in a page ---


def section_of(node: nodes.Node, page: nodes.Node) -> nodes.section | None:
    """The ``##`` section holding ``node`` (a child of ``page``), or None."""
    current: nodes.Node | None = node
    while current is not None and current.parent is not page:
        current = current.parent
    return current if isinstance(current, nodes.section) else None
