"""The direction of dependencies (DESIGN §1, STYLE 'Direction of dependencies') holds."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def imported_modules(path: Path) -> set[str]:
    """Absolute module names imported by a source file."""
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module)
    return modules


def sources(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def test_scoring_imports_only_the_standard_library_and_itself() -> None:
    allowed = set(sys.stdlib_module_names) | {"scoring", "__future__"}
    for path in sources("scoring"):
        roots = {name.split(".")[0] for name in imported_modules(path)}
        assert roots <= allowed, f"{path.relative_to(ROOT)} imports {roots - allowed}"


def test_only_the_store_and_migrations_import_sqlalchemy_or_sqlmodel() -> None:
    for path in sources("bot"):
        if path.is_relative_to(ROOT / "bot" / "store"):
            continue
        roots = {name.split(".")[0] for name in imported_modules(path)}
        assert not roots & {"sqlalchemy", "sqlmodel", "alembic"}, path.relative_to(ROOT)


@pytest.mark.parametrize("package", ["bot/blocks", "bot/forms", "bot/i18n"])
def test_builders_and_parsers_stay_pure(package: str) -> None:
    forbidden = {"slack_sdk", "slack_bolt", "bot.store", "bot.services", "bot.listeners"}
    for path in sources(package):
        for name in imported_modules(path):
            assert not any(name == f or name.startswith(f + ".") for f in forbidden), (
                f"{path.relative_to(ROOT)} imports {name}"
            )


def test_listeners_never_touch_the_database_directly() -> None:
    for path in sources("bot/listeners"):
        for name in imported_modules(path):
            assert not name.startswith("bot.store"), f"{path.relative_to(ROOT)} imports {name}"


def test_only_the_entry_point_reads_the_environment() -> None:
    for path in sources("bot"):
        if path.name == "__main__.py" or path.is_relative_to(ROOT / "bot" / "sandbox"):
            continue
        text = path.read_text()
        assert "os.environ" not in text and "getenv" not in text, path.relative_to(ROOT)


def test_services_know_nothing_of_slack_or_of_the_slack_surfaces() -> None:
    forbidden = {"slack_sdk", "slack_bolt", "bot.forms", "bot.blocks", "bot.listeners"}
    for path in sources("bot/services"):
        for name in imported_modules(path):
            assert not any(name == f or name.startswith(f + ".") for f in forbidden), (
                f"{path.relative_to(ROOT)} imports {name}"
            )


def test_the_long_lived_deps_depend_on_no_use_case() -> None:
    assert not {
        n for n in imported_modules(ROOT / "bot" / "deps.py") if n.startswith("bot.services")
    }
