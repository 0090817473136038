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
    """A package ``zz_packs`` holding one pack, installed as a distribution whose entry point
    names ``value`` (a ``.dist-info`` folder on ``sys.path``, found as an installed one is)."""
    package = tmp_path / "zz_packs"
    package.mkdir()
    (package / "__init__.py").write_text(
        "from pathlib import Path\n\ndef where():\n    return Path(__file__).parent\n", encoding="utf-8"
    )
    (package / "extra.yaml").write_text(PACK, encoding="utf-8")
    dist = tmp_path / "zz_packs-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: zz-packs\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text(f"[{rules_module.RULE_PACK_GROUP}]\nzz = {value}\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    sys.modules.pop("zz_packs", None)


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


def test_without_a_declaring_distribution_importlib_metadata_is_not_asked(monkeypatch):
    """No distribution on the path names the group (the usual case): the built-in packs only,
    found without importlib.metadata (its import is a tenth of a small check's start-up)."""

    def refuse(**_params):
        raise AssertionError("importlib.metadata was asked")

    monkeypatch.setattr(metadata, "entry_points", refuse)
    assert rules_module.installed_packs() == []
