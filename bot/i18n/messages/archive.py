"""Messages of archiving an assessment and restoring it (fill EN and FR together)."""

EN: dict[str, str] = {
    "archive.button.archive": "Archive",
    "archive.button.restore": "Restore",
    "archive.confirm.title": "Archive this assessment?",
    "archive.confirm.text": (
        "Its KPIs get no more check-ins, it is no longer re-evaluated, and the review channel "
        "gets no new post about it. Its history is kept: you can restore it at any time."
    ),
    "archive.confirm.yes": "Archive",
    "archive.confirm.no": "Cancel",
    "archive.dm.archived": (
        ":file_cabinet: Archived on {date}: no more check-ins, re-evaluations or reviews. "
        "Restore it to pick up from the next check-in."
    ),
    "archive.review.archived": (
        ":file_cabinet: Archived by <@{user}> on {date}: no more check-ins or reviews for this "
        "assessment."
    ),
    "archive.review.restored": ":leftwards_arrow_with_hook: Restored by <@{user}> on {date}.",
    "archive.refused.not_yours": (
        "Only the person who made this assessment can archive or restore it."
    ),
    "archive.refused.already_archived": (
        "This assessment is already archived (since {date}): nothing more to do."
    ),
    "archive.refused.already_active": (
        "This assessment is already active: its check-ins and reviews go on."
    ),
    "archive.refused.gone": "This assessment no longer exists.",
    "archive.done.archived": "Archived. Restore it here or from its result message.",
    "archive.done.restored": "Restored: its check-ins resume from the next one due.",
    "archive.list.fallback": "Your assessments",
    "archive.list.title": (
        "*Your assessments*\nArchiving one stops its check-ins, re-evaluations and reviews; "
        "restoring it resumes them from the next check-in."
    ),
    "archive.list.active_line": "*Assessment {objective}* — {verdict}\nActive since {date}",
    "archive.list.archived_line": "*Assessment {objective}* — {verdict}\nArchived on {date}",
    "archive.list.verdict": "{verdict} ({percent})",
    "archive.list.no_verdict": "no recommendation yet",
    "archive.list.none": "You have no assessment yet: start one with `/smm assess`.",
    "reevaluate.archived": (
        "Archived assessments are not re-evaluated ({count} of yours): restore one with "
        "`/smm archive` to re-evaluate it."
    ),
    "reevaluate.only_archived": (
        "Your assessments are archived ({count}), so none was re-evaluated: restore one with "
        "`/smm archive` first."
    ),
    "review.refused.archived": (
        "This assessment is archived: its recommendations wait until its owner restores it."
    ),
    "help.cmd.archive": "archive one of your assessments (no more check-ins or reviews), or restore it",
}

FR: dict[str, str] = {
    "archive.button.archive": "Archiver",
    "archive.button.restore": "Restaurer",
    "archive.confirm.title": "Archiver ce diagnostic ?",
    "archive.confirm.text": (
        "Ses KPI n'auront plus de points d'étape, il ne sera plus réévalué et le canal de revue "
        "ne recevra plus rien à son sujet. Son historique est gardé : vous pouvez le restaurer "
        "à tout moment."
    ),
    "archive.confirm.yes": "Archiver",
    "archive.confirm.no": "Annuler",
    "archive.dm.archived": (
        ":file_cabinet: Archivé le {date} : plus de points d'étape, de réévaluations ni de "
        "revues. Restaurez-le pour reprendre au prochain point d'étape."
    ),
    "archive.review.archived": (
        ":file_cabinet: Archivé par <@{user}> le {date} : plus de points d'étape ni de revues "
        "pour ce diagnostic."
    ),
    "archive.review.restored": ":leftwards_arrow_with_hook: Restauré par <@{user}> le {date}.",
    "archive.refused.not_yours": (
        "Seule la personne qui a fait ce diagnostic peut l'archiver ou le restaurer."
    ),
    "archive.refused.already_archived": (
        "Ce diagnostic est déjà archivé (depuis le {date}) : rien de plus à faire."
    ),
    "archive.refused.already_active": (
        "Ce diagnostic est déjà actif : ses points d'étape et ses revues continuent."
    ),
    "archive.refused.gone": "Ce diagnostic n'existe plus.",
    "archive.done.archived": "Archivé. Restaurez-le ici ou depuis son message de résultat.",
    "archive.done.restored": "Restauré : ses points d'étape reprennent au prochain prévu.",
    "archive.list.fallback": "Vos diagnostics",
    "archive.list.title": (
        "*Vos diagnostics*\nArchiver un diagnostic arrête ses points d'étape, réévaluations et "
        "revues ; le restaurer les reprend au prochain point d'étape."
    ),
    "archive.list.active_line": "*Diagnostic {objective}* — {verdict}\nActif depuis le {date}",
    "archive.list.archived_line": "*Diagnostic {objective}* — {verdict}\nArchivé le {date}",
    "archive.list.verdict": "{verdict} ({percent})",
    "archive.list.no_verdict": "pas encore de recommandation",
    "archive.list.none": "Vous n'avez pas encore de diagnostic : lancez-en un avec `/smm assess`.",
    "reevaluate.archived": (
        "Les diagnostics archivés ne sont pas réévalués ({count} des vôtres) : restaurez-en un "
        "avec `/smm archive` pour le réévaluer."
    ),
    "reevaluate.only_archived": (
        "Vos diagnostics sont archivés ({count}), aucun n'a donc été réévalué : restaurez-en un "
        "avec `/smm archive` d'abord."
    ),
    "review.refused.archived": (
        "Ce diagnostic est archivé : ses recommandations attendent que son auteur le restaure."
    ),
    "help.cmd.archive": "archiver un de vos diagnostics (plus de points d'étape ni de revues), ou le restaurer",
}
