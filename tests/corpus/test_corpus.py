"""Every real PDF of the shared corpus parses and checks without a crash.

Runs when ../shared/corpus/real exists (CI has it beside the clone) and is
skipped otherwise. Expectations come from the MANIFEST (kind, year, which files
are narrative-only), which was written from the documents, not from budgetlint.
"""

from __future__ import annotations

import pytest

from budgetlint.corpus import CORPUS_DIR, corpus_entries
from budgetlint.engine import check_document, load_rules
from budgetlint.model import DocKind
from budgetlint.pipeline import load_document

ENTRIES = corpus_entries()
pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not ENTRIES, reason=f"{CORPUS_DIR} not present (set BUDGETLINT_CORPUS)"),
]


@pytest.fixture(scope="module")
def rules():
    return load_rules()


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.path.name for e in ENTRIES])
def test_parses_and_checks_without_crash(entry, rules):
    doc = load_document(entry.path)
    report = check_document(doc, rules)
    assert report.path == str(entry.path)
    # Kind and year as the MANIFEST records them.
    assert doc.year == entry.year
    if doc.kind is not None:  # a tables-only attachment may not say
        assert doc.kind == (DocKind.FINAL if entry.doc_kind == "决算" else DocKind.BUDGET)
    if entry.narrative_only:
        assert doc.paragraphs, "a narrative-only file yields its narrative"
    else:
        recognised = [t for t in doc.tables if t.kind]
        assert recognised, f"no table recognised; warnings: {[w.message for w in doc.warnings][:5]}"
    # Every unrecognised table says why.
    if any(t.kind is None for t in doc.tables):
        assert any(w.code == "unrecognised-table" for w in doc.warnings)


def test_corpus_has_the_documents_the_manifest_lists():
    missing = [e.path.name for e in ENTRIES if not e.path.is_file()]
    assert not missing
    assert len(ENTRIES) == 73
