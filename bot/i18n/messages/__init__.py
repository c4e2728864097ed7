"""Message catalogues, one module per surface, each with an `EN` and an `FR` dict side by side.

Keys are shared by both languages; placeholders use `str.format` syntax. A test checks that both
languages have the same keys and the same placeholders.
"""
