"""Which printed cell is wrong, what it should be, and why (error localisation, issue 12).

A stage after the rule run, fed by a table's cells and the sums declared in
rules/vocab/identities.yaml (row identities) and the code tree (parent = Σ children):

* ``system``   the table's identities as linear equations over its printed cells, each with
               its rounding tolerance (budgetlint/rounding.py: Σ half-widths);
* ``localise`` the fewest (weighted) cells whose change makes every equation hold: a small
               mixed-integer program (Fellegi–Holt) solved by scipy.optimize.milp (HiGHS),
               solved again without the answer to tell a unique answer from a tie;
* ``causes``   the printed value against the value that restores the identities:
               ×10⁴ / ×10⁻⁴ (元 vs 万元), two adjacent digits transposed, wrong sign, a
               neighbour's value copied, a row shifted one column, a row missing;
* the engine functions the declarative rules BL190/BL191/BL192 call (rules/diagnosis.yaml) are in
  ``budgetlint.claim_functions.diagnosis``;
* ``fold``     the identity findings a diagnosis explains become its related locations.
"""

from budgetlint.diagnose.model import Diagnosis

__all__ = ["Diagnosis"]
