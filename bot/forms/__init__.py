"""Pure parsers: Slack payload fragments in, domain values (or field errors) out."""
