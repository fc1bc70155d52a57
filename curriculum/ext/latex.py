"""Print: the LaTeX documents (book and handouts), the cover, and our nodes' environments.

The environments live in ``latex/course.sty`` (tcolorbox boxes that break
across pages). This module holds the visitors that open and close them, sets
up ``latex_documents`` (the book plus one handout per module) and the cover,
and removes HTML-only titles that the boxes carry instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from curriculum.core.layout import FONTS_FILE, MODULE_PAGE, MODULES_DIR
from curriculum.core.yamlsource import YamlSourceError, read_front_matter
from curriculum.ext.config import get_config
from curriculum.ext.latextables import setup_latex_tables
from curriculum.ext.nodes import course_part, exercise_block, quiz

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STYLE = Path(__file__).parent / "texmf" / "course.sty"
#: page bookkeeping (handouts are cut from the book) and the chapter-opening header
PAGES_STYLE = Path(__file__).parent / "texmf" / "coursepages.sty"
EDITION_NAMES = {"learner": "Learner workbook", "trainer": "Trainer guide"}


def book_name(slug: str, edition: str) -> str:
    """The file name of the book: ``<slug>.tex`` or ``<slug>-trainer.tex``."""
    return f"{slug}-trainer" if edition == "trainer" else slug


def handout_modules(srcdir: Path) -> list[tuple[str, str]]:
    """(module id, title) of every module folder, read from front matter; bad ones skipped
    (the build reports them)."""
    found = []
    for page in sorted((srcdir / MODULES_DIR).glob(f"*/{MODULE_PAGE}.md")):
        try:
            front = read_front_matter(page.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, YamlSourceError):
            continue
        data = front.loaded.data if front.loaded else None
        if isinstance(data, dict) and isinstance(data.get("title"), str):
            found.append((page.parent.name, data["title"]))
    return found


def configure_latex(app: Sphinx, config: Config) -> None:
    """``config-inited``: the documents, the package and the cover for this edition."""
    course = get_config(app)
    author = config.author
    srcdir = Path(app.srcdir)
    suffixes = list(config.source_suffix) if isinstance(config.source_suffix, dict) else [".md"]
    has_print_root = any((srcdir / f"{course.print_root}{s}").is_file() for s in suffixes)
    root = course.print_root if has_print_root else config.root_doc
    documents: list[tuple[str, str, str, str, str]] = [
        (root, book_name(course.slug, course.edition) + ".tex", config.project, author, "manual"),
    ]
    config.latex_documents = documents  # the handouts join in add_handouts, for LaTeX only
    config.latex_additional_files = [*config.latex_additional_files, str(STYLE), str(PAGES_STYLE)]
    edition = EDITION_NAMES[course.edition]
    elements = dict(config.latex_elements)
    elements.setdefault("papersize", "a4paper")
    elements.setdefault("pointsize", "11pt")
    # printed one-sided, as training workbooks are: no blank versos before chapters
    # and after part pages (Sphinx's manual class is two-sided and opens chapters on
    # the right), and the same margins on every page
    elements.setdefault("extraclassoptions", "openany,oneside")
    # chapters open with coursepages.sty's title block, not fncychap's "CHAPTER ELEVEN":
    # a module's handout is its chapter, cut from the book
    elements.setdefault("fncychap", "")
    elements["preamble"] = (
        elements.get("preamble", "")
        + rf"\renewcommand{{\courseheadleft}}{{{edition}}}"
        + rf"\renewcommand{{\courseheadright}}{{{_tex(config.project)}}}"
        + "\n"
    )
    elements.setdefault(
        "maketitle",
        (
            r"\makeatletter\@ifclassloaded{sphinxhowto}"
            rf"{{\coursehandouttitle{{\@title}}{{{edition}}}{{{_tex(config.project)}}}}}"
            rf"{{\coursecover{{\@title}}{{{edition}}}{{{_tex(config.release or '-')}}}"
            rf"{{\@date}}{{{_tex(course.licence)}}}}}"
            r"\makeatother"
        ),
    )
    elements.setdefault(
        "tableofcontents",
        (r"\makeatletter\@ifclassloaded{sphinxhowto}{}{\sphinxtableofcontents}\makeatother"),
    )
    config.latex_elements = elements


def _tex(text: str) -> str:
    special = {
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "{": r"\{",
        "}": r"\}",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
        "\\": r"\textbackslash{}",
    }
    return "".join(special.get(char, char) for char in text)


# --- the print-only part heading --------------------------------------------------------


class CoursePartDirective(SphinxDirective):
    """``{course-part} Title``: start a part of the printed book."""

    required_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        return [course_part(title=self.arguments[0])]


def _visit_part(self: Any, node: nodes.Element) -> None:
    self.body.append("\n" + r"\coursepart{" + self.encode(node["title"]) + "}\n")
    raise nodes.SkipNode


def _skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


# --- box environments ----------------------------------------------------------------------


def environment(name: str, titled: bool = False) -> tuple[Any, Any]:
    """LaTeX visitors that wrap a node in ``\\begin{name}{title}``...``\\end{name}``."""

    def visit(self: Any, node: nodes.Element) -> None:
        title = "{" + self.encode(node.get("title", "")) + "}" if titled else ""
        self.body.append("\n" + rf"\begin{{{name}}}" + title + "\n")
        self.no_latex_floats += 1

    def depart(self: Any, node: nodes.Element) -> None:
        self.body.append("\n" + rf"\end{{{name}}}" + "\n")
        self.no_latex_floats -= 1

    return visit, depart


def admonition_environment(name: str) -> tuple[Any, Any]:
    """For Admonition nodes: Sphinx's title visitor writes the ``{title}`` argument."""

    def visit(self: Any, node: nodes.Element) -> None:
        self.body.append("\n" + rf"\begin{{{name}}}")
        self.no_latex_floats += 1

    def depart(self: Any, node: nodes.Element) -> None:
        self.body.append(rf"\end{{{name}}}" + "\n")
        self.no_latex_floats -= 1

    return visit, depart


class BoxTitles(SphinxPostTransform):
    """In print, an exercise's or quiz's heading becomes its box's title."""

    default_priority = 200
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        boxes: list[nodes.Element] = [
            *self.document.findall(exercise_block),
            *self.document.findall(quiz),
        ]
        for node in boxes:
            first = node.children[0] if node.children else None
            if isinstance(first, nodes.rubric):
                node["title"] = first.astext()
                node.remove(first)


def add_handouts(app: Sphinx) -> None:
    """``builder-inited``: one handout per module, for the LaTeX builder only (it reads
    ``latex_documents`` when it writes); other builders skip reading every module's
    front matter here, which costs 0.6 s on a 400-module course."""
    if app.builder.name != "latex":
        return
    config = app.config
    for module_id, title in handout_modules(Path(app.srcdir)):
        config.latex_documents.append(
            (
                f"{MODULES_DIR}/{module_id}/{MODULE_PAGE}",
                f"{module_id}.tex",
                _tex(title),  # Sphinx writes it into \title{} as LaTeX: a title is text
                config.author,
                "howto",
            )
        )


#: code colours for paper when the course sets none: Pygments' default style stays
#: dark in greyscale print (Sphinx's own sets strings in a pale blue)
PRINT_CODE_STYLE = "default"


def print_code_style(app: Sphinx) -> None:
    """``builder-inited``: the LaTeX builder's code colours, unless conf.py sets them
    (the HTML theme has its own, which conf.py's pygments_style would override)."""
    if app.builder.name == "latex" and app.config.pygments_style is None:
        app.config.pygments_style = PRINT_CODE_STYLE


def write_fonts(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the book's font set-up as ``coursefonts.sty``, which the
    handouts' page-number stamps load to set their numbers in the book's type."""
    if exception is not None or app.builder.name != "latex":
        return
    fonts = getattr(app.builder, "context", {}).get("fontpkg", "")
    (Path(app.outdir) / f"{FONTS_FILE}.sty").write_text(
        f"\\ProvidesPackage{{{FONTS_FILE}}}\n\\RequirePackage{{fontspec}}\n{fonts}\n",
        encoding="utf-8",
    )


def setup_latex(app: Sphinx) -> None:
    app.connect("build-finished", write_fonts)
    app.connect("builder-inited", print_code_style)
    app.connect("config-inited", configure_latex, priority=600)
    app.connect("builder-inited", add_handouts)
    app.add_latex_package("course")
    app.add_latex_package("coursepages")
    app.add_directive("course-part", CoursePartDirective)
    app.add_node(
        course_part,
        latex=(_visit_part, None),
        html=(_skip, None),
        text=(_skip, None),
        man=(_skip, None),
        texinfo=(_skip, None),
    )
    app.add_post_transform(BoxTitles)
    setup_latex_tables(app)
