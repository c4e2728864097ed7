"""English messages. Keys are shared with `fr.py`; placeholders use `str.format` syntax."""

MESSAGES: dict[str, str] = {
    "app.name": "SMM Advisor",
    "help.fallback": "SMM Advisor: what you can do with /smm",
    "help.header": "SMM Advisor",
    "help.intro": (
        "I help you decide whether your social media management should stay *in-house*, "
        "go to an *agency*, or be *split* — and I keep re-deciding as your KPIs come in."
    ),
    "help.commands_title": "*Commands*",
    "help.command_line": "`{command}` — {description}",
    "help.cmd.help": "show this help",
    "help.footer": "Answers are only visible to you. Type `/smm help` any time.",
    "help.unknown": "I don't know `{word}`.",
    "help.did_you_mean": "Did you mean `{suggestion}`?",
    "error.generic": "Something went wrong on our side. Please try again in a minute.",
}
