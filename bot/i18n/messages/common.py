"""Messages shared by every surface."""

EN: dict[str, str] = {
    "app.name": "SMM Advisor",
    "error.generic": "Something went wrong on our side. Please try again in a minute.",
}

FR: dict[str, str] = {
    "app.name": "SMM Advisor",
    "error.generic": "Un problème est survenu de notre côté. Réessayez dans une minute.",
}
