"""The one home of claim-and-lease SQL: due rows are claimed here, and only here."""
