"""Fill the placeholders of generated pages (catalogue, track list, learning paths,
crosswalks, class agendas) when a page is written. Every kind and its filler is listed here once,
from the modules that make them; nothing adds to the table at run time."""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING

from docutils import nodes

from curriculum.ext import agenda, answers, catalogue, crosswalks, generated
from curriculum.ext.domain import get_domain
from curriculum.ext.generated import Context, Filler
from curriculum.ext.nodes import course_generated

if TYPE_CHECKING:
    from sphinx.application import Sphinx

FILLERS: MappingProxyType[str, Filler] = MappingProxyType(
    {
        **generated.FILLERS,
        **catalogue.FILLERS,
        **crosswalks.FILLERS,
        **answers.FILLERS,
        **agenda.FILLERS,
    }
)


def resolve_generated(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(course_generated))
    if not placeholders:
        return
    env = app.env
    programme = get_domain(env).programme
    domain = get_domain(env)
    for node in placeholders:
        if programme is None:
            node.replace_self(nodes.paragraph("", "(The programme vocabulary is invalid.)"))
            continue
        builder = app.builder
        filler = FILLERS[node["kind"]]
        node.replace_self(filler(Context(programme, domain, builder, env, docname), node))


def setup_fill(app: Sphinx) -> None:
    app.connect("doctree-resolved", resolve_generated)
