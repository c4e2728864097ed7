"""Messages of the share surfaces (fill EN and FR together)."""

EN: dict[str, str] = {}

FR: dict[str, str] = {}
