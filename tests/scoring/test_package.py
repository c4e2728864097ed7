"""The shape of the `scoring` package: what it exports, and how its modules depend on each other."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path
from types import ModuleType

import scoring
from scoring import (
    CheckInPoint,
    KpiAssessment,
    KpiSpec,
    Reevaluation,
    ResultsVerdict,
    assess_kpi,
    reevaluate,
)

PACKAGE = Path(scoring.__file__).parent
MAX_MODULE_LINES = 500


def _internal_imports(path: Path) -> set[str]:
    """The scoring modules a module imports (absolute imports; the package uses no others)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found |= {
            n.split(".")[1] if "." in n else "__init__"
            for n in names
            if n.split(".")[0] == "scoring"
        }
    return found


def test_assess_kpi_and_reevaluate_are_the_functions_the_package_docstring_promises() -> None:
    assert inspect.isfunction(reevaluate) and inspect.isfunction(assess_kpi)
    assert inspect.signature(reevaluate).return_annotation in (Reevaluation, "Reevaluation")
    assert inspect.signature(assess_kpi).return_annotation in (KpiAssessment, "KpiAssessment")
    assert {"KpiSpec", "CheckInPoint", "ResultsVerdict"} <= set(scoring.__all__)
    assert all(inspect.isclass(c) for c in (KpiSpec, CheckInPoint, ResultsVerdict))


def test_no_exported_name_is_shadowed_by_a_submodule_of_the_same_name() -> None:
    modules = {p.stem for p in PACKAGE.glob("*.py")}
    assert not modules & set(scoring.__all__), modules & set(scoring.__all__)
    assert not [n for n in scoring.__all__ if isinstance(getattr(scoring, n), ModuleType)]


def test_the_scoring_modules_import_each_other_without_a_cycle() -> None:
    graph = {p.stem: _internal_imports(p) for p in PACKAGE.glob("*.py")}
    # Only the package's own entry points go through `scoring/__init__` (which imports all).
    assert not [m for m, deps in graph.items() if "__init__" in deps and m != "__main__"]
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, " -> ".join((*path, module))
        if module in done:
            return
        for dependency in graph.get(module, set()):
            visit(dependency, (*path, module))
        done.add(module)

    for module in graph:
        visit(module, ())


def test_no_scoring_module_is_longer_than_about_five_hundred_lines() -> None:
    lengths = {p.name: len(p.read_text().splitlines()) for p in PACKAGE.glob("*.py")}
    assert max(lengths.values()) <= MAX_MODULE_LINES, lengths
