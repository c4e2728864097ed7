"""`/smm help`."""

EN: dict[str, str] = {
    "help.fallback": "SMM Advisor: what you can do with /smm",
    "help.header": "SMM Advisor",
    "help.intro": (
        "I help you decide whether your social media management should stay *in-house*, "
        "go to an *agency*, or be *split* — and I keep re-deciding as your KPIs come in."
    ),
    "help.commands_title": "*Commands*",
    "help.command_line": "`{command}` — {description}",
    "help.cmd.help": "show this help",
    "help.cmd.assess": "assess how to run your social media: in-house, agency or hybrid (resumes your draft)",
    "help.cmd.kpis": "your KPIs, where they stand, and the check-ins waiting for your answer",
    "help.cmd.reevaluate": "re-decide your assessments now from your KPIs' latest numbers",
    "help.cmd.settings": "the workspace's settings: review channel, team leads, time zone, working time, check-in and digest days, currency, language (team leads; until there are some, admins and assessment owners)",
    "help.cmd.away": "`away until 2026-07-31` (or `away` to pick the day): your check-ins are skipped until then, with one summary when you are back",
    "help.cmd.back": "you are back earlier than planned: your check-ins start again",
    "help.assess_button": "Start an assessment",
    "help.footer": "Answers are only visible to you. Type `/smm help` any time.",
    "help.unknown": "I don't know `{word}`.",
    "help.did_you_mean": "Did you mean `{suggestion}`?",
}

FR: dict[str, str] = {
    "help.fallback": "SMM Advisor : ce que vous pouvez faire avec /smm",
    "help.header": "SMM Advisor",
    "help.intro": (
        "Je vous aide à décider si la gestion de vos réseaux sociaux doit rester *en interne*, "
        "passer à une *agence* ou être *partagée* — et je réévalue au fil de vos KPI."
    ),
    "help.commands_title": "*Commandes*",
    "help.command_line": "`{command}` — {description}",
    "help.cmd.help": "afficher cette aide",
    "help.cmd.assess": "choisir comment gérer vos réseaux sociaux : en interne, en agence ou en hybride (reprend votre brouillon)",
    "help.cmd.kpis": "vos KPI, où ils en sont, et les points d'étape qui attendent votre réponse",
    "help.cmd.reevaluate": "réévaluer vos diagnostics maintenant, avec les derniers chiffres de vos KPI",
    "help.cmd.settings": "les réglages de l'espace : canal de revue, responsables d'équipe, fuseau horaire, temps de travail, jours des points d'étape et de la synthèse, devise, langue (les responsables ; tant qu'il n'y en a pas, les administrateurs et auteurs de diagnostics)",
    "help.cmd.away": "`away until 2026-07-31` (ou `away` pour choisir le jour) : vos points d'étape sont sautés d'ici là, avec un seul récapitulatif à votre retour",
    "help.cmd.back": "vous revenez plus tôt que prévu : vos points d'étape reprennent",
    "help.assess_button": "Commencer un diagnostic",
    "help.footer": "Ces réponses ne sont visibles que par vous. Tapez `/smm help` à tout moment.",
    "help.unknown": "Je ne connais pas `{word}`.",
    "help.did_you_mean": "Vouliez-vous dire `{suggestion}` ?",
}
