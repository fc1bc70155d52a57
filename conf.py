"""Sphinx configuration of the course. Build with `make html` / `make trainer`."""

project = "Service management that works"
author = "The course contributors"
copyright = "2026, the course contributors"
language = "en"

extensions = ["myst_parser", "sphinx_design", "curriculum"]

root_doc = "index"
source_suffix = {".md": "markdown"}
# Only course content is read: the home page and modules/. Code, tests, exercise
# solutions, virtual environments, caches and build output stay out of the course.
include_patterns = ["index.md", "modules/**"]
# Folders that never hold pages are pruned, so Sphinx does not walk their files
# (".*" prunes .venv and .git at the top: "**/.*" alone does not, and walking .venv
# cost 0.3 s on every build).
exclude_patterns = ["_build", ".*", "**/.*", "exercises", "tests", "curriculum", "benchmarks"]

myst_enable_extensions = ["colon_fence", "deflist"]
myst_title_to_header = True  # a module's title comes from its metadata
myst_heading_anchors = 3

course_title = project
course_edition = "learner"  # `make trainer` passes -D course_edition=trainer

html_theme = "course"  # our own theme: see ARCHITECTURE.md for why
html_title = project
html_copy_source = False  # the "show source" copies would carry trainer-only text
html_show_sourcelink = False
html_last_updated_fmt = None

latex_engine = "xelatex"
latex_use_xindy = False  # xindy is not in the TeX Live packages we install; makeindex is
# the book (modules/programme/book.md) and one handout per module are set up by the
# extension: <course_slug>.pdf, <course_slug>-trainer.pdf, <module-id>.pdf
course_slug = "service-management-that-works"
# "Edit this page" links appear when the repository address is set, e.g.
# course_repository_url = "https://github.com/<owner>/<repository>"
release = "2026.1"  # the course's version, printed on the cover
course_licence = "Course text CC BY-SA 4.0; code MIT."  # every page footer and the PDF cover
