"""Hand-made document fragments shared by several test modules (imitating the example exports)."""

# The header of a 决算 公开02表 in plain layout text, as examples/2023-xigong-zwfw-final.txt prints
# it: caption, a header spread over many lines with words broken across them, then the 栏次 row.
INCOME_HEAD = """ 收入决算表

公开 02 表

部门名称：某局 2023 年度 单位：万元

项目

本年收入合计 财政拨款收入 上级补助收入 事业收入 经营收入
附属单位上缴收

入
其他收入科目代

码
科目名称

栏次 1 2 3 4 5 6 7

"""


def row_facts(rows: dict[str, tuple[str, ...]], columns: tuple[str, ...], kind: str = "expense") -> dict[str, str]:
    """Rule-example facts of a table: row key -> the printed values of ``columns``."""
    return {f"{kind}[{key}].{col}": value for key, values in rows.items() for col, value in zip(columns, values)}


def expense_facts(rows: dict[str, tuple[str, str, str]], kind: str = "expense") -> dict[str, str]:
    """Rule-example facts of an expense-type table: row key -> (合计, 基本支出, 项目支出) as printed."""
    return row_facts(rows, ("total", "basic", "project"), kind)


def ruled_grid(title: str, rows: list[list[str]], caption: list[str], path: str = "x.pdf"):
    """A ruled PDF grid as the reader gives it: every cell has a box, every row the same width
    ('^' = a cell covered by a merge)."""
    from budgetlint.model import Provenance, RawCell, RawTable

    width = max(len(r) for r in rows)
    cells = []
    for i, row in enumerate(rows):
        row = row + [""] * (width - len(row))
        cells.append(
            [
                RawCell(
                    text="" if t == "^" else t,
                    covered=t == "^",
                    provenance=Provenance(path=path, page=1, bbox=(60.0 * j, 20.0 * i, 60.0 * j + 60, 20.0 * i + 20)),
                )
                for j, t in enumerate(row)
            ]
        )
    return RawTable(title=title, caption=caption, rows=cells, provenance=Provenance(path=path, page=1))


def make_fact(address: str, value: str, label: str = "", unit=None, page: int | None = None):
    """A fact as the facts layer gives it, from its address and printed value (万元 unless ``unit``)."""
    from decimal import Decimal

    from budgetlint.model import Fact, Provenance, Unit

    kind, rest = address.split("[", 1)
    row, column = rest.split("].", 1)
    decimals = len(value.split(".")[1]) if "." in value else 0
    provenance = Provenance(path="t.pdf", page=page) if page else Provenance(path="t.txt", line=1)
    return Fact(
        address=address,
        table_kind=kind,
        row=row,
        column=column,
        value=Decimal(value),
        decimals=decimals,
        unit=unit or Unit.WAN,
        provenance=provenance,
        label=label,
    )


def lookup_of(facts):
    """A binding fact view of hand-built facts (``make_fact``), for unit tests of the candidate
    logic; production builds it from the engine's index (``FactLookup.from_index``), and the
    end-to-end binding tests (tests/claims/test_claims_binding_path.py) go through that."""
    import re

    from budgetlint.claims.bind import Entry, FactLookup

    entries = [
        Entry(f.address, f.wan, f.half_width_wan, f.provenance, f.label, f.row, f.table_kind, f.column) for f in facts
    ]
    projects = {f.row for f in facts if f.table_kind == "projects" and re.fullmatch(r"p[0-9]+", f.row)}
    return FactLookup(entries, len(projects) if any(f.table_kind == "projects" for f in facts) else None)
