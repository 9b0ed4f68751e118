"""The shape of the code, kept by the suite: floors, room sizes, one home per rule.

- Floors: core ← partners ← meetings ← roadmaps, onmt_portal on top; no module
  imports from a floor above its own.
- Rooms: no application module grows past 300 lines (migrations and data-only
  demo modules aside) — a module that needs more becomes a package by concept.
- One home: the role predicates and the stale-edit error are defined once.
- Tests share helpers through tests/helpers, never through conftest.py or
  another test module.
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
FLOORS = ["core", "partners", "meetings", "roadmaps", "onmt_portal"]
LIMIT = 300


def _modules(package: str):
    for path in sorted((ROOT / package).rglob("*.py")):
        relative = path.relative_to(ROOT)
        if "migrations" in relative.parts:
            continue
        yield relative, path


def _is_demo_data(relative: Path) -> bool:
    """The demo seed modules hold data (names, dates, texts), not logic."""
    return relative.stem == "demo" or "demo" in relative.parts


def _imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package", FLOORS)
def test_no_module_imports_from_a_floor_above_its_own(package):
    above = set(FLOORS[FLOORS.index(package) + 1 :])
    wrong = {
        str(relative): sorted(_imported_packages(path) & above)
        for relative, path in _modules(package)
        if _imported_packages(path) & above
    }
    assert wrong == {}


def test_no_application_module_is_over_300_lines():
    too_long = {
        str(relative): length
        for package in FLOORS
        for relative, path in _modules(package)
        if not _is_demo_data(relative) and (length := len(path.read_text().splitlines())) > LIMIT
    }
    assert too_long == {}, "split these into packages by concept"


def _definitions(kind, name: str) -> list[str]:
    places = []
    for package in FLOORS:
        for relative, path in _modules(package):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, kind) and node.name == name:
                    places.append(str(relative))
    return places


@pytest.mark.parametrize(
    "predicate",
    [
        "has_portal_role",
        "is_staff",
        "is_delegate",
        "is_council",
        "is_onmt",
        "current_organization_ids",
        "council_organization_ids",
        "delegate_market_ids",
    ],
)
def test_each_role_predicate_is_defined_once_in_the_roles_module(predicate):
    assert _definitions(ast.FunctionDef, predicate) == ["partners/roles.py"]


def test_the_stale_edit_error_and_its_form_field_are_defined_once():
    assert _definitions(ast.ClassDef, "StaleEditError") == ["core/locking.py"]
    assert _definitions(ast.ClassDef, "VersionedFormMixin") == ["core/locking.py"]


def test_the_kernel_modules_each_say_what_they_are_for():
    undocumented = [
        str(relative)
        for relative, path in _modules("core")
        if relative.name != "apps.py"
        and (relative.name != "__init__.py" or relative.parent.name == "core")
        and ast.get_docstring(ast.parse(path.read_text())) is None
    ]
    assert undocumented == []


def test_tests_share_helpers_through_tests_helpers_only():
    wrong = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                last = node.module.split(".")[-1]
                if last == "conftest" or last.startswith("test_"):
                    wrong.append(f"{path.relative_to(ROOT)}: from {node.module}")
    assert wrong == []
