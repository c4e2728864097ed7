"""French and English message catalogues, and locale-aware formatting (Babel)."""

from bot.i18n.translator import SUPPORTED_LOCALES, Translator, resolve_locale

__all__ = ["SUPPORTED_LOCALES", "Translator", "resolve_locale"]
