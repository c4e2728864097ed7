"""Messages of the result surfaces (fill EN and FR together)."""

EN: dict[str, str] = {
    "result.fallback": "Recommendation: {verdict} (confidence {confidence})",
    "result.header": "Recommendation: {verdict}",
    "result.confidence": "*Confidence:* {label} ({percent})",
    "result.reasons_title": "*Why*",
    "result.costs_title": "*Monthly cost*",
    "result.costs_title_budget": "*Monthly cost* (budget {budget} a month)",
    "result.cost_line": "{option}: {cost}",
    "result.cost_unknown": "unknown",
    "result.cost_recommended": "recommended",
    "result.cost_over_budget": "over budget",
    "result.over_budget": (
        ":warning: The recommended option, {option}, costs {cost} a month: "
        "{gap} more than the {budget} budget. Raise the budget or narrow the scope."
    ),
    "result.flips_title": "*What would change the recommendation*",
    "result.actions_title": "*Next steps*",
    "result.more": "…and {count} more",
    "result.button.add_kpi": "Add KPIs",
    "result.button.edit_answers": "Edit answers",
    "result.button.share": "Share to channel",
    "result.shared_by": "Shared by <@{user}>",
}

FR: dict[str, str] = {
    "result.fallback": "Recommandation : {verdict} (confiance {confidence})",
    "result.header": "Recommandation : {verdict}",
    "result.confidence": "*Confiance :* {label} ({percent})",
    "result.reasons_title": "*Pourquoi*",
    "result.costs_title": "*Coût mensuel*",
    "result.costs_title_budget": "*Coût mensuel* (budget de {budget} par mois)",
    "result.cost_line": "{option} : {cost}",
    "result.cost_unknown": "inconnu",
    "result.cost_recommended": "recommandé",
    "result.cost_over_budget": "au-delà du budget",
    "result.over_budget": (
        ":warning: L'option recommandée, {option}, coûte {cost} par mois, "
        "soit {gap} de plus que le budget de {budget}. Augmentez le budget ou réduisez le périmètre."
    ),
    "result.flips_title": "*Ce qui changerait la recommandation*",
    "result.actions_title": "*Prochaines étapes*",
    "result.more": "… et {count} de plus",
    "result.button.add_kpi": "Ajouter des KPI",
    "result.button.edit_answers": "Modifier les réponses",
    "result.button.share": "Partager dans un canal",
    "result.shared_by": "Partagé par <@{user}>",
}
