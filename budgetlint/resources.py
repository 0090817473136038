"""Where the data shipped with budgetlint lives (rule packs, vocabularies, profiles).

In a source checkout (and an editable install) that is the repository's
``rules/`` folder; in an installed wheel it is copied to ``budgetlint/_rules``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any
from pathlib import Path

_PKG = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def rules_dir() -> Path:
    for candidate in (_PKG.parent / "rules", _PKG / "_rules"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("budgetlint: rules/ directory not found (broken installation)")


def vocab_dir() -> Path:
    return rules_dir() / "vocab"


def profiles_dir() -> Path:
    return rules_dir() / "profiles"


def load_yaml(stream, name: str | None = None):
    """``yaml.safe_load`` through libyaml's C loader when PyYAML has it (several times faster at
    start-up: every run reads the rule packs and vocabularies), else the pure-Python one.
    Both build the same plain data with the same safe constructor. With a ``name`` (a file of
    ours: ``vocab/columns.yaml``) the parsed data comes from the user cache (budgetlint/cache.py)
    while the text is unchanged."""
    if name is None:
        return _parse_yaml(stream)
    from budgetlint import cache

    text = stream if isinstance(stream, str) else stream.read()
    slot = "yaml-" + "".join(c if c.isalnum() else "_" for c in name)
    return cache.cached(slot, cache.digest(text), lambda: _parse_yaml(text))


def _parse_yaml(stream):
    import yaml

    return yaml.load(stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def yaml_or_rule_error(load: Callable[[], Any], name: str, what: str) -> Any:
    """``load()``'s data; a file that cannot be read or is not YAML becomes a RuleError naming it
    (``what``: 规则包, 词表 …)."""
    from budgetlint.errors import RuleError

    try:
        return load()
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{name}: 无法读取{what}（{exc}）") from None
    except Exception as exc:  # yaml.YAMLError (yaml is imported only to parse, not to read the cache)
        if not is_yaml_error(exc):
            raise
        raise RuleError(f"{name}: YAML 格式错误（{str(exc).splitlines()[0]}）") from None


def is_yaml_error(exc: BaseException) -> bool:
    """``exc`` is PyYAML's parse error (imported only when asked: a warm cache parses no YAML)."""
    if type(exc).__module__.split(".", 1)[0] != "yaml":
        return False
    import yaml

    return isinstance(exc, yaml.YAMLError)


def load_data_file(path: Path):
    """A YAML file shipped with budgetlint (vocabulary, profile), parsed once per change of its text."""
    return load_yaml(path.read_text(encoding="utf-8"), name=f"{path.parent.name}/{path.name}")


@lru_cache(maxsize=1)
def column_names() -> dict[str, str]:
    """Chinese names of canonical column keys (rules/vocab/column_names.yaml), for messages and reports."""
    path = vocab_dir() / "column_names.yaml"
    try:
        data = load_data_file(path) or {}
    except Exception as exc:  # unreadable or not YAML: no names, never a failed run
        if isinstance(exc, OSError) or is_yaml_error(exc):
            return {}
        raise
    return {str(k): str(v) for k, v in data.items()}


def known_column_name(key: str) -> str | None:
    """The Chinese name of a column key; a column of a 上年结转结余 band (``carryover.basic``) is
    named after its band and its own column."""
    names = column_names()
    if key in names:
        return names[key]
    if key.startswith("carryover.") and key[len("carryover.") :] in names:
        return "上年结转结余" + names[key[len("carryover.") :]]
    return None


@lru_cache(maxsize=1)
def table_name_vocab() -> dict[str, dict[str, str]]:
    """rules/vocab/table_names.yaml: Chinese names of table kinds (``tables``), row keys (``rows``)
    and row selectors (``selectors``) for messages and reports."""
    try:
        data = load_data_file(vocab_dir() / "table_names.yaml") or {}
    except Exception as exc:  # unreadable or not YAML: kinds are named by their slugs
        if not (isinstance(exc, OSError) or is_yaml_error(exc)):
            raise
        data = {}
    return {
        part: {str(k): str(v) for k, v in (data.get(part) or {}).items()} for part in ("tables", "rows", "selectors")
    }


def table_names() -> dict[str, str]:
    """Chinese names of table kinds."""
    return table_name_vocab()["tables"]
