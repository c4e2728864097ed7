"""Messages of the result surfaces (fill EN and FR together)."""

EN: dict[str, str] = {
    "result.fallback": "Recommendation: {verdict} (confidence {confidence})",
    "result.header": "Recommendation: {verdict}",
    "result.confidence": "*Confidence:* {label} ({percent})",
    "result.decided_by": "*Deciding rule:* {reason}",
    "result.why_title.in_house": "*Why in-house*",
    "result.why_title.hybrid": "*Why hybrid*",
    "result.why_title.agency": "*Why an agency*",
    "result.against_title": "*What pulls the other way*",
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
    "result.button.add_costs": "Add your costs",
    "result.costs_missing": "To compare all three monthly costs, add {figures}.",
    "result.missing.in_house_pay": "the in-house pay (hourly wage or annual salary)",
    "result.missing.agency_price": "the agency's price (hourly rate or monthly retainer)",
    "result.missing.hours": "the hours of work needed per month",
    "result.and": "{first} and {last}",
    "result.changed_title": "*What changed since the last recommendation*",
    "result.nothing_changed": "Nothing in the recommendation changed.",
    "result.factor_now": "{factor} — {reason}",
    "result.button.edit_answers": "Edit answers",
    "result.button.share": "Share to channel",
    "result.button.all_flips": "Show all {count}",
    "result.all_flips_title": "What would change it",
    "result.all_flips_close": "Close",
    "result.replaced": (
        ":arrows_counterclockwise: Replaced on {date} by a newer recommendation ({verdict}), "
        "posted below."
    ),
    "result.replaced_linked": (
        ":arrows_counterclockwise: Replaced on {date} by a newer recommendation ({verdict}): "
        "<{link}|the new recommendation>."
    ),
    "reevaluate.none": "You have no active assessment to re-evaluate: start one with `/smm assess`.",
    "reevaluate.title": "*Re-evaluated with your KPIs' latest numbers*",
    "reevaluate.title_plain": "Re-evaluated with your KPIs' latest numbers",
    "reevaluate.changed": "Changed: now {verdict} ({percent}); the new recommendation is in your DMs.",
    "reevaluate.same": "Unchanged: {verdict} ({percent}).",
    "result.not_yours": "Only the person who made this assessment can open its details.",
    "result.all_flips_intro": (
        "Each line changes one answer; the recommendation ({verdict} today) becomes the option "
        "after the colon. Nearest change first."
    ),
    "result.shared_by": "Shared by <@{user}>",
}

FR: dict[str, str] = {
    "result.fallback": "Recommandation : {verdict} (confiance {confidence})",
    "result.header": "Recommandation : {verdict}",
    "result.confidence": "*Confiance :* {label} ({percent})",
    "result.decided_by": "*Règle décisive :* {reason}",
    "result.why_title.in_house": "*Pourquoi en interne*",
    "result.why_title.hybrid": "*Pourquoi l'hybride*",
    "result.why_title.agency": "*Pourquoi une agence*",
    "result.against_title": "*Ce qui tire dans l'autre sens*",
    "result.costs_title": "*Coût mensuel*",
    "result.costs_title_budget": "*Coût mensuel* (budget de {budget} par mois)",
    "result.cost_line": "{option} : {cost}",
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
    "result.button.add_costs": "Ajouter vos coûts",
    "result.costs_missing": "Pour comparer les trois coûts mensuels, ajoutez {figures}.",
    "result.missing.in_house_pay": "le salaire interne (horaire ou annuel)",
    "result.missing.agency_price": "le prix de l'agence (tarif horaire ou forfait mensuel)",
    "result.missing.hours": "les heures de travail nécessaires par mois",
    "result.and": "{first} et {last}",
    "result.changed_title": "*Ce qui a changé depuis la dernière recommandation*",
    "result.nothing_changed": "Rien n'a changé dans la recommandation.",
    "result.factor_now": "{factor} — {reason}",
    "result.button.edit_answers": "Modifier les réponses",
    "result.button.share": "Partager dans un canal",
    "result.button.all_flips": "Tout voir ({count})",
    "result.all_flips_title": "Ce qui la changerait",
    "result.all_flips_close": "Fermer",
    "result.replaced": (
        ":arrows_counterclockwise: Remplacée le {date} par une recommandation plus récente "
        "({verdict}), envoyée plus bas."
    ),
    "result.replaced_linked": (
        ":arrows_counterclockwise: Remplacée le {date} par une recommandation plus récente "
        "({verdict}) : <{link}|la nouvelle recommandation>."
    ),
    "reevaluate.none": "Vous n'avez aucun diagnostic actif à réévaluer : lancez-en un avec `/smm assess`.",
    "reevaluate.title": "*Réévalué avec les derniers chiffres de vos KPI*",
    "reevaluate.title_plain": "Réévalué avec les derniers chiffres de vos KPI",
    "reevaluate.changed": "Changé : désormais {verdict} ({percent}) ; la nouvelle recommandation est dans vos messages.",
    "reevaluate.same": "Inchangé : {verdict} ({percent}).",
    "result.not_yours": "Seule la personne qui a fait ce diagnostic peut en ouvrir le détail.",
    "result.all_flips_intro": (
        "Chaque ligne change une seule réponse ; la recommandation (aujourd'hui : {verdict}) "
        "devient l'option après les deux-points. Le plus petit changement d'abord."
    ),
    "result.shared_by": "Partagé par <@{user}>",
}
