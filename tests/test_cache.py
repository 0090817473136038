"""The user cache of parsed vocabularies and compiled rules (budgetlint/cache.py): served only while
what it derives from is unchanged, and never a reason for a run to fail."""

from __future__ import annotations

import shutil

import pytest

from budgetlint import cache, resources
from budgetlint.engine import rules as rules_module
from budgetlint.engine.rules import load_rules

PACK = """
- id: XT901
  title: {title}
  severity: error
  check: "expense[total].total == expense[total].basic + expense[total].project"
  message: "合计不等于基本支出加项目支出"
  rationale: "测试"
  examples:
    - {{expect: pass, facts: {{"expense[total].total": "3", "expense[total].basic": "1", "expense[total].project": "2"}}}}
    - {{expect: fail, facts: {{"expense[total].total": "4", "expense[total].basic": "1", "expense[total].project": "2"}}}}
"""


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("BUDGETLINT_CACHE_DIR", str(folder))
    monkeypatch.delenv("BUDGETLINT_NO_CACHE", raising=False)
    return folder


def counting_build(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_an_entry_is_built_once_and_then_read(cache_folder):
    build, calls = counting_build({"a": [1, 2]})
    assert cache.cached("t", cache.digest("x"), build) == {"a": [1, 2]}
    assert cache.cached("t", cache.digest("x"), build) == {"a": [1, 2]}
    assert len(calls) == 1
    assert list(cache_folder.iterdir())


def test_another_key_rebuilds_and_replaces_the_slot(cache_folder):
    first, _ = counting_build("old")
    cache.cached("t", "00aa", first)
    second, calls = counting_build("new")
    assert cache.cached("t", "00bb", second) == "new"  # same slot (first byte), other key: not served
    assert calls == [1]
    assert len(list(cache_folder.iterdir())) == 1


def test_a_damaged_entry_is_rebuilt(cache_folder):
    build, _ = counting_build("v")
    cache.cached("t", "00aa", build)
    for f in cache_folder.iterdir():
        f.write_bytes(b"not a pickle")
    build, calls = counting_build("v2")
    assert cache.cached("t", "00aa", build) == "v2" and calls == [1]


def test_an_unwritable_cache_is_silently_skipped(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("BUDGETLINT_CACHE_DIR", str(blocker / "cache"))  # cannot be created under a file
    build, calls = counting_build(42)
    assert cache.cached("t", "00aa", build) == 42
    assert cache.cached("t", "00aa", build) == 42
    assert calls == [1, 1]
    assert [p.name for p in tmp_path.iterdir()] == ["a-file"]


def test_no_cache_switch(cache_folder, monkeypatch):
    monkeypatch.setenv("BUDGETLINT_NO_CACHE", "1")
    build, calls = counting_build(1)
    cache.cached("t", "00aa", build)
    cache.cached("t", "00aa", build)
    assert calls == [1, 1] and not cache_folder.exists()


def test_a_changed_pack_is_loaded_anew(cache_folder, tmp_path):
    pack = tmp_path / "local.yaml"
    pack.write_text(PACK.format(title="第一版"), encoding="utf-8")
    first = {r.id: r for r in load_rules(extra=[pack])}
    assert first["XT901"].title == "第一版"
    assert any(p.name.startswith("rules-") for p in cache_folder.iterdir())
    again = {r.id: r for r in load_rules(extra=[pack])}  # from the cache: the same rules, compiled
    assert again["XT901"].title == "第一版" and again["XT901"].check_ast == first["XT901"].check_ast
    pack.write_text(PACK.format(title="第二版"), encoding="utf-8")
    assert {r.id: r for r in load_rules(extra=[pack])}["XT901"].title == "第二版"


def test_a_broken_pack_is_an_error_even_after_a_good_one_was_cached(cache_folder, tmp_path):
    from budgetlint.errors import RuleError

    pack = tmp_path / "local.yaml"
    pack.write_text(PACK.format(title="好"), encoding="utf-8")
    load_rules(extra=[pack])
    pack.write_text(
        PACK.format(title="好").replace("expense[total].basic +", "expnse[total].basic +"), encoding="utf-8"
    )
    with pytest.raises(RuleError, match="expnse"):
        load_rules(extra=[pack])


def test_the_rules_key_covers_every_vocabulary_file(tmp_path, monkeypatch):
    vocab = tmp_path / "vocab"
    shutil.copytree(resources.vocab_dir(), vocab)
    monkeypatch.setattr(resources, "vocab_dir", lambda: vocab)
    files = rules_module.pack_files(rules_module.builtin_rules_dir())
    before = rules_module._rules_key(files)
    assert rules_module._rules_key(files) == before
    for f in sorted(vocab.glob("*.yaml")):
        original = f.read_text(encoding="utf-8")
        f.write_text(original + "\n# changed\n", encoding="utf-8")
        assert rules_module._rules_key(files) != before, f.name
        f.write_text(original, encoding="utf-8")


def test_a_changed_vocabulary_file_is_parsed_anew(cache_folder, tmp_path):
    folder = tmp_path / "vocab"
    folder.mkdir()
    path = folder / "words.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    assert resources.load_data_file(path) == {"a": 1}
    assert resources.load_data_file(path) == {"a": 1}
    path.write_text("a: 2\n", encoding="utf-8")
    assert resources.load_data_file(path) == {"a": 2}


def test_an_entry_others_can_write_is_not_read(cache_folder):
    build, _ = counting_build("mine")
    cache.cached("t", "00aa", build)
    for f in cache_folder.iterdir():
        f.chmod(0o666)
    build, calls = counting_build("rebuilt")
    assert cache.cached("t", "00aa", build) == "rebuilt" and calls == [1]
