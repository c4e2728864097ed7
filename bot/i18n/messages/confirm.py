"""Confirmation dialogs before what cannot be undone (fill EN and FR together).

Slack's limits: title 100 characters, text 300, confirm and deny 30 each."""

EN: dict[str, str] = {
    "confirm.discard_draft.title": "Delete this draft?",
    "confirm.discard_draft.text": "The answers you saved will be gone. This cannot be undone.",
    "confirm.discard_draft.confirm": "Delete the draft",
    "confirm.start_over.title": "Start over?",
    "confirm.start_over.text": "Your saved answers will be cleared and the assessment will start again from the first question.",
    "confirm.start_over.confirm": "Start over",
    "confirm.archive_kpi.title": "Delete this KPI?",
    "confirm.archive_kpi.text": "Its owner will no longer be asked for check-ins and it leaves the KPI list. The check-ins already answered are kept.",
    "confirm.archive_kpi.confirm": "Delete the KPI",
    "confirm.deny": "Cancel",
}

FR: dict[str, str] = {
    "confirm.discard_draft.title": "Supprimer ce brouillon\u202f?",
    "confirm.discard_draft.text": "Les réponses enregistrées seront perdues. C'est définitif.",
    "confirm.discard_draft.confirm": "Supprimer le brouillon",
    "confirm.start_over.title": "Tout recommencer\u202f?",
    "confirm.start_over.text": "Vos réponses enregistrées seront effacées et le diagnostic reprendra à la première question.",
    "confirm.start_over.confirm": "Recommencer",
    "confirm.archive_kpi.title": "Supprimer ce KPI\u202f?",
    "confirm.archive_kpi.text": "Son responsable ne sera plus sollicité pour les points d'étape et il quitte la liste des KPI. Les points d'étape déjà renseignés sont conservés.",
    "confirm.archive_kpi.confirm": "Supprimer le KPI",
    "confirm.deny": "Annuler",
}
