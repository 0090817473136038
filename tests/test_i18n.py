"""One language at a time: Chinese by default, English with ``--lang en`` or an English locale.

The catalogues (rules/locale/en.yaml, budgetlint/locale/en/LC_MESSAGES/budgetlint.po) are checked
for completeness and placeholders; the reports are checked for Chinese left in the English frame.
Chinese printed text (excerpts, table and row names) is allowed inside quotes “…”: it is what the
reader searches for in the document.
"""

from __future__ import annotations

import gettext
import json
import re
import string
import subprocess
import sys
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner

from budgetlint import i18n
from budgetlint.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
PO = ROOT / "budgetlint" / "locale" / "en" / "LC_MESSAGES" / "budgetlint.po"
CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def outside_quotes(line: str) -> str:
    """``line`` without the text inside “…” (nested quotes included: a printed title may quote)."""
    out, depth = [], 0
    for ch in line:
        if ch == "“":
            depth += 1
        elif ch == "”" and depth:
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def chinese_outside_quotes(text: str, allowed: tuple[str, ...] = ()) -> list[str]:
    lines = []
    for line in text.splitlines():
        for a in allowed:
            line = line.replace(a, "")
        if CJK.search(outside_quotes(line)):
            lines.append(line)
    return lines


def test_the_quote_stripper_keeps_what_is_outside_and_can_fail():
    assert outside_quotes("→ line 3 · “2024 年“三公”经费表” · column “合计”") == "→ line 3 ·  · column "
    assert chinese_outside_quotes("Error BL101 合计 = 基本支出") == ["Error BL101 合计 = 基本支出"]
    assert chinese_outside_quotes("Row “合计”: total 3") == []


# ------------------------------------------------------------------ rule catalogue


def _rule_packs() -> list[dict]:
    rules = []
    for pack in sorted((ROOT / "rules").glob("*.yaml")) + sorted((ROOT / "rules" / "across").glob("*.yaml")):
        data = yaml.safe_load(pack.read_text(encoding="utf-8")) or []
        rules += data["rules"] if isinstance(data, dict) else data
    return rules


def _english_rules() -> dict:
    return yaml.safe_load((ROOT / "rules" / "locale" / "en.yaml").read_text(encoding="utf-8"))


def test_every_rule_has_english_title_message_and_fix():
    english = _english_rules()["rules"]
    missing = [
        r["id"]
        for r in _rule_packs()
        if not english.get(r["id"], {}).get("title") or not english[r["id"]].get("message")
    ]
    assert not missing, f"rules/locale/en.yaml lacks title or message for {missing}"
    own_fix = [r["id"] for r in _rule_packs() if r.get("fix") and not english[r["id"]].get("fix")]
    assert not own_fix, f"rules with their own fix: need an English fix in rules/locale/en.yaml: {own_fix}"
    stale = set(english) - {r["id"] for r in _rule_packs()}
    assert not stale, f"rules/locale/en.yaml names rules that do not exist: {stale}"


def test_english_messages_use_exactly_the_placeholders_of_the_chinese():
    english = _english_rules()["rules"]
    wrong = {
        r["id"]: (placeholders(r["message"]), placeholders(english[r["id"]]["message"]))
        for r in _rule_packs()
        if placeholders(r["message"]) != placeholders(english[r["id"]]["message"])
    }
    assert not wrong, wrong


def test_every_family_fix_hint_has_english():
    families = yaml.safe_load((ROOT / "rules" / "vocab" / "fix_hints.yaml").read_text(encoding="utf-8"))
    assert set(families) <= set(_english_rules()["families"])


def test_english_rule_text_keeps_chinese_only_in_quotes():
    data = _english_rules()
    texts = [v for entry in data["rules"].values() for v in entry.values()] + list(data["families"].values())
    assert not [t for t in texts if chinese_outside_quotes(t)]


# ------------------------------------------------------------------ message catalogue


def _po_entries() -> dict[str, str]:
    """msgid → msgstr of the .po (single-line entries, as the file is written)."""
    text = PO.read_text(encoding="utf-8")
    pairs = re.findall(r'^msgid "((?:[^"\\]|\\.)*)"\nmsgstr "((?:[^"\\]|\\.)*)"', text, re.M)

    def unescape(s: str) -> str:
        return s.encode("latin-1", "backslashreplace").decode("unicode_escape") if "\\" in s else s

    return {unescape(k): unescape(v) for k, v in pairs if k}


def _source_messages() -> set[str]:
    """Every message the source routes through the catalogue, and every help text of the CLI."""
    found: set[str] = set()
    for path in (ROOT / "budgetlint").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for quote in ('"', "'"):
            found |= set(re.findall(rf"\b(?:_|_f|N_)\(\s*{quote}((?:[^{quote}\\]|\\.)*){quote}", source))
        found |= set(re.findall(r'\b(?:InputError|LimitError)\([^,()]+,\s*"((?:[^"\\]|\\.)*)"', source))
    for cmd in [main, *main.commands.values()]:
        texts = [getattr(cmd, "_zh_help", cmd.help)]
        texts += [getattr(p, "_zh_help", p.help) for p in cmd.params if isinstance(p, click.Option)]
        found |= {t for t in texts if t}
    return {m for m in found if CJK.search(m)}


def test_every_message_in_the_source_has_an_english_entry():
    entries = _po_entries()
    missing = sorted(_source_messages() - set(entries))
    assert not missing, f"add to {PO.relative_to(ROOT)} (then scripts/compile-messages.sh): {missing}"


def test_translations_keep_the_placeholders_and_the_mo_is_compiled():
    entries = _po_entries()
    assert len(entries) > 100
    wrong = {k: v for k, v in entries.items() if placeholders(k) != placeholders(v)}
    assert not wrong, wrong
    compiled = gettext.translation("budgetlint", str(ROOT / "budgetlint" / "locale"), languages=["en"])
    stale = [k for k, v in entries.items() if compiled.gettext(k) != v]
    assert not stale, f"run scripts/compile-messages.sh: the .mo differs for {stale[:5]}"


# ------------------------------------------------------------------ the reports


def run(*args: str, **kwargs):
    return CliRunner().invoke(main, list(args), catch_exceptions=False, **kwargs)


def test_english_text_report_has_no_chinese_outside_printed_text():
    result = run("check", str(EXAMPLES), "--lang", "en", "--jobs", "1")
    assert result.exit_code == 1
    out = result.output
    assert "How to fix:" in out and "Error BL401" in out and "Printed:" in out
    assert "Error BL401 “Three public expenses” table" in out  # the rule title, in English
    assert re.search(r"^Files: 5; errors \d+, warnings \d+, notes \d+$", out, re.M)
    assert not chinese_outside_quotes(out, allowed=(str(EXAMPLES),)), chinese_outside_quotes(out)


def test_lang_is_accepted_after_the_subcommand_and_before_it():
    after = run("check", str(EXAMPLES / "2024-laocheng-zwfw-budget.txt"), "--lang", "en").output
    before = run("--lang", "en", "check", str(EXAMPLES / "2024-laocheng-zwfw-budget.txt")).output
    assert after == before and "How to fix:" in after


def test_lang_zh_is_the_default_and_unchanged(monkeypatch):
    monkeypatch.setattr(i18n, "_DEFAULT", "zh")
    default = run("check", str(EXAMPLES), "--jobs", "1").output
    chinese = run("check", str(EXAMPLES), "--lang", "zh", "--jobs", "1").output
    assert default == chinese
    assert "怎么改：" in default and "  错误 BL401 三公经费表公务用车运行费" in default
    assert re.search(r"^共 5 个文件：错误 \d+，警告 \d+，提示 \d+$", default, re.M)
    assert "How to fix" not in default


def test_json_keeps_machine_fields_and_translates_message_and_title():
    path = str(EXAMPLES / "2024-laocheng-zwfw-budget.txt")
    zh = json.loads(run("check", path, "--format", "json", "--lang", "zh").output)
    en = json.loads(run("check", path, "--format", "json", "--lang", "en").output)
    zh_findings, en_findings = zh["documents"][0]["findings"], en["documents"][0]["findings"]
    assert [f["fingerprint"] for f in zh_findings] == [f["fingerprint"] for f in en_findings]
    for a, b in zip(zh_findings, en_findings):
        for key in ("rule_id", "severity", "expected", "actual", "difference", "locations"):
            assert a.get(key) == b.get(key), key
        assert CJK.search(a["title"]) and not CJK.search(outside_quotes(b["title"]))
        assert a["message"] != b["message"]


@pytest.mark.parametrize("fmt", ["sarif", "junit", "github", "html"])
def test_other_formats_follow_the_language(fmt):
    path = str(EXAMPLES / "2024-laocheng-zwfw-budget.txt")
    en = run("check", path, "--format", fmt, "--lang", "en").output
    zh = run("check", path, "--format", fmt, "--lang", "zh").output
    assert "official vehicle operation" in en.lower() and "三公经费表公务用车运行费" in zh
    if fmt == "html":
        assert "How to fix:" in en and '<html lang="en">' in en and "怎么改：" in zh


def test_english_help_and_click_messages():
    out = run("check", "--help", "--lang", "en").output
    assert "Usage:" in out and "Run only these rules" in out and "Show this message and exit." in out
    zh = run("check", "--help", "--lang", "zh").output
    assert "用法：" in zh and "只运行这些规则" in zh
    bad = run("--lang", "en", "check", "--no-such-option", "x")
    assert bad.exit_code == 2 and "No such option" in bad.output
    wrong = run("check", "x", "--lang", "fr")  # after the subcommand too: the value is refused, not the option
    assert wrong.exit_code == 2 and "'fr'" in wrong.output


def test_rule_catalogue_follows_the_language():
    assert "Budget execution rate agrees" in run("rules", "--lang", "en").output
    en, zh = run("rule", "BL510", "--lang", "en"), run("rule", "BL510", "--lang", "zh")
    assert en.exit_code == zh.exit_code == 0
    assert "Severity: " in en.output and "Message: The text" in en.output and "级别：" in zh.output
    catalogue = json.loads(run("rules", "--format", "json", "--lang", "en").output)
    assert not [r["id"] for r in catalogue["rules"] if chinese_outside_quotes(r["title"] + r["message"] + r["fix"])]


def test_configuration_key_lang(tmp_path):
    source = tmp_path / "doc.txt"
    source.write_bytes((EXAMPLES / "2024-laocheng-zwfw-budget.txt").read_bytes())
    (tmp_path / "budgetlint.toml").write_text('lang = "en"\n', encoding="utf-8")
    assert "How to fix:" in run("check", str(source)).output
    assert "怎么改：" in run("check", str(source), "--lang", "zh").output  # the command line wins
    (tmp_path / "budgetlint.toml").write_text('lang = "fr"\n', encoding="utf-8")
    assert run("check", str(source)).exit_code == 2


def test_unreadable_file_message_in_english(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    out = run("check", str(empty), "--lang", "en").output
    assert (
        "Cannot check: The file is empty" in out
        and "Files: 1; errors 0, warnings 0, notes 0, could not be checked 1" in out
    )


@pytest.mark.parametrize(
    "env, lang",
    [
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "C.UTF-8"}, "zh"),
        ({"LANGUAGE": "en_GB", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        ({}, "zh"),
    ],
)
def test_locale_decides_the_default(env, lang):
    assert i18n.locale_language(env) == lang


@pytest.mark.parametrize("env, english", [({"LANG": "en_US.UTF-8"}, True), ({"LANG": "zh_CN.UTF-8"}, False)])
def test_an_english_locale_gives_english_reports(env, english):
    result = subprocess.run(
        [sys.executable, "-m", "budgetlint", "check", "--jobs", "1", str(EXAMPLES / "2024-laocheng-zwfw-budget.txt")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), **env},
    )
    assert result.returncode == 1
    assert ("How to fix:" in result.stdout) is english and ("怎么改：" in result.stdout) is not english
