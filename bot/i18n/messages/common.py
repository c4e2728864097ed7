"""Messages shared by every surface."""

EN: dict[str, str] = {
    "error.generic": "Something went wrong on our side. Please try again in a minute.",
    "error.not_installed": "SMM Advisor is not installed in your workspace: ask an admin of your workspace to install it.",
    "error.not_found": "That item no longer exists, or it is not yours. Run `/smm help` to start again.",
    "delivery.result_failed": "Slack refused to show your recommendation, so it did not arrive. Your answers are saved: type `/smm assess` to open them again and send them once more.",
    "delivery.share_failed": "Slack refused the copy of your recommendation for <#{channel}>, so it was not posted there. Try sharing it again in a minute.",
    "delivery.result_pending": "Your recommendation is on its way: Slack is slow to take it right now, and it will arrive here as soon as it does. No need to answer again.",
    "modal.too_slow": "Slack took too long to open the form: please click again (or run `/smm assess`). Nothing you saved is lost.",
}

FR: dict[str, str] = {
    "error.generic": "Un problème est survenu de notre côté. Réessayez dans une minute.",
    "error.not_installed": "SMM Advisor n'est pas installé dans votre espace de travail : demandez à un administrateur de l'installer.",
    "error.not_found": "Cet élément n'existe plus, ou il n'est pas à vous. Tapez `/smm help` pour repartir.",
    "delivery.result_failed": "Slack a refusé d'afficher votre recommandation : elle n'est pas arrivée. Vos réponses sont enregistrées : tapez `/smm assess` pour les rouvrir et les envoyer à nouveau.",
    "delivery.share_failed": "Slack a refusé la copie de votre recommandation pour <#{channel}> : elle n'y a pas été publiée. Réessayez de la partager dans une minute.",
    "delivery.result_pending": "Votre recommandation est en route : Slack tarde à la prendre en ce moment, elle arrivera ici dès que possible. Inutile de répondre à nouveau.",
    "modal.too_slow": "Slack a mis trop de temps à ouvrir le formulaire : cliquez à nouveau (ou lancez `/smm assess`). Rien de ce que vous avez enregistré n'est perdu.",
}
