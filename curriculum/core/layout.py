"""Where things live in a course repository (names only: importing this is free)."""

PROGRAMME_FILE = "programme.yaml"  #: the vocabulary, at the course root
MODULES_DIR = "modules"  #: modules/<id>/index.md
MODULE_PAGE = "index"  #: the page of a module folder that holds its metadata
EXERCISES_DIR = "exercises"  #: exercises/<id>/exercise.yaml
#: in the LaTeX build folder: every table's cells by document, for the print check
TABLES_FILE = "course-tables.json"
#: the LaTeX package (``.sty``) with the book's font set-up, which the LaTeX build
#: writes for the handouts' page-number stamps (:mod:`curriculum.print.handouts`)
FONTS_FILE = "coursefonts"


def module_of(docname: str) -> str | None:
    """The module id of a module's page (``modules/<id>/index``), else None."""
    parts = docname.split("/")
    if len(parts) == 3 and parts[0] == MODULES_DIR and parts[2] == MODULE_PAGE:
        return parts[1]
    return None
