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
