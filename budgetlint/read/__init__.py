"""Readers: one module per file format, each turning a file into a RawDocument.

A reader registers itself for file suffixes with ``@reader(".txt", ...)``; the
dispatcher here checks the file exists, is not empty and is not of a format we
refuse, then hands it to the reader. Readers know nothing about table kinds or
rules. Adding a format = adding a module and its suffixes to ``_MODULES``.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from budgetlint.errors import InputError
from budgetlint.i18n import N_, _, _f
from budgetlint.model import RawDocument

if TYPE_CHECKING:  # the layout reader imports this package
    from budgetlint.read.layout import HeaderLayout

# A reader takes the file, the Limits (budgetlint/limits.py) it checks while reading and the
# header layouts a shredded header of a layout-text export may be rebuilt from (only the text
# reader uses them; the caller loads them: budgetlint.recognise.header_layouts).
Reader = Callable[..., RawDocument]
_READERS: dict[str, Reader] = {}

# Formats we recognise but cannot read, with the advice we give instead.
_REFUSED = {
    ".doc": N_("旧版 Word（.doc）格式无法直接读取，请另存为 .docx 后再检查"),
    ".wps": N_("WPS 文字格式无法直接读取，请另存为 .docx 后再检查"),
    ".et": N_("WPS 表格格式无法直接读取，请另存为 .xlsx 后再检查"),
}


def reader(*suffixes: str) -> Callable[[Reader], Reader]:
    """Register a reader function for the given lower-case suffixes."""

    def register(fn: Reader) -> Reader:
        for s in suffixes:
            _READERS[s] = fn
        return fn

    return register


# The reader module of each suffix, imported only when a file of that kind is read: a
# text export never loads the PDF library (start-up). A new reader module is added here too.
_MODULES = {
    ".txt": "text",
    ".md": "text",
    ".text": "text",
    ".pdf": "pdf",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xls": "xlsx",
    ".docx": "docx",
}


def load_readers(suffixes: set[str]) -> None:
    """Import the reader modules of these file suffixes now (a batch does, before it forks its
    workers, so that they share one copy of each format's library)."""
    for module in sorted({_MODULES[s] for s in suffixes if s in _MODULES}):
        _load_plugin(module)


def _load_plugin(name: str) -> None:
    # Imported for its @reader side effect, when a file of its format is first read.
    importlib.import_module(f"budgetlint.read.{name}")


def _load_plugins() -> None:
    for name in dict.fromkeys(_MODULES.values()):
        _load_plugin(name)


def supported_suffixes() -> list[str]:
    return sorted(set(_MODULES) | set(_READERS))


def read_path(path: str | Path, limits=None, header_layouts: Sequence[HeaderLayout] = ()) -> RawDocument:
    """Read one file into a RawDocument, or raise InputError naming the file.

    ``limits``: a ``budgetlint.limits.Limits`` (defaults when None). ``header_layouts``: the
    printed header grids of standard tables (``budgetlint.recognise.header_layouts``); without
    them a layout-text export keeps its shredded headers as printed."""
    p = Path(path)
    if not p.exists():
        raise InputError(str(path), "文件不存在", "missing")
    if p.is_dir():
        raise InputError(str(path), "这是一个目录，不是文件", "is-directory")
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise InputError(str(path), _f("无法读取文件（{reason}）", reason=exc.strerror)) from None
    if size == 0:
        raise InputError(str(path), "文件为空", "empty")
    suffix = p.suffix.lower()
    if suffix in _REFUSED:
        raise InputError(str(path), _REFUSED[suffix], "unsupported-format")
    if suffix in _MODULES:
        _load_plugin(_MODULES[suffix])
    else:
        _load_plugins()
    fn = _READERS.get(suffix)
    if fn is None:
        known = "、".join(sorted(_READERS))
        raise InputError(
            str(path),
            _f("不支持的文件格式“{suffix}”（支持：{known}）", suffix=suffix or _("无扩展名"), known=known),
            "unsupported-format",
        )
    if limits is None:
        from budgetlint.limits import Limits

        limits = Limits()
    try:
        return fn(p, limits, header_layouts)
    except InputError:
        raise
    except PermissionError:
        raise InputError(str(path), "没有读取权限") from None
    except OSError as exc:
        raise InputError(str(path), _f("无法读取文件（{reason}）", reason=exc.strerror or exc)) from None
