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
        "*Your objectives.* Two answers are enough to go on; each optional one sharpens the result."
    ),
    "wizard.primary_objective.label": "What should social media bring you first?",
    "wizard.secondary_objectives.label": "Other objectives",
    "wizard.secondary_objectives.hint": (
        "A sales or leads aim here adds a commercial side to the plan; you can track "
        "a KPI for each objective."
    ),
    "wizard.audience.label": "Who do you want to reach?",
    "wizard.audience.hint": (
        "A small, restricted circle (investors, partners) is well served by an in-house social "
        "media manager. Reaching a wider public to sell takes precise targeting and a well-aimed "
        "message, which is where an agency helps."
    ),
    "wizard.capabilities.label": "Skills the plan needs",
    "wizard.capabilities.hint": (
        "Each skill ticked (writing, targeting, ads…) weighs toward an agency, which "
        "brings these skills together."
    ),
    "wizard.progress.label": "How far along are you toward the main objective? (%)",
    "wizard.progress.hint": (
        "0 = not started, 100 = reached. The further from the goal, the more a fast "
        "pace calls for an agency."
    ),
    "wizard.speed.label": "How fast do you want to get there?",
    "wizard.speed.hint": (
        "The fastest pace combines organic posts (SMO, social media optimisation) with paid ads "
        "(SMA, social media advertising); an agency can run both at once."
    ),
    "wizard.sma_share.label": "Share of paid ads (SMA) in your social media effort (%)",
    "wizard.sma_share.hint": (
        "Sets how a hybrid splits the cost: the paid part goes to the agency, the "
        "organic part stays in-house (half and half if left empty)."
    ),
    "wizard.deadline.label": "Deadline for the main objective",
    "wizard.deadline.hint": (
        "An agency commits to a result over a set period, so a close, firm deadline "
        "weighs toward outsourcing."
    ),
    # step 2: means against objectives
    "wizard.means.intro": (
        "*Your means.* The first question decides how the rest is weighed; the costs give each "
        "option's monthly price."
    ),
    "wizard.limit_means.label": "What matters most?",
    "wizard.limit_means.lowest_cost": "The lowest cost that does the job",
    "wizard.limit_means.lowest_cost.description": (
        "The cheaper hourly cost, in-house or agency, decides."
    ),
    "wizard.limit_means.best_chance": "The best chance to reach the objective",
    "wizard.limit_means.best_chance.description": (
        "Every answer counts: objectives, pace, organisation, costs."
    ),
    "wizard.limit_means.hint": (
        "For the lowest cost, give both the in-house pay and the agency's price below."
    ),
    "wizard.currency.label": "Currency",
    "wizard.budget.label": "Maximum budget per month",
    "wizard.budget.hint": (
        "The most you can spend each month: an option above it is flagged, and when "
        "only one option fits, it wins."
    ),
    "wizard.hours.label": "Hours of work needed per month",
    "wizard.hours.hint": (
        "Needed to turn hourly figures into monthly costs. About 30 hours a month "
        "is one day a week."
    ),
    "wizard.in_house_hourly.label": "In-house: gross hourly wage",
    "wizard.in_house_hourly.hint": (
        "What the employee earns per hour before tax; or the annual salary below, not "
        "both. Needed for the in-house and hybrid costs."
    ),
    "wizard.in_house_salary.label": "In-house: gross annual salary",
    "wizard.in_house_salary.hint": ("Gross pay per year; or the hourly wage above, not both."),
    "wizard.load_factor.label": "In-house: cost to the company ÷ gross pay",
    "wizard.load_factor.hint": (
        "Pay plus employer charges, divided by gross pay: {default} if left empty, "
        "about {france} in France."
    ),
    "wizard.agency_hourly.label": "Agency: hourly rate",
    "wizard.agency_hourly.hint": (
        "What the agency charges per hour; or a monthly retainer below, not both. "
        "Needed for the agency and hybrid costs."
    ),
    "wizard.agency_retainer.label": "Agency: monthly retainer",
    "wizard.agency_retainer.hint": "A fixed monthly fee instead of an hourly rate.",
    # step 3: the organisation
    "wizard.organisation.intro": (
        "*Your organisation.* Only the first question is needed; the others tell whether the "
        "current set-up works."
    ),
    "wizard.current_mode.label": "Who runs your social media today?",
    "wizard.months_in_mode.label": "For how many months?",
    "wizard.months_in_mode.hint": (
        "After a year in-house without convincing results, outsourcing becomes an option."
    ),
    "wizard.agreed_months.label": "Period agreed with the agency (months)",
    "wizard.agreed_months.hint": (
        "Agency or hybrid only. An agency commits to a result over a set period; its "
        "results are judged when the period ends."
    ),
    "wizard.error.agreed_months": "Enter a period of {min} to {max} months.",
    "wizard.results.label": "Results so far",
    "wizard.results.hint": (
        "Convincing results keep the current set-up; a year without them points elsewhere."
    ),
    "wizard.manager_checked.label": "Have you checked that the social media manager is effective?",
    "wizard.manager_checked.hint": (
        "Before blaming the set-up for weak results, make sure the person in charge "
        "is not the cause."
    ),
    "wizard.vertical.label": "Is the organisation so hierarchical that it limits creativity?",
    "wizard.vertical.hint": (
        "Social media is creative work; out of fear of a bad buzz, a very "
        "hierarchical organisation can leave it little room."
    ),
    "wizard.constraints_liftable.label": "Could those constraints be lifted?",
    "wizard.constraints_liftable.hint": (
        "If they really cannot, outsource: even hierarchical organisations follow "
        "outside experts' advice."
    ),
    "wizard.interlocutor.label": (
        "Is there someone in-house with marketing experience to work with an agency?"
    ),
    "wizard.interlocutor.hint": (
        "A marketing director or the founder often fits; without one, an agency is harder to steer."
    ),
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
        "For the lowest cost, give the employee's hourly wage (or annual salary): it is "
        "compared with the agency's hourly rate."
    ),
    "wizard.error.limit_agency": (
        "For the lowest cost, give the agency's hourly rate (or a monthly retainer): it is "
        "compared with the employee's hourly wage."
    ),
    "wizard.error.limit_hours": (
        "With a retainer, give the hours per month so the agency's hourly cost can be worked out."
    ),
    # after the last step, and the draft
    "wizard.done.title": "Assessment",
    "wizard.done.text": (
        "Thank you! Working out your recommendation: it shows here in a moment, and in your DMs."
    ),
    "wizard.result.title": "Your recommendation",
    "wizard.result.more": (
        "The whole result (costs, what would change it, next steps) is in your DMs."
    ),
    "wizard.result.close": "Close",
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
        "*Vos objectifs.* Deux réponses suffisent pour continuer ; chaque réponse facultative "
        "affine le résultat."
    ),
    "wizard.primary_objective.label": "Qu'attendez-vous d'abord des réseaux sociaux ?",
    "wizard.secondary_objectives.label": "Autres objectifs",
    "wizard.secondary_objectives.hint": (
        "Un objectif de ventes ou de leads ajoute un volet commercial au plan ; "
        "vous pourrez suivre un KPI par objectif."
    ),
    "wizard.audience.label": "Qui voulez-vous toucher ?",
    "wizard.audience.hint": (
        "Pour un petit cercle restreint (investisseurs, partenaires), un social media manager "
        "en interne fait amplement l'affaire. Toucher un public plus large pour vendre demande "
        "un ciblage précis et un message bien orienté : c'est là qu'une agence aide."
    ),
    "wizard.capabilities.label": "Compétences nécessaires",
    "wizard.capabilities.hint": (
        "Chaque compétence cochée (rédaction, ciblage, publicité…) pèse en faveur "
        "d'une agence, qui les réunit."
    ),
    "wizard.progress.label": "Où en êtes-vous par rapport à l'objectif principal ? (%)",
    "wizard.progress.hint": (
        "0 = pas commencé, 100 = atteint. Plus l'objectif est loin, plus un rythme "
        "rapide demande une agence."
    ),
    "wizard.speed.label": "À quelle vitesse voulez-vous y arriver ?",
    "wizard.speed.hint": (
        "Le rythme le plus rapide combine publications organiques (SMO, optimisation pour les "
        "médias sociaux) et publicité payante (SMA, publicité sur les réseaux sociaux) ; une "
        "agence peut mener les deux à la fois."
    ),
    "wizard.sma_share.label": "Part de la publicité payante (SMA) dans votre effort (%)",
    "wizard.sma_share.hint": (
        "Fixe le partage du coût d'un hybride : la partie payante va à l'agence, "
        "l'organique reste en interne (moitié-moitié si vide)."
    ),
    "wizard.deadline.label": "Échéance de l'objectif principal",
    "wizard.deadline.hint": (
        "Une agence s'engage sur un résultat pour une durée déterminée : une "
        "échéance proche et ferme pèse en faveur de l'externalisation."
    ),
    # step 2: means against objectives
    "wizard.means.intro": (
        "*Vos moyens.* La première question décide de la façon de peser le reste ; les coûts "
        "donnent le prix mensuel de chaque option."
    ),
    "wizard.limit_means.label": "Qu'est-ce qui compte le plus ?",
    "wizard.limit_means.lowest_cost": "Le coût le plus bas qui fait le travail",
    "wizard.limit_means.lowest_cost.description": (
        "Le coût horaire le plus bas, interne ou agence, décide."
    ),
    "wizard.limit_means.best_chance": "La meilleure chance d'atteindre l'objectif",
    "wizard.limit_means.best_chance.description": (
        "Toutes les réponses comptent : objectifs, rythme, organisation, coûts."
    ),
    "wizard.limit_means.hint": (
        "Pour le coût le plus bas, indiquez ci-dessous le salaire interne et le prix de l'agence."
    ),
    "wizard.currency.label": "Devise",
    "wizard.budget.label": "Budget maximum par mois",
    "wizard.budget.hint": (
        "Le maximum que vous pouvez dépenser chaque mois : une option au-delà est "
        "signalée, et si une seule option tient dans le budget, elle l'emporte."
    ),
    "wizard.hours.label": "Heures de travail nécessaires par mois",
    "wizard.hours.hint": (
        "Nécessaire pour passer des tarifs horaires aux coûts mensuels. "
        "Environ 30 heures par mois font un jour par semaine."
    ),
    "wizard.in_house_hourly.label": "En interne : salaire horaire brut",
    "wizard.in_house_hourly.hint": (
        "Ce que l'employé gagne par heure, en brut ; ou le salaire annuel ci-dessous, "
        "pas les deux. Nécessaire aux coûts interne et hybride."
    ),
    "wizard.in_house_salary.label": "En interne : salaire annuel brut",
    "wizard.in_house_salary.hint": (
        "Le brut annuel ; ou le salaire horaire ci-dessus, pas les deux."
    ),
    "wizard.load_factor.label": "En interne : coût pour l'entreprise ÷ salaire brut",
    "wizard.load_factor.hint": (
        "Le salaire plus les charges patronales, divisé par le salaire brut : "
        "{default} si vide, environ {france} en France."
    ),
    "wizard.agency_hourly.label": "Agence : tarif horaire",
    "wizard.agency_hourly.hint": (
        "Ce que l'agence facture par heure ; ou un forfait mensuel ci-dessous, pas "
        "les deux. Nécessaire aux coûts agence et hybride."
    ),
    "wizard.agency_retainer.label": "Agence : forfait mensuel",
    "wizard.agency_retainer.hint": "Un montant fixe par mois au lieu d'un tarif horaire.",
    # step 3: the organisation
    "wizard.organisation.intro": (
        "*Votre organisation.* Seule la première question est nécessaire ; les autres disent si "
        "l'organisation actuelle fonctionne."
    ),
    "wizard.current_mode.label": "Qui gère vos réseaux sociaux aujourd'hui ?",
    "wizard.months_in_mode.label": "Depuis combien de mois ?",
    "wizard.months_in_mode.hint": (
        "Après un an en interne sans résultats probants, externaliser devient une option."
    ),
    "wizard.agreed_months.label": "Durée convenue avec l'agence (mois)",
    "wizard.agreed_months.hint": (
        "Agence ou hybride seulement. Une agence s'engage sur un résultat pour une "
        "durée déterminée ; ses résultats se jugent à son terme."
    ),
    "wizard.error.agreed_months": "Saisissez une durée de {min} à {max} mois.",
    "wizard.results.label": "Résultats jusqu'ici",
    "wizard.results.hint": (
        "Des résultats probants confortent l'organisation actuelle ; un an sans "
        "résultats oriente ailleurs."
    ),
    "wizard.manager_checked.label": "Avez-vous vérifié l'efficacité du social media manager ?",
    "wizard.manager_checked.hint": (
        "Avant de mettre en cause l'organisation pour des résultats faibles, "
        "assurez-vous que la personne en charge n'en est pas la cause."
    ),
    "wizard.vertical.label": (
        "L'organisation est-elle hiérarchique au point de brider la créativité ?"
    ),
    "wizard.vertical.hint": (
        "Les réseaux sociaux sont un métier de création ; par peur d'un bad buzz, "
        "une organisation trop hiérarchique peut ne leur laisser qu'un petit espace."
    ),
    "wizard.constraints_liftable.label": "Ces contraintes peuvent-elles être levées ?",
    "wizard.constraints_liftable.hint": (
        "Si vraiment elles ne le peuvent pas, externalisez : même les organisations "
        "hiérarchiques suivent les conseils d'experts."
    ),
    "wizard.interlocutor.label": (
        "Quelqu'un en interne a-t-il l'expérience du marketing pour piloter une agence ?"
    ),
    "wizard.interlocutor.hint": (
        "Un directeur marketing ou le dirigeant fait souvent l'affaire ; sans lui, "
        "une agence est plus difficile à piloter."
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
        "Pour le coût le plus bas, indiquez le salaire horaire de l'employé (ou son salaire "
        "annuel) : il est comparé au tarif horaire de l'agence."
    ),
    "wizard.error.limit_agency": (
        "Pour le coût le plus bas, indiquez le tarif horaire de l'agence (ou un forfait "
        "mensuel) : il est comparé au salaire horaire de l'employé."
    ),
    "wizard.error.limit_hours": (
        "Avec un forfait, indiquez les heures par mois pour en déduire le coût horaire de l'agence."
    ),
    # after the last step, and the draft
    "wizard.done.title": "Diagnostic",
    "wizard.done.text": (
        "Merci ! Nous préparons votre recommandation : elle s'affiche ici dans un instant, "
        "et dans vos messages privés."
    ),
    "wizard.result.title": "Votre recommandation",
    "wizard.result.more": (
        "Le résultat complet (coûts, ce qui le changerait, prochaines étapes) est dans vos "
        "messages privés."
    ),
    "wizard.result.close": "Fermer",
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
