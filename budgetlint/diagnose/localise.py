"""The fewest printed cells whose change makes every identity hold (Fellegi–Holt).

A mixed-integer program per table, solved by scipy.optimize.milp (HiGHS):

    minimise   Σ w_j · z_j                       z_j ∈ {0, 1}: cell j is changed
    subject to −tol_e ≤ r_e + Σ_j a_ej · d_j ≤ tol_e   every identity e holds within rounding
               −M_j · z_j ≤ d_j ≤ M_j · z_j            a correction only where z_j = 1

r_e is the identity's printed residual, tol_e the sum of its cells' half-widths
(budgetlint/rounding.py: the engine's own test). Weights: 1 per cell, plus 0.1 for every
holding identity the cell takes part in (a cell its neighbours agree with is less likely
wrong); a cell that two holding identities sharing no other cell confirm is never changed.
Only the failing identities' cells and their neighbours' are variables (a change elsewhere
cannot help); other cells are constants. The program is solved again with the answer
excluded: an equally good second answer is a tie, reported as such, never guessed.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from msgspec import Struct
from decimal import Decimal

from budgetlint.diagnose.model import Equation
from budgetlint.diagnose.system import TableSystem

HOLDING_WEIGHT = 0.1
TIE_EPS = 1e-6
MAX_VARIABLES = 4000
TIME_LIMIT_S = 5.0


class Localisation(Struct):
    """The fewest cells whose change makes a table's identities hold."""

    cells: list[int]  # the cells to change (system indices)
    objective: float
    tie: list[int] | None  # an equally good other answer, when there is one


def load_solver() -> None:
    """Import SciPy's MILP solver. It is imported when a table's identities first fail, not with
    this module: importing it costs ~0.4 s and ~40 MB, more than the whole start-up of a check of
    a clean document. A batch calls this before forking its workers, so they share one copy
    instead of each importing its own on its first failing table (budgetlint.batch).
    One thread for BLAS and OpenMP (HiGHS): the programs are tiny, and in a batch their worker
    threads only compete with the other documents' processes (a user's own setting is kept)."""
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")
    import scipy.optimize
    import scipy.sparse  # noqa: F401


def localise(system: TableSystem, failing: list[Equation]) -> Localisation | None:
    near = set().union(*(eq.cells() for eq in failing)) if failing else set()
    candidates = set(near)
    for eq in system.equations:
        if eq.cells() & near:
            candidates |= eq.cells()
    if not failing or len(candidates) > MAX_VARIABLES:
        return None
    load_solver()
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_matrix

    eqs = [eq for eq in system.equations if eq.cells() & candidates]
    holding = [eq for eq in eqs if system.holds(eq)]
    cand = sorted(candidates)
    pos = {j: k for k, j in enumerate(cand)}
    n = len(cand)
    held: dict[int, list[Equation]] = {}
    for eq in holding:
        for j in eq.cells():
            held.setdefault(j, []).append(eq)
    weights = np.array([1.0 + HOLDING_WEIGHT * len(held.get(j, ())) for j in cand])
    upper_z = np.array([0.0 if _confirmed(j, held.get(j, [])) else 1.0 for j in cand])

    residuals = [system.residual(eq) for eq in eqs]
    spread = float(sum(abs(r) for r in residuals))
    big_m = np.array([2.0 * (abs(float(system.cells[j].mid)) + spread) + 1.0 for j in cand])

    rows, cols, vals, lo, hi = [], [], [], [], []
    for r, (eq, res) in enumerate(zip(eqs, residuals)):
        tol = system.tolerance(eq)
        for j, coef in eq.terms:
            if j in pos:
                rows.append(r)
                cols.append(pos[j])
                vals.append(float(coef))
        lo.append(float(-tol - res))
        hi.append(float(tol - res))
    m = len(eqs)
    # big-M links: d_j − M_j z_j ≤ 0 and −d_j − M_j z_j ≤ 0
    for k in range(n):
        for sign, row in ((1.0, m + 2 * k), (-1.0, m + 2 * k + 1)):
            rows += [row, row]
            cols += [k, n + k]
            vals += [sign, -big_m[k]]
            lo.append(-np.inf)
            hi.append(0.0)
    a = coo_matrix((vals, (rows, cols)), shape=(m + 2 * n, 2 * n)).tocsr()
    c = np.concatenate([np.zeros(n), weights])
    integrality = np.concatenate([np.zeros(n), np.ones(n)])
    bounds = Bounds(np.concatenate([-big_m, np.zeros(n)]), np.concatenate([big_m, upper_z]))
    base = LinearConstraint(a, np.array(lo), np.array(hi))

    def solve(extra: list[LinearConstraint]):
        with _solver_output_discarded():
            res = milp(
                c,
                constraints=[base, *extra],
                integrality=integrality,
                bounds=bounds,
                options={"time_limit": TIME_LIMIT_S, "presolve": False},
            )
        if res.status != 0 or res.x is None:
            return None
        return [cand[k] for k in range(n) if res.x[n + k] > 0.5], float(res.fun)

    first = solve([])
    if first is None and upper_z.min() == 0.0:
        # the confirmation rule left no answer: identities that hold by coincidence
        bounds = Bounds(bounds.lb, np.concatenate([big_m, np.ones(n)]))
        first = solve([])
    if first is None or not first[0]:
        return None
    chosen, objective = first
    cut = np.zeros(2 * n)
    for j in chosen:
        cut[n + pos[j]] = 1.0
    second = solve([LinearConstraint(cut.reshape(1, -1), -np.inf, len(chosen) - 1)])
    tie = second[0] if second is not None and second[1] <= objective + TIE_EPS else None
    return Localisation(chosen, objective, tie)


_OUTPUT_LOCK = threading.Lock()
_output_saved: list[int] = []  # the real standard output while solvers run; how many run
_solvers_running = 0


@contextmanager
def _solver_output_discarded() -> Iterator[None]:
    """The process's standard output (file descriptor 1) goes nowhere while HiGHS solves: it
    prints a debug line there whatever its options say ("HighsMipSolverData::
    transformNewIntegerFeasibleSolution tmpSolver.run();", ERGO-Code/HiGHS#2783), which landed
    in the middle of a JSON report written to standard output. Python's own buffered output is
    flushed first and is written after; nothing else writes while a document is checked. Counted
    across threads (a Dask worker checks documents in threads): the first solver in redirects,
    the last one out restores."""
    global _solvers_running
    with _OUTPUT_LOCK:
        if _solvers_running == 0:
            try:
                sys.stdout.flush()
                saved = os.dup(1)
            except (OSError, ValueError, AttributeError):  # no standard output to protect
                saved = -1
            if saved >= 0:
                sink = os.open(os.devnull, os.O_WRONLY)
                os.dup2(sink, 1)
                os.close(sink)
            _output_saved[:] = [saved]
        _solvers_running += 1
    try:
        yield
    finally:
        with _OUTPUT_LOCK:
            _solvers_running -= 1
            if _solvers_running == 0 and _output_saved and _output_saved[0] >= 0:
                os.dup2(_output_saved[0], 1)
                os.close(_output_saved[0])
                _output_saved.clear()


def _confirmed(j: int, holding: list[Equation]) -> bool:
    """Two holding identities through cell j that share no other cell: two independent witnesses."""
    for a in range(len(holding)):
        for b in range(a + 1, len(holding)):
            if holding[a].cells() & holding[b].cells() == {j}:
                return True
    return False


def single_cell_range(system: TableSystem, j: int) -> tuple[Decimal, Decimal] | None:
    """The printed values (万元) cell j may take, every other cell as printed, for all of its
    identities to hold; None when no value does."""
    lo, hi = Decimal("-Infinity"), Decimal("Infinity")
    mid = system.cells[j].mid
    for eq in system.equations:
        coef = next((c for i, c in eq.terms if i == j), None)
        if coef is None:
            continue
        r, tol = system.residual(eq), system.tolerance(eq)
        a, b = (-tol - r) * coef, (tol - r) * coef
        lo, hi = max(lo, min(a, b)), min(hi, max(a, b))
    if lo > hi:
        return None
    return mid + lo, mid + hi
