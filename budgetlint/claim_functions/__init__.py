"""Rule-language functions over the claims and the diagnosis: the one package that joins
those stages and the engine.

``claims`` knows nothing of the engine and the engine nothing of the claims
(tests/test_import_directions.py); these modules import both and register their functions
with ``LIBRARY``, which ``budgetlint.checker`` installs into the engine.

* ``values``: claims in rules (``claims("share")``, ``num(it, "rate")``, ``fact(it)`` …)
  and plausibility bounds;
* ``text``: headings and text hygiene;
* ``rate_convention``: a document's habit of cutting growth rates to a whole percent;
* ``diagnosis``: the error localisation's results for rules/diagnosis.yaml (``diagnoses``).
"""

from budgetlint.claim_functions import diagnosis, rate_convention, text, values
from budgetlint.claim_functions.library import LIBRARY

__all__ = ["LIBRARY", "diagnosis", "rate_convention", "text", "values"]
