"""The one-direction pipeline: files -> Document -> facts/claims -> findings.

Each stage is a package with a narrow function; this module only wires them,
so the CLI, the tests and the benchmarks all run exactly the same path.
"""

from __future__ import annotations

import fnmatch
import os
import re
from pathlib import Path

from budgetlint.document_cache import forget_documents
from budgetlint.errors import InputError
from budgetlint.i18n import _
from budgetlint.limits import Limits, check_cells, check_input_size, check_table_rows, count_cells, too_deep
from budgetlint.model import Document, RawDocument
from budgetlint.read import read_path, supported_suffixes
from budgetlint.recognise import recognise_all
from budgetlint.recognise.header_layouts import header_layouts
from budgetlint.bundle import group_files


def read_files(paths: list[Path], limits: Limits | None = None) -> list[RawDocument]:
    limits = limits or Limits()
    raws = []
    for p in paths:
        check_input_size(Path(p), limits)
        raw = _guarded(str(p), read_path, p, limits, header_layouts())
        check_table_rows(raw, limits)
        check_cells(raw.path, count_cells(raw), limits)
        raws.append(raw)
    return raws


def load_document(paths: list[Path] | Path, profile: str | None = None, limits: Limits | None = None) -> Document:
    """Read and recognise one document (possibly split over several files)."""
    if isinstance(paths, (str, Path)):
        paths = [Path(paths)]
    forget_documents()  # nothing the last document's text derived stays alive through this one
    raws = read_files([Path(p) for p in paths], limits)

    return _guarded(str(paths[0]), recognise_all, raws, profile=profile)


def _guarded(path: str, fn, *args, **kwargs):
    """Run one stage on one document; a stack overflow becomes that document's error, not a crash."""
    try:
        return fn(*args, **kwargs)
    except RecursionError:
        raise too_deep(path) from None


def discover(targets: list[Path], together: bool = False, exclude: list[str] | None = None) -> list[list[Path]]:
    """Expand directories and group files that form one document.

    Files found inside a directory are grouped by ``budgetlint.bundle`` (narrative +
    tables published as separate files). Files named explicitly are one document
    each, unless ``together`` is set: then every file is part of one document.
    A file reached twice (named twice, or named and inside a named folder) is one
    document. ``exclude``: glob patterns matched against a found file's path below
    its folder and each of its parts (``--exclude 草稿`` skips a 草稿 folder).
    """
    suffixes = set(supported_suffixes()) | {".doc", ".wps", ".et"}
    groups: list[list[Path]] = []
    seen: set[str] = set()  # resolved, as strings: a pathlib object per file costs ~0.7 KB more
    for t in targets:
        if t.is_dir():
            found = sorted(
                p
                for p in t.rglob("*")
                if _is_candidate(p, t, suffixes)
                and not _excluded(p, t, exclude or [])
                and os.path.realpath(p) not in seen
            )
            # (after the folder: two links in one folder to one file are two documents)
            seen.update(os.path.realpath(p) for p in found)
            groups.extend(_group(found))
        elif (real := os.path.realpath(t)) not in seen:
            seen.add(real)
            groups.append([t])
    if together:
        files = list(dict.fromkeys(p for g in groups for p in g))
        return [files] if files else []
    return groups


def _excluded(path: Path, root: Path, patterns: list[str]) -> bool:
    rel = path.relative_to(root)
    return any(
        fnmatch.fnmatch(rel.as_posix(), p) or any(fnmatch.fnmatch(part, p) for part in rel.parts) for p in patterns
    )


def _group(files: list[Path]) -> list[list[Path]]:
    return group_files(files)


# Files that sit beside disclosures in a folder but are never disclosures.
_SHOUTED = re.compile(r"[A-Z][A-Z0-9_.\-]*")
_NOT_DOCUMENTS = ("readme", "license", "licence", "changelog", "manifest")


def _is_candidate(path: Path, root: Path, suffixes: set[str]) -> bool:
    """A file found inside ``root`` that may be a disclosure (named files are always taken)."""
    if not path.is_file() or path.suffix.lower() not in suffixes:
        return False
    # Hidden files and folders below root only: the root itself may be "../x" or ".".
    if any(part.startswith(".") for part in path.relative_to(root).parts):
        return False
    # README, MANIFEST, REVIEWED-FINDINGS…: all-capital ASCII names are a folder's own documentation.
    if _SHOUTED.fullmatch(path.stem):
        return False
    return not path.stem.lower().startswith(_NOT_DOCUMENTS)


__all__ = ["InputError", "discover", "load_document", "read_files"]


def not_a_disclosure(doc: Document) -> str | None:
    """Why ``doc`` is not a budget or final-accounts disclosure at all, or None.

    A disclosure prints at least one of the standard tables, or its narrative names
    its year (a 情况说明 published without its tables). A README, a notice or a
    contract has neither: checking it would "pass" with every rule not run.
    """
    if any(t.kind for t in doc.tables) or doc.year is not None:
        return None
    return _("看起来不是部门预算或决算公开文件：没有识别出任何公开表格，也没有找到文件的预算/决算年度")
