"""Project configuration: ``[tool.budgetlint]`` in pyproject.toml, or a budgetlint.toml.

Found as ruff finds its own: from the first checked path upward, the nearest
directory holding a ``budgetlint.toml`` (keys at the top level, or under
``[tool.budgetlint]``) or a ``pyproject.toml`` with a ``[tool.budgetlint]``
table. Options given on the command line win over the file. Keys::

    select = ["BL1", "BL5"]          # rule ids or prefixes
    ignore = ["BL141"]
    per-file-ignores = {"单位/*.pdf" = ["BL804"]}   # globs relative to the file's folder
    fail-on = "warning"              # error | warning | info | never
    profile = "henan"
    rules = ["rules/local"]          # extra rule packs, relative to the file's folder
    format = "json"                  # text | json | sarif | junit | github | html
    baseline = "budgetlint-baseline.json"
    max-pages = 20000                # any limit of budgetlint/limits.py: max-input-mb, max-rows,
                                     # max-pages, max-cells, max-line-chars, max-unzipped-mb, max-unzip-ratio
    lang = "en"                      # zh (default) | en: language of reports and messages

An unknown key or a value of the wrong type is a usage error naming the file
and the key, never silently ignored.
"""

from __future__ import annotations

import fnmatch
from msgspec import Struct, field
from pathlib import Path

from budgetlint.errors import UsageError
from budgetlint.formats import REPORT_FORMATS
from budgetlint.i18n import _, _f
from budgetlint.limits import INTEGER_LIMITS, OPTIONS

FILE_NAMES = ("budgetlint.toml", "pyproject.toml")
LIST_KEYS = ("select", "ignore", "rules")
LIMIT_KEYS = {key: field for field, (_option, key, _default) in OPTIONS.items()}
TEXT_KEYS = {
    "fail-on": ("error", "warning", "info", "never"),
    "profile": None,
    "format": REPORT_FORMATS,
    "baseline": None,
    "lang": ("zh", "en"),
}


class Config(Struct):
    """The settings of a configuration file (defaults when none)."""

    source: Path | None = None  # the file the settings came from (None: defaults)
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    fail_on: str | None = None
    profile: str | None = None
    rules: list[Path] = field(default_factory=list)
    format: str | None = None
    baseline: Path | None = None
    limits: dict[str, float] = field(default_factory=dict)  # Limits field -> value
    lang: str | None = None  # zh | en: the language of reports and messages

    @property
    def root(self) -> Path:
        return self.source.parent if self.source else Path.cwd()

    def ignored_for(self, path: str | Path) -> list[str]:
        """Rule ids/prefixes ignored for one checked file (per-file-ignores)."""
        p = Path(path).resolve()
        try:
            rel = p.relative_to(self.root.resolve()).as_posix()
        except ValueError:
            rel = p.as_posix()
        return [
            rule
            for pattern, rules in self.per_file_ignores.items()
            if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(p.name, pattern)
            for rule in rules
        ]


def find_config(start: Path) -> Config:
    """The nearest configuration at or above ``start`` (a file or folder), else defaults."""
    here = start.resolve()
    folder = here if here.is_dir() else here.parent
    for d in (folder, *folder.parents):
        for name in FILE_NAMES:
            candidate = d / name
            if candidate.is_file():
                table = _table(candidate)
                if table is not None:
                    return parse_config(table, candidate)
    return Config()


def load_config(path: Path) -> Config:
    """An explicitly named configuration file (``--config``)."""
    if not path.is_file():
        raise UsageError(_f("{path}：找不到配置文件", path=path))
    table = _table(path)
    return parse_config(table or {}, path)


def _table(path: Path) -> dict | None:
    try:
        import tomllib  # here: most runs have no configuration file

        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(_f("{path}：配置文件无法读取（{reason}）", path=path, reason=exc)) from None
    tool = data.get("tool", {}).get("budgetlint")
    if tool is not None:
        return tool
    if path.name == "budgetlint.toml":
        return {k: v for k, v in data.items() if k != "tool"}
    return None


def parse_config(table: dict, source: Path) -> Config:
    config = Config(source=source)
    for key, value in table.items():
        if key in LIST_KEYS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise UsageError(_f("{path}：{key} 应为字符串列表", path=source, key=key))
            if key == "rules":
                config.rules = [source.parent / v for v in value]
            else:
                setattr(config, key, list(value))
        elif key == "per-file-ignores":
            if not isinstance(value, dict) or not all(
                isinstance(v, list) and all(isinstance(x, str) for x in v) for v in value.values()
            ):
                raise UsageError(_f("{path}：per-file-ignores 应为“文件模式 = [规则, …]”", path=source))
            config.per_file_ignores = {k: list(v) for k, v in value.items()}
        elif key in TEXT_KEYS:
            allowed = TEXT_KEYS[key]
            if not isinstance(value, str) or (allowed and value not in allowed):
                hint = _f("（可选：{choices}）", choices=_("、").join(allowed)) if allowed else ""
                raise UsageError(
                    _f("{path}：{key} 的值 {value} 无效{hint}", path=source, key=key, value=repr(value), hint=hint)
                )
            if key == "baseline":
                config.baseline = source.parent / value
            else:
                setattr(config, key.replace("-", "_"), value)
        elif key in LIMIT_KEYS:
            name = LIMIT_KEYS[key]
            integer = name in INTEGER_LIMITS
            if isinstance(value, bool) or not isinstance(value, int if integer else (int, float)) or value <= 0:
                raise UsageError(f"{source}：{key} 应为正{'整数' if integer else '数'}，而不是 {value!r}")
            config.limits[name] = value
        else:
            known = _("、").join([*LIST_KEYS, "per-file-ignores", *TEXT_KEYS, *LIMIT_KEYS])
            raise UsageError(_f("{path}：未知的配置项 {key}（可用：{known}）", path=source, key=key, known=known))
    return config
