"""The findings store (SQLite) and the checks across documents it makes possible.

``Store(path)`` keeps documents, facts and findings across runs (schema.py: versioned, migrated);
``record_for_document(doc)`` is what it keeps of one document; ``check_batch(store, paths)`` runs
the cross-document rules (rules/across/cross_document.yaml, crossdoc.py); ``history`` renders a
department's years.
"""

from budgetlint.store.crossdoc import check_batch, load_cross_rules
from budgetlint.store.db import Store, save_report_findings
from budgetlint.store.record import DocumentRecord, record_for_document

__all__ = ["DocumentRecord", "Store", "check_batch", "load_cross_rules", "record_for_document", "save_report_findings"]
