"""Bad input gives one plain line naming the file, exit code 2, and no traceback."""

import subprocess
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "budgetlint", *args], capture_output=True, text=True, cwd=cwd or ROOT, timeout=120
    )


def assert_one_line_error(proc: subprocess.CompletedProcess, name: str, code: int = 2) -> None:
    assert proc.returncode == code, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr
    assert name in lines[0]


def test_missing_file(tmp_path):
    missing = tmp_path / "nope.txt"
    proc = run("parse", str(missing))
    assert_one_line_error(proc, "nope.txt")
    assert "不存在" in proc.stderr


def test_empty_file(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    proc = run("parse", str(empty))
    assert_one_line_error(proc, "empty.txt")
    assert "为空" in proc.stderr


def test_binary_file_with_text_suffix(tmp_path):
    blob = tmp_path / "blob.txt"
    blob.write_bytes(bytes(range(256)) * 8)
    proc = run("parse", str(blob))
    assert_one_line_error(proc, "blob.txt")


def test_unsupported_suffix(tmp_path):
    odd = tmp_path / "table.csvx"
    odd.write_text("a,b", encoding="utf-8")
    proc = run("parse", str(odd))
    assert_one_line_error(proc, "table.csvx")
    assert "不支持" in proc.stderr


def test_legacy_word_gets_conversion_advice(tmp_path):
    doc = tmp_path / "说明.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    proc = run("parse", str(doc))
    assert_one_line_error(proc, "说明.doc")
    assert ".docx" in proc.stderr


def test_directory_given_to_parse(tmp_path):
    proc = run("parse", str(tmp_path))
    assert_one_line_error(proc, str(tmp_path.name))


def test_usage_error_exit_code():
    proc = run("check")  # no paths
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def test_batch_continues_past_a_bad_document(tmp_path):
    """One unreadable file never stops a batch nor loses the others' results."""
    good = ROOT / "examples" / "2024-laocheng-zwfw-budget.txt"
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"")
    out = tmp_path / "report.json"
    proc = run("check", str(bad), str(good), "--format", "json", "-o", str(out))
    assert proc.returncode == 2, proc.stderr
    import json

    report = json.loads(out.read_text(encoding="utf-8"))
    by_path = {Path(d["path"]).name: d for d in report["documents"]}
    assert by_path["broken.txt"]["error"]
    assert by_path["2024-laocheng-zwfw-budget.txt"].get("error") in (None, "")
    assert by_path["2024-laocheng-zwfw-budget.txt"]["findings"], "the good document was still checked"


def test_directory_discovery_skips_readme(tmp_path):
    from budgetlint.pipeline import discover

    (tmp_path / "README.md").write_text("# notes", encoding="utf-8")
    (tmp_path / "budget.txt").write_text("2024 年部门预算", encoding="utf-8")
    groups = discover([tmp_path])
    names = [p.name for group in groups for p in group]
    assert names == ["budget.txt"]


def test_table_over_the_row_limit_names_file_limit_and_option():
    proc = run("parse", "--max-rows", "5", "examples/2024-laocheng-zwfw-budget.txt")
    assert_one_line_error(proc, "2024-laocheng-zwfw-budget.txt")
    assert "5 行的上限" in proc.stderr and "--max-rows" in proc.stderr


def test_file_over_the_size_limit_is_reported_and_the_batch_goes_on(tmp_path):
    small = tmp_path / "small.txt"
    small.write_text("2024年某某局部门预算\n", encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text("2024年某某局部门预算\n" + "说明。" * 20000, encoding="utf-8")
    proc = run("check", "--max-input-mb", "0.01", str(big), str(small), "--format", "json")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    import json

    docs = {Path(d["path"]).name: d for d in json.loads(proc.stdout)["documents"]}
    assert "--max-input-mb" in docs["big.txt"]["error"] and "error" not in docs["small.txt"]


def test_a_file_that_is_no_disclosure_says_so(tmp_path):
    from click.testing import CliRunner

    from budgetlint.cli import main

    notice = tmp_path / "通知.md"
    notice.write_text("# 关于召开会议的通知\n\n各部门：请于下周一参加会议。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(notice)])
    assert result.exit_code == 2
    assert "不是部门预算或决算公开文件" in result.output


def test_debug_is_accepted_after_the_subcommand_and_a_file_named_twice_is_checked_once(tmp_path):
    import json
    from pathlib import Path

    from click.testing import CliRunner

    from budgetlint.cli import main

    example = Path(__file__).resolve().parents[1] / "examples" / "2023-xigong-zwfw-final.txt"
    result = CliRunner().invoke(
        main, ["check", str(example), str(example), str(example.parent), "--format", "json", "--debug"]
    )
    assert result.exit_code == 1, result.output
    paths = [d["path"] for d in json.loads(result.output)["documents"]]
    assert len(paths) == 5 and len({Path(p).name for p in paths}) == 5


def test_exclude_skips_matching_files_and_folders(tmp_path):
    import shutil
    from pathlib import Path

    from click.testing import CliRunner

    from budgetlint.cli import main

    examples = Path(__file__).resolve().parents[1] / "examples"
    (tmp_path / "草稿").mkdir()
    shutil.copy(examples / "2023-xigong-zwfw-final.txt", tmp_path / "草稿")
    shutil.copy(examples / "2024-yanjin-zwfw-budget.txt", tmp_path)
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--exclude", "草稿", "--format", "json"])
    assert '"path"' in result.output and "xigong" not in result.output and "yanjin" in result.output


def test_check_reads_a_document_from_standard_input():
    from pathlib import Path

    from click.testing import CliRunner

    from budgetlint.cli import main

    root = Path(__file__).resolve().parents[1]
    for source, errors in (
        (root / "examples" / "2023-xigong-zwfw-final.txt", 2),  # BL510, BL521
        (root / "tests" / "fixtures" / "pdf" / "beijing_2026_shenjiju_ys_tables.pdf", 0),
    ):
        result = CliRunner().invoke(main, ["check", "-", "--format", "json"], input=source.read_bytes())
        import json

        doc = json.loads(result.output)["documents"][0]
        assert "error" not in doc, doc.get("error")
        assert sum(f["severity"] == "error" for f in doc["findings"]) == errors
        assert doc["path"] == "-"  # as given, not the temporary copy that is gone after the run
        places = [loc for f in doc["findings"] for loc in (*f["locations"], *f.get("related", []))]
        assert {loc["path"] for loc in places} <= {"-"}


def test_standard_input_leaves_no_copy_behind(tmp_path, monkeypatch):
    import tempfile
    from pathlib import Path

    from click.testing import CliRunner

    from budgetlint.cli import main

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    source = Path(__file__).resolve().parents[1] / "examples" / "2023-xigong-zwfw-final.txt"
    result = CliRunner().invoke(main, ["check", "-"], input=source.read_bytes())
    assert result.exit_code == 1, result.output  # its two errors (BL510, BL521) were found
    assert list(tmp_path.iterdir()) == []


def test_standard_input_beyond_the_size_limit_is_refused_unread(tmp_path, monkeypatch):
    import io
    import tempfile

    from click.testing import CliRunner

    from budgetlint.cli import main

    class Endless(io.RawIOBase):  # a producer that never stops: only the cap ends the copy
        read_so_far = 0

        def readable(self):
            return True

        def readinto(self, buffer):
            buffer[:] = b"x" * len(buffer)
            Endless.read_so_far += len(buffer)
            return len(buffer)

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    result = CliRunner().invoke(main, ["check", "-", "--max-input-mb", "1"], input=io.BufferedReader(Endless()))
    assert result.exit_code == 2
    assert "标准输入超过上限 1 MB" in result.output and "--max-input-mb" in result.output
    assert Endless.read_so_far < 3 * 1024 * 1024
    assert list(tmp_path.iterdir()) == []


def test_standard_input_follows_the_configuration_of_the_working_folder(tmp_path, monkeypatch):
    import json
    from pathlib import Path

    from click.testing import CliRunner

    from budgetlint.cli import main

    (tmp_path / "budgetlint.toml").write_text('ignore = ["BL510"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    source = Path(__file__).resolve().parents[1] / "examples" / "2023-xigong-zwfw-final.txt"
    result = CliRunner().invoke(main, ["check", "-", "--format", "json"], input=source.read_bytes())
    rules = [f["rule_id"] for f in json.loads(result.output)["documents"][0]["findings"]]
    assert "BL521" in rules and "BL510" not in rules


def test_click_messages_are_in_chinese_like_the_rest():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "budgetlint", "check", "--no-such-option", "x"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
    )
    assert result.returncode == 2
    assert "用法" in result.stderr and "没有选项 '--no-such-option'" in result.stderr
    help_text = subprocess.run(
        [sys.executable, "-m", "budgetlint", "check", "--help"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
    ).stdout
    assert "显示本帮助并退出" in help_text and "检查 PATHS" in help_text
