"""Readers never crash on damaged input: every file either reads or is refused with an
InputError naming it (exit 2), never an internal error (exit 3) or a hang.

Inputs: random bytes under each supported suffix, and real files damaged the ways
downloads and hand edits damage them (truncated, bytes overwritten, a block cut out).
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgetlint.errors import InputError
from budgetlint.pipeline import load_document

ROOT = Path(__file__).resolve().parents[2]
PDF = (ROOT / "tests" / "fixtures" / "pdf" / "foshan_2019_guidaojiaotongju_js.pdf").read_bytes()
TEXT = (ROOT / "examples" / "2024-laocheng-zwfw-budget.txt").read_bytes()
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _read(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    try:
        load_document([path])
    except InputError as exc:
        assert exc.path and exc.reason  # refused with the file named and a reason
    # anything else propagates and fails the test


@FUZZ
@given(data=st.binary(max_size=4096), suffix=st.sampled_from([".pdf", ".txt", ".md", ".xlsx", ".docx", ".csv"]))
def test_random_bytes(tmp_path, data, suffix):
    _read(tmp_path, "x" + suffix, data)


@st.composite
def damaged(draw, original: bytes) -> bytes:
    data = bytearray(original)
    how = draw(st.sampled_from(["truncate", "overwrite", "cut"]))
    at = draw(st.integers(min_value=0, max_value=len(data) - 1))
    if how == "truncate":
        return bytes(data[:at])
    if how == "overwrite":
        junk = draw(st.binary(min_size=1, max_size=64))
        data[at : at + len(junk)] = junk
        return bytes(data)
    size = draw(st.integers(min_value=1, max_value=4096))
    return bytes(data[:at] + data[at + size :])


@FUZZ
@given(data=damaged(PDF))
def test_damaged_pdf(tmp_path, data):
    _read(tmp_path, "damaged.pdf", data)


@FUZZ
@given(data=damaged(TEXT))
def test_damaged_text_export(tmp_path, data):
    _read(tmp_path, "damaged.txt", data)
