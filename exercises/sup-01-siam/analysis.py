"""Pure helpers for the sup-01 rules: how the parties a RACI names are told apart.

Names are compared without regard to case or spacing, and a shorter form
("Platform", "Brightwater") stands for the one party whose name holds it.
"""

from __future__ import annotations

from collections.abc import Mapping

from curriculum.validation.toolkit import normal, words

from .schema import ACCOUNTABLE, FILLER, Process, SiamModel


def _tokens(name: str) -> frozenset[str]:
    # 'Applications' is the same party as 'Application teams'
    return frozenset(w.removesuffix("s") if len(w) > 3 else w for w in words(normal(name))) - FILLER


def _parties(model: SiamModel) -> dict[str, str]:
    """Every party a RACI may name: compared name -> how it is written in the model."""
    known = {normal(model.customer): model.customer}
    known.setdefault(normal(model.integrator.name), model.integrator.name)
    for provider in model.providers:
        known.setdefault(normal(provider.name), provider.name)
    return known


def _match(name: str, known: Mapping[str, object]) -> list[str]:
    """The parties ``name`` can mean: itself, or the one whose name holds it (or it holds)."""
    if normal(name) in known:
        return [normal(name)]
    mine = _tokens(name)
    return [k for k in known if mine and (mine <= _tokens(k) or _tokens(k) <= mine)]


def _resolve(name: str, known: Mapping[str, object]) -> str | None:
    found = _match(name, known)
    return found[0] if len(found) == 1 else None


def _own(model: SiamModel, org: str) -> bool:
    """Whether ``org`` belongs to the customer: the customer, one of its teams, or its name."""
    providers = {normal(p.name): p for p in model.providers}
    party = _resolve(org, {**providers, normal(model.customer): model.customer})
    if party == normal(model.customer) or (
        party in providers and providers[party].kind == "internal"
    ):
        return True
    first = next(iter(words(normal(model.customer))), "")
    return party is None and first in words(normal(org))


def _accountable(process: Process) -> list[str]:
    return [p for p, role in process.raci.items() if role in ACCOUNTABLE]
