"""SMM Advisor's decision core: pure, deterministic, standard library only.

Import from here: `recommend`, `parse_profile`, `assess_kpi`, `reevaluate`, `text`, `explain`…
No module of the package has the name of one of these (`recommend` lives in `scoring.decision`,
`reevaluate` in `scoring.reevaluation`), so `from scoring import reevaluate` is the function.
"""

from scoring.catalogue import explain, text
from scoring.decision import recommend
from scoring.kpi import (
    CheckInPoint,
    Direction,
    Forecast,
    ForecastConfidence,
    KpiAssessment,
    KpiSpec,
    KpiStatus,
    ResultsVerdict,
    assess_kpi,
)
from scoring.model import (
    DAYS_PER_MONTH,
    Action,
    AgencyCost,
    Audience,
    Capability,
    ConfidenceLabel,
    Contribution,
    CostComparison,
    Flip,
    InHouseCost,
    Means,
    Mode,
    ObjectiveKind,
    Objectives,
    Organisation,
    Profile,
    Reason,
    Recommendation,
    Results,
    Speed,
    Verdict,
)
from scoring.profile_io import (
    Problem,
    ProfileError,
    parse_profile,
    problem_to_dict,
    profile_to_dict,
)
from scoring.recommendation_io import (
    MODEL_VERSION,
    RecommendationFormatError,
    recommendation_from_dict,
    recommendation_to_dict,
)
from scoring.reevaluation import Reevaluation, changes_since, reevaluate
from scoring.schema import json_schema
from scoring.weights import DEFAULT_WEIGHTS, Weights

__all__ = [
    "DAYS_PER_MONTH",
    "DEFAULT_WEIGHTS",
    "Action",
    "AgencyCost",
    "Audience",
    "Capability",
    "CheckInPoint",
    "ConfidenceLabel",
    "Contribution",
    "CostComparison",
    "Direction",
    "Flip",
    "Forecast",
    "ForecastConfidence",
    "InHouseCost",
    "KpiAssessment",
    "KpiSpec",
    "KpiStatus",
    "Means",
    "Mode",
    "ObjectiveKind",
    "Objectives",
    "Organisation",
    "Problem",
    "Profile",
    "ProfileError",
    "Reason",
    "Recommendation",
    "Reevaluation",
    "Results",
    "ResultsVerdict",
    "Speed",
    "Verdict",
    "Weights",
    "assess_kpi",
    "changes_since",
    "explain",
    "json_schema",
    "parse_profile",
    "problem_to_dict",
    "profile_to_dict",
    "recommend",
    "recommendation_to_dict",
    "recommendation_from_dict",
    "RecommendationFormatError",
    "MODEL_VERSION",
    "reevaluate",
    "text",
]
