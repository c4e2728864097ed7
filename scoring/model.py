"""Typed inputs and outputs of the decision core: frozen dataclasses and string-valued enums."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date

# Average month length in days (365.25 / 12): the one way dates become months, everywhere.
DAYS_PER_MONTH = 30.4375
# "Plus d'un an en interne": the article's year, in months.
YEAR_MONTHS = 12.0

Param = str | int | float
Params = tuple[tuple[str, Param], ...]
FlipValue = str | int | float | bool | tuple[str, ...] | None


class Verdict(enum.Enum):
    """The three ways to organise social media management, ordered in_house < hybrid < agency."""

    IN_HOUSE = "in_house"
    HYBRID = "hybrid"
    AGENCY = "agency"

    @property
    def rank(self) -> int:
        """Position on the in-house (0) to agency (2) axis."""
        return _VERDICT_RANK[self]


_VERDICT_RANK = {Verdict.IN_HOUSE: 0, Verdict.HYBRID: 1, Verdict.AGENCY: 2}


class ObjectiveKind(enum.Enum):
    LEADS = "leads"
    SALES = "sales"
    AWARENESS = "awareness"
    COMMUNITY = "community"
    CSR = "csr"
    FINANCIAL_COMM = "financial_comm"
    EMPLOYER_BRAND = "employer_brand"
    OTHER = "other"


class Audience(enum.Enum):
    RESTRICTED = "restricted"  # a small community such as investors and partners
    NICHE = "niche"
    BROAD = "broad"


class Capability(enum.Enum):
    COPYWRITING = "copywriting"
    TARGETING = "targeting"
    RETARGETING = "retargeting"
    SOCIAL_ADS = "social_ads"
    SEARCH_ADS = "search_ads"


class Speed(enum.Enum):
    STEADY = "steady"
    FAST = "fast"
    MAXIMAL = "maximal"


class Mode(enum.Enum):
    NONE = "none"
    IN_HOUSE = "in_house"
    AGENCY = "agency"
    HYBRID = "hybrid"


class Results(enum.Enum):
    """Results so far in the current mode, as the user reports them or as KPIs show them."""

    UNKNOWN = "unknown"
    NONE_YET = "none_yet"
    NOT_CONVINCING = "not_convincing"
    MIXED = "mixed"
    CONVINCING = "convincing"


class ConfidenceLabel(enum.Enum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


# ---------------------------------------------------------------- profile (input)


@dataclass(frozen=True, slots=True)
class Objectives:
    primary: ObjectiveKind
    secondary: tuple[ObjectiveKind, ...] = ()


@dataclass(frozen=True, slots=True)
class InHouseCost:
    """What an employee costs: an hourly wage or an annual gross salary, then the employer's load."""

    hourly: float | None = None  # gross hourly wage, currency/h
    annual_salary: float | None = None  # gross annual salary, currency/year
    load_factor: float = 1.3  # employer cost / gross pay; 1.25–1.4 US [10], ≈1.42 FR [13]
    productive_hours_per_year: float = 1607.0  # French legal working year, 35 h × 45.9 weeks [26]

    @property
    def loaded_hourly(self) -> float | None:
        """Employer cost per hour worked, or None when no cost was given."""
        if self.hourly is not None:
            return self.hourly * self.load_factor
        if self.annual_salary is not None:
            return self.annual_salary * self.load_factor / self.productive_hours_per_year
        return None


@dataclass(frozen=True, slots=True)
class AgencyCost:
    hourly: float | None = None  # currency/h
    retainer_monthly: float | None = None  # currency/month


@dataclass(frozen=True, slots=True)
class Means:
    currency: str = "EUR"
    budget_monthly: float | None = None  # maximum the company will spend, currency/month
    hours_per_month: float | None = None  # work the plan needs, h/month
    in_house: InHouseCost = field(default_factory=InHouseCost)
    agency: AgencyCost = field(default_factory=AgencyCost)
    limit_means: bool = False  # "just what is needed": the cheaper hourly cost decides


@dataclass(frozen=True, slots=True)
class Organisation:
    current_mode: Mode = Mode.NONE
    months_in_mode: float = 0.0
    results: Results = Results.UNKNOWN
    manager_checked: bool = False  # the social media manager's own effectiveness was checked
    vertical: bool = False  # a vertical organisation narrows the manager's creativity
    constraints_liftable: bool | None = None  # None: not known yet
    interlocutor: bool | None = None  # an internal contact with marketing notions; None: unknown
    # The period agreed with an agency (or for a hybrid arrangement), in months: an agency
    # commits to an objective over a set period and is judged at its end. None: not known.
    agreed_months: float | None = None


@dataclass(frozen=True, slots=True)
class Profile:
    """Every factor of the article, typed; `as_of` is the only notion of "now" the engine has."""

    as_of: date
    objectives: Objectives
    audience: Audience
    capabilities: tuple[Capability, ...] = ()
    progress: float | None = None  # 0..1 toward the primary objective; None: unknown
    speed: Speed = Speed.STEADY
    smo_sma_mix: float | None = None  # share of paid (SMA) in the SMO+SMA mix, 0..1
    deadline: date | None = None
    means: Means = field(default_factory=Means)
    organisation: Organisation = field(default_factory=Organisation)


# ---------------------------------------------------------------- recommendation (output)


@dataclass(frozen=True, slots=True)
class Reason:
    """A stable code and its parameters; the texts live in `scoring.catalogue`."""

    code: str
    params: Params = ()

    def param(self, name: str) -> Param | None:
        """The value of one parameter, or None."""
        for key, value in self.params:
            if key == name:
                return value
        return None


@dataclass(frozen=True, slots=True)
class Contribution:
    factor: str
    weight: float
    score: float  # the factor's score in [-1, 1]; > 0 favours the agency
    value: float  # weight × score; the contributions add up to Recommendation.score
    known: bool  # False when the factor's inputs were missing and it scored 0 by default
    reason: Reason


@dataclass(frozen=True, slots=True)
class Flip:
    """One change to one input field that does change the verdict."""

    code: str
    field: str  # JSON path of the input, as in Problem.field
    value: FlipValue  # the new value, JSON-shaped (ISO date strings, lists as tuples)
    verdict: Verdict  # the verdict with that change
    params: Params = ()

    def param(self, name: str) -> Param | None:
        """The value of one parameter, or None."""
        for key, value in self.params:
            if key == name:
                return value
        return None


@dataclass(frozen=True, slots=True)
class Action:
    code: str
    params: Params = ()


@dataclass(frozen=True, slots=True)
class CostComparison:
    """Monthly cost of each option against the budget (None where inputs are missing)."""

    currency: str
    budget_monthly: float | None
    hours_per_month: float | None
    in_house_hourly: float | None  # loaded
    agency_hourly: float | None
    in_house_monthly: float | None
    agency_monthly: float | None
    hybrid_monthly: float | None
    hybrid_agency_share: float

    def monthly(self, verdict: Verdict) -> float | None:
        """The monthly cost of one option."""
        if verdict is Verdict.IN_HOUSE:
            return self.in_house_monthly
        if verdict is Verdict.AGENCY:
            return self.agency_monthly
        return self.hybrid_monthly

    def within_budget(self, verdict: Verdict) -> bool | None:
        """Whether the budget pays for an option; None when either side is unknown."""
        cost = self.monthly(verdict)
        if cost is None or self.budget_monthly is None:
            return None
        return cost <= self.budget_monthly


@dataclass(frozen=True, slots=True)
class Recommendation:
    verdict: Verdict
    confidence: float  # in [0, 1]
    confidence_label: ConfidenceLabel
    score: float  # weighted sum; > 0 favours the agency, < 0 in-house (one convention)
    contributions: tuple[Contribution, ...]
    rules_fired: tuple[str, ...]  # rule codes whose condition held; the first one decided
    # Why this verdict: the deciding rule's reason first when a rule decided, then the factors
    # that pull toward the verdict, strongest first. Every one supports the verdict.
    top_reasons: tuple[Reason, ...]
    # What pulls the other way: over budget first, then the factors that pull away from it.
    against: tuple[Reason, ...]
    flips: tuple[Flip, ...]  # the strongest few, as shown
    other_flips: tuple[Flip, ...]  # every other flip the search found, nearest first
    actions: tuple[Action, ...]
    costs: CostComparison
    over_budget: bool  # the recommended option costs more than the budget
    as_of: date
