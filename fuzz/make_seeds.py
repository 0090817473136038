"""Seed corpora for the harnesses (fuzz/seeds/<target>/), from examples/, tests/fixtures/
and the rule packs. Run once before fuzz/run.py (it does so itself when seeds are missing)."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEEDS = HERE / "seeds"


def _write(target: str, name: str, data: bytes) -> None:
    folder = SEEDS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)


def text_seeds() -> None:
    for path in sorted((ROOT / "examples").glob("*.txt")):
        data = path.read_bytes()
        _write("text", path.name, data)
        # short pieces too: the fuzzer mutates small inputs many times faster
        lines = data.split(b"\n")
        for k, start in enumerate(range(0, len(lines), 40)):
            _write("text", f"{path.stem}-{k}.txt", b"\n".join(lines[start : start + 40]))


def pdf_seeds(max_pages_per_file: int = 4) -> None:
    from pypdf import PdfReader, PdfWriter

    for path in sorted((ROOT / "tests" / "fixtures" / "pdf").glob("*.pdf")):
        reader = PdfReader(path)
        for i in range(min(len(reader.pages), max_pages_per_file)):
            writer = PdfWriter()
            writer.add_page(reader.pages[i])
            buf = io.BytesIO()
            writer.write(buf)
            _write("pdf", f"{path.stem}-p{i + 1}.pdf", b"\x01" + buf.getvalue())
            sys.path.insert(0, str(HERE))
            from pdfpage import content_of_page

            _write("pdf", f"{path.stem}-p{i + 1}.content", b"\x00" + content_of_page(path, i))


def xlsx_seeds() -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "收入支出决算总表"
    ws.append(["2024年部门收支预算总表"])
    ws.merge_cells("A1:D1")
    ws.append(["部门名称：某某局", None, None, "单位：万元"])
    ws.append(["项目", "预算数", "项目", "预算数"])
    ws.append(["一、一般公共预算拨款收入", 1234.56, "一般公共服务支出", 1000.5])
    ws.append(["二、政府性基金预算拨款收入", 0, "教育支出", 234.06])
    ws.append(["收入总计", "=B4+B5", "支出总计", 1234.56])
    ws.append(["注：本表无政府性基金。"])
    buf = io.BytesIO()
    wb.save(buf)
    whole = buf.getvalue()
    _write("xlsx", "whole.xlsx", b"\x01" + whole)
    with zipfile.ZipFile(io.BytesIO(whole)) as zf:
        _write("xlsx", "sheet.xml", b"\x00" + zf.read("xl/worksheets/sheet1.xml"))


def docx_seeds() -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("一、部门职责")
    d.add_paragraph("2024年收入预算合计1234.56万元，比上年增加12.34万元，增长1.0%。")
    d.add_paragraph("2024年部门收支预算总表")
    d.add_paragraph("单位：万元")
    t = d.add_table(rows=3, cols=4)
    for r, row in enumerate(
        [
            ["项目", "预算数", "项目", "预算数"],
            ["一般公共预算拨款收入", "1234.56", "一般公共服务支出", "1234.56"],
            ["收入总计", "1234.56", "支出总计", "1234.56"],
        ]
    ):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    t.cell(0, 0).merge(t.cell(0, 1))
    d.add_paragraph("注：本表无数据的项目已省略。")
    buf = io.BytesIO()
    d.save(buf)
    whole = buf.getvalue()
    _write("docx", "whole.docx", b"\x01" + whole)
    with zipfile.ZipFile(io.BytesIO(whole)) as zf:
        _write("docx", "document.xml", b"\x00" + zf.read("word/document.xml"))


def expr_seeds() -> None:
    import yaml

    n = 0
    for path in sorted((ROOT / "rules").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        rules = data if isinstance(data, list) else (data or {}).get("rules", []) if isinstance(data, dict) else []
        for rule in rules:
            for key in ("check", "when", "each", "where"):
                value = rule.get(key) if isinstance(rule, dict) else None
                if isinstance(value, str):
                    n += 1
                    _write("expr", f"{n:04d}", value.encode("utf-8"))


def main() -> None:
    sys.path.insert(0, str(ROOT))
    for make in (text_seeds, pdf_seeds, xlsx_seeds, docx_seeds, expr_seeds):
        make()
    for folder in sorted(SEEDS.iterdir()):
        print(f"{folder.name}: {sum(1 for _ in folder.iterdir())} seeds")


if __name__ == "__main__":
    main()
