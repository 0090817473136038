"""Project names as narrative subjects.

A budget narrative lists its projects by the names the 项目支出表 prints ("1.预决算管理业务
18,808.16万元", 深圳): such an amount restates that project's row. The names are the
document's own, so they join the subject vocabulary per document, as ``projrow:<name>``.
A name printed on two project rows names neither; a short name (综合) or one that is already
a subject term is left out.
"""

from __future__ import annotations

import re

from msgspec.structs import replace

from budgetlint.claims.text import fold_text
from budgetlint.claims.vocab import Vocabulary
from budgetlint.model import Document

PREFIX = "projrow:"
_MIN_LENGTH = 4
_PROJECT_KEY = re.compile(r"p[0-9]+")


def project_names(doc: Document) -> list[str]:
    """The folded names of the document's project rows, each printed once."""
    names: list[str] = []
    for table in doc.tables:
        if table.kind != "projects":
            continue
        names += [
            fold_text(r.label).text
            for r in table.rows
            if r.kind == "project" and r.key and _PROJECT_KEY.fullmatch(r.key.split("#")[0])
        ]
    return [n for n in dict.fromkeys(names) if names.count(n) == 1 and len(n) >= _MIN_LENGTH]


def with_project_names(vocab: Vocabulary, doc: Document) -> Vocabulary:
    """``vocab`` with the document's project names as further terms (longest first)."""
    known = {term for term, _ in vocab.terms}
    extra = [(name, PREFIX + name) for name in project_names(doc) if name not in known]
    if not extra:
        return vocab
    terms = sorted([*vocab.terms, *extra], key=lambda t: -len(t[0]))
    return replace(vocab, terms=terms)
