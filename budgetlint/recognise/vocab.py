"""Loading the recogniser's vocabularies (rules/vocab/*.yaml), once per process."""

from __future__ import annotations

import difflib
import re
from msgspec import Struct, field
from msgspec.structs import replace
from functools import lru_cache
from typing import Any


from budgetlint.lazy_regex import compile_pattern
from budgetlint.resources import load_data_file, vocab_dir


def _load(name: str) -> dict[str, Any]:
    data = load_data_file(vocab_dir() / name) or {}
    if not isinstance(data, dict):
        raise ValueError(f"rules/vocab/{name}: expected a mapping at top level")
    return data


class KindRule(Struct, frozen=True):
    """How a table kind is recognised."""

    kind: str
    doc: str
    layout: str
    rows: str  # row-key scheme: functional | economic | unit | project | single | items | none
    titles: tuple[re.Pattern[str], ...]
    negative: tuple[str, ...] = ()
    header_all: tuple[str, ...] = ()
    header_any: tuple[str, ...] = ()


class HeaderRule(Struct, frozen=True):
    """Header words naming a column key."""

    key: str
    words: tuple[str, ...]
    under: tuple[str, ...] = ()


class Identity(Struct, frozen=True):
    """Σ left = Σ right on every row of a printed table (rules/vocab/identities.yaml)."""

    left: tuple[str, ...]
    right: tuple[str, ...]
    rules: tuple[str, ...] = ()  # pack rules that check it
    # parts only some regions print (江苏 单位预留机动经费): 0 where the table does not print them,
    # so the identity still holds, and is still checked, on every other layout
    optional: tuple[str, ...] = ()

    @property
    def total(self) -> str | None:
        """The one column the others add up to, if the identity has one."""
        return self.left[0] if len(self.left) == 1 else None


class ColumnVocab(Struct, frozen=True):
    """The column keys of a table kind."""

    standard: tuple[str, ...] = ()
    # printed order of every key a header may name (the standard keys and those named by headers
    # only, never by position); defaults to ``standard``
    order: tuple[str, ...] = ()
    headers: tuple[HeaderRule, ...] = ()
    income_side: tuple[str, ...] = ()
    expense_side: tuple[str, ...] = ()
    identities: tuple[Identity, ...] = ()  # rules/vocab/identities.yaml

    def keys(self) -> frozenset[str]:
        """Every column key the kind may have."""
        return frozenset(
            (*self.standard, *self.order, *(h.key for h in self.headers), *self.income_side, *self.expense_side)
        )


class ItemRule(Struct, frozen=True):
    """A pattern naming a row key of an items table."""

    key: str
    side: str
    pattern: re.Pattern[str]
    within: str | None = None
    kinds: tuple[str, ...] = ()  # only in these table kinds; empty = every two-sided table
    unless_seen: str | None = None  # not after an item of this key on the same table


class RowVocab(Struct, frozen=True):
    """The row vocabulary of a table kind."""

    items: tuple[ItemRule, ...]
    paired: dict[str, str] = field(default_factory=dict)
    class_names: dict[str, str] = field(default_factory=dict)  # normalised name -> code
    grid_totals: dict[str, str] = field(default_factory=dict)  # subtotal label -> row key
    economic_names: dict[str, str] = field(default_factory=dict)  # 经济分类 name -> code
    below_total: dict[str, frozenset[str]] = field(default_factory=dict)  # in / out / parts -> keys
    current_items: frozenset[str] = frozenset()
    side_headings: tuple[re.Pattern[str], ...] = ()  # headings restating a side's 本年 total


@lru_cache(maxsize=1)
def kind_rules() -> tuple[KindRule, ...]:
    data = _load("tables.yaml")
    rules = []
    for entry in data.get("kinds", []):
        rules.append(
            KindRule(
                kind=entry["kind"],
                doc=entry.get("doc", "budget"),
                layout=entry.get("layout", "grid"),
                rows=entry.get("rows", "unit"),
                titles=tuple(compile_pattern(p) for p in entry.get("titles", [])),
                negative=tuple(entry.get("negative", [])),
                header_all=tuple(entry.get("header_all", [])),
                header_any=tuple(entry.get("header_any", [])),
            )
        )
    return tuple(rules)


def kind_rule(kind: str) -> KindRule | None:
    for rule in kind_rules():
        if rule.kind == kind:
            return rule
    return None


@lru_cache(maxsize=1)
def _column_data() -> dict[str, Any]:
    """columns.yaml (budget tables) merged with final_columns.yaml (决算 tables) when present."""
    data = dict(_load("columns.yaml"))
    if (vocab_dir() / "final_columns.yaml").exists():
        for kind, entry in _load("final_columns.yaml").items():
            data.setdefault(kind, entry)
    return data


def _resolve_same_as(data: dict[str, Any], kind: str) -> Any:
    entry = data.get(kind) or {}
    seen = {kind}
    while isinstance(entry, dict) and "same_as" in entry and entry["same_as"] not in seen:
        seen.add(entry["same_as"])
        entry = data.get(entry["same_as"]) or {}
    return entry


class VocabularyError(ValueError):
    """A vocabulary file names something that does not exist."""


def _nearest(word: str, valid) -> str:
    close = difflib.get_close_matches(word, sorted(valid), n=1, cutoff=0.5)
    return f"（最接近的是 “{close[0]}”）" if close else ""


@lru_cache(maxsize=1)
def identity_declaration() -> dict[str, tuple[Identity, ...]]:
    """rules/vocab/identities.yaml, checked against the column keys of each kind.

    An unknown table kind or column key is an error naming the word and the nearest valid one:
    a misspelt key would silently switch an identity off.
    """
    name = "identities.yaml"
    data = _load(name)
    columns = _column_data()
    out: dict[str, tuple[Identity, ...]] = {}
    for kind in data:
        if kind not in columns:
            raise VocabularyError(f"rules/vocab/{name}: 未知的表种类 “{kind}”{_nearest(kind, columns)}")
        entries = _resolve_same_as(data, kind)
        if not isinstance(entries, list):
            raise VocabularyError(f"rules/vocab/{name}: {kind} 应为恒等式列表或 same_as")
        valid = _column_vocab_without_identities(kind).keys()
        found = []
        for e in entries:
            optional = tuple(e.get("optional") or ())
            if "total" in e:
                left, right = (e["total"],), tuple(e.get("parts") or ()) + optional
            else:
                left, right = tuple(e.get("left") or ()), tuple(e.get("right") or ())
            if not left or not right:
                raise VocabularyError(f"rules/vocab/{name}: {kind} 的恒等式 {e} 缺少等号某一侧")
            for key in (*left, *right):
                if key not in valid:
                    raise VocabularyError(f"rules/vocab/{name}: {kind} 没有列 “{key}”{_nearest(key, valid)}")
            found.append(Identity(left, right, tuple(e.get("rules") or ()), optional))
        out[kind] = tuple(found)
    return out


def column_kinds() -> list[str]:
    """Every table kind with a column vocabulary (columns.yaml, final_columns.yaml)."""
    return list(_column_data())


def _column_vocab_without_identities(kind: str) -> ColumnVocab:
    entry = _resolve_same_as(_column_data(), kind)
    return ColumnVocab(
        standard=tuple(entry.get("standard", [])),
        order=tuple(entry.get("order") or entry.get("standard", [])),
        headers=tuple(
            HeaderRule(key=h["key"], words=tuple(h.get("words", [])), under=tuple(h.get("under", [])))
            for h in entry.get("headers", [])
        ),
        income_side=tuple(entry.get("income_side", [])),
        expense_side=tuple(entry.get("expense_side", [])),
    )


@lru_cache(maxsize=64)
def column_vocab(kind: str) -> ColumnVocab:
    base = _column_vocab_without_identities(kind)
    return replace(base, identities=identity_declaration().get(kind, ()))


@lru_cache(maxsize=1)
def row_vocab() -> RowVocab:
    data = _load("rows.yaml")
    items = tuple(
        ItemRule(
            key=i["key"],
            side=i["side"],
            pattern=compile_pattern(i["pattern"]),
            within=i.get("within"),
            kinds=tuple(i.get("kinds", ())),
            unless_seen=i.get("unless_seen"),
        )
        for i in data.get("items", [])
    )
    names: dict[str, str] = {}
    for code, words in (data.get("functional_classes") or {}).items():
        for w in words:
            names[w] = str(code)
    economic = {w: str(code) for code, words in (data.get("economic_names") or {}).items() for w in words}
    return RowVocab(
        items=items,
        paired=dict(data.get("paired") or {}),
        class_names=names,
        economic_names=economic,
        grid_totals={str(k): str(v) for k, v in (data.get("grid_totals") or {}).items()},
        below_total={str(k): frozenset(v or ()) for k, v in (data.get("below_total") or {}).items()},
        current_items=frozenset(data.get("current_items") or ()),
        side_headings=tuple(compile_pattern(p) for p in data.get("side_headings") or ()),
    )
