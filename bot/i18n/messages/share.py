"""Messages of the share surfaces (fill EN and FR together)."""

EN: dict[str, str] = {
    "share.not_yours": "Only the person who made this assessment can share its recommendation.",
    "share.title": "Share to a channel",
    "share.submit": "Share",
    "share.close": "Cancel",
    "share.channel_label": "Channel",
    "share.channel_placeholder": "Choose a channel",
    "share.channel_hint": "Everyone in the channel will see the recommendation.",
    "share.channel_required": "Choose a channel to share to.",
    "share.error.not_a_channel": "Choose a channel: a recommendation is not shared with one person here.",
    "share.error.not_member": "I'm not in that channel yet: type `/invite @SMM Advisor` in it, then share again.",
    "share.error.archived": "That channel is archived: choose another one.",
    "share.not_in_channel": (
        "I'm not a member of <#{channel}>, so I can't post there. "
        "Type `/invite` <@{bot}> in <#{channel}>, then share the recommendation again."
    ),
    "share.not_in_channel_fallback": "I can't post in that channel yet: invite me first.",
    "share.done": ":white_check_mark: Shared in <#{channel}>.",
    "share.done_fallback": "Recommendation shared.",
}

FR: dict[str, str] = {
    "share.not_yours": "Seule la personne qui a fait ce diagnostic peut en partager la recommandation.",
    "share.title": "Partager dans un canal",
    "share.submit": "Partager",
    "share.close": "Annuler",
    "share.channel_label": "Canal",
    "share.channel_placeholder": "Choisissez un canal",
    "share.channel_hint": "Tous les membres du canal verront la recommandation.",
    "share.channel_required": "Choisissez le canal où partager.",
    "share.error.not_a_channel": "Choisissez un canal : ici, une recommandation ne se partage pas avec une seule personne.",
    "share.error.not_member": "Je ne suis pas encore dans ce canal : tapez `/invite @SMM Advisor` dans le canal, puis partagez à nouveau.",
    "share.error.archived": "Ce canal est archivé : choisissez-en un autre.",
    "share.not_in_channel": (
        "Je ne suis pas membre de <#{channel}> : je ne peux pas y publier. "
        "Tapez `/invite` <@{bot}> dans <#{channel}>, puis partagez à nouveau la recommandation."
    ),
    "share.not_in_channel_fallback": "Je ne peux pas encore publier dans ce canal : invitez-moi d'abord.",
    "share.done": ":white_check_mark: Partagé dans <#{channel}>.",
    "share.done_fallback": "Recommandation partagée.",
}
