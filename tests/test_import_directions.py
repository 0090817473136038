"""The stages import each other in one direction only (docs/design.md, "Modules").

Every module's imports are read with ``ast`` (also those inside functions), so a structure no
import statement shows cannot come back unnoticed:

* ``read`` knows nothing of what a table means: it imports nothing of recognise, facts,
  claims, engine or report, and loads no vocabulary (``resources``): what it may use of one
  (header layouts) its caller passes in;
* ``engine`` and ``claims`` both read documents through ``facts`` and do not import each
  other (``claim_functions`` joins them, ``checker`` installs it);
* ``report`` renders findings and recognised documents, never reads a file.

docs/design.md draws the package graph this test computes; run
``python tests/test_import_directions.py`` to print it after changing an import.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "budgetlint"
DESIGN = ROOT / "docs" / "design.md"

FORBIDDEN = {
    "read": {"recognise", "facts", "claims", "claim_functions", "engine", "report", "checker", "pipeline", "resources"},
    "engine": {"claims", "claim_functions", "checker", "report", "pipeline"},
    "claims": {"engine", "claim_functions", "checker", "report", "pipeline"},
    "facts": {"engine", "claims", "claim_functions", "checker", "report", "pipeline"},
    "recognise": {"facts", "engine", "claims", "claim_functions", "checker", "report"},
    "report": {"read"},
}


def unit_of(module: str) -> str:
    """``budgetlint.engine.run`` -> ``engine``; a top-level module is its own unit."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "budgetlint"


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path) -> set[str]:
    """Every ``budgetlint`` module a file imports, anywhere in it (relative imports resolved)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.add(module)
            # ``from budgetlint import claims`` imports the subpackage
            found.update(f"{module}.{a.name}" for a in node.names if module == "budgetlint" and _is_module(a.name))
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", "")) in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            found.add(str(node.args[0].value))
    return {m for m in found if m == "budgetlint" or m.startswith("budgetlint.")}


def _is_module(name: str) -> bool:
    return (PACKAGE / f"{name}.py").exists() or (PACKAGE / name / "__init__.py").exists()


def unit_graph() -> dict[str, set[str]]:
    """Unit (stage package or top-level module) -> the units it imports."""
    graph: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        unit = unit_of(module_name(path))
        targets = {unit_of(m) for m in imported_modules(path) if m != "budgetlint"}
        graph.setdefault(unit, set()).update(targets - {unit})
    return graph


def render_graph(graph: dict[str, set[str]]) -> str:
    """One line per unit: what it imports (the block docs/design.md shows)."""
    width = max(len(u) for u in graph)
    return "\n".join(f"{u:<{width}} → {', '.join(sorted(graph[u])) or '—'}" for u in sorted(graph))


def test_stages_import_in_one_direction():
    graph = unit_graph()
    wrong = [
        f"{unit} imports {target}"
        for unit, banned in FORBIDDEN.items()
        for target in sorted(graph.get(unit, set()) & banned)
    ]
    assert not wrong, "; ".join(wrong)


def test_the_checker_can_find_a_wrong_import(tmp_path):
    # the parser sees a function-local import and a string import
    bad = tmp_path / "budgetlint" / "read" / "bad.py"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "def f():\n    from budgetlint.engine import run\n    importlib.import_module('budgetlint.claims.x')\n",
        encoding="utf-8",
    )
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        assert imported_modules(bad) == {"budgetlint.engine", "budgetlint.claims.x"}
    finally:
        ROOT = saved


def test_design_document_draws_the_graph_as_it_is():
    text = DESIGN.read_text(encoding="utf-8")
    match = re.search(r"<!-- import-graph -->\n```\n(.*?)\n```", text, re.S)
    assert match, "docs/design.md lacks the <!-- import-graph --> block"
    assert match.group(1) == render_graph(unit_graph()), (
        "docs/design.md's import graph is out of date: paste `python tests/test_import_directions.py`"
    )


if __name__ == "__main__":
    print(render_graph(unit_graph()))
