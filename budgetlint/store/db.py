"""The findings store: an SQLite file (standard library sqlite3) kept across runs.

``Store(path)`` opens (and migrates) it; ``":memory:"`` gives a store for one batch only, so the
checks across documents run the same way with or without ``--store``. Checking a file again
replaces its rows (documents are keyed by the resolved path of their first file).
"""

from __future__ import annotations

from budgetlint.i18n import _f

import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Collection
from datetime import UTC, datetime

from budgetlint.model import DocumentReport, Finding
from budgetlint.store.record import DocumentRecord, StoredFact, record_json, stored_path, to_json
from budgetlint.store.schema import migrate


# department keys looked up per statement: SQLite before 3.32 takes at most 999 parameters
_KEYS_PER_QUERY = 500

# KiB: the page cache a store keeps in memory (see Store.__init__)
PAGE_CACHE_KIB = 64


class Store:
    def __init__(self, path: str = ":memory:"):
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path)
            self.conn.execute("PRAGMA foreign_keys = ON")
            # SQLite's page cache (2 MB by default) fills as a batch adds documents, and the parent
            # of a batch grew with it: its pages are read once per document and once more by the
            # checks across documents, which the operating system's file cache serves as well
            self.conn.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
            migrate(self.conn)
        except sqlite3.DatabaseError as exc:
            from budgetlint.errors import InputError

            raise InputError(self.path, _f("不是可用的 budgetlint 数据库（{reason}）", reason=exc), "store") from None

    @classmethod
    def temporary(cls) -> Store:
        """A store for one run, in a temporary file removed on close: a batch's facts on disk,
        not in memory."""
        folder = tempfile.mkdtemp(prefix="budgetlint-store-")
        store = cls(os.path.join(folder, "run.db"))
        # thrown away at the end of the run: no need to wait for the disk on every commit
        store.conn.execute("PRAGMA synchronous = OFF")
        store.conn.execute("PRAGMA journal_mode = MEMORY")
        store._folder = folder
        return store

    _folder: str | None = None

    def close(self) -> None:
        self.conn.close()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    # ------------------------------------------------------------ writing

    def put(self, record: DocumentRecord) -> int:
        """Keep ``record`` (replacing an earlier check of the same file); returns its id."""
        with self.conn:
            self.conn.execute("DELETE FROM documents WHERE path = ?", (record.path,))
            cur = self.conn.execute(
                "INSERT INTO documents (path, paths, sha256, department, department_key, year, kind, scope,"
                " unit_rows, declared_units, checked_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    record.path,
                    to_json(record.paths),
                    record.sha256,
                    record.department,
                    record.department_key,
                    record.year,
                    record.kind,
                    record.scope,
                    to_json(record.unit_rows),
                    record.declared_units,
                    datetime.now(UTC).isoformat(timespec="seconds"),
                ),
            )
            doc_id = cur.lastrowid
            assert doc_id is not None  # sqlite3 sets it after a successful one-row INSERT
            self.conn.executemany(
                "INSERT INTO facts (document_id, table_kind, row_key, column_key, value, unit, decimals, half_width,"
                " funds, period, page, provenance) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        doc_id,
                        f.table_kind,
                        f.row_key,
                        f.column_key,
                        f.value,
                        f.unit,
                        f.decimals,
                        f.half_width,
                        f.funds,
                        f.period,
                        f.page,
                        to_json(f.provenance),
                    )
                    for f in record.facts
                ],
            )
        return doc_id

    def put_findings(self, doc_id: int, findings: list[Finding]) -> None:
        with self.conn:
            self.conn.execute("DELETE FROM findings WHERE document_id = ?", (doc_id,))
            self.conn.executemany(
                "INSERT INTO findings (document_id, rule_id, severity, title, message, page, fingerprint, data)"
                " VALUES (?,?,?,?,?,?,?,?)",
                [
                    (
                        doc_id,
                        f.rule_id,
                        f.severity,
                        f.title,
                        f.message,
                        f.locations[0].page if f.locations else None,
                        f.fingerprint,
                        record_json(f),
                    )
                    for f in findings
                ],
            )

    def document_id(self, path: str) -> int | None:
        row = self.conn.execute("SELECT id FROM documents WHERE path = ?", (path,)).fetchone()
        return row[0] if row else None

    # ------------------------------------------------------------ reading

    def record(self, doc_id: int, facts: bool = True, addresses: Collection[str] | None = None) -> DocumentRecord:
        """One stored document; its facts too (``facts``), only those at ``addresses`` when given."""
        row = self.conn.execute(
            "SELECT path, paths, sha256, department, department_key, year, kind, scope, unit_rows, declared_units"
            " FROM documents WHERE id = ?",
            (doc_id,),
        ).fetchone()
        record = DocumentRecord(
            row[0],
            json.loads(row[1] or "[]") or [row[0]],
            row[2],
            row[3],
            row[4] or "",
            row[5],
            row[6],
            row[7] or "部门",
            json.loads(row[8] or "{}"),
            row[9],
        )
        if facts:
            record.facts = self.facts(doc_id, addresses=addresses)
        return record

    def facts(
        self, doc_id: int, table_kind: str | None = None, addresses: Collection[str] | None = None
    ) -> list[StoredFact]:
        """``addresses``: only the facts at these (``StoredFact.address``); the others are not
        made into objects (their provenance is JSON, a document holds thousands)."""
        sql = (
            "SELECT table_kind, row_key, column_key, value, unit, decimals, half_width, funds, period, page,"
            " provenance FROM facts WHERE document_id = ?"
        )
        args: tuple = (doc_id,)
        if table_kind is not None:
            sql += " AND table_kind = ?"
            args += (table_kind,)
        return [
            StoredFact(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], json.loads(r[10] or "{}"))
            for r in self.conn.execute(sql, args)
            if addresses is None or f"{r[0]}[{r[1]}].{r[2]}" in addresses
        ]

    def related(
        self, department_key: str, year: int | None = None, kind: str | None = None, scope: str | None = None
    ) -> list[int]:
        """Ids of documents of one department (optionally of one year, kind and scope), oldest first."""
        if not department_key:
            return []
        sql = "SELECT id FROM documents WHERE department_key = ?"
        args: list[int | str] = [department_key]
        for column, value in (("year", year), ("kind", kind), ("scope", scope)):
            if value is not None:
                sql += f" AND {column} = ?"
                args.append(value)
        return [r[0] for r in self.conn.execute(sql + " ORDER BY year, id", args)]

    def documents_of_year(self, year: int, kind: str, scope: str, department_keys: set[str] | None = None) -> list[int]:
        """Ids of one year's documents of a kind and scope, oldest first; only the departments
        named by ``department_keys`` when given (a province's batch holds thousands of others)."""
        sql = "SELECT id FROM documents WHERE year = ? AND kind = ? AND scope = ?"
        if department_keys is None:
            return [r[0] for r in self.conn.execute(sql + " ORDER BY id", (year, kind, scope))]
        keys = sorted(department_keys)
        found: list[int] = []
        for start in range(0, len(keys), _KEYS_PER_QUERY):
            chunk = keys[start : start + _KEYS_PER_QUERY]
            marks = ",".join("?" * len(chunk))
            found += (
                r[0] for r in self.conn.execute(f"{sql} AND department_key IN ({marks})", (year, kind, scope, *chunk))
            )
        return sorted(found)

    def finding_counts(self, doc_id: int) -> dict[str, int]:
        return dict(
            self.conn.execute(
                "SELECT severity, count(*) FROM findings WHERE document_id = ? GROUP BY severity", (doc_id,)
            ).fetchall()
        )

    def departments(self) -> list[tuple[str, str]]:
        """(key, a printed name) of every department in the store."""
        return self.conn.execute(
            "SELECT department_key, max(department) FROM documents WHERE department_key != ''"
            " GROUP BY department_key ORDER BY department_key"
        ).fetchall()


def save_report_findings(store: Store, report: DocumentReport) -> None:

    doc_id = store.document_id(stored_path(report.paths[0] if report.paths else report.path))
    if doc_id is not None:
        store.put_findings(doc_id, report.findings)
