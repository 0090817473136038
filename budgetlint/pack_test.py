"""``budgetlint rules --test PACK``: run a pack's examples and say which behave as declared.

An example gives its document either as facts (``facts:``/``doc:``, built directly:
budgetlint.engine.examples) or as printed text (``text:``), which goes through the text
reader and the recogniser like a file does: a rule is then tested the way it runs, with
the table kinds, row keys and column keys the recogniser gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from budgetlint.checker import install_libraries
from budgetlint.engine import check_document
from budgetlint.engine.examples import judge_example, run_example
from budgetlint.engine.rules import Example, Rule, load_pack
from budgetlint.model import DocumentReport
from budgetlint.read.text import parse_text
from budgetlint.recognise import recognise_all
from budgetlint.recognise.header_layouts import header_layouts


@dataclass
class ExampleResult:
    rule_id: str
    number: int  # 1-based, in the rule's order
    name: str
    problems: list[str]

    @property
    def passed(self) -> bool:
        return not self.problems


def text_report(rule: Rule, example: Example) -> DocumentReport:
    """Read and recognise a ``text:`` example, then check it with the one rule."""
    path = f"{rule.id}-example.txt"
    doc = recognise_all([parse_text(example.text or "", path, header_layouts())])
    return check_document(doc, [rule])


def example_problems(rule: Rule, example: Example) -> list[str]:
    """Why an example of either form does not behave as declared (empty list = fine)."""
    report = text_report(rule, example) if example.text is not None else run_example(rule, example)
    return judge_example(rule, example, report)


def check_examples(rules: list[Rule]) -> list[ExampleResult]:
    results = []
    for rule in rules:
        for i, example in enumerate(rule.examples, 1):
            try:
                problems = example_problems(rule, example)
            except ValueError as exc:  # an example that cannot be built (a malformed address)
                problems = [str(exc)]
            results.append(ExampleResult(rule.id, i, example.name, problems))
    return results


def check_pack(path: Path) -> list[ExampleResult]:
    """Every example of every rule in one pack file (or every pack of a directory)."""
    install_libraries()
    files = sorted(path.glob("*.y*ml")) if path.is_dir() else [path]
    return check_examples([rule for f in files for rule in load_pack(f)])
