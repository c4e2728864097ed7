"""The direction of dependencies (DESIGN §1, STYLE 'Direction of dependencies') holds.

Each rule is checked on the code, and on a planted violation written in every import form
(`import a.b`, `import a.b as c`, `from a import b`, `from a.b import c`, relative imports),
so a rule that cannot fail is caught too.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def module_name(path: Path) -> str:
    """`bot/store/repo.py` → `bot.store.repo`; a package's `__init__.py` is the package."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(source: str, module: str, *, is_package: bool = False) -> set[str]:
    """Every module a source imports, absolute: relative imports resolved against `module`,
    and `from a import b` counted as both `a` and `a.b` (b may be a module)."""
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".") if package else []
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join([*base_parts, *([node.module] if node.module else [])])
            else:
                base = node.module or ""
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names if alias.name != "*")
    return {name for name in found if name}


def session_calls(source: str) -> list[str]:
    """ORM work written in a module: `session.add/get/delete/exec/execute/flush(…)`, `select(…)`."""
    calls = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if (
            isinstance(func, ast.Attribute)
            and func.attr in {"add", "get", "delete", "exec", "execute", "flush"}
            and isinstance(func.value, ast.Name)
            and func.value.id == "session"
        ):
            calls.append(f"session.{func.attr}")
        elif isinstance(func, ast.Name) and func.id == "select":
            calls.append("select")
    return calls


@dataclass(frozen=True)
class Rule:
    """Modules under `scope` (minus `exempt`) may not import anything `forbidden` matches."""

    name: str
    scope: tuple[str, ...]
    forbidden: Callable[[str], bool]
    exempt: tuple[str, ...] = ()

    def applies_to(self, module: str) -> bool:
        def under(prefix: str) -> bool:
            return module == prefix or module.startswith(prefix + ".")

        return any(under(s) for s in self.scope) and not any(under(e) for e in self.exempt)

    def violations(self, module: str, imports: Iterable[str]) -> set[str]:
        return (
            {name for name in imports if self.forbidden(name)} if self.applies_to(module) else set()
        )


def _under(*prefixes: str) -> Callable[[str], bool]:
    return lambda name: any(name == p or name.startswith(p + ".") for p in prefixes)


STDLIB = set(sys.stdlib_module_names) | {"__future__"}

RULES = [
    Rule(
        "scoring imports only the standard library and itself",
        ("scoring",),
        lambda name: name.split(".")[0] not in STDLIB | {"scoring"},
    ),
    Rule(
        "only the store and migrations touch SQLAlchemy, SQLModel or Alembic",
        ("bot",),
        _under("sqlalchemy", "sqlmodel", "alembic"),
        exempt=("bot.store",),
    ),
    Rule(
        "builders, parsers and catalogues stay pure",
        ("bot.blocks", "bot.forms", "bot.i18n"),
        _under(
            "slack_sdk", "slack_bolt", "bot.store", "bot.services", "bot.listeners", "bot.slack"
        ),
    ),
    Rule("listeners never touch the store", ("bot.listeners",), _under("bot.store")),
    Rule(
        # They render what they send (bot.blocks, DESIGN §1) but never read a payload.
        "services know nothing of Slack payloads or listeners",
        ("bot.services",),
        _under("slack_sdk", "slack_bolt", "bot.forms", "bot.listeners"),
    ),
    Rule(
        "the store imports no use case, listener, builder or parser",
        ("bot.store",),
        _under("bot.services", "bot.listeners", "bot.blocks", "bot.forms", "bot.slack"),
    ),
    Rule(
        "the Web API side imports no use case, listener or store",
        ("bot.slack",),
        _under("bot.services", "bot.listeners", "bot.store", "bot.blocks"),
    ),
    Rule(
        "production code never imports the Slack stand-in",
        ("bot",),
        _under("bot.sandbox"),
        exempt=("bot.sandbox", "bot.demo", "bot.__main__"),
    ),
    Rule("the long-lived deps depend on no use case", ("bot.deps",), _under("bot.services")),
]


def sources() -> list[Path]:
    return sorted([*(ROOT / "bot").rglob("*.py"), *(ROOT / "scoring").rglob("*.py")])


def imports_of(path: Path) -> set[str]:
    return imported_modules(
        path.read_text(), module_name(path), is_package=path.name == "__init__.py"
    )


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_the_code_keeps_each_rule(rule: Rule) -> None:
    broken = {
        module_name(path): sorted(found)
        for path in sources()
        if (found := rule.violations(module_name(path), imports_of(path)))
    }
    assert not broken, broken


# A module each rule governs, and a module it forbids: planted in every import form.
PLANTED = {
    "scoring imports only the standard library and itself": ("scoring.factors", "bot.ids"),
    "only the store and migrations touch SQLAlchemy, SQLModel or Alembic": (
        "bot.services.kpis",
        "sqlmodel.sql",
    ),
    "builders, parsers and catalogues stay pure": ("bot.blocks.kpi", "bot.services.kpis"),
    "listeners never touch the store": ("bot.listeners.views.kpi", "bot.store.repo"),
    "services know nothing of Slack payloads or listeners": (
        "bot.services.kpis",
        "bot.forms.kpi",
    ),
    "the store imports no use case, listener, builder or parser": (
        "bot.store.repo",
        "bot.services.kpis",
    ),
    "the Web API side imports no use case, listener or store": (
        "bot.slack.sender",
        "bot.services.people",
    ),
    "production code never imports the Slack stand-in": ("bot.app", "bot.sandbox.standin"),
    "the long-lived deps depend on no use case": ("bot.deps", "bot.services.people"),
}


def planted_sources(importer: str, target: str) -> list[tuple[str, str]]:
    """The same forbidden import written five ways, from the importing module's place."""
    parent, _, leaf = target.rpartition(".")
    forms = [
        ("import", f"import {target}\n"),
        ("import-as", f"import {target} as alias\n"),
        ("from-package", f"from {parent} import {leaf}\n"),
        ("from-module", f"from {target} import something\n"),
    ]
    importer_package = importer.rpartition(".")[0]
    common = importer_package.split(".")
    target_parts = target.split(".")
    # Climb from the importer's package to the deepest package both share, then down.
    shared = 0
    while (
        shared < min(len(common), len(target_parts) - 1) and common[shared] == target_parts[shared]
    ):
        shared += 1
    if shared:
        dots = "." * (len(common) - shared + 1)
        rest = ".".join(target_parts[shared:-1])
        forms.append(("relative", f"from {dots}{rest} import {target_parts[-1]}\n"))
    return forms


def test_every_rule_has_a_planted_violation() -> None:
    assert set(PLANTED) == {rule.name for rule in RULES}


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_each_rule_rejects_a_planted_violation_in_every_import_form(rule: Rule) -> None:
    importer, target = PLANTED[rule.name]
    forms = planted_sources(importer, target)
    assert len(forms) >= 4
    for form, source in forms:
        found = rule.violations(importer, imported_modules(source, importer))
        assert found, f"{rule.name}: planted `{source.strip()}` ({form}) went unnoticed"


def test_relative_and_package_imports_are_resolved() -> None:
    assert "bot.store" in imported_modules("from bot import store\n", "bot.services.kpis")
    assert "bot.store.repo" in imported_modules("from ..store import repo\n", "bot.services.kpis")
    # In the package bot.listeners.views itself, ".." is bot.listeners and "..." is bot.
    assert "bot.listeners.store" in imported_modules(
        "from .. import store\n", "bot.listeners.views", is_package=True
    )
    assert "bot.store" in imported_modules(
        "from ... import store\n", "bot.listeners.views", is_package=True
    )
    assert "bot.sandbox" in imported_modules("import bot.sandbox as s\n", "bot.app")


def test_orm_work_stays_in_the_store() -> None:
    broken = {
        module_name(path): calls
        for path in (ROOT / "bot").rglob("*.py")
        if not path.is_relative_to(ROOT / "bot" / "store")
        and (calls := session_calls(path.read_text()))
    }
    assert not broken, broken


@pytest.mark.parametrize(
    "source",
    ["session.add(row)\n", "session.get(Kpi, 1)\n", "session.exec(q)\n", "q = select(Kpi)\n"],
)
def test_orm_work_outside_the_store_is_noticed(source: str) -> None:
    assert session_calls(source)


def test_only_the_entry_point_reads_the_environment() -> None:
    for path in (ROOT / "bot").rglob("*.py"):
        if path.name == "__main__.py" or path.is_relative_to(ROOT / "bot" / "sandbox"):
            continue
        text = path.read_text()
        assert "os.environ" not in text and "getenv" not in text, path.relative_to(ROOT)


def test_listeners_keep_only_surface_packages_at_their_root() -> None:
    root = ROOT / "bot" / "listeners"
    modules = {p.name for p in root.glob("*.py")}
    assert modules == {"__init__.py"}, modules
