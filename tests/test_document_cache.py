"""Nothing one document's text derives stays alive through the next one (issue 11: a batch
worker's memory grew with the documents it had checked, through process-wide caches)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from budgetlint import document_cache
from budgetlint.checker import check_document, load_rules
from budgetlint.pipeline import load_document

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _sizes() -> dict[str, int]:
    return {c.__wrapped__.__qualname__: c.cache_info().currsize for c in document_cache._CACHES}


def test_loading_the_next_document_empties_what_the_last_one_cached():
    check_document(load_document([EXAMPLES / "2024-laocheng-zwfw-budget.txt"]), load_rules())
    filled = _sizes()
    # the narrative's paragraphs were folded and the claims' snippets widened
    assert filled["fold_text"] > 0 and filled["_unique_snippet"] > 0
    load_document([EXAMPLES / "2024-laocheng-zwfw-budget.txt"])
    assert set(_sizes().values()) == {0}


def test_a_per_document_cache_caches_within_a_document():
    calls = []

    @document_cache.per_document(maxsize=8)
    def double(x: int) -> int:
        calls.append(x)
        return 2 * x

    try:
        assert [double(2), double(2), double(3)] == [4, 4, 6]
        assert calls == [2, 3]
        document_cache.forget_documents()
        assert double(2) == 4 and calls == [2, 3, 2]
    finally:
        document_cache._CACHES.remove(double)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="malloc_trim is glibc's")
def test_a_batch_worker_hands_freed_heap_back_after_each_document():
    from budgetlint import batch

    batch.release_memory()
    assert callable(batch._TRIM)
    batch.release_memory()  # looked up once, then called
