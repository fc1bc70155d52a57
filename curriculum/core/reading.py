"""How long a module page takes to read: its learner text at a steady pace.

Counted from the page's source, not from a doctree, so that the module header,
the agendas' pre-work and ``curriculum schedule`` give the same number, in both
editions. The learner text is the page as a learner reads it: its prose, tables,
admonitions and quiz; not its front matter, trainer-only blocks
(:data:`~curriculum.core.fences.TRAINER_ONLY`), code or markup.
"""

from __future__ import annotations

import re

from curriculum.core.fences import TRAINER_ONLY

WORDS_PER_MINUTE = 200

#: directives whose body is code or a list of pages, not reading
_OPAQUE = frozenset(
    {"code", "code-block", "sourcecode", "literalinclude", "raw", "math", "toctree"}
    | {"mermaid", "eval-rst", "highlight", "productionlist"}
)
#: directives whose argument is a title a learner reads
_TITLED = frozenset({"admonition", "dropdown", "topic", "sidebar", "tab-item", "card"})
#: an opening fence ``:::{name} ...`` or ```` ```{name} ```` (or a code fence ```` ```text ````)
_OPENING = re.compile(
    r"^[ \t>]*(?P<fence>:{3,}|`{3,}|~{3,})\s*(?:\{(?P<name>[^}]+)\})?(?P<argument>.*)$"
)
#: a directive option line right under the opening fence (``:class: tip``)
_OPTION = re.compile(r"^[ \t>]*:[\w-]+:")
#: the key of a YAML line in a quiz (``- prompt:``, ``feedback:``): markup, not reading
_YAML_KEY = re.compile(r"^[ \t]*(?:-[ \t]+)?[\w-]+:(?=\s|$)")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_ROLE = re.compile(r"\{[\w:.-]+\}(?=`)")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
#: a word holds at least one letter or digit (a table rule ``|---|`` is none)
_WORD = re.compile(r"[\w’'-]*\w[\w’'-]*")


def reading_minutes(words: int) -> int:
    """Minutes to read ``words`` at a steady 200 words a minute, at least one."""
    return max(1, round(words / WORDS_PER_MINUTE))


def learner_lines(body: list[str]) -> list[str]:
    """``body`` without trainer-only blocks, code, fence lines and option lines."""
    kept: list[str] = []
    skip_until: str | None = None  # the closing fence of the block being left out
    in_options = False
    in_quiz: list[str] = []  # the closing fences of the open quizzes
    for line in body:
        stripped = line.strip().lstrip(">").strip()
        if skip_until is not None:
            if _closes(stripped, skip_until):
                skip_until = None
            continue
        match = _OPENING.match(line)
        if match is not None:
            fence = match.group("fence")
            name = (match.group("name") or "").strip()
            if in_quiz and not name and _closes(stripped, in_quiz[-1]):
                in_quiz.pop()
                continue
            if name in TRAINER_ONLY or name in _OPAQUE or (not name and fence[0] != ":"):
                if not _closes(stripped, fence) or name:
                    skip_until = fence
                continue
            if name in ("quiz", "unit-check"):
                in_quiz.append(fence)
                if name == "unit-check":
                    kept.append(match.group("argument"))  # its title
            elif name in _TITLED:
                kept.append(match.group("argument"))
            in_options = bool(name)
            continue  # the fence line itself is markup
        if in_options and _OPTION.match(line):
            continue
        in_options = False
        kept.append(_YAML_KEY.sub("", line) if in_quiz else line)
    return kept


def _closes(stripped: str, fence: str) -> bool:
    return len(stripped) >= len(fence) and set(stripped) == {fence[0]}


def count_words(body: list[str]) -> int:
    """Words of the learner text of ``body`` (a page without its front matter)."""
    text = "\n".join(learner_lines(body))
    text = _COMMENT.sub(" ", text)
    text = _LINK_TARGET.sub("]", text)
    text = _ROLE.sub("", text)
    return len(_WORD.findall(text))


def page_reading_minutes(text: str, body_start: int = 0) -> int:
    """Reading minutes of a page whose body starts at 0-based line ``body_start``."""
    return reading_minutes(count_words(text.splitlines()[body_start:]))
