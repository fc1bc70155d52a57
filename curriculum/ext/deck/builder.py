"""The deck builder: sphinx-revealjs's, writing only the decks, each as one flat file.

sphinx-revealjs writes every page of the project as a presentation, under its
page name, with all of reveal.js beside it (5.5 MB: every theme, plugin and
source map), and the HTML builder's extras (404 page, indices, downloads,
inventory). The course wants a deck per module and the class deck, as
``<module-id>.html`` and ``class.html`` in one folder, opened from disk. This
subclass keeps sphinx-revealjs's translator and reveal.js and changes only that:

- which pages are written (modules with valid metadata, and the class deck page),
  and under which file name (:meth:`get_target_uri` and :meth:`get_output_path`
  agree, so every relative link from a deck to ``_static/`` is right);
- which of reveal.js's files are copied (the core, its stylesheet, the notes
  plugin, the licence);
- nothing else: no 404 page, index, downloads, search index or inventory.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from sphinx_revealjs.builders import RevealjsHTMLBuilder
from sphinx_revealjs.utils import get_internal_static_path, get_revealjs_path
from sphinx_revealjs.writers import RevealjsSlideTranslator

from curriculum.ext.config import get_config
from curriculum.ext.domain import get_domain

#: the files of reveal.js a deck loads (reveal.js 5 as sphinx-revealjs ships it), and
#: its licence; the deck's look is the course's own stylesheet, with system fonts
REVEAL_FILES = (
    "LICENSE",
    "dist/reset.css",
    "dist/reveal.css",
    "dist/reveal.js",
    "plugin/notes/notes.js",
)
#: file name of the class deck
CLASS_DECK_NAME = "class"


class DeckTranslator(RevealjsSlideTranslator):
    """sphinx-revealjs's translator, with a section's classes on its ``<section>``
    (the deck's stylesheet styles quiz, exercise and title slides by class)."""

    def visit_section(self, node: Any) -> None:
        before = len(self.body)
        super().visit_section(node)
        classes = [c for c in node.get("classes", []) if c.startswith("course-")]
        if classes and len(self.body) > before and self.body[-1].startswith("<section "):
            opening = self.body[-1].removeprefix("<section ")
            self.body[-1] = f'<section class="{" ".join(classes)}" {opening}'

    def depart_document(self, node: Any) -> None:
        # sphinx-revealjs leaves the last slide's stack open (the next section would
        # close it); close it here, so the page is well formed
        open_stacks: int = getattr(self, "_nest_step", 0)
        if open_stacks > 0:
            self.body.append("</section>\n" * open_stacks)
            self._nest_step = 0
        super().depart_document(node)


class CourseDeckBuilder(RevealjsHTMLBuilder):
    """``-b revealjs`` with ``-t slides``: one deck per module and the class deck."""

    name = "revealjs"
    #: read by :func:`curriculum.ext.slides.deck_build` while pages are parsed
    course_deck = True
    default_translator_class = DeckTranslator
    copysource = False  # a deck's sources are the module pages

    def init(self) -> None:
        super().init()
        # sphinx-revealjs adds all of reveal.js to the static path; only REVEAL_FILES
        # are copied (copy_static_files)
        internal = str(get_internal_static_path())
        self.config.html_static_path = [
            entry for entry in self.config.html_static_path if str(entry) != internal
        ]

    def init_js_files(self) -> None:
        pass  # the deck page names its three scripts itself (theme/page.html)

    # --- which pages, under which names -------------------------------------------------

    def deck_names(self) -> dict[str, str]:
        """docname -> file name (without ``.html``) of every deck this build writes."""
        cached: dict[str, str] | None = self.__dict__.get("_deck_names")
        if cached is not None:
            return cached
        names: dict[str, str] = {}
        if get_config(self.env).is_trainer:
            domain = get_domain(self.env)
            for record in domain.records():
                if record.docname in self.env.found_docs:
                    names[record.docname] = record.id
            class_deck = get_config(self.env).class_deck
            if class_deck in self.env.found_docs:
                names[class_deck] = CLASS_DECK_NAME
        self.__dict__["_deck_names"] = names
        return names

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        name = self.deck_names().get(docname)
        return f"{name}{self.link_suffix}" if name else super().get_target_uri(docname, typ)

    def get_output_path(self, page_name: str, /) -> Path:
        name = self.deck_names().get(page_name, page_name)
        return Path(self.outdir, name + self.out_suffix)

    def write_documents(self, docnames: Any) -> None:
        super().write_documents({d for d in docnames if d in self.deck_names()})

    # --- what else is written -----------------------------------------------------------

    def copy_static_files(self) -> None:
        super().copy_static_files()
        source, target = get_revealjs_path(), Path(self.outdir, "_static", "revealjs")
        for name in REVEAL_FILES:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / name, target / name)

    def gen_indices(self) -> None:
        pass  # a deck has no index

    def gen_additional_pages(self) -> None:
        pass  # no 404 page, no search page

    def copy_download_files(self) -> None:
        pass  # the decks show the brief; the templates are in the site

    def handle_finish(self) -> None:
        pass  # no search index, no inventory: nothing links into a deck
