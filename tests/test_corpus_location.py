"""The corpus of real PDFs is found beside the clone, or where BUDGETLINT_CORPUS says."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _corpus_dir(env: dict[str, str]) -> str:
    code = "from budgetlint.corpus import CORPUS_DIR; print(CORPUS_DIR)"
    return subprocess.run(
        [sys.executable, "-c", code], env={**env, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_the_environment_names_the_corpus(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "BUDGETLINT_CORPUS"}
    assert _corpus_dir(env) == str(ROOT.parent / "shared" / "corpus" / "real")
    assert _corpus_dir({**env, "BUDGETLINT_CORPUS": str(tmp_path)}) == str(tmp_path)
