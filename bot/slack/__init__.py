"""The Web API side: per-workspace clients, people lookups, modal opening, and the one sender."""
