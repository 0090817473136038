"""Header layouts of the standard printed tables, for the layout-text reader.

``layout_headers`` in ``rules/vocab/*tables*.yaml`` (see final_tables.yaml) give the header
grid of a standard table (公开02表: 科目代码, 科目名称, 本年收入合计 …). A layout export shreds
header cells over many lines; the reader rebuilds such a header from the layout whose words
it finds in the printed text. The reader knows no table kinds: this vocabulary is loaded
here and handed to it as plain data (``budgetlint.read.layout.HeaderLayout``) by whoever
calls it (``pipeline.read_files``, ``pack_test``).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from budgetlint.errors import RuleError
from budgetlint.read.layout import HeaderLayout
from budgetlint.resources import load_data_file, vocab_dir, yaml_or_rule_error


@lru_cache(maxsize=1)
def header_layouts() -> tuple[HeaderLayout, ...]:
    """Every ``layout_headers`` entry of ``rules/vocab/*tables*.yaml``, in file order.

    Raises RuleError naming the file when one is not valid YAML or an entry is malformed:
    a broken vocabulary file would otherwise silently change how tables are read."""
    out: list[HeaderLayout] = []
    for path in sorted(vocab_dir().glob("*tables*.yaml")):
        out.extend(_layouts_in(path))
    return tuple(out)


def _layouts_in(path: Path) -> list[HeaderLayout]:
    name = f"{path.parent.name}/{path.name}"
    data = yaml_or_rule_error(lambda: load_data_file(path), name, "词表") or {}
    if not isinstance(data, dict):
        raise RuleError(f"{name}: 顶层应为映射")
    out: list[HeaderLayout] = []
    for i, entry in enumerate(data.get("layout_headers") or [], 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("rows", []), list):
            raise RuleError(f"{name}: layout_headers 第 {i} 项应为含 rows 列表的映射")
        rows = tuple(tuple(str(c) for c in r) for r in entry.get("rows", []))
        if not rows:
            continue
        try:
            values = int(entry["values"])
            labels = int(entry.get("labels", 0))
        except (KeyError, TypeError, ValueError):
            raise RuleError(f"{name}: layout_headers 第 {i} 项缺少整数 values / labels") from None
        out.append(
            HeaderLayout(
                name=str(entry.get("name", "")),
                labels=labels,
                values=values,
                two_sided=bool(entry.get("two_sided", False)),
                rows=rows,
                match=tuple(str(w) for w in entry.get("match", HeaderLayout.words_of(rows))),
            )
        )
    return out
