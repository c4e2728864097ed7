"""Messages shared by every surface."""

EN: dict[str, str] = {
    "error.generic": "Something went wrong on our side. Please try again in a minute.",
    "modal.too_slow": "Slack took too long to open the form: please click again (or run `/smm assess`). Nothing you saved is lost.",
}

FR: dict[str, str] = {
    "error.generic": "Un problème est survenu de notre côté. Réessayez dans une minute.",
    "modal.too_slow": "Slack a mis trop de temps à ouvrir le formulaire : cliquez à nouveau (ou lancez `/smm assess`). Rien de ce que vous avez enregistré n'est perdu.",
}
