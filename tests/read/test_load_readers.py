"""A batch imports the readers of its file kinds before it forks its workers
(``read.load_readers``), and only those: a batch of text exports never loads the PDF or Office
libraries. Checked in a fresh interpreter, where nothing else has imported a reader yet."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CODE = """
import json, sys
from budgetlint.read import load_readers
load_readers(set(json.loads(sys.argv[1])))
print(json.dumps(sorted(m for m in ("pdf", "text", "xlsx", "docx") if "budgetlint.read." + m in sys.modules)))
"""


def loaded(suffixes: list[str]) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", CODE, json.dumps(suffixes)], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def test_the_readers_of_the_batch_s_file_kinds_and_no_others():
    assert loaded([".pdf"]) == ["pdf"]
    assert loaded([".txt", ".xlsx", ".xlsm"]) == ["text", "xlsx"]
    assert loaded([".docx", ".md"]) == ["docx", "text"]


def test_an_unknown_suffix_loads_nothing():
    assert loaded([".csv", ""]) == []
