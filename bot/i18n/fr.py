"""Messages en français. Mêmes clés et mêmes paramètres que `en.py`."""

MESSAGES: dict[str, str] = {
    "app.name": "SMM Advisor",
    "help.fallback": "SMM Advisor : ce que vous pouvez faire avec /smm",
    "help.header": "SMM Advisor",
    "help.intro": (
        "Je vous aide à décider si la gestion de vos réseaux sociaux doit rester *en interne*, "
        "passer à une *agence* ou être *partagée* — et je réévalue au fil de vos KPI."
    ),
    "help.commands_title": "*Commandes*",
    "help.command_line": "`{command}` — {description}",
    "help.cmd.help": "afficher cette aide",
    "help.footer": "Ces réponses ne sont visibles que par vous. Tapez `/smm help` à tout moment.",
    "help.unknown": "Je ne connais pas `{word}`.",
    "help.did_you_mean": "Vouliez-vous dire `{suggestion}` ?",
    "error.generic": "Un problème est survenu de notre côté. Réessayez dans une minute.",
}
