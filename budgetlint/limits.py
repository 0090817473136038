"""Limits on the size of one document, so any input ends with a report or a clear message.

Time and memory grow with the input (linear, see benchmarks/bench_scale.py); past these
limits a document is refused with a ``LimitError`` (exit code 2, like unreadable input)
that names the file, the limit and the option that raises it. In a batch the document is
reported with its error and the others are still checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from budgetlint.errors import InputError
from budgetlint.i18n import _, _f

DEFAULT_MAX_INPUT_MB = 100  # one file; the largest corpus PDF is a few MB
DEFAULT_MAX_TABLE_ROWS = 200_000  # one table; real ones have tens to a few thousand


class LimitError(InputError):
    """The input is larger than a documented limit (exit code 2)."""

    def __init__(self, path: str, reason: str):
        super().__init__(path, reason, "limit")


@dataclass(frozen=True)
class Limits:
    max_input_mb: float = DEFAULT_MAX_INPUT_MB
    max_table_rows: int = DEFAULT_MAX_TABLE_ROWS


def check_input_size(path: Path, limits: Limits) -> None:
    try:
        size = path.stat().st_size
    except OSError:
        return  # the reader reports a missing or unreadable file in its own words
    if size > limits.max_input_mb * 1024 * 1024:
        raise LimitError(str(path), _f("文件大小 {size} MB 超过上限 {limit} MB（可用 --max-input-mb 调高）",
                                       size=f"{size / 1024 / 1024:.2f}", limit=f"{limits.max_input_mb:g}"))


def check_table_rows(raw, limits: Limits) -> None:
    """``raw`` is a RawDocument: every table must stay within the row limit."""
    for block in raw.blocks:
        rows = getattr(block, "rows", None)
        if rows is not None and len(rows) > limits.max_table_rows:
            title = getattr(block, "title", "") or _("表格")
            raise LimitError(raw.path, _f("“{title}”有 {rows} 行，超过每张表 {limit} 行的上限（可用 --max-rows 调高）",
                                          title=title, rows=len(rows), limit=limits.max_table_rows))


def too_deep(path: str) -> LimitError:
    """A structure nested deeper than Python's stack allows (a safety net: no known input does this)."""
    return LimitError(path, "文件结构嵌套过深，超出处理上限，未能识别")
