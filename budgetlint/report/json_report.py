"""The JSON report (``budgetlint check --format json``) and its JSON Schema.

Contract (names fixed, fields may be added)::

    {"schema_version": 1, "tool": {"name", "version"},
     "documents": [{"path", "kind", "year", "department", "parse_warnings": [...],
                    "findings": [{"rule_id", "severity", "title", "message",
                                  "locations": [{"path", "line", "page", "table", "row", "column", "excerpt"}],
                                  "expected", "actual", "difference", "fingerprint",
                                  "related": [{...location, "note"}],
                                  "locations_omitted", "related_omitted"}],
                    "not_evaluated": [...]}],
     "summary": {...}}

``line`` is 1-based in the source text; ``fingerprint`` does not depend on
line or page numbers (rule id + fact addresses + file name). ``related`` lists the
places where the same printed error shows again (its parent code's sum, the twin table,
a second column), each with a ``note`` naming the rule and what it found there; they are
part of this one finding, not findings of their own, and not in the fingerprint.
A finding lists at most 100 ``locations`` and 100 ``related`` places (``engine.run.MAX_LOCATIONS``,
the first place of each table first); ``locations_omitted`` / ``related_omitted`` count the others (the fingerprint
still covers every fact).

A batch writes the report as its documents are checked (``JsonWriter``): the text is the
same as ``render_json`` gives, and only the summary's counts are kept. ``--format jsonl``
(``JsonLinesWriter``) gives one line per document, then a line with the summary.
"""

from __future__ import annotations

import io
import json
import textwrap
from collections import Counter
from collections.abc import Callable
from typing import Any, get_args

from budgetlint import __version__
from budgetlint.model import DocumentReport, NotEvaluatedCause

SCHEMA_VERSION = 1


def _location(loc) -> dict[str, Any]:
    out = {
        "path": loc.path,
        "line": loc.line,
        "page": loc.page,
        "table": loc.table,
        "row": loc.row,
        "column": loc.column,
        "excerpt": loc.excerpt,
        "address": loc.address,
        "sheet": loc.sheet,
        "cell": loc.cell,
    }
    if loc.bbox is not None:
        out["bbox"] = [round(v, 2) for v in loc.bbox]
    if loc.note:
        out["note"] = loc.note
    if loc.printed_page:
        out["printed_page"] = loc.printed_page
    return out


def _number(value) -> float | int | None:
    """A Decimal as a JSON number (its shortest float form keeps the printed digits)."""
    if value is None:
        return None
    if value == value.to_integral_value() and abs(value) < 2**53:
        return int(value)
    return float(round(value, 6))  # computed shares and rates: 6 places are plenty, no float noise


def _document(r: DocumentReport) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "path": r.path,
        "paths": r.paths or [r.path],
        "kind": r.kind,
        "year": r.year,
        "department": r.department,
        "profile": r.profile,
        "parse_warnings": [
            {
                "code": w.code,
                "message": w.message,
                "line": w.provenance.line if w.provenance else None,
                "page": w.provenance.page if w.provenance else None,
            }
            for w in r.parse_warnings
        ],
        "findings": [
            {
                "rule_id": f.rule_id,
                "severity": f.severity,
                "title": f.title,
                "message": f.message,
                "locations": [_location(l) for l in f.locations],
                "expected": f.expected,
                "actual": f.actual,
                "difference": f.difference,
                "expected_value": _number(f.expected_value),
                "actual_value": _number(f.actual_value),
                "difference_value": _number(f.difference_value),
                "unit": f.unit,
                "fix": f.fix,
                "fingerprint": f.fingerprint,
                "related": [_location(l) for l in f.related],
                "locations_omitted": f.locations_omitted,
                "related_omitted": f.related_omitted,
            }
            for f in r.findings
        ],
        "not_evaluated": [
            {"rule_id": n.rule_id, "status": n.status, "cause": n.cause, "reason": n.reason, "detail": n.detail}
            for n in r.not_evaluated
        ],
        "coverage": {
            "applicable": r.coverage.applicable,
            "evaluated": r.coverage.evaluated,
            "printed": r.coverage.printed,
            "not_evaluated": dict(r.coverage.not_evaluated),
        },
    }
    if r.table_titles:
        doc["tables"] = dict(r.table_titles)
    if r.error:
        doc["error"] = r.error
    return doc


class Tally:
    """The report's summary, counted one document at a time (a batch keeps no documents)."""

    def __init__(self) -> None:
        self.documents = self.unreadable = self.findings = self.not_evaluated = 0
        self.by_severity: Counter = Counter()
        self.by_rule: Counter = Counter()

    def add(self, r: DocumentReport) -> None:
        self.documents += 1
        self.unreadable += bool(r.error)
        self.findings += len(r.findings)
        self.not_evaluated += len(r.not_evaluated)
        self.by_severity.update(f.severity for f in r.findings)
        self.by_rule.update(f.rule_id for f in r.findings)

    def summary(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "unreadable": self.unreadable,
            "findings": self.findings,
            "by_severity": {k: self.by_severity.get(k, 0) for k in ("error", "warning", "info")},
            "by_rule": dict(sorted(self.by_rule.items())),
            "not_evaluated": self.not_evaluated,
        }


def _head() -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "tool": {"name": "budgetlint", "version": __version__}}


def build_report(reports: list[DocumentReport], run: dict[str, Any] | None = None) -> dict[str, Any]:
    tally = Tally()
    for r in reports:
        tally.add(r)
    out: dict[str, Any] = {**_head(), "documents": [_document(r) for r in reports], "summary": tally.summary()}
    if run is not None:
        out["run"] = run
    return out


def render_json(reports: list[DocumentReport], run: dict[str, Any] | None = None, **_options) -> str:
    return json.dumps(build_report(reports, run), ensure_ascii=False, indent=2)


def render_jsonl(reports: list[DocumentReport], run: dict[str, Any] | None = None, **_options) -> str:
    buf = io.StringIO()
    writer = JsonLinesWriter(buf.write, run)
    for r in reports:
        writer.add(r)
    writer.close()
    return buf.getvalue().rstrip("\n")


class JsonWriter:
    """The JSON report written as the documents come: the same text ``render_json`` gives for
    the same documents, byte for byte, without holding them (``write`` takes each piece)."""

    def __init__(self, write: Callable[[str], Any], run: dict[str, Any] | None = None):
        self.write, self.run, self.tally = write, run, Tally()
        head = json.dumps(_head(), ensure_ascii=False, indent=2)
        self.write(head[: -len("\n}")] + ',\n  "documents": [')

    def add(self, r: DocumentReport) -> None:
        text = json.dumps(_document(r), ensure_ascii=False, indent=2)
        self.write(("\n" if not self.tally.documents else ",\n") + textwrap.indent(text, "    "))
        self.tally.add(r)

    def close(self) -> None:
        tail: dict[str, Any] = {"summary": self.tally.summary()}
        if self.run is not None:
            tail["run"] = self.run
        self.write(
            ("\n  ]" if self.tally.documents else "]") + "," + json.dumps(tail, ensure_ascii=False, indent=2)[1:]
        )


class JsonLinesWriter:
    """``--format jsonl``: one line per document as it is checked (the JSON report's document
    object), then one last line with ``schema_version``, ``tool``, ``summary`` (and ``run``)."""

    def __init__(self, write: Callable[[str], Any], run: dict[str, Any] | None = None):
        self.write, self.run, self.tally = write, run, Tally()

    def add(self, r: DocumentReport) -> None:
        self.write(json.dumps(_document(r), ensure_ascii=False) + "\n")
        self.tally.add(r)

    def close(self) -> None:
        tail: dict[str, Any] = {**_head(), "summary": self.tally.summary()}
        if self.run is not None:
            tail["run"] = self.run
        self.write(json.dumps(tail, ensure_ascii=False) + "\n")


def _nullable(t: str) -> dict:
    return {"type": [t, "null"]}


def report_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of the JSON report."""
    location = {
        "type": "object",
        "required": ["path", "line", "page", "table", "row", "column", "excerpt"],
        "properties": {
            "path": {"type": "string"},
            "line": {**_nullable("integer"), "minimum": 1},
            "page": {**_nullable("integer"), "minimum": 1},
            "table": _nullable("string"),
            "row": _nullable("string"),
            "column": _nullable("string"),
            "excerpt": {"type": "string"},
            "address": _nullable("string"),
            "sheet": _nullable("string"),
            "cell": _nullable("string"),
            "bbox": {
                "type": "array",
                "items": {"type": "number"},
                "minItems": 4,
                "maxItems": 4,
                "description": "PDF: the cell's box on its page, x0, top, x1, bottom in points",
            },
            "note": {"type": "string", "description": "on a related location: the rule and what it found there"},
            "printed_page": {
                "type": "string",
                "description": "PDF: the page number printed in the page's footer, when it differs from page",
            },
        },
    }
    finding = {
        "type": "object",
        "required": [
            "rule_id",
            "severity",
            "title",
            "message",
            "locations",
            "expected",
            "actual",
            "difference",
            "fingerprint",
        ],
        "properties": {
            "rule_id": {"type": "string"},
            "severity": {"enum": ["error", "warning", "info"]},
            "title": {"type": "string"},
            "message": {"type": "string"},
            "locations": {"type": "array", "items": location},
            "expected": _nullable("string"),
            "actual": _nullable("string"),
            "difference": _nullable("string"),
            "expected_value": _nullable("number"),
            "actual_value": _nullable("number"),
            "difference_value": _nullable("number"),
            "fix": {"type": "string", "description": "what to do about it, in the clerk's words"},
            "unit": {
                "enum": ["万元", "元", "亿元", "%", "个", "倍", "年", "分", None],
                "description": (
                    "unit of the *_value numbers (the middle of the compared intervals): a money"
                    " comparison within tables all printed in 元 (or 亿元) is in that unit, else 万元"
                ),
            },
            "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{16}$"},
            "locations_omitted": {
                "type": "integer",
                "minimum": 0,
                "description": "places not listed in locations (at most 100 are)",
            },
            "related_omitted": {
                "type": "integer",
                "minimum": 0,
                "description": "places not listed in related (at most 100 are)",
            },
            "related": {
                "type": "array",
                "items": location,
                "description": "where the same printed error shows again (parent code, twin table, "
                "second column); part of this finding, not in the fingerprint",
            },
        },
    }
    document = {
        "type": "object",
        "required": ["path", "kind", "year", "department", "parse_warnings", "findings", "not_evaluated", "coverage"],
        "properties": {
            "path": {"type": "string"},
            "paths": {"type": "array", "items": {"type": "string"}},
            "kind": {"enum": ["budget", "final", None]},
            "year": _nullable("integer"),
            "department": _nullable("string"),
            "profile": _nullable("string"),
            "error": {"type": "string"},
            "tables": {
                "type": "object",
                "additionalProperties": {"type": "string"},
                "description": "table id (as in locations) -> its printed title",
            },
            "parse_warnings": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["code", "message"],
                    "properties": {
                        "code": {"type": "string"},
                        "message": {"type": "string"},
                        "line": _nullable("integer"),
                        "page": _nullable("integer"),
                    },
                },
            },
            "findings": {"type": "array", "items": finding},
            "not_evaluated": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["rule_id", "status", "cause", "reason"],
                    "properties": {
                        "rule_id": {"type": "string"},
                        "status": {"enum": ["not_applicable", "insufficient_data"]},
                        "cause": {"enum": list(get_args(NotEvaluatedCause))},
                        "reason": {
                            "type": "string",
                            "description": "why, in the document's words (tables, rows, columns)",
                        },
                        "detail": {"type": "string", "description": "what was missing, as fact addresses"},
                    },
                },
            },
            "coverage": {
                "type": "object",
                "required": ["applicable", "evaluated", "printed", "not_evaluated"],
                "description": "rules for this document's kind and profile; how many checked at least one "
                "place; the others by cause (partial and nothing count as evaluated)",
                "properties": {
                    "applicable": {"type": "integer", "minimum": 0},
                    "evaluated": {"type": "integer", "minimum": 0},
                    "printed": {
                        "type": "integer",
                        "minimum": 0,
                        "description": "applicable rules whose tables and columns the document prints",
                    },
                    "not_evaluated": {"type": "object", "additionalProperties": {"type": "integer"}},
                },
            },
        },
    }
    return _closed(
        {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "budgetlint check report",
            "type": "object",
            "required": ["schema_version", "tool", "documents", "summary"],
            "properties": {
                "schema_version": {"const": SCHEMA_VERSION},
                "tool": {
                    "type": "object",
                    "required": ["name", "version"],
                    "properties": {"name": {"const": "budgetlint"}, "version": {"type": "string"}},
                },
                "documents": {"type": "array", "items": document},
                "run": {
                    "type": "object",
                    "description": "the options this run used, to reproduce it",
                    "properties": {
                        "select": {"type": "array", "items": {"type": "string"}},
                        "ignore": {"type": "array", "items": {"type": "string"}},
                        "fail_on": {"enum": ["error", "warning", "info", "never"]},
                        "rule_packs": {"type": "array", "items": {"type": "string"}},
                        "rules": {"type": "integer", "description": "rules that ran"},
                        "profile": _nullable("string"),
                        "config": _nullable("string"),
                        "baseline": _nullable("string"),
                        "version": {"type": "string"},
                    },
                },
                "summary": {
                    "type": "object",
                    "required": ["documents", "findings", "by_severity"],
                    "properties": {
                        "documents": {"type": "integer"},
                        "findings": {"type": "integer"},
                        "unreadable": {"type": "integer"},
                        "by_severity": {"type": "object"},
                        "by_rule": {"type": "object"},
                        "not_evaluated": {"type": "integer"},
                    },
                },
            },
        }
    )


def _closed(schema: Any) -> Any:
    """Every object with declared properties admits no others (additionalProperties: false):
    a consumer can rely on the schema naming every field."""
    if isinstance(schema, dict):
        out = {k: _closed(v) for k, v in schema.items()}
        if out.get("type") == "object" and "properties" in out and "additionalProperties" not in out:
            out["additionalProperties"] = False
        return out
    if isinstance(schema, list):
        return [_closed(v) for v in schema]
    return schema
