"""Command line: ``budgetlint parse|check|rules|rule|schema``.

Exit codes (stable, documented in the README):
  0  nothing at or above --fail-on
  1  findings at or above --fail-on
  2  usage error or unreadable input (missing, empty, binary, encrypted, image-only …)
  3  internal error (a bug in budgetlint; the message says how to report it)
  130 interrupted (Ctrl-C)
No command ever prints a traceback unless --debug is given.
"""

from __future__ import annotations

import gettext
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path

import click

from budgetlint import __version__
from budgetlint.batch import Group, ReportSpool, SpooledGroups, run_batch
from budgetlint.checker import check_document, load_rules
from budgetlint.facts.index import DocIndex
from budgetlint.config import Config, find_config, load_config
from budgetlint.document_cache import forget_documents
from budgetlint.engine.rules import rule_matches, select_rules
from budgetlint.errors import BudgetlintError, InputError
from budgetlint.facts import flatten
from budgetlint.formats import REPORT_FORMATS
from budgetlint.i18n import _, _f, set_language
from budgetlint.limits import INTEGER_LIMITS, OPTIONS, Limits
from budgetlint.model import Document, DocumentReport
from budgetlint.pipeline import discover, load_document, not_a_disclosure
from budgetlint.report.progress import batch_progress
from budgetlint.report.stream import open_writer

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT


def _use_chinese_messages() -> None:
    """click's own messages (用法, 错误, help headings) in Chinese like ours
    (budgetlint/locale/zh_CN, scripts/compile-messages.sh); English with --lang en or an English
    locale (budgetlint/i18n.py switches LANGUAGE, which gettext reads at each message)."""
    gettext.bindtextdomain("messages", str(Path(__file__).parent / "locale"))
    set_language(None)


_use_chinese_messages()
# pydantic looks for plugins in every installed distribution's entry points when it builds its
# first validator (tens of ms at start-up); budgetlint's models use none. A user's own setting wins.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def _lang_in(args: list[str]) -> tuple[str | None, list[str]]:
    """``--lang X`` / ``--lang=X`` anywhere on the line (also after the subcommand): its value
    and the line without it (the group's option then refuses an invalid value)."""
    rest: list[str] = []
    lang = None
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--":
            rest += args[i:]
            break
        if a == "--lang" and i + 1 < len(args):
            lang, i = args[i + 1], i + 2
            continue
        if a.startswith("--lang="):
            lang, i = a[7:], i + 1
            continue
        rest.append(a)
        i += 1
    return lang, rest


# id(command or option) -> its Chinese help text, kept on first use (commands and options live
# as long as the program)
_ZH_HELP: dict[int, str | None] = {}


def _localise_help(command: click.Command) -> None:
    """Help texts in the current language. The Chinese originals are kept on first use, so that
    each run (and each test invoking the command) starts from them."""
    for cmd in [command, *getattr(command, "commands", {}).values()]:
        if getattr(cmd, "_help_option", None) is not None:
            cmd._help_option = None  # click keeps the -h/--help option once made: remake it in this language
        zh = _ZH_HELP.setdefault(id(cmd), cmd.help)
        cmd.help = _(zh) if zh else zh
        for param in cmd.params:
            if isinstance(param, click.Option):
                zh = _ZH_HELP.setdefault(id(param), param.help)
                param.help = _(zh) if zh else zh


class _Group(click.Group):
    """Turns every exception into one plain line and a distinct exit code."""

    def main(self, *args, **kwargs):
        # the language is per run: restored afterwards (tests invoke the command many times)
        saved = {k: os.environ.get(k) for k in ("BUDGETLINT_LANG", "LANGUAGE")}
        try:
            return super().main(*args, **kwargs)
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # --lang and --debug are accepted anywhere on the line, also after the subcommand; the
        # language is set before click parses, so that --help and click's errors speak it too
        lang, args = _lang_in(args)
        ctx.meta["budgetlint.lang_given"] = lang is not None
        set_language(lang if lang in ("zh", "en") else None)
        _localise_help(self)
        if lang is not None:
            args = ["--lang", lang] + args
        if "--debug" in args:
            args = ["--debug"] + [a for a in args if a != "--debug"]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context):
        debug = "--debug" in sys.argv
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("budgetlint: " + _("已中断"), err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except BudgetlintError as exc:
            if debug:
                raise
            click.echo(f"budgetlint: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except Exception as exc:  # last line of defence: no tracebacks for users
            if debug:
                raise
            click.echo(
                "budgetlint: "
                + _f("内部错误（{error}）。请加 --debug 重新运行并报告此问题。", error=f"{type(exc).__name__}: {exc}"),
                err=True,
            )
            ctx.exit(EXIT_INTERNAL)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="budgetlint")
@click.option("--debug", is_flag=True, hidden=True, help="Show tracebacks (for developers).")
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default=None,
    help="报告与提示的语言：zh 中文（默认），en 英文（默认随 LANG 等语言环境变量；也可写在子命令之后）",
)
def main(debug: bool, lang: str | None) -> None:
    """budgetlint: 部门预算/决算公开文件一致性检查工具。"""


def _check_profile(ctx: click.Context | None, param: click.Parameter | None, value: str | None) -> str | None:
    """--profile NAME must name a profile in rules/profiles/ (usage error listing them otherwise)."""
    if value is None:
        return None
    from budgetlint.profiles import profile_names  # the profiles' YAML only when one is named

    names = profile_names()
    if value not in names:
        raise click.BadParameter(
            _f("没有配置“{name}”（可选：{choices}）", name=value, choices=_("、").join(names)), ctx=ctx, param=param
        )
    return value


_LIMIT_HELP = {
    "max_input_mb": "每个文件的大小上限（MB）",
    "max_table_rows": "每张表最多的行数",
    "max_pages": "每个 PDF 最多的页数",
    "max_cells": "每个文件最多的表格单元格数",
    "max_line_chars": "文本文件每行最多的字符数",
    "max_unzipped_mb": "xlsx/docx 解压后的总大小上限（MB）",
    "max_unzip_ratio": "xlsx/docx 中 1 MB 以上成员的压缩比上限（防压缩炸弹）",
}


def _limit_options(fn):
    """--max-input-mb, --max-rows, --max-pages, --max-cells, --max-line-chars, --max-unzipped-mb,
    --max-unzip-ratio (budgetlint/limits.py): a larger input is refused with exit code 2."""
    for field, (option, _key, default) in reversed(OPTIONS.items()):
        kind = click.IntRange(min=1) if field in INTEGER_LIMITS else click.FloatRange(min=0, min_open=True)
        fn = click.option(
            option, field, type=kind, default=None, help=f"{_LIMIT_HELP[field]}，超过则不检查该文件（默认 {default:,}）"
        )(fn)
    return fn


def _limits(given: dict, config=None):
    """Limits from the options given, else the configuration file, else the defaults."""
    chosen = {}
    for field in OPTIONS:
        value = given.get(field)
        if value is None and config is not None:
            value = config.limits.get(field)
        if value is not None:
            chosen[field] = value
    return Limits(**chosen)


# ------------------------------------------------------------------ parse


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "facts", "claims"]),
    default="text",
    show_default=True,
    help="text: 表格预览; json: 完整模型; facts: 每行一个事实; claims: 叙述中的陈述及其绑定",
)
@click.option(
    "--profile", default=None, callback=_check_profile, help="强制使用某个地区/表套配置（见 rules/profiles/）"
)
@_limit_options
def parse(files: tuple[Path, ...], fmt: str, profile: str | None, **limit_options) -> None:
    """读取 FILES（一份文件；多个文件为同一份文件的各部分），显示识别出的表格、事实或叙述陈述。"""
    doc = load_document(list(files), profile=profile, limits=_limits(limit_options))
    if fmt == "json":
        from budgetlint.model_json import to_json  # pydantic: only for this output and `schema`

        click.echo(to_json(doc, indent=2))
    elif fmt == "facts":
        for fact in flatten(doc):
            where = fact.provenance.short()
            scope = "/".join(p for p in (fact.funds, fact.period) if p)
            click.echo(
                f"{fact.address} = {fact.value} {fact.unit.value}  ({where})" + (f"  [{scope}]" if scope else "")
            )
    elif fmt == "claims":
        from budgetlint.claims import render_claims  # only this output renders claims apart from a check

        click.echo(render_claims(doc))
    else:
        from budgetlint.report.parse_view import render_document  # rich: only where a table is drawn

        render_document(doc)


# ------------------------------------------------------------------ check


SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(REPORT_FORMATS)),
    default=None,
    help="text（默认）给人读；html 为带页面截图的单个网页；json 给审计与程序；jsonl 每个文件一行（边检查边输出）；sarif 给代码扫描面板；"
    "junit 给 CI 测试报告；github 为 GitHub Actions 注释",
)
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None, help="写入文件而不是标准输出")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    default=None,
    help="达到此严重级别的问题使退出码为 1（默认 error）",
)
@click.option("--select", multiple=True, help="只运行这些规则（ID 或前缀，可重复，可逗号分隔）")
@click.option("--ignore", multiple=True, help="跳过这些规则（ID 或前缀，可重复，可逗号分隔）")
@click.option(
    "--rules",
    "rule_dirs",
    multiple=True,
    type=click.Path(path_type=Path),
    help="额外的规则包（YAML 文件或目录），同 ID 覆盖内置规则",
)
@click.option("--profile", default=None, callback=_check_profile, help="强制使用某个地区/表套配置")
@click.option("--verbose", "-v", is_flag=True, help="同时列出未执行（不适用/数据不足）的规则")
@click.option(
    "--together",
    "--bundle",
    "together",
    is_flag=True,
    help="PATHS 是同一份文件的各个部分（如说明 + 公开表），合并为一份检查",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path),
    default=None,
    help="配置文件（默认向上查找 budgetlint.toml 或 pyproject.toml 的 [tool.budgetlint]）",
)
@click.option("--isolated", is_flag=True, help="不读取任何配置文件")
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(path_type=Path),
    default=None,
    help="基线文件：其中已接受（带说明）的问题不计入结果",
)
@click.option(
    "--write-baseline",
    "write_baseline_path",
    type=click.Path(path_type=Path),
    default=None,
    help="把本次发现的问题写成基线文件（每条留空“说明”待填写），退出码 0",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=0,
    help="同时检查的文件数（默认：CPU 核数；1 为逐个检查）；结果顺序与逐个检查相同",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=600,
    show_default=True,
    help="单个文件的时间限制（秒，0 为不限）；超时的文件报为无法检查，其余照常",
)
@click.option(
    "--dask",
    "--scheduler",
    "dask_address",
    default=None,
    metavar="tcp://HOST:PORT",
    help="在 Dask 集群上检查（调度器地址）；各工作进程须装有 budgetlint[dask] 并能按同一路径读到文件",
)
@click.option("--quiet", "-q", is_flag=True, help="不显示进度")
@click.option("--exclude", multiple=True, help="跳过文件夹中匹配此模式的文件或子文件夹（如 草稿、*.xls，可重复）")
@click.option(
    "--store",
    "store_path",
    type=click.Path(path_type=Path),
    default=None,
    help="把文件、事实与问题存入 SQLite 数据库（跨次运行保留），并与库中其他年度、预算/决算、部门/单位文件交叉核对",
)
@click.option(
    "--annotate",
    "annotate_path",
    type=click.Path(path_type=Path),
    default=None,
    help="把问题画在原 PDF 上（方框与批注）：检查一个 PDF 时给文件名，多个时给文件夹",
)
@_limit_options
def check(
    paths,
    fmt,
    output,
    fail_on,
    select,
    ignore,
    rule_dirs,
    profile,
    verbose,
    together,
    config_path,
    isolated,
    baseline_path,
    write_baseline_path,
    jobs,
    timeout,
    dask_address,
    quiet,
    exclude,
    store_path,
    annotate_path,
    **limit_options,
) -> None:
    """检查 PATHS（文件或文件夹；- 从标准输入读取一份文件）并报告不一致之处。"""
    # a configuration for standard input is looked for from the working folder, as for a file there
    config = (
        Config()
        if isolated
        else load_config(config_path)
        if config_path
        else find_config(Path.cwd() if str(paths[0]) == "-" else paths[0])
    )
    limits = _limits(limit_options, config)
    stdin_path = None
    if any(str(p) == "-" for p in paths):
        stdin_path = _stdin_file(limits)
        paths = tuple(stdin_path if str(p) == "-" else p for p in paths)
    if config.lang and not click.get_current_context().find_root().meta.get("budgetlint.lang_given"):
        set_language(config.lang)  # --lang and then the configuration win over the locale
    fmt = fmt or config.format or "text"
    fail_on = fail_on or config.fail_on or "error"
    profile = profile or _check_profile(None, None, config.profile)
    baseline_path = baseline_path or config.baseline
    _check_writable(output)
    _check_writable(write_baseline_path)
    if annotate_path is not None and annotate_path.suffix.lower() == ".pdf":
        _check_writable(annotate_path)
    every_rule = load_rules(extra=[*config.rules, *rule_dirs])
    rules = _select_single(every_rule, _split(select) or config.select, _split(ignore) + config.ignore)
    # per-file-ignores naming no rule are a usage error too, before any work
    select_rules(
        every_rule, ignore=[r for rs in config.per_file_ignores.values() for r in rs], option="per-file-ignores"
    )
    if baseline_path or write_baseline_path:  # the baseline module only when one is read or written
        from budgetlint.baseline import BaselineFilter, describe, load_baseline, write_baseline
    baseline = load_baseline(baseline_path) if baseline_path and not write_baseline_path else None
    groups = SpooledGroups(discover(list(paths), together=together, exclude=list(exclude)))
    if not groups:
        raise InputError(" ".join(map(str, paths)), _("没有找到可检查的文件"), "no-input")
    pdfs = sum(1 for g in groups if g[0].lower().endswith(".pdf"))
    if annotate_path is not None and annotate_path.suffix.lower() == ".pdf" and pdfs > 1:
        raise click.UsageError(
            _f("要检查 {n} 个 PDF，--annotate 应给一个文件夹，而不是 {path}", n=pdfs, path=annotate_path)
        )
    # Checks across documents need each document's facts: kept in the store (or, for a batch
    # without --store, in a store for this run only).
    # (read only where they can run: one document without --store needs neither them nor the store)
    cross_rules = (
        _selected_cross_rules(_split(select) or config.select, _split(ignore) + config.ignore)
        if store_path is not None or len(groups) > 1
        else ()
    )
    across = store_path is not None or bool(cross_rules)

    def check_one(group: Group) -> DocumentReport:
        try:
            return check_document_files([Path(p) for p in group])
        finally:
            forget_documents()  # nothing this document derived outlives its check (budgetlint.batch)

    def check_document_files(group: list[Path]) -> DocumentReport:
        try:
            doc = load_document(group, profile=profile, limits=limits)
        except InputError as exc:
            return DocumentReport(path=str(group[0]), paths=[str(p) for p in group], error=exc.reason)
        reason = not_a_disclosure(doc)
        if reason is not None:
            return DocumentReport(path=str(group[0]), paths=[str(p) for p in group], error=reason)
        skip = config.ignored_for(group[0])
        index = DocIndex(doc)  # the rules' fact index, kept for the store record's facts and claims
        report = check_document(doc, [r for r in rules if not rule_matches(r.id, skip)] if skip else rules, index)
        if across:
            from budgetlint.store.record import record_for_document

            report._record = record_for_document(doc, index)
        return report

    run = {
        "select": _split(select) or config.select,
        "ignore": _split(ignore) + config.ignore,
        "fail_on": fail_on,
        "rule_packs": [str(p) for p in [*config.rules, *rule_dirs]],
        "rules": len(rules),
        "profile": profile,
        "config": str(config.source) if config.source else None,
        "baseline": str(baseline_path) if baseline is not None else None,
        "version": __version__,
    }
    if dask_address:
        from budgetlint.dask_batch import run_on_dask

        checked = run_on_dask(groups, check_one, dask_address, timeout=timeout or None)
    else:
        checked = run_batch(
            groups,
            check_one,
            jobs=jobs or os.cpu_count() or 1,
            timeout=timeout or None,
            prepare=lambda: _prepare_workers(groups),
        )
    # Each report is rendered as soon as it comes (in input order) and then dropped: only counts
    # are kept, so memory does not grow with the number of documents. With checks across
    # documents, the reports wait in a temporary file (not in memory) until every document is
    # in the store, and are then rendered with the findings across documents added.
    store = _open_store(store_path) if across else None
    kept: list[DocumentReport] = []  # --write-baseline needs every finding
    baselined = BaselineFilter(baseline) if baseline is not None else None
    writer = None if write_baseline_path is not None else open_writer(fmt, output, verbose, rules, run)
    unreadable = worst = False
    annotated = 0
    threshold = SEVERITY_RANK.get(fail_on, len(SEVERITY_RANK))

    def emit(report: DocumentReport) -> None:
        nonlocal unreadable, worst, annotated
        if baselined is not None:
            baselined.apply(report)
        unreadable = unreadable or bool(report.error)
        worst = worst or any(SEVERITY_RANK[f.severity] >= threshold for f in report.findings)
        if writer is None:
            kept.append(report)
            return
        if annotate_path is not None and _annotate_one(report, annotate_path) is not None:
            annotated += 1
        if stdin_path is not None:
            _name_stdin(report, str(stdin_path))
        writer.add(report)

    with batch_progress(len(groups), quiet) as advance, ReportSpool() as spool:
        for report in checked:
            if store is not None:
                if report._record is not None:
                    store.put(report._record)
                    report._record = None
                spool.add(report)
            else:
                emit(report)
            advance(report)
        if store is not None:
            for report in _cross_document(store, spool, cross_rules):
                emit(report)
    worst_exit = EXIT_INPUT if unreadable else EXIT_OK
    if writer is None:
        n = write_baseline(write_baseline_path, kept)
        click.echo(_f("已把 {n} 条问题写入基线 {path}；请逐条填写“说明”", n=n, path=write_baseline_path), err=True)
        sys.exit(worst_exit)
    writer.close()
    if annotated:
        click.echo(
            _f("已写出批注 PDF：{path}", path=annotate_path)
            if annotate_path.suffix.lower() == ".pdf"
            else _f("已写出 {n} 个批注 PDF 到 {path}", n=annotated, path=annotate_path),
            err=True,
        )
    if baselined is not None:
        for line in describe(baselined.outcome(), baseline_path):
            click.echo(line, err=True)
    if worst:
        worst_exit = max(worst_exit, EXIT_FINDINGS)  # unreadable input (2) outranks findings (1)
    sys.exit(worst_exit)


def _select_single(every_rule, select: list[str], ignore: list[str]):
    """The rules of one document selected by --select/--ignore; a selector naming only checks across
    documents (BL9xx, rules/across) is valid and selects none of them."""
    if not select and not ignore:
        return every_rule
    from budgetlint.store import load_cross_rules  # the store and its YAML only when a selector may name them

    cross = [r.id for r in load_cross_rules()]

    def single(patterns: list[str]) -> list[str]:
        return [
            p
            for p in patterns
            if not any(rule_matches(c, [p]) for c in cross) or any(rule_matches(r.id, [p]) for r in every_rule)
        ]

    if select and not single(select):
        return []
    return select_rules(every_rule, single(select), single(ignore))


def _annotate_one(report: DocumentReport, folder_or_file: Path):
    """``--annotate``: the findings drawn on the PDF (report.annotate, imported only when asked
    for: it imports the text report and so rich, which a JSON report does not need)."""
    from budgetlint.report.annotate import annotate_one

    return annotate_one(report, folder_or_file)


def _open_store(store_path: Path | None):
    """The findings store named by --store, or one for this run only, in a temporary file (so the
    facts of a large batch are not held in memory)."""
    from budgetlint.store import Store

    if store_path is None:
        return Store.temporary()
    _check_writable(store_path)
    return Store(str(store_path))


def _prepare_workers(groups: Iterable[Group]) -> None:
    """What a batch loads before it forks its workers, so that they share it instead of each
    loading its own copy in the middle of its first document: the solver, the readers of the
    batch's file kinds, and every pattern of the modules they use, compiled. What a worker makes
    in the middle of a document and keeps also pins the freed memory around it (budgetlint.batch)."""
    from budgetlint.diagnose.localise import load_solver
    from budgetlint.lazy_regex import compile_all
    from budgetlint.read import load_readers

    load_solver()
    load_readers({os.path.splitext(p)[1].lower() for group in groups for p in group})
    compile_all()


def _selected_cross_rules(select: list[str], ignore: list[str]) -> tuple:
    from budgetlint.engine.rules import rule_matches
    from budgetlint.store import load_cross_rules

    return tuple(
        r for r in load_cross_rules() if (not select or rule_matches(r.id, select)) and not rule_matches(r.id, ignore)
    )


def _cross_document(store, spool, rules: tuple):
    """The spooled reports, in order, each with the findings across documents about it added
    (``rules``); the store keeps every document's findings."""
    from budgetlint.store import check_batch, save_report_findings
    from budgetlint.store.record import stored_path

    try:
        for report in spool:
            if not report.error:
                path = stored_path(report.paths[0] if report.paths else report.path)
                if rules:
                    report.findings.extend(check_batch(store, [path], rules).get(path, []))
                save_report_findings(store, report)
            yield report
    finally:
        store.close()


def _stdin_file(limits: Limits) -> Path:
    """Standard input copied, a block at a time, to a temporary file named for its format (PDF,
    Office, else text) and removed when the command ends. More than --max-input-mb is refused
    without being held: standard input has no size to check beforehand."""
    import shutil
    import tempfile

    from budgetlint.limits import read_capped

    stream = sys.stdin.buffer
    head = stream.read(65536)
    if head.startswith(b"%PDF"):
        suffix = ".pdf"
    elif head.startswith(b"PK"):
        suffix = ".docx" if b"word/" in head else ".xlsx"
    else:
        suffix = ".txt"
    folder = tempfile.mkdtemp(prefix="budgetlint-stdin-")
    click.get_current_context().call_on_close(lambda: shutil.rmtree(folder, ignore_errors=True))
    path = Path(folder) / f"stdin{suffix}"
    with path.open("wb") as out:
        read_capped(stream, out, head, limits)
    return path


def _name_stdin(report: DocumentReport, temporary: str) -> None:
    """The report names standard input "-", as it was given, not the temporary copy (gone at exit)."""
    if report.path == temporary:
        report.path = "-"
    report.paths = ["-" if p == temporary else p for p in report.paths]
    for finding in report.findings:
        for location in (*finding.locations, *finding.related):
            if location.path == temporary:
                location.path = "-"


def _check_writable(path: Path | None) -> None:
    """An output that cannot be written is a usage error before any work, not after it."""
    if path is None:
        return
    parent = path.resolve().parent
    if (
        path.is_dir()
        or not parent.is_dir()
        or not os.access(parent, os.W_OK)
        or (path.exists() and not os.access(path, os.W_OK))
    ):
        raise click.UsageError(_f("无法写入 {path}（文件夹不存在、是文件夹或没有写权限）", path=path))


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


# ------------------------------------------------------------ history


@main.command()
@click.argument("department")
@click.option(
    "--store",
    "store_path",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    required=True,
    help="check --store 写入的数据库",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def history(department: str, store_path: Path, fmt: str) -> None:
    """显示一个部门历年文件的总数与问题数（来自 --store 数据库）。"""
    from budgetlint.store import Store
    from budgetlint.store.history import department_history, render_history

    store = Store(str(store_path))
    try:
        click.echo(render_history(department_history(store, department), fmt))
    finally:
        store.close()


# ------------------------------------------------------------ rules / schema


@main.command("rules")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json：规则目录（编号、级别、适用范围、恒等式、理由、示例）",
)
@click.option(
    "--test",
    "pack",
    type=click.Path(exists=True, path_type=Path),
    help="运行此规则包（文件或目录）中每条规则的示例，报告是否符合预期；有不符时退出码为 1",
)
def list_rules(rule_dirs, fmt, pack) -> None:
    """列出全部规则：编号、级别、适用范围、标题。"""
    if pack is not None:
        _test_pack(pack)
        return
    # rich, and the cross-document rules with the store (sqlite3): not for a check
    from budgetlint.report.cross_rules_view import cross_rule_catalogue, render_cross_rule_list
    from budgetlint.report.rules_view import render_rule_list, rule_catalogue
    from budgetlint.store import load_cross_rules

    rules = load_rules(extra=list(rule_dirs))
    if fmt == "json":
        catalogue = rule_catalogue(rules)
        catalogue["cross_document_rules"] = cross_rule_catalogue(load_cross_rules())
        click.echo(json.dumps(catalogue, ensure_ascii=False, indent=2))
    else:
        render_rule_list(rules)
        render_cross_rule_list(load_cross_rules())


def _test_pack(pack: Path) -> None:
    from budgetlint.pack_test import check_pack  # the example runner: only for `rules --test`

    results = check_pack(pack)
    for r in results:
        mark = "通过" if r.passed else "失败"
        click.echo(f"{mark}  {r.rule_id} 示例 {r.number}" + (f"：{r.name}" if r.name else ""))
        for problem in r.problems:
            click.echo(f"      {problem}")
    failed = sum(not r.passed for r in results)
    click.echo(f"{pack}：{len(results)} 个示例，{len(results) - failed} 个符合预期，{failed} 个不符")
    if failed:
        sys.exit(EXIT_FINDINGS)


@main.command("rule")
@click.argument("rule_id")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(path_type=Path))
def explain_rule(rule_id: str, rule_dirs) -> None:
    """说明一条规则：检查什么、为什么、示例。"""
    from budgetlint.report.cross_rules_view import render_cross_rule
    from budgetlint.store import load_cross_rules

    rules = {r.id: r for r in load_rules(extra=list(rule_dirs))}
    cross = {r.id: r for r in load_cross_rules()}
    if rule_id in cross and rule_id not in rules:
        render_cross_rule(cross[rule_id])
        return
    if rule_id not in rules:
        raise click.UsageError(_f("没有规则 {rule}（用 budgetlint rules 查看全部规则）", rule=rule_id))
    from budgetlint.report.rules_view import render_rule  # rich: not for a check

    render_rule(rules[rule_id])


@main.command()
@click.option(
    "--of",
    "which",
    type=click.Choice(["report", "document"]),
    default="report",
    show_default=True,
    help="report: check --format json 的输出; document: parse --format json 的输出",
)
def schema(which: str) -> None:
    """输出 JSON 报告（或解析结果）的 JSON Schema。"""
    if which == "document":
        from budgetlint.model_json import json_schema  # pydantic: only for this output and `parse --format json`

        click.echo(json.dumps(json_schema(Document), ensure_ascii=False, indent=2))
    else:
        from budgetlint.report.json_report import report_schema  # the JSON writer: not needed for --help

        click.echo(json.dumps(report_schema(), ensure_ascii=False, indent=2))


if __name__ == "__main__":  # pragma: no cover
    main()
