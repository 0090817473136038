"""Limits on the size of one document, so any input ends with a report or a clear message.

Time and memory grow with the input (linear, see benchmarks/bench_scale.py); past these
limits a document is refused with a ``LimitError`` (exit code 2, like unreadable input)
that names the file, the limit and the option that raises it. In a batch the document is
reported with its error and the others are still checked. Each limit is checked as early
as it can be: the file size before reading, the page count before the first page, the
unpacked size of an Office package before anything is unpacked, line length and cell count
of a text export before it is split, a sheet's cells before they are built.
"""

from __future__ import annotations

from msgspec import Struct
from pathlib import Path
from typing import BinaryIO

from budgetlint.errors import InputError

# Defaults are far above any real disclosure (the 73 corpus PDFs: ≤ 2.7 MB, ≤ 171 pages; the
# text examples: lines ≤ 2,660 characters); a zip bomb unpacks at ~1000:1.
DEFAULT_MAX_INPUT_MB = 100  # one file
DEFAULT_MAX_TABLE_ROWS = 200_000  # one table; real ones have tens to a few thousand
DEFAULT_MAX_PAGES = 5_000  # one PDF
DEFAULT_MAX_CELLS = 2_000_000  # table cells of one file
DEFAULT_MAX_LINE_CHARS = 100_000  # one line of a text export
DEFAULT_MAX_UNZIPPED_MB = 500  # all members of one .xlsx/.docx, unpacked
DEFAULT_MAX_UNZIP_RATIO = 200  # unpacked : packed, for a member of 1 MB or more
RATIO_FLOOR_BYTES = 1024 * 1024  # small members compress at any ratio harmlessly

_MB = 1024 * 1024
_BLOCK = 1024 * 1024  # standard input is copied a block at a time


class LimitError(InputError):
    """The input is larger than a documented limit (exit code 2)."""

    def __init__(self, path: str, reason: str):
        super().__init__(path, reason, "limit")


class Limits(Struct, frozen=True):
    """The input limits in force."""

    max_input_mb: float = DEFAULT_MAX_INPUT_MB
    max_table_rows: int = DEFAULT_MAX_TABLE_ROWS
    max_pages: int = DEFAULT_MAX_PAGES
    max_cells: int = DEFAULT_MAX_CELLS
    max_line_chars: int = DEFAULT_MAX_LINE_CHARS
    max_unzipped_mb: float = DEFAULT_MAX_UNZIPPED_MB
    max_unzip_ratio: float = DEFAULT_MAX_UNZIP_RATIO


# Limits field -> (command-line option, [tool.budgetlint] key, default); one table for the
# CLI, the configuration file and the messages.
OPTIONS = {
    "max_input_mb": ("--max-input-mb", "max-input-mb", DEFAULT_MAX_INPUT_MB),
    "max_table_rows": ("--max-rows", "max-rows", DEFAULT_MAX_TABLE_ROWS),
    "max_pages": ("--max-pages", "max-pages", DEFAULT_MAX_PAGES),
    "max_cells": ("--max-cells", "max-cells", DEFAULT_MAX_CELLS),
    "max_line_chars": ("--max-line-chars", "max-line-chars", DEFAULT_MAX_LINE_CHARS),
    "max_unzipped_mb": ("--max-unzipped-mb", "max-unzipped-mb", DEFAULT_MAX_UNZIPPED_MB),
    "max_unzip_ratio": ("--max-unzip-ratio", "max-unzip-ratio", DEFAULT_MAX_UNZIP_RATIO),
}
INTEGER_LIMITS = ("max_table_rows", "max_pages", "max_cells", "max_line_chars")


def _raise_with(field: str) -> str:
    return f"（可用 {OPTIONS[field][0]} 调高）"


def check_input_size(path: Path, limits: Limits) -> None:
    try:
        size = path.stat().st_size
    except OSError:
        return  # the reader reports a missing or unreadable file in its own words
    if size > limits.max_input_mb * _MB:
        raise LimitError(
            str(path), f"文件大小 {size / _MB:.2f} MB 超过上限 {limits.max_input_mb:g} MB" + _raise_with("max_input_mb")
        )


def read_capped(stream: BinaryIO, out: BinaryIO, head: bytes, limits: Limits) -> None:
    """Copy ``head`` and then the rest of ``stream`` to ``out`` in blocks; more than
    --max-input-mb stops the copy (standard input: no size to check before reading it)."""
    cap = limits.max_input_mb * _MB
    written = 0
    block = head
    while block:
        written += len(block)
        if written > cap:
            raise LimitError("-", f"标准输入超过上限 {limits.max_input_mb:g} MB" + _raise_with("max_input_mb"))
        out.write(block)
        block = stream.read(_BLOCK)


def check_table_rows(raw, limits: Limits) -> None:
    """``raw`` is a RawDocument: every table must stay within the row limit."""
    for block in raw.blocks:
        rows = getattr(block, "rows", None)
        if rows is not None and len(rows) > limits.max_table_rows:
            title = getattr(block, "title", "") or "表格"
            raise LimitError(
                raw.path,
                f"“{title}”有 {len(rows)} 行，超过每张表 {limits.max_table_rows} 行的上限"
                + _raise_with("max_table_rows"),
            )


def check_pages(path: str, pages: int, limits: Limits) -> None:
    if pages > limits.max_pages:
        raise LimitError(
            path, f"PDF 有 {pages} 页，超过每个文件 {limits.max_pages} 页的上限" + _raise_with("max_pages")
        )


def check_cells(path: str, cells: int, limits: Limits, what: str = "表格单元格") -> None:
    """``cells``: the count so far (readers call this as they go, before building more)."""
    if cells > limits.max_cells:
        raise LimitError(path, f"{what}超过 {limits.max_cells} 个的上限（已有 {cells} 个）" + _raise_with("max_cells"))


def count_cells(raw) -> int:
    return sum(len(row) for block in raw.blocks for row in (getattr(block, "rows", None) or ()))


def check_line_length(path: str, text: str, limits: Limits) -> None:
    """A text export's longest line; checked before the text is split or cleaned."""
    if len(text) <= limits.max_line_chars:
        return  # no line can be longer than the whole text
    for no, line in enumerate(text.split("\n"), start=1):
        if len(line) > limits.max_line_chars:
            raise LimitError(
                path,
                f"第 {no} 行有 {len(line)} 个字符，超过每行 {limits.max_line_chars} 个字符的上限"
                + _raise_with("max_line_chars"),
            )


def check_zip_package(path: Path, limits: Limits) -> None:
    """An Office package (.xlsx/.docx is a zip) must unpack within the limits: the sizes its
    directory declares are checked first (total and ratio per member), then every member is
    streamed once to prove it: Python's zipfile stops at the declared size and checks the
    CRC, so a member that lies about its size is refused as damaged before any library
    (calamine reads the package itself) unpacks it. A file that is no zip at all is left to
    the reader, which says so in its own words."""
    import zipfile

    try:
        zf = zipfile.ZipFile(path)
    except Exception:  # noqa: BLE001 - BadZipFile, NotImplementedError (zip version 22.7) …: the reader says
        return
    cap = limits.max_unzipped_mb * _MB
    with zf:
        infos = zf.infolist()
        total = 0
        for info in infos:
            total += info.file_size
            if total > cap:
                raise LimitError(
                    str(path),
                    f"压缩包解压后超过 {limits.max_unzipped_mb:g} MB 的上限"
                    f"（成员 {info.filename} 处已达 {total / _MB:.1f} MB）" + _raise_with("max_unzipped_mb"),
                )
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size >= RATIO_FLOOR_BYTES and ratio > limits.max_unzip_ratio:
                raise LimitError(
                    str(path),
                    f"压缩包成员 {info.filename} 的压缩比 {ratio:.0f}:1 超过上限 "
                    f"{limits.max_unzip_ratio:g}:1，疑似“压缩炸弹”" + _raise_with("max_unzip_ratio"),
                )
        for info in infos:
            _stream_member(zf, info, path)


def _stream_member(zf, info, path: Path) -> None:
    try:
        with zf.open(info) as fh:
            while fh.read(1 << 20):
                pass
    except Exception as exc:  # noqa: BLE001 - zipfile, zlib, bz2 and lzma each raise their own on bad data
        raise InputError(
            str(path), f"压缩包成员 {info.filename} 已损坏或无法解压（{type(exc).__name__}）", "damaged"
        ) from None


def too_deep(path: str) -> LimitError:
    """A structure nested deeper than Python's stack allows (a safety net: no known input does this)."""
    return LimitError(path, "文件结构嵌套过深，超出处理上限，未能识别")
