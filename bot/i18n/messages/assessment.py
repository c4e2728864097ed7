"""Messages of the assessment surfaces (fill EN and FR together).

Option labels (objectives, audiences, capabilities, speeds, modes, results) are not here: they
come from the scoring catalogue through `Translator.label`, so the wizard and the recommendation
name things the same way.
"""

EN: dict[str, str] = {
    # the modal frame
    "wizard.title": "Assessment {number}/{total}",
    "wizard.submit.next": "Next",
    "wizard.submit.finish": "Get my recommendation",
    "wizard.close": "Cancel",
    "wizard.resumed.text": "We kept your draft: your earlier answers are filled in below.",
    "wizard.resumed.start_over": "Start over",
    "wizard.choose": "Choose…",
    "wizard.number_placeholder": "e.g. {example}",
    "wizard.date_placeholder": "e.g. {date}",
    "wizard.option.yes": "Yes",
    "wizard.option.no": "No",
    "wizard.option.unknown": "Don't know",
    # step 1: objectives, audience, progress and speed
    "wizard.goals.intro": (
        "*Your objectives come first.* Every decision aims at a precise objective: leads, "
        "a community that identifies with your brand, awareness… The rest is finding the best "
        "path to it: who you talk to, the skills it takes, how far along you are and how fast "
        "you want to go."
    ),
    "wizard.primary_objective.label": "Main objective on social media",
    "wizard.secondary_objectives.label": "Other objectives",
    "wizard.audience.label": "Who do you want to reach?",
    "wizard.audience.hint": (
        "Talking to a small restricted community such as investors and partners, an in-house "
        "social media manager is plenty. Commercial intent beyond that takes precise targeting "
        "and a well-aimed message: outsourcing becomes relevant."
    ),
    "wizard.capabilities.label": "Skills the plan needs",
    "wizard.capabilities.hint": (
        "A commercial mission takes several skills at once, the kind an agency brings together."
    ),
    "wizard.progress.label": "How far along are you toward the main objective? (%)",
    "wizard.progress.hint": "0 = not started, 100 = reached. Leave empty if you don't know.",
    "wizard.speed.label": "How fast do you want to get there?",
    "wizard.speed.hint": (
        "Maximal acceleration means all the turbos: a strategic mix of SMO (organic) "
        "and SMA (paid ads)."
    ),
    "wizard.sma_share.label": "Paid (SMA) share of your SMO + SMA mix (%)",
    "wizard.sma_share.hint": (
        "Leave empty if you don't know: finding the right mix often takes a dedicated mission."
    ),
    "wizard.deadline.label": "Deadline for the main objective",
    "wizard.deadline.hint": (
        "An agency commits to an objective over a set period: a firm deadline can be a reason "
        "to outsource."
    ),
    # step 2: means against objectives
    "wizard.means.intro": (
        "*Your means against your objectives.* At most, how much are you ready to put in to "
        "reach the objective? If you really want to limit the means and do just what is needed, "
        "compare the employee's hourly wage with the provider's hourly cost, all else being "
        "equal: the lower one shows the way."
    ),
    "wizard.currency.label": "Currency",
    "wizard.budget.label": "Maximum budget per month",
    "wizard.budget.hint": "The most you can spend each month, in the chosen currency.",
    "wizard.hours.label": "Hours of work needed per month",
    "wizard.hours.hint": "About 30 hours is one day a week.",
    "wizard.in_house_hourly.label": "In-house: gross hourly wage",
    "wizard.in_house_hourly.hint": (
        "Per hour, in the chosen currency. Give this or the annual salary, not both."
    ),
    "wizard.in_house_salary.label": "In-house: gross annual salary",
    "wizard.in_house_salary.hint": (
        "Gross pay per year, in the chosen currency. Give this or the hourly wage, not both."
    ),
    "wizard.load_factor.label": "In-house: employer cost factor",
    "wizard.load_factor.hint": (
        "Employer cost ÷ gross pay: {default} if left empty, about {france} in France."
    ),
    "wizard.agency_hourly.label": "Agency: hourly rate",
    "wizard.agency_hourly.hint": (
        "Per hour, in the chosen currency. Give this or a monthly retainer, not both."
    ),
    "wizard.agency_retainer.label": "Agency: monthly retainer",
    "wizard.agency_retainer.hint": "Per month, in the chosen currency.",
    "wizard.limit_means.label": "Limit the means",
    "wizard.limit_means.option": "Just what is needed: the cheaper hourly cost decides",
    "wizard.limit_means.hint": "Then give both the in-house cost and the agency's cost.",
    # step 3: the organisation
    "wizard.organisation.intro": (
        "*Your organisation.* If you have tried in-house for more than a year without "
        "convincing results, and checked the social media manager's own effectiveness, it may "
        "be time to outsource. A too vertical organisation can also stifle what is a creative "
        "job. Whatever you choose, keep an internal interlocutor with marketing notions."
    ),
    "wizard.current_mode.label": "How is social media managed today?",
    "wizard.months_in_mode.label": "For how many months?",
    "wizard.months_in_mode.hint": (
        "More than a year in-house without convincing results is a signal to outsource."
    ),
    "wizard.agreed_months.label": "Period agreed with the agency (months)",
    "wizard.agreed_months.hint": (
        "Agency or hybrid only: an agency commits to an objective over a set period, "
        "and is judged when it ends."
    ),
    "wizard.error.agreed_months": "Enter a period of {min} to {max} months.",
    "wizard.results.label": "Results so far",
    "wizard.manager_checked.label": "Have you checked the social media manager's own effectiveness?",
    "wizard.vertical.label": "Is the organisation very vertical (little room for creativity)?",
    "wizard.vertical.hint": (
        "Social media management is a creative job; out of fear of a bad buzz or an attack, "
        "a too vertical organisation can shrink it to a narrow space."
    ),
    "wizard.constraints_liftable.label": "Could those organisational constraints be lifted?",
    "wizard.constraints_liftable.hint": (
        "If they really cannot, outsource: even vertical organisations follow experts' advice."
    ),
    "wizard.interlocutor.label": "Is there an internal interlocutor with marketing notions?",
    "wizard.interlocutor.hint": "A marketing director or the entrepreneur often does the job.",
    # field errors
    "wizard.error.required": "Please choose an option.",
    "wizard.error.choice": "Unknown option; please choose one from the list.",
    "wizard.error.number": "Enter a number, e.g. {example}",
    "wizard.error.negative": "An amount cannot be negative.",
    "wizard.error.percent": "Enter a percentage between 0 and 100.",
    "wizard.error.months": "Enter at most {max} months.",
    "wizard.error.hours": "A month has at most {max} hours.",
    "wizard.error.load_factor": "Enter a factor between {min} and {max}.",
    "wizard.error.deadline_past": "This deadline is in the past: choose {today} or later.",
    "wizard.error.in_house_one": "Give the hourly wage or the annual salary, not both.",
    "wizard.error.agency_one": "Give the hourly rate or the monthly retainer, not both.",
    "wizard.error.limit_in_house": (
        "To limit the means, give the employee's hourly wage (or salary): it is compared with "
        "the provider's hourly cost."
    ),
    "wizard.error.limit_agency": (
        "To limit the means, give the provider's hourly rate (or a monthly retainer): it is "
        "compared with the employee's hourly wage."
    ),
    "wizard.error.limit_hours": (
        "With a retainer, give the hours per month so the provider's hourly cost can be worked out."
    ),
    # after the last step, and the draft
    "wizard.done.title": "Assessment",
    "wizard.done.text": "Thank you! Your recommendation is on its way to your DMs.",
    "wizard.done.close": "Close",
    "wizard.draft.text": (
        "Your answers are saved as a draft. Pick up where you left off whenever you like."
    ),
    "wizard.draft.resume": "Resume",
    "wizard.draft.discard": "Discard the draft",
    "wizard.draft_discarded": "Draft discarded.",
    "wizard.not_yours": "Only the person who made this assessment can edit its answers.",
}

FR: dict[str, str] = {
    # the modal frame
    "wizard.title": "Diagnostic {number}/{total}",
    "wizard.submit.next": "Suivant",
    "wizard.submit.finish": "Voir ma recommandation",
    "wizard.close": "Annuler",
    "wizard.resumed.text": (
        "Nous avons gardé votre brouillon : vos réponses précédentes sont reprises ci-dessous."
    ),
    "wizard.resumed.start_over": "Recommencer",
    "wizard.choose": "Choisir…",
    "wizard.number_placeholder": "ex. {example}",
    "wizard.date_placeholder": "ex. {date}",
    "wizard.option.yes": "Oui",
    "wizard.option.no": "Non",
    "wizard.option.unknown": "Je ne sais pas",
    # step 1: objectives, audience, progress and speed
    "wizard.goals.intro": (
        "*Vos objectifs d'abord.* Toute décision vise un objectif précis : des leads, une "
        "communauté qui s'identifie à votre marque, la notoriété… Le reste consiste à trouver "
        "le chemin optimal pour l'atteindre : à qui vous parlez, les compétences nécessaires, "
        "où vous en êtes et à quelle vitesse vous voulez avancer."
    ),
    "wizard.primary_objective.label": "Objectif principal sur les réseaux sociaux",
    "wizard.secondary_objectives.label": "Autres objectifs",
    "wizard.audience.label": "Qui voulez-vous toucher ?",
    "wizard.audience.hint": (
        "Pour parler à une petite communauté restreinte, par exemple les investisseurs et "
        "partenaires, un social media manager en interne fait amplement l'affaire. Des "
        "intentions commerciales au-delà demandent un ciblage précis et un message bien "
        "orienté : externaliser devient pertinent."
    ),
    "wizard.capabilities.label": "Compétences nécessaires",
    "wizard.capabilities.hint": (
        "Une mission commerciale demande plusieurs compétences à la fois, celles qu'une agence "
        "réunit."
    ),
    "wizard.progress.label": "Où en êtes-vous par rapport à l'objectif principal ? (%)",
    "wizard.progress.hint": "0 = pas commencé, 100 = atteint. Laissez vide si vous ne savez pas.",
    "wizard.speed.label": "À quelle vitesse voulez-vous y arriver ?",
    "wizard.speed.hint": (
        "L'accélération maximale, c'est activer tous les turbos : un mix stratégique entre "
        "SMO (organique) et SMA (publicité)."
    ),
    "wizard.sma_share.label": "Part payante (SMA) de votre mix SMO + SMA (%)",
    "wizard.sma_share.hint": (
        "Laissez vide si vous ne savez pas : trouver le bon mix demande souvent une mission dédiée."
    ),
    "wizard.deadline.label": "Échéance de l'objectif principal",
    "wizard.deadline.hint": (
        "Une agence s'engage sur un objectif pour une durée déterminée : une échéance précise "
        "peut justifier d'externaliser."
    ),
    # step 2: means against objectives
    "wizard.means.intro": (
        "*Vos moyens par rapport à vos objectifs.* Quel est le budget maximum que vous êtes "
        "prêt à mettre pour atteindre l'objectif ? Si vous voulez vraiment limiter les moyens "
        "et faire juste le nécessaire, comparez le salaire horaire de l'employé et le coût "
        "horaire du prestataire, toute chose égale par ailleurs : le minimum indique la voie."
    ),
    "wizard.currency.label": "Devise",
    "wizard.budget.label": "Budget maximum par mois",
    "wizard.budget.hint": "Le maximum que vous pouvez dépenser chaque mois, dans la devise choisie.",
    "wizard.hours.label": "Heures de travail nécessaires par mois",
    "wizard.hours.hint": "Environ 30 heures font un jour par semaine.",
    "wizard.in_house_hourly.label": "En interne : salaire horaire brut",
    "wizard.in_house_hourly.hint": (
        "Par heure, dans la devise choisie. Indiquez ceci ou le salaire annuel, pas les deux."
    ),
    "wizard.in_house_salary.label": "En interne : salaire annuel brut",
    "wizard.in_house_salary.hint": (
        "Brut par an, dans la devise choisie. Indiquez ceci ou le salaire horaire, pas les deux."
    ),
    "wizard.load_factor.label": "En interne : coefficient employeur",
    "wizard.load_factor.hint": (
        "Coût employeur ÷ salaire brut : {default} si vide, environ {france} en France."
    ),
    "wizard.agency_hourly.label": "Agence : tarif horaire",
    "wizard.agency_hourly.hint": (
        "Par heure, dans la devise choisie. Indiquez ceci ou un forfait mensuel, pas les deux."
    ),
    "wizard.agency_retainer.label": "Agence : forfait mensuel",
    "wizard.agency_retainer.hint": "Par mois, dans la devise choisie.",
    "wizard.limit_means.label": "Limiter les moyens",
    "wizard.limit_means.option": "Juste le nécessaire : le coût horaire le plus bas décide",
    "wizard.limit_means.hint": "Indiquez alors le coût interne et le coût de l'agence.",
    # step 3: the organisation
    "wizard.organisation.intro": (
        "*Votre organisation.* Si vous avez essayé plus d'un an en interne sans résultats "
        "probants, après vous être assuré de l'efficacité du social media manager, c'est "
        "peut-être le moment d'externaliser. Une organisation trop verticale peut aussi brider "
        "un métier de créativité. Quel que soit le choix, gardez un interlocuteur interne qui "
        "a des notions de marketing."
    ),
    "wizard.current_mode.label": "Comment la gestion est-elle faite aujourd'hui ?",
    "wizard.months_in_mode.label": "Depuis combien de mois ?",
    "wizard.months_in_mode.hint": (
        "Plus d'un an en interne sans résultats probants : un signal pour externaliser."
    ),
    "wizard.agreed_months.label": "Durée convenue avec l'agence (mois)",
    "wizard.agreed_months.hint": (
        "Agence ou hybride seulement : une agence s'engage sur un objectif pour une durée "
        "déterminée, et se juge à son terme."
    ),
    "wizard.error.agreed_months": "Saisissez une durée de {min} à {max} mois.",
    "wizard.results.label": "Résultats jusqu'ici",
    "wizard.manager_checked.label": "Avez-vous vérifié l'efficacité du social media manager ?",
    "wizard.vertical.label": "L'organisation est-elle très verticale (peu de place à la créativité) ?",
    "wizard.vertical.hint": (
        "Le social media management est un métier de créativité ; par peur d'un bad buzz ou "
        "d'une attaque, une organisation trop verticale peut le réduire à un petit espace."
    ),
    "wizard.constraints_liftable.label": "Ces contraintes d'organisation peuvent-elles être levées ?",
    "wizard.constraints_liftable.hint": (
        "Si vraiment elles ne le peuvent pas, externalisez : même les organisations verticales "
        "suivent les conseils des experts."
    ),
    "wizard.interlocutor.label": "Y a-t-il un interlocuteur interne avec des notions de marketing ?",
    "wizard.interlocutor.hint": (
        "Un directeur marketing ou l'entrepreneur lui-même fait souvent l'affaire."
    ),
    # field errors
    "wizard.error.required": "Choisissez une option.",
    "wizard.error.choice": "Option inconnue ; choisissez-en une dans la liste.",
    "wizard.error.number": "Saisissez un nombre, par ex. {example}",
    "wizard.error.negative": "Un montant ne peut pas être négatif.",
    "wizard.error.percent": "Saisissez un pourcentage entre 0 et 100.",
    "wizard.error.months": "Saisissez au plus {max} mois.",
    "wizard.error.hours": "Un mois compte au plus {max} heures.",
    "wizard.error.load_factor": "Saisissez un coefficient entre {min} et {max}.",
    "wizard.error.deadline_past": "Cette échéance est passée : choisissez le {today} ou après.",
    "wizard.error.in_house_one": "Indiquez le salaire horaire ou le salaire annuel, pas les deux.",
    "wizard.error.agency_one": "Indiquez le tarif horaire ou le forfait mensuel, pas les deux.",
    "wizard.error.limit_in_house": (
        "Pour limiter les moyens, indiquez le salaire horaire de l'employé (ou son salaire) : "
        "il est comparé au coût horaire du prestataire."
    ),
    "wizard.error.limit_agency": (
        "Pour limiter les moyens, indiquez le tarif horaire du prestataire (ou un forfait "
        "mensuel) : il est comparé au salaire horaire de l'employé."
    ),
    "wizard.error.limit_hours": (
        "Avec un forfait, indiquez les heures par mois pour en déduire le coût horaire du "
        "prestataire."
    ),
    # after the last step, and the draft
    "wizard.done.title": "Diagnostic",
    "wizard.done.text": "Merci ! Votre recommandation arrive dans vos messages privés.",
    "wizard.done.close": "Fermer",
    "wizard.draft.text": (
        "Vos réponses sont enregistrées comme brouillon. Reprenez là où vous en étiez quand "
        "vous voulez."
    ),
    "wizard.draft.resume": "Reprendre",
    "wizard.draft.discard": "Supprimer le brouillon",
    "wizard.draft_discarded": "Brouillon supprimé.",
    "wizard.not_yours": "Seule la personne qui a fait ce diagnostic peut en modifier les réponses.",
}
