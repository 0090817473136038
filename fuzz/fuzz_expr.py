"""The rule-expression parser (budgetlint/engine/expr.py) and a rule's compilation under
atheris: any input either parses or raises RuleError. Usage: see fuzz/run.py."""

import atheris

with atheris.instrument_imports(include=["budgetlint"]):
    import harness
    from budgetlint.engine import expr
    from budgetlint.engine.rules import Rule, load_plugins
    from budgetlint.errors import BudgetlintError

load_plugins()


def test_one(data: bytes) -> None:
    src = data.decode("utf-8", errors="replace")
    try:
        node = expr.parse(src)
        expr.addresses(node)
        expr.function_names(node)
        Rule(
            id="FUZZ1",
            title="t",
            severity="error",
            check=src,
            message="m",
            rationale="r",
            examples=[{"expect": "pass"}, {"expect": "fail"}],
        ).compile()
    except BudgetlintError:
        pass


if __name__ == "__main__":
    harness.main("expr", test_one)
