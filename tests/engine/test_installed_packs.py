"""Rule packs of other installed distributions, found through the ``budgetlint.rule_packs`` entry point group."""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

import pytest

from budgetlint.engine import load_rules
from budgetlint.engine import rules as rules_module
from budgetlint.errors import RuleError

PACK = """\
- id: ZZ901
  title: 第三方规则包示例
  severity: warning
  applies_to: {tables: [expense]}
  check: expense[total].total == expense[total].basic + expense[total].project
  message: 合计 {actual} 不等于 基本支出 + 项目支出 {expected}
  rationale: 第三方规则包的测试
  examples:
    - facts: {"expense[total].total": 3, "expense[total].basic": 1, "expense[total].project": 2}
      expect: pass
    - facts: {"expense[total].total": 4, "expense[total].basic": 1, "expense[total].project": 2}
      expect: fail
"""


def _fake_distribution(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    """A package ``zz_packs`` holding one pack, and an entry point naming ``value``."""
    package = tmp_path / "zz_packs"
    package.mkdir()
    (package / "__init__.py").write_text(
        "from pathlib import Path\n\ndef where():\n    return Path(__file__).parent\n", encoding="utf-8"
    )
    (package / "extra.yaml").write_text(PACK, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    sys.modules.pop("zz_packs", None)
    point = metadata.EntryPoint(name="zz", value=value, group=rules_module.RULE_PACK_GROUP)

    def entry_points(**params):
        return [point] if params.get("group") == rules_module.RULE_PACK_GROUP else []

    monkeypatch.setattr(rules_module.metadata, "entry_points", entry_points)


@pytest.mark.parametrize("value", ["zz_packs", "zz_packs:where"])
def test_an_installed_pack_loads_after_the_builtin_ones(tmp_path, monkeypatch, value):
    _fake_distribution(tmp_path, monkeypatch, value)
    ids = [r.id for r in load_rules()]
    assert "ZZ901" in ids and "BL101" in ids


def test_no_installed_pack_without_the_builtin_ones(tmp_path, monkeypatch):
    _fake_distribution(tmp_path, monkeypatch, "zz_packs")
    assert load_rules(builtin=False) == []


def test_a_broken_entry_point_names_itself(tmp_path, monkeypatch):
    _fake_distribution(tmp_path, monkeypatch, "zz_packs_missing")
    with pytest.raises(RuleError, match="zz"):
        load_rules()
