"""Directive and role names as docutils and Sphinx look them up.

docutils lower-cases a name and then tries the document language's aliases and
English ones (``{RAW}``, ``{Raw}`` and ``{raw}`` are one directive; so are
``{rst-class}`` and ``{class}``). Sphinx first tries a domain: ``{std:glossary}``
is the glossary. Lint compares names only in this form.

The course is written in English, but a translation would switch the alias
table, so every language's aliases are known here (an alias of another
language is an unknown directive in this build: reading it as what it would
mean costs nothing).
"""

from __future__ import annotations

import pkgutil
from functools import cache, lru_cache
from importlib import import_module

#: directives Sphinx registers under names docutils would alias to another
_SPHINX_NAMES = frozenset({"code-block", "sourcecode"})
#: directives of the standard domain, found with or without ``std:``
_STD_DIRECTIVES = frozenset(
    {"glossary", "program", "option", "cmdoption", "envvar", "productionlist"}
)


@lru_cache(maxsize=2)
def _aliases(kind: str) -> dict[str, str]:
    """Lower-case alias -> canonical name, English first, then every other language."""
    import docutils.parsers.rst.languages as languages

    table: dict[str, str] = {}
    english = getattr(import_module(f"{languages.__name__}.en"), kind)
    canonical = set(english.values())
    others: dict[str, set[str]] = {}
    for module in sorted(pkgutil.iter_modules(languages.__path__), key=lambda m: m.name):
        try:
            found = getattr(import_module(f"{languages.__name__}.{module.name}"), kind, {})
        except Exception:  # a broken translation module must not stop lint
            continue
        for alias, name in found.items():
            others.setdefault(alias.lower(), set()).add(name)
    for alias, names in others.items():
        if alias not in canonical and len(names) == 1:
            table[alias] = next(iter(names))
    table.update({alias.lower(): name for alias, name in english.items()})
    return table


def directive_name(written: str) -> str:
    """The canonical name of a directive as written (``{RAW}`` -> ``raw``)."""
    name = written.strip().lower()
    if ":" in name:
        bare = name.partition(":")[2]
        return bare if bare in _STD_DIRECTIVES else name
    if name in _SPHINX_NAMES:
        return name
    return _aliases("directives").get(name, name)


def role_name(written: str) -> str:
    """The canonical name of a role as written (``{Download}``, ``{std:doc}``)."""
    name = written.strip().lower()
    if ":" in name:
        name = name.rpartition(":")[2]
    return _aliases("roles").get(name, name)


@cache
def signature(name: str) -> tuple[bool, bool] | None:
    """(takes an argument, takes options) for a directive docutils itself defines;
    None for others (Sphinx's, sphinx-design's, the course's), whose text is then
    read every way MyST can split it.

    Sphinx and the course replace some of these (``figure``, ``csv-table``...) with
    subclasses that keep the signature.
    """
    from docutils.parsers.rst import directives

    entry = directives._directive_registry.get(name)  # type: ignore[attr-defined]
    if entry is None:
        return None
    try:
        module = import_module(f"{directives.__name__}.{entry[0]}")
        directive = getattr(module, entry[1])
    except (ImportError, AttributeError):
        return None
    arguments = bool(directive.required_arguments or directive.optional_arguments)
    return arguments, bool(directive.option_spec)
