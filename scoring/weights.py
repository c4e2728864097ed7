"""The model's numbers: factor weights, decision thresholds and scores, each with its source.

Bracketed numbers refer to the sources of /work/shared/research/decision-model.md (MODEL.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from scoring.model import Audience, ObjectiveKind, Speed


@dataclass(frozen=True, slots=True)
class Weights:
    """Factor weights and decision thresholds; override them to tune the model.

    Each factor's weight is the field of the factor's name (`scoring.factors.FACTORS`).
    """

    # "Si vous avez des intentions commerciales ... externaliser" / "une petite communauté
    # restreinte ... en interne fait amplement l'affaire": the article is categorical here.
    audience_capabilities: float = 0.25
    # "Si vous voulez l'accélération maximale, alors vous avez besoin d'activer tous les turbos".
    acceleration: float = 0.20
    # "Si vous avez essayé plus d'un an en interne sans des résultats probants ... externaliser".
    track_record: float = 0.20
    # "Le salaire horaire de l'employé et le coût horaire du prestataire ... le minimum".
    cost: float = 0.20
    # "Une agence atteint un objectif sur une durée déterminée".
    deadline: float = 0.10
    # "Revenir sur les objectifs": a small prior only; the objective acts through the rest.
    objective_type: float = 0.05
    # |S| under this is "balanced": hybrid. Decision-model §5.2 [P].
    band: float = 0.10
    # Hysteresis: to leave the incumbent verdict, the score must pass the band edge by this much.
    # 0.05 is the full swing of the smallest factor (objective_type), so one minor answer or
    # KPI wobble cannot flip it alone [P].
    hysteresis: float = 0.05
    # Relative cost gap that scores ±1 on cost: a 50% cheaper option wins the factor outright [P].
    cost_scale: float = 0.5


DEFAULT_WEIGHTS = Weights()

# Deadline bands (months) and scores: decision-model §5.3 [P]; an agency commits to a period.
DEADLINE_SOON_MONTHS = 6.0
DEADLINE_YEAR_MONTHS = 12.0
DEADLINE_SCORES = (1.0, 0.6, 0.2)  # ≤ 6 months, ≤ 12 months, later
# Speed levels: steady adds nothing, maximal needs the full SMO+SMA mix. Decision-model §5.3.
SPEED_LEVEL = {Speed.STEADY: 0.0, Speed.FAST: 0.5, Speed.MAXIMAL: 1.0}
# Unknown progress counts as half way (decision-model §5.3).
UNKNOWN_PROGRESS = 0.5
# Commercial capabilities: three of the five (e.g. copywriting + targeting + ads) make a full
# "mission particulière" for an agency; a broad audience adds to it. Decision-model §5.3 [P].
CAPABILITIES_FOR_FULL_SCORE = 3.0
AUDIENCE_BONUS = {Audience.RESTRICTED: 0.0, Audience.NICHE: 0.0, Audience.BROAD: 0.2}
# Objective priors, decision-model §5.3 [P]: commercial aims lean to the agency, positioning
# aims (CSR, financial communication, employer brand, community upkeep) lean in-house.
OBJECTIVE_SCORE = {
    ObjectiveKind.LEADS: 0.5,
    ObjectiveKind.SALES: 0.5,
    ObjectiveKind.AWARENESS: 0.3,
    ObjectiveKind.COMMUNITY: -0.3,
    ObjectiveKind.EMPLOYER_BRAND: -0.3,
    ObjectiveKind.CSR: -0.3,
    ObjectiveKind.FINANCIAL_COMM: -0.5,
    ObjectiveKind.OTHER: 0.0,
}
POSITIONING = frozenset(
    {
        ObjectiveKind.COMMUNITY,
        ObjectiveKind.CSR,
        ObjectiveKind.FINANCIAL_COMM,
        ObjectiveKind.EMPLOYER_BRAND,
    }
)
# The same kinds as a tuple, for hot membership tests: `in` on a tuple compares by identity
# first, while a frozenset calls the Enum's Python-level __hash__.
POSITIONING_KINDS = tuple(k for k in ObjectiveKind if k in POSITIONING)
# Commercial aims, for the community-upkeep rule: "sans intention commerciale".
COMMERCIAL_KINDS = (ObjectiveKind.LEADS, ObjectiveKind.SALES)
# Track record scores, decision-model §4.5 and §5.3 [P]: the year rule counts fully only once
# the manager's effectiveness was checked ("mis à part l'efficacité du SMM dont vous devez
# vous assurer").
TRACK_IN_HOUSE_CONVINCING = -1.0
TRACK_IN_HOUSE_EARLY_CONVINCING = -0.5
TRACK_YEAR_CHECKED = 1.0
TRACK_YEAR_UNCHECKED = 0.4
TRACK_IN_HOUSE_MIXED = 0.3
TRACK_AGENCY_CONVINCING = 0.5
TRACK_AGENCY_NOT_CONVINCING = -0.6
# Its agreed period over with results only mixed: the objective it committed to is not met.
TRACK_AGENCY_PERIOD_OVER_MIXED = -0.3
TRACK_HYBRID_YEAR_CHECKED = 0.5
TRACK_HYBRID_YEAR_UNCHECKED = 0.2

# Confidence, decision-model §3.3 [P].
BASE_HARD_RULE = 0.9
BASE_LIMIT_MEANS = 0.8
BASE_BUDGET = 0.75
BASE_HYBRID_PATTERN = 0.7
BASE_BALANCED = 0.45
CONFIDENCE_SATURATION = 0.5  # |S| at which the weighted confidence reaches its base maximum
# A rule decides whatever the score; the more the weighted factors lean the other way, the less
# sure the verdict: at a lean of CONFIDENCE_SATURATION against it, the base loses this share [P].
DISAGREEMENT_PENALTY = 0.4
CAP_NO_INTERLOCUTOR = 0.6  # "il est important que vous ayez un interlocuteur qui a des notions"
CAP_MANAGER_UNCHECKED = 0.45  # year rule fired on an unchecked manager
CAP_OVER_BUDGET = 0.5  # the recommended option costs more than the budget
CAP_LIFTABLE_UNKNOWN = 0.6  # vertical organisation, unknown whether constraints can be lifted
# The article's two categorical sentences disagree: a restricted audience is "amplement" served
# in-house (H3), yet over a year without results with a checked manager says outsource. The
# verdict stays in-house but cannot be "high": medium at most.
CAP_RESTRICTED_YEAR_CONFLICT = 0.6
# HY1 (positioning in-house + commercial mission to an agency) splits the work when the
# positioning aim leads (it is the primary objective) or when the weighted sum does not lean
# clearly either way. 0.25 is the |S| at which a weighted verdict's own confidence reaches
# "high" (0.5 + 0.5 × 0.25 / CONFIDENCE_SATURATION = 0.75): a clearer lean is not overridden [P].
HY1_MAX_ABS_SCORE = 0.25
LABEL_MEDIUM = 0.5
LABEL_HIGH = 0.75
# Hybrid split when the SMO+SMA mix is unknown: half of the hours each side [P].
DEFAULT_HYBRID_AGENCY_SHARE = 0.5
MAX_FLIPS = 6
# Upper bound of every money amount (profile_io rejects more): keeps cent arithmetic finite.
MAX_MONEY = 1e12
# Tolerance of float comparisons on costs and factor scores.
EPS = 1e-9
