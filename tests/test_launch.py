"""The entry point answers ``--version`` itself, before the command line and click are
imported (start-up, issue 14), with the very line click's ``--version`` prints."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(code: str, lang: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    env.update(LANG=lang, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return out.stdout


@pytest.mark.parametrize("lang", ["C.UTF-8", "en_US.UTF-8", "zh_CN.UTF-8"])
def test_version_is_clicks_line_without_importing_the_command_line(lang):
    fast = run(
        "import sys; sys.argv = ['budgetlint', '--version']\n"
        "from budgetlint.launch import main\n"
        "main()\n"
        "print(sorted(m for m in ('click', 'budgetlint.cli', 'budgetlint.engine') if m in sys.modules))",
        lang,
    )
    by_click = run(
        "import sys; sys.argv = ['budgetlint', '--version']\nfrom budgetlint.cli import main\nmain()",
        lang,
    )
    line, imported = fast.splitlines()
    assert line + "\n" == by_click
    assert imported == "[]"
    assert ("version" in line) == lang.startswith("en")  # the catalogue is read: Chinese unless English


def test_other_arguments_go_to_the_command_line(tmp_path):
    out = run(
        "import sys; sys.argv = ['budgetlint', 'schema']\nfrom budgetlint.launch import main\nmain()",
        "C.UTF-8",
    )
    assert '"$schema"' in out or '"properties"' in out
