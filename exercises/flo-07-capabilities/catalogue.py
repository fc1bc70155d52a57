"""DORA's capability catalogue as the checker reads names (exercise flo-07-capabilities).

Names are compared in lower case without punctuation; the catalogue's other names
(case.yaml) and small slips of spelling are accepted, as a marker would accept them.
"""

from __future__ import annotations

import difflib
import re

from curriculum.validation.toolkit import load_case

CASE = load_case()


def name_key(text: str) -> str:
    """A capability name as compared: lower case, no punctuation, single spaces."""
    text = re.sub(r"[^\w]+", " ", text.casefold().replace("&", " and ")).strip()
    return re.sub(r"^(the )|( capability)$", "", text).strip()


#: every name and other name of a capability, as compared -> its catalogue name
CAPABILITIES: dict[str, str] = {}
for _name, _others in CASE["capabilities"].items():
    for _word in [_name, *_others]:
        CAPABILITIES[name_key(_word)] = _name
PRACTICES: dict[str, list[str]] = {name_key(k): v for k, v in CASE["practices"].items()}


def capability_of(text: str) -> str | None:
    """The catalogue name ``text`` means, allowing other names and small slips of spelling."""
    key = name_key(text)
    if key in CAPABILITIES:
        return CAPABILITIES[key]
    close = difflib.get_close_matches(key, list(CAPABILITIES), n=1, cutoff=0.85)
    return CAPABILITIES[close[0]] if close else None
