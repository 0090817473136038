"""The store's schema, versioned: ``schema_version`` holds the version, ``MIGRATIONS`` the steps.

Step N takes a database at version N-1 to version N; ``migrate`` applies the missing steps in order,
each in one transaction, so an old store is brought up to date when it is opened and a new one is
built by the same steps. Never edit a released step: add the next one.
"""

from __future__ import annotations

from budgetlint.i18n import _f

import re
import sqlite3
from collections.abc import Callable

# Version 1: documents, their facts and findings, by path.
_V1 = """
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    department TEXT,
    year INTEGER,
    kind TEXT
);
CREATE TABLE facts (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    table_kind TEXT NOT NULL,
    row_key TEXT NOT NULL,
    column_key TEXT NOT NULL,
    value TEXT NOT NULL,
    unit TEXT NOT NULL,
    provenance TEXT
);
CREATE TABLE findings (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    rule_id TEXT NOT NULL,
    severity TEXT NOT NULL,
    message TEXT NOT NULL,
    fingerprint TEXT,
    data TEXT
);
"""

# Version 2: what relates documents (normalised department, scope 部门/单位, unit rows, the number
# of budget units the narrative declares) and what intervals need (a fact's printed decimals, its
# scope, and the half-width of a figure derived from the narrative).
_V2 = """
ALTER TABLE documents ADD COLUMN paths TEXT;
ALTER TABLE documents ADD COLUMN department_key TEXT;
ALTER TABLE documents ADD COLUMN scope TEXT;
ALTER TABLE documents ADD COLUMN unit_rows TEXT;
ALTER TABLE documents ADD COLUMN declared_units INTEGER;
ALTER TABLE documents ADD COLUMN checked_at TEXT;
ALTER TABLE facts ADD COLUMN decimals INTEGER;
ALTER TABLE facts ADD COLUMN funds TEXT;
ALTER TABLE facts ADD COLUMN period TEXT;
ALTER TABLE facts ADD COLUMN half_width TEXT;
ALTER TABLE facts ADD COLUMN page INTEGER;
ALTER TABLE findings ADD COLUMN title TEXT;
ALTER TABLE findings ADD COLUMN page INTEGER;
CREATE INDEX facts_by_document ON facts(document_id, table_kind);
CREATE INDEX findings_by_document ON findings(document_id);
CREATE INDEX documents_by_department ON documents(department_key, year);
"""


def _fill_v2(conn: sqlite3.Connection) -> None:
    """Version-1 rows get what version 2 derives: the department key from the name, a fact's
    decimals from its printed value, scope 部门 (version 1 kept only department documents' totals)."""
    from budgetlint.store.identity import DEPARTMENT, department_key

    for doc_id, name in conn.execute("SELECT id, department FROM documents").fetchall():
        conn.execute(
            "UPDATE documents SET department_key = ?, scope = ?, paths = json_array(path) WHERE id = ?",
            (department_key(name), DEPARTMENT, doc_id),
        )
    for rowid, value in conn.execute("SELECT rowid, value FROM facts").fetchall():
        m = re.search(r"\.(\d+)$", value)
        conn.execute("UPDATE facts SET decimals = ? WHERE rowid = ?", (len(m.group(1)) if m else 0, rowid))


# Each step: SQL scripts and Python functions, run in order in one transaction.
Step = str | Callable[[sqlite3.Connection], None]
MIGRATIONS: list[tuple[Step, ...]] = [
    (_V1,),
    (_V2, _fill_v2),
]
LATEST = len(MIGRATIONS)


def version(conn: sqlite3.Connection) -> int:
    has = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_version'").fetchone()
    if not has:
        return 0
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return row[0] or 0


def migrate(conn: sqlite3.Connection, target: int = LATEST) -> int:
    """Bring ``conn`` to version ``target``; returns the version it was at."""
    start = version(conn)
    if start > LATEST:
        from budgetlint.errors import InputError

        raise InputError(
            "store",
            _f("数据库版本 {found} 比本程序支持的 {latest} 新，请升级 budgetlint", found=start, latest=LATEST),
            "store-version",
        )
    for number in range(start + 1, target + 1):
        with conn:  # one transaction per step
            conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            for step in MIGRATIONS[number - 1]:
                if callable(step):
                    step(conn)
                else:
                    for statement in step.split(";"):
                        if statement.strip():
                            conn.execute(statement)
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", (number,))
    return start
