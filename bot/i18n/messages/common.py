"""Messages shared by every surface."""

EN: dict[str, str] = {
    "error.generic": "Something went wrong on our side. Please try again in a minute.",
    "error.not_installed": "SMM Advisor is not installed in your workspace: ask an admin of your workspace to install it.",
    "error.not_found": "That item no longer exists, or it is not yours. Run `/smm help` to start again.",
    "modal.too_slow": "Slack took too long to open the form: please click again (or run `/smm assess`). Nothing you saved is lost.",
}

FR: dict[str, str] = {
    "error.generic": "Un problème est survenu de notre côté. Réessayez dans une minute.",
    "error.not_installed": "SMM Advisor n'est pas installé dans votre espace de travail : demandez à un administrateur de l'installer.",
    "error.not_found": "Cet élément n'existe plus, ou il n'est pas à vous. Tapez `/smm help` pour repartir.",
    "modal.too_slow": "Slack a mis trop de temps à ouvrir le formulaire : cliquez à nouveau (ou lancez `/smm assess`). Rien de ce que vous avez enregistré n'est perdu.",
}
