"""The gain-share contract's schema (module sup-03): KPIs, the gain-share, credits, side effects."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, StrictStr

from curriculum.validation import Artefact
from curriculum.validation.fields import Text, finite_number, numbered_id

Number = Annotated[
    float,
    BeforeValidator(
        finite_number("write digits only, with a decimal point if needed: no £, % or commas")
    ),
]
Money = Annotated[Number, Field(ge=0)]
KpiId = Annotated[StrictStr, AfterValidator(numbered_id("K", "K1"))]


class Kpi(Artefact):
    id: Annotated[KpiId, Field(description="K and a number, e.g. K1")]
    name: Annotated[Text, Field(description="what is measured, in business terms")]
    kind: Annotated[
        Literal["outcome", "guardrail"],
        Field(description="outcome (what the contract rewards) or guardrail (must not worsen)"),
    ]
    unit: Annotated[Text, Field(description="the unit, e.g. 'trucks per quarter' or '%'")]
    direction: Annotated[
        Literal["up", "down"], Field(description="which way is better: up or down")
    ]
    baseline: Annotated[Number, Field(description="the agreed starting value")]
    target: Annotated[Number, Field(description="the value aimed for")]
    data_owner: Annotated[Text, Field(description="the role that owns the figures")]
    data_source: Annotated[Text, Field(description="where the figures come from")]


class Share(Artefact):
    party: Annotated[Text, Field(description="the customer or a supplier")]
    role: Annotated[Literal["customer", "supplier"], Field(description="customer or supplier")]
    share_percent: Annotated[
        Number, Field(ge=0, le=100, description="its share of the gain, a percentage")
    ]
    cap_gbp: Annotated[
        Money | None, Field(default=None, description="suppliers: most it can earn a period")
    ]
    payment_gbp: Annotated[
        Money | None, Field(default=None, description="suppliers: what it is paid this period")
    ]


class GainShare(Artefact):
    kpi: Annotated[KpiId, Field(description="the outcome KPI the gain is measured on")]
    period: Annotated[Text, Field(description="the period measured, e.g. a quarter")]
    measured: Annotated[Number, Field(description="the KPI's measured value in the period")]
    value_per_unit_gbp: Annotated[
        Number, Field(gt=0, description="pounds of benefit per unit of improvement")
    ]
    gain_gbp: Annotated[Money, Field(description="the gain in pounds, which you work out")]
    shares: Annotated[
        list[Share], Field(min_length=2, max_length=10, description="who gets what share")
    ]


class ServiceCredit(Artefact):
    supplier: Annotated[Text, Field(description="the supplier the credit applies to")]
    trigger: Annotated[Text, Field(description="what triggers the credit")]
    credit: Annotated[Text, Field(description="how much is credited")]
    earn_back: Annotated[
        StrictStr | None,
        Field(default=None, description="how the supplier can earn the credit back"),
    ]


class SideEffect(Artefact):
    risk: Annotated[Text, Field(description="behaviour the incentive could encourage")]
    mitigation: Annotated[Text, Field(description="how the contract limits it")]
    watched_by: Annotated[
        KpiId | None, Field(default=None, description="the KPI that would show it, if any")
    ]


class Contract(Artefact):
    contract: Annotated[Text, Field(description="the contract, its parties and start")]
    outcome_kpis: Annotated[
        list[Kpi], Field(min_length=1, max_length=12, description="outcome and guardrail KPIs")
    ]
    gain_share: Annotated[GainShare, Field(description="how the measured gain is shared")]
    service_credits: Annotated[
        list[ServiceCredit], Field(max_length=20, description="credits, each with earn-back")
    ]
    side_effects: Annotated[
        list[SideEffect], Field(max_length=20, description="incentive side-effects")
    ]
