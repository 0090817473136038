"""The store's schema is versioned: a version-1 database (as the first release wrote it) is
migrated to the latest version when opened, keeping its rows and deriving what version 2 adds."""

from __future__ import annotations

import sqlite3

import pytest

from budgetlint.errors import InputError
from budgetlint.store import Store
from budgetlint.store.schema import LATEST, MIGRATIONS, migrate, version


def _version_1(path) -> None:
    conn = sqlite3.connect(path)
    assert migrate(conn, target=1) == 0
    conn.execute(
        "INSERT INTO documents (path, sha256, department, year, kind) VALUES (?,?,?,?,?)",
        ("/d/2017.pdf", "abc", "中国共产党江苏省委员会办公厅", 2017, "budget"),
    )
    conn.execute(
        "INSERT INTO facts (document_id, table_kind, row_key, column_key, value, unit) VALUES "
        "(1, 'expense', 'total', 'total', '9146.79', '万元'), (1, 'three_public', 'total', 'abroad', '76', '万元')"
    )
    conn.execute(
        "INSERT INTO findings (document_id, rule_id, severity, message) VALUES (1, 'BL101', 'error', '合计不符')"
    )
    conn.commit()
    assert version(conn) == 1
    conn.close()


def test_migrations_are_ordered_steps():
    assert LATEST == len(MIGRATIONS) >= 2


def test_a_version_1_store_is_migrated_and_keeps_its_rows(tmp_path):
    db = tmp_path / "v1.db"
    _version_1(db)
    store = Store(str(db))
    assert version(store.conn) == LATEST
    record = store.record(1)
    assert record.department_key == "中共江苏省委办公厅"  # derived by the migration
    assert record.scope == "部门" and record.paths == ["/d/2017.pdf"]
    decimals = {f.column_key: f.decimals for f in record.facts}
    assert decimals == {"total": 2, "abroad": 0}  # from the printed value text
    assert store.finding_counts(1) == {"error": 1}
    store.close()
    # opening again does nothing more
    again = Store(str(db))
    assert [r[0] for r in again.conn.execute("SELECT version FROM schema_version ORDER BY version")] == [1, 2]


def test_a_newer_store_is_refused(tmp_path):
    db = tmp_path / "future.db"
    conn = sqlite3.connect(db)
    migrate(conn)
    conn.execute("INSERT INTO schema_version (version) VALUES (?)", (LATEST + 1,))
    conn.commit()
    conn.close()
    with pytest.raises(InputError):
        Store(str(db))


def test_a_file_that_is_not_a_database_is_an_input_error(tmp_path):
    bad = tmp_path / "x.db"
    bad.write_text("这不是数据库" * 100, encoding="utf-8")
    with pytest.raises(InputError):
        Store(str(bad))
