"""HiGHS prints a debug line to the process's standard output whatever its options say
("HighsMipSolverData::transformNewIntegerFeasibleSolution tmpSolver.run();", ERGO-Code/HiGHS#2783;
seen on a damaged 老城区 export, inside the JSON report). A JSON report written to standard output
must stay JSON when the diagnosis solves a table: the solver is run with file descriptor 1
pointed elsewhere. The solver is stood in for here by one that prints as HiGHS does (at the C
level, not through Python) and then solves: which programs make HiGHS print is its own affair."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap


def test_what_the_solver_prints_stays_out_of_a_report_on_standard_output(tmp_path):
    script = tmp_path / "run.py"
    script.write_text(
        textwrap.dedent(
            """
            import os
            import scipy.optimize

            real = scipy.optimize.milp

            def noisy(*args, **kwargs):
                os.write(1, b"HighsMipSolverData::transformNewIntegerFeasibleSolution tmpSolver.run();\\n")
                return real(*args, **kwargs)

            scipy.optimize.milp = noisy

            from budgetlint.checker import load_rules
            from budgetlint.engine import check_document
            from budgetlint.engine.examples import build_document
            from budgetlint.report.json_report import render_json

            rule = next(r for r in load_rules() if r.id == "BL190")
            failing = next(e for e in rule.examples if e.expect == "fail")
            report = check_document(build_document(failing), load_rules())
            print(render_json([report]))
            """
        ),
        encoding="utf-8",
    )
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "tmpSolver" not in result.stdout
    report = json.loads(result.stdout)
    assert "BL190" in {f["rule_id"] for f in report["documents"][0]["findings"]}  # the solver did run


def test_solvers_in_overlapping_threads_give_standard_output_back():
    """A Dask worker checks documents in threads: the first solver in redirects, the last one out
    restores (each restoring its own copy left descriptor 1 on /dev/null for good)."""
    import os
    import threading

    from budgetlint.diagnose.localise import _solver_output_discarded

    def where() -> tuple[int, int]:
        st = os.fstat(1)
        return st.st_dev, st.st_ino

    null = os.stat(os.devnull)
    before = where()
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen = []

    def first():
        with _solver_output_discarded():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    def second():
        first_in.wait(5)
        with _solver_output_discarded():
            second_in.set()
            first_out.wait(5)
            seen.append(where())  # the first has left: still discarded while this one solves

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert seen == [(null.st_dev, null.st_ino)]
    assert where() == before
