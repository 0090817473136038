"""Rule packs: YAML files under rules/ (and --rules DIR), loaded into ``Rule`` objects.

A pack is a YAML list of rule entries (see rules/README.md for the format).
Every ``*.yaml`` file directly in a rules directory is a pack; ``vocab/`` and
``profiles/`` are not. Packs load in file-name order; a later rule with the
same id replaces the earlier one (that is how ``--rules DIR`` overrides).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from budgetlint.engine import empty_tables, functions, scope_functions, table_set  # noqa: F401  (they register the built-in functions)
from budgetlint.engine import expr as E
from budgetlint.engine.address_check import check_addresses
from budgetlint.errors import RuleError, UsageError
from budgetlint.resources import load_data_file, load_yaml, rules_dir, vocab_dir, yaml_or_rule_error

ALLOWED_NAMES = frozenset({"it"})

# The rule records are slotted dataclasses: a run with a warm cache unpickles them without
# importing pydantic. A pack's YAML is validated by a pydantic TypeAdapter over these classes
# (load_pack, only when a pack is parsed); unknown keys are refused, as the models did.
_FORBID_EXTRA = {"extra": "forbid"}  # pydantic's ConfigDict, read from ``__pydantic_config__``


@dataclass(slots=True, kw_only=True)
class AppliesTo:
    """Which documents a rule applies to."""

    __pydantic_config__ = _FORBID_EXTRA

    kind: list[Literal["budget", "final"]] = field(default_factory=lambda: ["budget", "final"])
    tables: list[str] = field(default_factory=list)  # all must be present (else not applicable)
    profile: list[str] = field(default_factory=list)  # empty = every profile


@dataclass(slots=True, kw_only=True)
class RowFilter:
    """Which rows a rule's ``each`` visits."""

    __pydantic_config__ = _FORBID_EXTRA

    kinds: list[str] = field(default_factory=list)  # functional economic unit total item project
    keys: list[str] = field(default_factory=list)  # only these keys
    exclude: list[str] = field(default_factory=list)  # not these keys
    prefix: list[str] = field(default_factory=list)  # keys starting with one of these


@dataclass(slots=True, kw_only=True)
class Example:
    """A rule's passing or failing example."""

    __pydantic_config__ = _FORBID_EXTRA

    name: str = ""
    expect: Literal["pass", "fail", "not_evaluated"]
    facts: dict[str, Any] = field(default_factory=dict)  # address -> printed value ("1743.43", "" = blank)
    doc: dict[str, Any] = field(default_factory=dict)  # kind, year, department, profile, paragraphs, tables
    # or: a text export as printed (title, caption, tab-separated rows), read and recognised as a file
    # is, so the rule is tested the way it runs (budgetlint.pack_test)
    text: str | None = None
    findings: int | None = None  # expected number of findings (fail)
    addresses: list[str] = field(default_factory=list)  # each must be a location of some finding (fail)
    status: Literal["not_applicable", "insufficient_data"] | None = None  # for not_evaluated

    def __post_init__(self) -> None:
        # pydantic reports it as this example's error (``examples.N``)
        if self.text is not None and (self.facts or self.doc):
            raise ValueError("示例只能二选一：text（印出的文本）或 facts/doc（事实地址）")


@dataclass(slots=True, kw_only=True)
class Rule:
    """A rule as a pack writes it, compiled once loaded."""

    __pydantic_config__ = _FORBID_EXTRA

    id: str
    title: str
    severity: Literal["error", "warning", "info"]
    applies_to: AppliesTo = field(default_factory=AppliesTo)
    identity: str = ""  # the identity in words (shown by `budgetlint rule`)
    tables: list[str] = field(default_factory=list)  # kinds the placeholder table name `table` runs over
    each: str | None = None  # expression giving items; the check runs per item with `it`
    rows: RowFilter | None = None  # filter for the row variable *
    columns: list[str] | None = None  # values for the column variable * (default: numeric columns)
    columns_exclude: list[str] = field(default_factory=list)
    when: str | None = None  # precondition per binding; false = skip
    check: str
    also_show: list[str] = field(default_factory=list)  # extra addresses to show in a finding
    message: str
    rationale: str
    examples: list[Example]
    # the unit of the values the check compares, for reports (万元 unless the rule says: %, 个, 倍, 年)
    unit: Literal["万元", "%", "个", "倍", "年", "分"] = "万元"
    # what the clerk should do (reports' "怎么改"); empty = the family's (rules/vocab/fix_hints.yaml)
    fix: str = ""
    source: str = ""  # pack file the rule came from

    # parsed forms (not part of the YAML)
    check_ast: Any = None
    when_ast: Any = None
    each_ast: Any = None
    also_ast: list[Any] = field(default_factory=list)
    # table_kinds() and alternative_table_kinds(), derived once by compile() (and kept in the
    # cache with the rule): the engine asks for them for every rule and document
    _kinds: tuple[list[str], list[list[str]]] | None = field(default=None, repr=False, compare=False)

    def compile(self) -> "Rule":
        self.check_ast = E.parse(self.check)
        self.when_ast = E.parse(self.when) if self.when else None
        self.each_ast = E.parse(self.each) if self.each else None
        self.also_ast = []
        for a in self.also_show:
            node = E.parse(a)
            if not isinstance(node, E.Addr):
                raise RuleError(f"also_show 只能写事实地址：{a}")
            self.also_ast.append(node)
        for tree in filter(None, (self.check_ast, self.when_ast, self.each_ast)):
            unknown = E.function_names(tree) - set(E.FUNCTIONS)
            if unknown:
                raise RuleError(f"未知的函数：{'、'.join(sorted(unknown))}")
            bad = E.names(tree) - ALLOWED_NAMES
            if bad:
                raise RuleError(f"未知的名字：{'、'.join(sorted(bad))}（只有 it 可用）")
        if not self.each and E.names(self.check_ast):
            raise RuleError("只有带 each 的规则才能使用 it")
        fails = [e for e in self.examples if e.expect == "fail"]
        passes = [e for e in self.examples if e.expect == "pass"]
        if not fails or not passes:
            raise RuleError("每条规则至少需要一个通过示例和一个失败示例")
        self._kinds = None
        self._kinds = (self.table_kinds(), self.alternative_table_kinds())
        return self

    def table_kinds(self) -> list[str]:
        """Base table kinds the rule's addresses mention (in order)."""
        if self._kinds is not None:
            return list(self._kinds[0])
        seen: list[str] = []
        for tree in filter(None, (self.check_ast, self.when_ast)):
            for a in E.addresses(tree):
                base = a.table.split("#", 1)[0]
                if base == "table" and self.tables:
                    continue
                if base not in seen:
                    seen.append(base)
        return seen

    def alternative_table_kinds(self) -> list[list[str]]:
        """Kinds named only as candidates of ``counterpart(a, b, c…)``: each group needs one present."""
        if self._kinds is not None:
            return [list(g) for g in self._kinds[1]]
        groups: list[list[str]] = []
        for tree in filter(None, (self.check_ast, self.when_ast)):
            for node in E.walk(tree):
                if isinstance(node, E.Call) and node.name == "counterpart":
                    groups.append([a.table.split("#", 1)[0] for a in node.args[1:] if isinstance(a, E.Addr)])
        elsewhere = set()
        for tree in filter(None, (self.check_ast, self.when_ast)):
            candidates = {
                id(a) for n in E.walk(tree) if isinstance(n, E.Call) and n.name == "counterpart" for a in n.args[1:]
            }
            elsewhere |= {a.table.split("#", 1)[0] for a in E.addresses(tree) if id(a) not in candidates}
        return [g for g in groups if not set(g) & elsewhere]


RULE_PACK_GROUP = "budgetlint.rule_packs"


def builtin_rules_dir() -> Path:
    return rules_dir()


def installed_packs() -> list[Path]:
    """Rule packs other installed distributions declare under the entry point group
    ``budgetlint.rule_packs`` (in their pyproject.toml:
    ``[project.entry-points."budgetlint.rule_packs"] mypacks = "mypkg.rules"``).

    An entry point names a module or package (its directory holds the packs), a path, or a
    callable returning one. Loaded in the order of the entry points' names, after the
    built-in packs, so a pack may override a built-in rule by its id.
    """
    if not _may_declare_packs():
        return []
    from importlib import metadata  # (see _may_declare_packs)

    paths: list[Path] = []
    for ep in sorted(metadata.entry_points(group=RULE_PACK_GROUP), key=lambda e: e.name):
        try:
            target = ep.load()
            if callable(target):
                target = target()
        except Exception as exc:  # noqa: BLE001 - a broken plugin must say which one it is
            raise RuleError(f"规则包插件 {ep.name}（{ep.value}）无法加载：{exc}") from None
        file = getattr(target, "__file__", None)
        if isinstance(target, (str, Path)):
            paths.append(Path(target))
        elif file:
            paths.append(Path(file).parent)
        else:
            raise RuleError(f"规则包插件 {ep.name}（{ep.value}）应指向模块、路径或返回路径的函数")
    return paths


def _may_declare_packs() -> bool:
    """Whether a distribution on ``sys.path`` may declare a rule pack: the group's name in one of
    their ``entry_points.txt``. A look at the files themselves, because importing
    importlib.metadata (email, csv, …) and listing every distribution's entry points was a tenth
    of a small check's start-up, for a group most installations do not use. What it cannot look
    into (a zip file on the path) may declare one: importlib.metadata then decides."""
    for entry in sys.path:
        folder = entry or "."
        try:
            with os.scandir(folder) as found:
                dists = [e.name for e in found if e.name.endswith((".dist-info", ".egg-info"))]
        except NotADirectoryError:
            return True
        except OSError:  # a path entry that does not exist
            continue
        for dist in dists:
            try:
                with open(os.path.join(folder, dist, "entry_points.txt"), encoding="utf-8", errors="replace") as fh:
                    if RULE_PACK_GROUP in fh.read():
                        return True
            except OSError:
                continue
    return False


def pack_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise RuleError(f"{path}: 规则包不存在")
    return sorted(p for p in path.glob("*.y*ml") if p.is_file() and p.suffix in (".yaml", ".yml"))


def load_pack(path: Path) -> list[Rule]:
    data = yaml_or_rule_error(lambda: load_yaml(path.read_text(encoding="utf-8")), str(path), "规则包")
    if data is None:
        return []
    if isinstance(data, dict) and "rules" in data:
        data = data["rules"]
    if not isinstance(data, list):
        raise RuleError(f"{path}: 规则包应为规则列表")
    from pydantic import ValidationError  # only here: a warm run reads compiled rules from the cache

    rules = []
    for i, entry in enumerate(data, 1):
        if not isinstance(entry, dict):
            raise RuleError(f"{path}: 第 {i} 条不是映射")
        rid = entry.get("id", f"#{i}")
        if isinstance(rid, str) and not _id_shaped(rid):  # the first field: its error comes first
            raise RuleError(f"{path}: 规则 {rid} 的 id：Value error, 规则 id 只能含字母、数字、-、_")
        try:
            rule = _validate_rule({**entry, "source": path.name})
            rule.fix = rule.fix or family_fix(rule.id)
            rule.compile()
            check_addresses(rule)
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(x) for x in err["loc"])
            raise RuleError(
                f"{path}: 规则 {rid} 的 {where}：{_PYDANTIC_MESSAGES.get(err['type'], err['msg'])}"
            ) from None
        except RuleError as exc:
            raise RuleError(f"{path}: 规则 {rid}：{exc}") from None
        rules.append(rule)
    return rules


# what pydantic said of these when the rules were its models (an unknown key in a dataclass is
# an "unexpected keyword argument" to it)
_PYDANTIC_MESSAGES = {"unexpected_keyword_argument": "Extra inputs are not permitted"}


@lru_cache(maxsize=1)
def _rule_adapter():
    from pydantic import TypeAdapter

    return TypeAdapter(Rule)


def _validate_rule(entry: dict[str, Any]) -> Rule:
    """A pack entry as a ``Rule``, validated (types, required and unknown keys) by pydantic."""
    applies = entry.get("applies_to")
    if isinstance(applies, dict):  # a single kind, table or profile may be written without a list
        entry["applies_to"] = {k: _listify(v) if k in ("kind", "tables", "profile") else v for k, v in applies.items()}
    return _rule_adapter().validate_python(entry)


def _id_shaped(rule_id: str) -> bool:
    return bool(rule_id) and rule_id.replace("_", "").replace("-", "").isalnum()


def _listify(v: Any) -> Any:
    if v is None:
        return []
    return [v] if isinstance(v, str) else v


@lru_cache(maxsize=1)
def _fix_hints() -> dict[str, str]:
    return {str(k): str(v) for k, v in (load_data_file(vocab_dir() / "fix_hints.yaml") or {}).items()}


def family_fix(rule_id: str) -> str:
    """The fix hint of the longest family prefix of ``rule_id`` (BL5 for BL501), or ''."""
    hints = _fix_hints()
    for n in range(len(rule_id), 0, -1):
        if rule_id[:n] in hints:
            return hints[rule_id[:n]]
    return ""


def rule_matches(rule_id: str, patterns: list[str]) -> bool:
    """An id or a prefix of it, case-insensitive (``bl4`` selects BL401…)."""
    rid = rule_id.upper()
    return any(rid.startswith(p.upper()) for p in patterns)


def _check_selectors(option: str, patterns: list[str], rules: list[Rule]) -> None:
    """A selector that names no rule is a mistake, not an empty selection: a CI gate
    with ``--select BL999`` would otherwise pass without checking anything."""
    unknown = [p for p in patterns if not any(rule_matches(r.id, [p]) for r in rules)]
    if unknown:
        from budgetlint.i18n import _, _f

        raise UsageError(
            _f(
                "{option} 中的 {patterns} 不是任何规则的编号或前缀（用 budgetlint rules 查看全部规则）",
                option=option,
                patterns=_("、").join(unknown),
            )
        )


def load_rules(
    extra: list | None = None, select: list[str] | None = None, ignore: list[str] | None = None, builtin: bool = True
) -> list[Rule]:
    """Built-in packs, installed packs (``installed_packs``), then each extra file/dir; same id =
    override. Then select/ignore by id or prefix. Rules may call the engine's functions and
    those of installed libraries (``expr.install``; budgetlint.checker installs the claims').
    The validated, compiled rules come from the user cache while the packs, the vocabularies their
    addresses are checked against and the code compiling them are unchanged (budgetlint/cache.py)."""
    dirs: list[Path] = [builtin_rules_dir(), *installed_packs()] if builtin else []
    dirs += [Path(p) for p in (extra or [])]
    files = [f for d in dirs for f in pack_files(d)]

    def build() -> list[Rule]:
        by_id: dict[str, Rule] = {}
        for f in files:
            for rule in load_pack(f):
                by_id[rule.id] = rule
        return sorted(by_id.values(), key=lambda r: r.id)

    try:
        key = _rules_key(files)
    except OSError:  # an unreadable pack: load_pack says which, in the user's words
        return select_rules(build(), select, ignore)
    from budgetlint import cache

    return select_rules(cache.cached("rules", key, build), select, ignore)


def _rules_key(files: list[Path]) -> str:
    """What compiled rules derive from: each pack's name and text, every vocabulary file (addresses
    are checked against them, fix hints read from them), the functions the plugins registered and
    the source of the modules that validate and compile rules."""
    from budgetlint import cache
    from budgetlint.resources import vocab_dir

    parts: list[bytes | str] = [
        cache.source_digest("engine/rules.py", "engine/expr.py", "engine/address_check.py"),
        ",".join(sorted(E.FUNCTIONS)),
    ]
    for f in files:
        parts += [str(f.resolve()), f.read_bytes()]
    for f in sorted(vocab_dir().glob("*.y*ml")):
        parts += [f.name, f.read_bytes()]
    return cache.digest(*parts)


def select_rules(
    rules: list[Rule], select: list[str] | None = None, ignore: list[str] | None = None, option: str = "--ignore"
) -> list[Rule]:
    """``rules`` narrowed by ids or prefixes; a selector that names none of them is a UsageError
    (``option`` names where an ignore list came from: --ignore, per-file-ignores)."""
    _check_selectors("--select", select or [], rules)
    _check_selectors(option, ignore or [], rules)
    if select:
        rules = [r for r in rules if rule_matches(r.id, select)]
    if ignore:
        rules = [r for r in rules if not rule_matches(r.id, ignore)]
    return rules
