"""Shared by the atheris harnesses: run one input, tell a clean refusal from a crash.

A clean end is a read document or a ``BudgetlintError`` (for a reader: an ``InputError``
naming the file, exit code 2). Anything else is a crash: the input and its traceback
are written to ``fuzz/crashes/<target>/`` (one file per distinct place it failed, so a
run of 100,000 inputs keeps going and reports each bug once) and the run goes on.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

_SEEN: set[str] = set()
_TMP = Path(tempfile.mkdtemp(prefix="budgetlint-fuzz-"))


def crash_dir(target: str) -> Path:
    folder = Path(os.environ.get("BUDGETLINT_FUZZ_CRASHES", HERE / "crashes")) / target
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def signature(exc: BaseException) -> str:
    """Exception type and the innermost budgetlint frame: one bug, one signature."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "budgetlint" in f.filename]
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    return f"{type(exc).__name__}@{where}"


def record(target: str, data: bytes, exc: BaseException) -> None:
    sig = signature(exc)
    if sig in _SEEN:
        return
    _SEEN.add(sig)
    name = hashlib.sha1(data).hexdigest()[:16]
    folder = crash_dir(target)
    (folder / f"crash-{name}").write_bytes(data)
    (folder / f"crash-{name}.txt").write_text(f"{sig}\n\n" + "".join(traceback.format_exception(exc)), encoding="utf-8")
    print(f"\n*** {target}: new crash {sig} -> {folder / ('crash-' + name)}", file=sys.stderr, flush=True)


_RULES: list = []


def read_bytes_as(data: bytes, suffix: str) -> None:
    """Read ``data`` as a file with ``suffix``, recognise it (both stages of load_document),
    then check it with the bundled rules, as ``budgetlint check`` does: a reader's odd output
    must not crash a rule either."""
    from budgetlint.checker import check_document, load_rules
    from budgetlint.errors import BudgetlintError
    from budgetlint.pipeline import load_document

    if not _RULES:
        _RULES.extend(load_rules())
    path = _TMP / f"input{suffix}"
    path.write_bytes(data)
    try:
        doc = load_document([path])
    except BudgetlintError:
        return
    check_document(doc, _RULES)


def guarded(target: str, fn, data: bytes) -> None:
    try:
        fn(data)
    except Exception as exc:  # noqa: BLE001 - the point: any exception that is no clean error
        record(target, data, exc)


def main(target: str, test_one) -> None:
    import atheris

    atheris.Setup(sys.argv, lambda data: guarded(target, test_one, data))
    atheris.Fuzz()
