"""Where a link, an image or an include points: the scheme a browser reads, the file it names.

The safe schemes and the trainer-only files are the build's (:mod:`curriculum.core.contentpolicy`);
reading a scheme is stricter here, since lint also sees text the build neutralises.

A contribution may hide a scheme from a naive test: ``JaVaScRiPt:``, a leading
space or control character, ``java&#x09;script:`` (an entity for a tab, which
browsers drop), percent-encoding. :func:`scheme` undoes all of these before it
reads the scheme, so lint refuses more than a browser would run, never less.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

# the build's own policy: the schemes it lets through, and which files are trainer-only
from curriculum.core.contentpolicy import SAFE_SCHEMES, relative_to_root, trainer_file, url_scheme

#: MyST's own schemes, resolved while the page is read and never sent to a browser
MYST_SCHEMES = frozenset({"project", "path", "inv"})
#: schemes that run code or carry a whole document: refused in any text that may be a URL
DANGEROUS_SCHEMES = frozenset({"javascript", "vbscript", "data"})

#: control characters (a browser drops tabs and line breaks anywhere in a URL)
_NOISE = re.compile(r"[\x00-\x1f\x7f]+")
#: a data URL: a media type, parameters or the data right after the colon
_DATA = re.compile(r"data:\s*(?:[a-z0-9.+-]+/[a-z0-9.+-]+|[;,])", re.IGNORECASE)
_WORDS = re.compile(r"[\s;,='\"<>()\[\]{}`]+")
_QUOTED = re.compile(r"[;,='\"<>()\[\]{}`]+")


def _plain(text: str) -> str:
    """``text`` with entities and percent-encoding undone (nested too), control
    characters dropped and white space stripped from both ends, as browsers do."""
    for _ in range(4):
        decoded = unquote(html.unescape(text))
        if decoded == text:
            break
        text = decoded
    return _NOISE.sub("", text).strip()


def scheme(url: str) -> str | None:
    """The scheme of ``url`` in lower case, or None for a relative URL; percent-encoding
    and nested entities are undone first, so lint refuses more than the build."""
    return url_scheme(_plain(url))


def unsafe_url(url: str) -> str | None:
    """``scheme:`` when ``url`` (a link, image or toctree target) may not be used, else None."""
    found = scheme(url)
    if found is None or found in SAFE_SCHEMES or found in MYST_SCHEMES:
        return None
    return f"{found}:"


def dangerous_text(text: str) -> str | None:
    """``scheme:`` when any word of ``text`` (an option value, a role target) is a
    ``javascript:``, ``vbscript:`` or ``data:`` URL; else None.

    Free text may hold a colon ("Figure: ..."), so only these schemes are looked for.
    """
    plain = html.unescape(text)
    for piece in {text, *_WORDS.split(plain), *_QUOTED.split(plain)}:
        plain = _plain(piece).lower()
        for name in ("javascript", "vbscript"):
            if plain.startswith(f"{name}:"):
                return f"{name}:"
        # "data:" may end a word in prose ("the data: ..."); a data URL has a media type
        if _DATA.match(plain):
            return "data:"
    return None


def local_target(url: str) -> str | None:
    """The file path a link or image names (without fragment or query), or None for a URL."""
    text = url.strip()
    found = scheme(text)
    if found in ("path", "project"):
        text = text.split(":", 1)[1]
    elif found is not None:
        return None
    text = unquote(text.split("#", 1)[0].split("?", 1)[0]).strip()
    if _NOISE.search(text):
        return None  # no file has control characters in its name
    return text or None


@dataclass(frozen=True)
class Target:
    """A file named by a page: where it resolves, and whether that is allowed."""

    written: str
    shown: str | None  #: the path relative to the course root, None when outside it
    trainer: bool  #: an exercise's solution, marking notes or cases


def resolve(root: Path, base: Path, written: str) -> Target:
    """Resolve a path as Sphinx does: ``/x`` from the course root, ``x`` from ``base``.

    ``<name>`` is one of docutils' own include files, outside the repository.
    Symbolic links are followed, so a link inside the repository that points
    elsewhere is outside.
    """
    text = written.strip()
    if text.startswith("<") and text.endswith(">"):
        return Target(written, None, False)
    path = root / text.lstrip("/") if text.startswith("/") else base / text
    shown = relative_to_root(root, path)  # None outside, or for a name no file system takes
    if shown is None:
        return Target(written, None, False)
    # the build's own test: the real file, or the path as written (a link to an answer)
    return Target(written, shown, trainer_file(root, path) is not None)
