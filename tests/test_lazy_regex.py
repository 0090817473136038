"""Module-level patterns compile on first use (budgetlint/lazy_regex.py): each must still be a
valid expression (a typo would otherwise fail only when a document first reaches it), and a
lazy pattern must answer as the compiled one does."""

from __future__ import annotations

import importlib
import pkgutil
import re

import budgetlint
from budgetlint.lazy_regex import LazyPattern, lazy_compile


def _lazy_patterns():
    for info in pkgutil.walk_packages(budgetlint.__path__, "budgetlint."):
        if info.name in ("budgetlint.__main__", "budgetlint.dask_batch"):
            continue  # runs the command line; needs the optional dask
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            values = value if isinstance(value, (tuple, list)) else (value,)
            for v in values:
                if isinstance(v, LazyPattern):
                    yield f"{info.name}.{name}", v


def test_every_lazy_pattern_compiles():
    found = dict(_lazy_patterns())
    assert len(found) > 100  # the readers', recogniser's and claims' patterns
    for where, pattern in found.items():
        try:
            pattern.groupindex  # noqa: B018 - the first attribute compiles it
        except re.error as exc:
            raise AssertionError(f"{where}: {exc}") from None


def test_a_lazy_pattern_answers_as_the_compiled_one():
    lazy = lazy_compile(r"(?P<n>[0-9]+)万元", re.IGNORECASE)
    assert lazy.pattern == r"(?P<n>[0-9]+)万元"
    assert "search" not in vars(lazy)  # not compiled by reading its text
    compiled = re.compile(r"(?P<n>[0-9]+)万元", re.IGNORECASE)
    text = "收入 12万元，支出 3万元"
    assert lazy.search(text).group("n") == compiled.search(text).group("n") == "12"
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert lazy.sub("X", text) == compiled.sub("X", text)
    assert lazy.flags == compiled.flags and lazy.groupindex == compiled.groupindex
    assert lazy.fullmatch("5万元") and not lazy.match("约5万元")
