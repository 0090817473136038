"""Names of the report formats (``check --format``), importable without loading any stage,
so ``--help`` and configuration checks stay cheap. ``budgetlint.report.FORMATS`` maps each to
its renderer (a test checks the two agree)."""

REPORT_FORMATS = ("text", "json", "jsonl", "sarif", "junit", "github", "html")
