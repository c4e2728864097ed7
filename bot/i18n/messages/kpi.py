"""Messages of the kpi surfaces (fill EN and FR together)."""

EN: dict[str, str] = {}

FR: dict[str, str] = {}
