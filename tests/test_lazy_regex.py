"""Module-level patterns compile on first use (budgetlint/lazy_regex.py): each must still be a
valid expression (a typo would otherwise fail only when a document first reaches it), and a
lazy pattern must answer as the compiled one does. Their compiled code is kept in the user
cache: a pattern built from it must be the pattern ``re.compile`` builds (``==`` on patterns
compares their code), and anything wrong with the cache must fall back to ``re.compile``."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import budgetlint
from budgetlint import lazy_regex
from budgetlint.lazy_regex import LazyPattern, compile_pattern, lazy_compile


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


@pytest.fixture
def pattern_cache(tmp_path, monkeypatch):
    """An empty user cache, and this process's compiled entries forgotten (restored after)."""
    monkeypatch.setenv("BUDGETLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("BUDGETLINT_NO_CACHE", raising=False)
    monkeypatch.setattr(lazy_regex, "_known", None)
    monkeypatch.setattr(lazy_regex, "_added", False)
    return tmp_path / "cache"


def _next_run(monkeypatch):
    """What a later process sees: nothing compiled in memory, the stored entries on disk."""
    lazy_regex._store()
    monkeypatch.setattr(lazy_regex, "_known", None)
    monkeypatch.setattr(lazy_regex, "_added", False)


def test_every_module_pattern_from_the_cache_is_the_pattern_re_compiles(pattern_cache, monkeypatch):
    found = dict(_lazy_patterns())
    for pattern in found.values():
        compile_pattern(pattern.pattern, pattern._flags)
    _next_run(monkeypatch)
    assert len(lazy_regex._load()) >= len({(p.pattern, p._flags) for p in found.values()})

    def no_compiling(pattern, flags):
        raise AssertionError(f"compiled again: {pattern}")

    monkeypatch.setattr(lazy_regex, "_compile", no_compiling)  # every one must come from the cache
    for where, pattern in found.items():
        cached = compile_pattern(pattern.pattern, pattern._flags)
        assert cached == re.compile(pattern.pattern, pattern._flags), where


def test_a_cached_pattern_matches_as_the_compiled_one(pattern_cache, monkeypatch):
    text = "（一）一般公共服务支出(201)类 1,234.56 万元，比上年增长 12.5%"
    source = r"(?P<name>[一-鿿]+)支出\((?P<code>2[0-9]{2})\)类\s*(?P<amount>[0-9,.]+)\s*万元"
    expected = re.compile(source).search(text)
    compile_pattern(source)
    _next_run(monkeypatch)
    assert (source, 0) in lazy_regex._load()
    found = compile_pattern(source).search(text)
    assert found is not None and expected is not None
    assert found.groupdict() == expected.groupdict() == {"name": "一般公共服务", "code": "201", "amount": "1,234.56"}
    assert found.span() == expected.span()


def test_a_damaged_entry_is_compiled_afresh(pattern_cache, monkeypatch):
    compile_pattern(r"[0-9]+万元")
    _next_run(monkeypatch)
    known = lazy_regex._load()
    flags, code, groups, groupindex, indexgroup = known[(r"[0-9]+万元", 0)]
    known[(r"[0-9]+万元", 0)] = (flags, [999999, *code[3:]], groups, groupindex, indexgroup)  # not SRE code
    monkeypatch.setattr(lazy_regex, "_known", known)
    compiled = compile_pattern(r"[0-9]+万元")
    assert compiled == re.compile(r"[0-9]+万元")
    assert compiled.search("共 12万元").group(0) == "12万元"


def test_without_the_engine_internals_patterns_are_compiled_by_re(pattern_cache, monkeypatch):
    def missing():
        raise ImportError("another Python's re")

    monkeypatch.setattr(lazy_regex, "_engine", missing)
    compiled = compile_pattern(r"(?P<year>20[0-9]{2})年")
    assert compiled == re.compile(r"(?P<year>20[0-9]{2})年")
    assert not lazy_regex._added  # nothing to keep for another run
    lazy_regex._store()
    assert not list(pattern_cache.glob("patterns-*"))


def test_compile_all_compiles_every_module_pattern():
    found = dict(_lazy_patterns())
    lazy_regex.compile_all()
    assert all("search" in vars(p) for p in found.values())
