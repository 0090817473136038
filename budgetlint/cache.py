"""A user cache of data budgetlint derives from its own files: parsed vocabularies and compiled rule packs.

Every run would otherwise parse the same YAML and validate and compile the same rules (most of a
small check's time). An entry is a pickle of our own data only, in
``$BUDGETLINT_CACHE_DIR`` or ``$XDG_CACHE_HOME/budgetlint`` (``~/.cache/budgetlint``), named by a
key that hashes everything the data is derived from (file contents, the code that derives it,
budgetlint's and Python's versions, ``FORMAT``); the entry stores its key and is used only when the
key matches, so a changed file is never served stale and a damaged entry is rebuilt. Nothing
here may fail a run: an unreadable or unwritable cache means the data is built as without it.
``BUDGETLINT_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Callable, TypeVar

from budgetlint import __version__

T = TypeVar("T")

FORMAT = 2  # raise when the pickled shape of cached data changes
_PKG = Path(__file__).resolve().parent


def cache_dir() -> Path | None:
    if os.environ.get("BUDGETLINT_NO_CACHE"):
        return None
    if os.environ.get("BUDGETLINT_CACHE_DIR"):
        return Path(os.environ["BUDGETLINT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "budgetlint"


def digest(*parts: bytes | str) -> str:
    """A key over ``parts`` and the versions whose change makes any entry stale."""
    h = hashlib.blake2b(digest_size=20)
    for part in (f"budgetlint {__version__} format {FORMAT} python {sys.version}", *parts):
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def source_digest(*modules: str) -> str:
    """Hash of budgetlint modules' source (``engine/rules.py``): data they derive is stale when they change."""
    parts: list[bytes] = []
    for name in modules:
        path = _PKG / name
        parts += [name.encode(), path.read_bytes() if path.is_file() else b""]
    return digest(*parts)


def cached(kind: str, key: str, build: Callable[[], T]) -> T:
    """``build()``'s result, from the cache when an entry for ``key`` is there, else built and stored."""
    found = load(kind, key)
    if found is not None:
        return found
    value = build()
    store(kind, key, value)
    return value


def _slot(folder: Path, kind: str, key: str) -> Path:
    # one slot per kind and first key byte: a changed file overwrites its old entry (at most 256
    # per kind, however often the files change) while two checkouts with different packs rarely collide
    return folder / f"{kind}-{key[:2]}.pickle"


def load(kind: str, key: str):
    """The value stored for ``key``, or None (no cache, no entry, or an entry for another key)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with open(_slot(folder, kind, key), "rb") as fh:
            if _trusted(os.fstat(fh.fileno())):
                stored_key, value = pickle.load(fh)
                if stored_key == key:
                    return value
    except Exception:  # noqa: BLE001 - missing, unreadable, damaged or from another version: rebuild
        pass
    return None


def store(kind: str, key: str, value) -> None:
    """Keep ``value`` for ``key`` (silently not, where the cache cannot be written)."""
    folder = cache_dir()
    if folder is not None:
        _store(folder, _slot(folder, kind, key), key, value)


def _trusted(st: os.stat_result) -> bool:
    """Unpickle only a file this user wrote and nobody else can change (pickle runs code)."""
    uid = getattr(os, "geteuid", None)
    return (uid is None or st.st_uid == uid()) and not st.st_mode & 0o022


def _store(folder: Path, path: Path, key: str, value) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as fh:
            pickle.dump((key, value), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: a parallel run reads the old file or the whole new one
    except Exception:  # noqa: BLE001 - read-only home, full disk, unpicklable value: run without the cache
        try:
            tmp.unlink()
        except OSError:
            pass
