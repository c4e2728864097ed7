"""Persistence: SQLModel tables, engine and session helpers, repo functions, migrations runner."""
