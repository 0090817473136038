"""Regular expressions compiled when first used, and compiled once per machine, not once per run.

The recogniser, the readers and the claims extractor define some 200 patterns at module level,
many over the CJK range ``[一-鿿]``, which Python's ``re`` compiles slowly: its compiler, written
in Python, walks such a range character by character (1-2.5 ms a pattern). Compiling them all at
import was a fifth of the start-up, while a small document uses a third of them; and a PDF's check
still spent ~50 ms of its ~0.5 s compiling the ones it used.

``lazy_compile`` gives an object that stands for the compiled pattern: its ``pattern`` is there at
once; the first other attribute compiles it and puts the compiled pattern's methods on the object,
so later calls cost what they cost on the pattern.

``compile_pattern`` keeps what ``re``'s compiler produces for each pattern (its code: a list of
integers) in the user cache (budgetlint.cache), and the next run hands that code straight to the
regular-expression engine (``_sre.compile``, the step ``re.compile`` ends with): the same pattern
object (``==`` compares the code), without the slow part. The entries are keyed by the exact
Python build and the engine's ``MAGIC`` (the code format's version); anything unexpected — another
Python whose ``re`` internals differ, a damaged entry, no cache — falls back to ``re.compile``.
New entries are written once, when the process exits (a forked batch worker never writes: the
parent compiles every pattern before it forks, see ``compile_all``).
"""

from __future__ import annotations

import atexit
import re
import sys
from typing import Any, cast

from budgetlint import cache

# the methods a module's patterns are called through, bound on first use
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")

_LAZY: list[LazyPattern] = []  # every module-level pattern, for compile_all


class LazyPattern:
    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self._flags = flags
        _LAZY.append(self)

    def __getattr__(self, name: str) -> Any:
        # only attributes not set yet come here: the first use of the pattern
        compiled = compile_pattern(self.pattern, self._flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_compile({self.pattern!r})"


def lazy_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, compiled on first use (for module-level patterns)."""
    return cast(re.Pattern[str], LazyPattern(pattern, flags))


def compile_all() -> None:
    """Compile every module-level pattern now (a batch does, before it forks its workers, so they
    share the compiled patterns instead of each compiling and keeping its own)."""
    for lazy in _LAZY:
        lazy.search  # noqa: B018 - the first attribute compiles it


# ------------------------------------------------------------- compiled code across runs

# (pattern, flags) -> what _sre.compile takes after the pattern: flags, code, groups,
# groupindex, indexgroup
Entry = tuple[int, list[int], int, dict[str, int], tuple[Any, ...]]

_known: dict[tuple[str, int], Entry] | None = None  # loaded on first use
_added = False  # entries compiled in this process and not stored yet


def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)`` for a ``str`` pattern, from the user cache when it holds the
    pattern's compiled code."""
    global _known, _added
    if _known is None:
        _known = _load()
    entry = _known.get((pattern, flags))
    if entry is not None:
        try:
            return _engine().compile(pattern, *entry)
        except Exception:  # noqa: BLE001 - a damaged entry: compiled afresh below
            pass
    compiled, entry = _compile(pattern, flags)
    if entry is not None:
        if not _added:
            atexit.register(_store)
        _known[(pattern, flags)] = entry
        _added = True
    return compiled


def _compile(pattern: str, flags: int) -> tuple[re.Pattern[str], Entry | None]:
    """The pattern compiled as ``re.compile`` does it, and its entry (None where this Python's
    ``re`` is not the one the entries were written for)."""
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[Any] = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        entry: Entry = (
            flags | parsed.state.flags,
            [int(op) for op in code],
            parsed.state.groups - 1,
            groupindex,
            tuple(indexgroup),
        )
        compiled = _engine().compile(pattern, *entry)
        if compiled == re.compile(pattern, flags):  # the same code as re's own: safe to keep
            return compiled, entry
    except Exception:  # noqa: BLE001 - re's internals differ in this Python: no cache, re.compile
        pass
    return re.compile(pattern, flags), None


def _engine() -> Any:
    import _sre  # type: ignore[import-not-found]

    return _sre


def _key() -> str:
    sre = _engine()
    return cache.digest("compiled patterns", sys.version, str(sre.MAGIC), str(sre.CODESIZE))


def _load() -> dict[tuple[str, int], Entry]:
    try:
        found = cache.load("patterns", _key())
    except Exception:  # noqa: BLE001 - no cache: compile as re does
        found = None
    return found if isinstance(found, dict) else {}


def _store() -> None:
    global _added
    if _added and _known is not None:
        _added = False
        try:
            cache.store("patterns", _key(), _known)
        except Exception:  # noqa: BLE001 - nothing here may fail a run
            pass
