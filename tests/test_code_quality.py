"""Lint, format and types, as part of the one test command (README; .ci/run runs the same).

The configuration is in pyproject.toml ([tool.ruff], [tool.mypy]); the tools are in the
``test`` extra, so a missing tool is a failure, not a skip.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CODE = ["budgetlint", "tests", "benchmarks", "fuzz", "scripts"]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff_finds_nothing():
    result = run("ruff", "check", *CODE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_is_formatted():
    result = run("ruff", "format", "--check", *CODE)
    assert result.returncode == 0, "run `ruff format " + " ".join(CODE) + "`:\n" + result.stdout + result.stderr


def test_mypy_finds_no_type_errors():
    result = run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr
