"""Use cases: each opens its own transaction; none knows about Slack payloads."""
