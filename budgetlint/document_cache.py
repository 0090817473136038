"""Caches of what one document's text derives, emptied when its check ends and the next starts.

A few pure functions are asked the same question many times within a document (a paragraph
folded by the extraction and again by its list context; a claim's snippet widened once per rule
that reads the claim; an Excel float formatted for row typing, precision and the cell). Their
answers are worth nothing for the next document, yet a process-wide ``lru_cache`` would keep
thousands of them — whole paragraphs — alive in a batch worker from one document to the next
(one process checking the 64 corpus documents twice: 124 MB resident after the first pass, 151 MB
after the second; with these emptied, 122 and 132 MB). ``per_document`` is an
``lru_cache`` that ``forget_documents()`` empties; ``load_document`` calls it before reading,
and the check command when a document's check ends (so nothing of it pins a batch worker's
freed memory while the next waits: budgetlint.batch).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_CACHES: list[Any] = []


def per_document(maxsize: int) -> Callable[[F], F]:
    """``functools.lru_cache(maxsize)``, emptied by ``forget_documents``."""

    def wrap(fn: F) -> F:
        cached = lru_cache(maxsize=maxsize)(fn)
        _CACHES.append(cached)
        return cached  # type: ignore[return-value]

    return wrap


def forget_documents() -> None:
    """Empty every per-document cache (a new document starts)."""
    for cached in _CACHES:
        cached.cache_clear()
