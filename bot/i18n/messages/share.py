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
    "share.pay_label": "Pay figures",
    "share.pay_option": "Show wages, salaries and hourly costs in the channel",
    "share.pay_hint": "Left out unless you tick it: the channel sees each option's monthly cost only.",
    "share.preview_title": "*Preview*: what the channel will see (pay figures left out).",
    "share.preview_title_pay": "*Preview*: what the channel will see, pay figures included.",
    "share.again_note": ":warning: This version is already in <#{channel}>: you shared it there on {date}.",
    "share.again_label": "Share it there again?",
    "share.again_option": "Yes, post a second copy in this channel",
    "share.again_required": "Tick the box to post it there again, or choose another channel.",
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
    "share.pay_label": "Rémunérations",
    "share.pay_option": "Montrer salaires et coûts horaires dans le canal",
    "share.pay_hint": "Masqués sauf si vous cochez\u00a0: le canal ne voit que le coût mensuel de chaque option.",
    "share.preview_title": "*Aperçu*\u00a0: ce que verra le canal (sans les rémunérations).",
    "share.preview_title_pay": "*Aperçu*\u00a0: ce que verra le canal, rémunérations comprises.",
    "share.again_note": ":warning: Cette version est déjà dans <#{channel}>\u00a0: vous l'y avez partagée le {date}.",
    "share.again_label": "La partager à nouveau\u202f?",
    "share.again_option": "Oui, publier une seconde copie dans ce canal",
    "share.again_required": "Cochez la case pour la publier à nouveau, ou choisissez un autre canal.",
}
