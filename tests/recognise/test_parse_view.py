"""``budgetlint parse`` text view: recognised tables with kinds, keys and values, then warnings."""

from __future__ import annotations

from rich.console import Console

from budgetlint.read.text import segment
from budgetlint.recognise import recognise_all
from budgetlint.report.parse_view import render_document


def test_render_document_shows_kinds_keys_values_and_warnings() -> None:
    text = (
        "2024 年部门预算说明\n\n"
        "2024 年一般公共预算“三公”经费预算表\n\n单位：万元\n\n"
        "“三公”经费合计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费\n"
        "\t\t小计\t公务用车购置费\t公务用车运行费\t\n"
        "11.50\t\t11.50\t\t11.50\t\n\n"
        "人员编制情况表\n\n编制数\t实有人数\n12.00\t10.00\n"
    )
    doc = recognise_all([segment(text, "v.txt")])
    console = Console(record=True, width=200)
    render_document(doc, console=console)
    out = console.export_text()
    assert "three_public" in out and "2024 年一般公共预算“三公”经费预算表" in out
    assert "vehicle.operation" in out and "11.50" in out
    assert "单位：万元" in out
    assert "unrecognised-table" in out and "人员编制情况表" in out
