"""SARIF 2.1.0 for code-scanning dashboards (``check --format sarif``).

One run; the rules that ran are ``tool.driver.rules`` (id, title, rationale,
default level from the rule pack); each finding a result whose first location
is the place the clerk should fix. A text export points at its line; a PDF has
no lines, so its location is the file with the page and the table cell as a
logical location (``表 t3 / 行 2010301 / 列 basic``) and the page in the
region's properties. ``partialFingerprints`` carry the finding's fingerprint,
which does not move when lines or pages do. An unreadable document is a tool
execution notification, so a dashboard shows it instead of a clean result.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from budgetlint import __version__
from budgetlint.i18n import _, _f, rule_text
from budgetlint.model import DocumentReport, Finding, Location

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
INFORMATION_URI = "https://github.com/budgetlint/budgetlint"


def render_sarif(reports: list[DocumentReport], rules: list | None = None, **_options) -> str:
    return json.dumps(build_sarif(reports, rules or []), ensure_ascii=False, indent=2)


def build_sarif(reports: list[DocumentReport], rules: list) -> dict[str, Any]:
    known = {r.id for r in rules}
    descriptors = [_descriptor(r) for r in rules]
    # A finding of a rule the caller did not pass (an extra pack): still described.
    for r in reports:
        for f in r.findings:
            if f.rule_id not in known:
                known.add(f.rule_id)
                descriptors.append(
                    {
                        "id": f.rule_id,
                        "shortDescription": {"text": f.title},
                        "defaultConfiguration": {"level": LEVEL[f.severity]},
                    }
                )
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    results = [_result(f, index) for r in reports for f in r.findings]
    notifications = [
        {
            "level": "error",
            "message": {"text": f"{r.path}{_('：')}{_(r.error)}"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(r.path)}}}],
        }
        for r in reports
        if r.error
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "budgetlint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": descriptors,
                    }
                },
                "invocations": [invocation],
                "results": results,
            }
        ],
    }


def _descriptor(rule) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": rule.id,
        "name": rule.id,
        "shortDescription": {"text": rule_text(rule.id, "title", rule.title)},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "help": {"text": rule_text(rule.id, "rationale", rule.rationale)},
        "properties": {"tags": [Path(rule.source).stem] if rule.source else []},
    }
    if rule.identity:
        out["fullDescription"] = {"text": rule_text(rule.id, "identity", rule.identity)}
    return out


def _result(f: Finding, index: dict[str, int]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": f.rule_id,
        "ruleIndex": index[f.rule_id],
        "level": LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [_location(loc) for loc in f.locations if loc.path] or [],
        "partialFingerprints": {"budgetlint/v1": f.fingerprint},
    }
    if f.related:
        out["relatedLocations"] = [
            {**_location(loc), "id": i, "message": {"text": loc.note or loc.excerpt}}
            for i, loc in enumerate(f.related)
            if loc.path
        ]
    values = {k: v for k, v in (("expected", f.expected), ("actual", f.actual), ("difference", f.difference)) if v}
    if values:
        out["properties"] = values
    return out


def _location(loc: Location) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(loc.path)}}
    region: dict[str, Any] = {}
    if loc.line is not None:
        region["startLine"] = loc.line
    if loc.excerpt:
        region["snippet"] = {"text": loc.excerpt}
    if loc.page is not None:
        region["properties"] = {"page": loc.page}
        if loc.bbox is not None:
            region["properties"]["box"] = [round(v, 2) for v in loc.bbox]  # x0, top, x1, bottom (points)
    if region:
        physical["region"] = region
    out: dict[str, Any] = {"physicalLocation": physical}
    cell = [
        p
        for p in (
            loc.table and _f("表 {table}", table=loc.table),
            loc.row and _f("行 {row}", row=loc.row),
            loc.column and _f("列 {column}", column=loc.column),
            loc.sheet and f"{loc.sheet}!{loc.cell or ''}",
        )
        if p
    ]
    if cell or loc.address:
        out["logicalLocations"] = [
            {
                "name": " / ".join(cell) or loc.address,
                "fullyQualifiedName": loc.address or " / ".join(cell),
                "kind": "element",
            }
        ]
    return out


def _uri(path: str) -> str:
    """Relative paths stay relative (as code-scanning expects); absolute ones become file URIs."""
    p = Path(path)
    return p.as_uri() if p.is_absolute() else quote(p.as_posix())
