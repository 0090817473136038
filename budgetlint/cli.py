"""Command line: ``budgetlint parse|check|rules|rule|schema``.

Exit codes (stable, documented in the README):
  0  nothing at or above --fail-on
  1  findings at or above --fail-on
  2  usage error or unreadable input (missing, empty, binary, encrypted, image-only …)
  3  internal error (a bug in budgetlint; the message says how to report it)
No command ever prints a traceback unless --debug is given.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from budgetlint import __version__
from budgetlint.errors import BudgetlintError, InputError

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


class _Group(click.Group):
    """Turns every exception into one plain line and a distinct exit code."""

    def invoke(self, ctx: click.Context):  # noqa: D401
        debug = "--debug" in sys.argv
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except BudgetlintError as exc:
            if debug:
                raise
            click.echo(f"budgetlint: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except Exception as exc:  # noqa: BLE001 - last line of defence: no tracebacks for users
            if debug:
                raise
            click.echo(
                f"budgetlint: 内部错误（{type(exc).__name__}: {exc}）。请加 --debug 重新运行并报告此问题。",
                err=True,
            )
            ctx.exit(EXIT_INTERNAL)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="budgetlint")
@click.option("--debug", is_flag=True, hidden=True, help="Show tracebacks (for developers).")
def main(debug: bool) -> None:
    """budgetlint: 部门预算/决算公开文件一致性检查工具。"""


def _check_profile(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """--profile NAME must name a profile in rules/profiles/ (usage error listing them otherwise)."""
    if value is None:
        return None
    from budgetlint.profiles import profile_names

    names = profile_names()
    if value not in names:
        raise click.BadParameter(f"没有配置“{value}”（可选：{'、'.join(names)}）", ctx=ctx, param=param)
    return value


def _limit_options(fn):
    """--max-input-mb and --max-rows (budgetlint/limits.py): a larger input is refused with exit code 2."""
    from budgetlint.limits import DEFAULT_MAX_INPUT_MB, DEFAULT_MAX_TABLE_ROWS

    fn = click.option("--max-rows", type=click.IntRange(min=1), default=DEFAULT_MAX_TABLE_ROWS, show_default=True,
                      help="每张表最多的行数，超过则不检查该文件")(fn)
    return click.option("--max-input-mb", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_MAX_INPUT_MB,
                        show_default=True, help="每个文件的大小上限（MB），超过则不检查该文件")(fn)


def _limits(max_input_mb: float, max_rows: int):
    from budgetlint.limits import Limits

    return Limits(max_input_mb=max_input_mb, max_table_rows=max_rows)


# ------------------------------------------------------------------ parse


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "facts", "claims"]), default="text",
              show_default=True, help="text: 表格预览; json: 完整模型; facts: 每行一个事实; claims: 叙述中的陈述及其绑定")
@click.option("--profile", default=None, callback=_check_profile,
              help="强制使用某个地区/表套配置（见 rules/profiles/）")
@_limit_options
def parse(files: tuple[Path, ...], fmt: str, profile: str | None, max_input_mb: float, max_rows: int) -> None:
    """Parse FILES (one document; several files = one split document) and show what was recognised."""
    from budgetlint.pipeline import load_document

    doc = load_document(list(files), profile=profile, limits=_limits(max_input_mb, max_rows))
    if fmt == "json":
        click.echo(doc.model_dump_json(indent=2))
    elif fmt == "facts":
        from budgetlint.facts import flatten

        for fact in flatten(doc):
            where = fact.provenance.short()
            scope = "/".join(p for p in (fact.funds, fact.period) if p)
            click.echo(f"{fact.address} = {fact.value} {fact.unit.value}  ({where})" + (f"  [{scope}]" if scope else ""))
    elif fmt == "claims":
        from budgetlint.claims import render_claims

        click.echo(render_claims(doc))
    else:
        from budgetlint.report.parse_view import render_document

        render_document(doc)


# ------------------------------------------------------------------ check


SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None, help="写入文件而不是标准输出")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default="error",
              show_default=True, help="达到此严重级别的问题使退出码为 1")
@click.option("--select", multiple=True, help="只运行这些规则（ID 或前缀，可重复，可逗号分隔）")
@click.option("--ignore", multiple=True, help="跳过这些规则（ID 或前缀，可重复，可逗号分隔）")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(path_type=Path),
              help="额外的规则包（YAML 文件或目录），同 ID 覆盖内置规则")
@click.option("--profile", default=None, callback=_check_profile, help="强制使用某个地区/表套配置")
@click.option("--verbose", "-v", is_flag=True, help="同时列出未执行（不适用/数据不足）的规则")
@click.option("--together", "--bundle", "together", is_flag=True,
              help="PATHS 是同一份文件的各个部分（如说明 + 公开表），合并为一份检查")
@_limit_options
def check(paths, fmt, output, fail_on, select, ignore, rule_dirs, profile, verbose, together,
          max_input_mb, max_rows) -> None:
    """Check PATHS (files or directories) and report inconsistencies."""
    from budgetlint.engine import load_rules, check_document
    from budgetlint.pipeline import discover, load_document
    from budgetlint.report import render_reports

    rules = load_rules(extra=list(rule_dirs), select=_split(select), ignore=_split(ignore))
    groups = discover(list(paths), together=together)
    if not groups:
        raise InputError(" ".join(map(str, paths)), "没有找到可检查的文件", "no-input")
    reports = []
    worst_exit = EXIT_OK
    for group in groups:
        try:
            doc = load_document(group, profile=profile, limits=_limits(max_input_mb, max_rows))
        except InputError as exc:
            from budgetlint.model import DocumentReport

            reports.append(DocumentReport(path=str(group[0]), paths=[str(p) for p in group], error=exc.reason))
            worst_exit = max(worst_exit, EXIT_INPUT)
            continue
        reports.append(check_document(doc, rules))
    text = render_reports(reports, fmt=fmt, verbose=verbose, to_terminal=output is None)
    if text is not None:
        if output is not None:
            output.write_text(text, encoding="utf-8")
        else:
            click.echo(text)
    if fail_on != "never":
        threshold = SEVERITY_RANK[fail_on]
        if any(SEVERITY_RANK[f.severity] >= threshold for r in reports for f in r.findings):
            worst_exit = max(worst_exit, EXIT_FINDINGS)  # unreadable input (2) outranks findings (1)
    sys.exit(worst_exit)


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


# ------------------------------------------------------------ rules / schema


@main.command("rules")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(path_type=Path))
def list_rules(rule_dirs) -> None:
    """List every rule: id, severity, title."""
    from budgetlint.engine import load_rules
    from budgetlint.report.rules_view import render_rule_list

    render_rule_list(load_rules(extra=list(rule_dirs)))


@main.command("rule")
@click.argument("rule_id")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(path_type=Path))
def explain_rule(rule_id: str, rule_dirs) -> None:
    """Explain one rule: what it checks, why, and its examples."""
    from budgetlint.engine import load_rules
    from budgetlint.report.rules_view import render_rule

    rules = {r.id: r for r in load_rules(extra=list(rule_dirs))}
    if rule_id not in rules:
        raise click.UsageError(f"没有规则 {rule_id}（用 budgetlint rules 查看全部规则）")
    render_rule(rules[rule_id])


@main.command()
@click.option("--of", "which", type=click.Choice(["report", "document"]), default="report", show_default=True,
              help="report: check --format json 的输出; document: parse --format json 的输出")
def schema(which: str) -> None:
    """Print the JSON Schema of the JSON report (or of the parsed document)."""
    if which == "document":
        from budgetlint.model import Document

        click.echo(json.dumps(Document.model_json_schema(), ensure_ascii=False, indent=2))
    else:
        from budgetlint.report.json_report import report_schema

        click.echo(json.dumps(report_schema(), ensure_ascii=False, indent=2))


if __name__ == "__main__":  # pragma: no cover
    main()
