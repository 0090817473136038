"""budgetlint `check` end to end against the peer's PDF extraction, on five 25–40-page corpus PDFs, in one run.

Run: pip install -e '.[bench]' && python benchmarks/peer_compare.py [--pairs 3] [FILE.pdf …]
The peer tool is pdfplumber-based: per page it calls ``extract_text()`` and ``extract_tables()``,
before any checking of its own. For each document, --pairs times, alternately:
  budgetlint  one process ``python -m budgetlint check PDF --format json -o …`` (start-up, reading,
              recognition, every rule, the JSON report), warm user cache and bytecode as installed;
  pdfplumber  one process that imports pdfplumber, opens the PDF and runs extract_text +
              extract_tables on every page (its in-process extraction time is printed too).
Figures are medians of the pairs: wall time and CPU time (user + sys of the process). The ratio
is pdfplumber ÷ budgetlint. Then, in this process, where budgetlint's CPU time goes per document
(read the PDF, recognise, check, render JSON; best of --pairs). The machine is shared: read the
CPU columns first, and the load average printed beside them. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the tree measured, also in-process
CORPUS = ROOT.parent / "shared" / "corpus" / "real"
if not CORPUS.is_dir():
    CORPUS = Path("/work/shared/corpus/real")
# five regions' layouts, 31–40 pages each
DEFAULT = [
    "jiangsu_open_budget/jiangsu_2018_jianchayuan_ys_full.pdf",
    "shanghai_putuo/shanghai_putuo_2023_wanlijiedao_ys_dept.pdf",
    "city_crawl_renwu/shenzhen_2026_caizhengju_ys.pdf",
    "city_crawl_renwu/hangzhou_2026_sifaju_ys.pdf",
    "city_crawl_renwu/xian_2022_qixiangju_ys.pdf",
]

PEER = r"""
import json, sys, time
t0 = time.perf_counter()
import pdfplumber
t1 = time.perf_counter()
pages = chars = tables = 0
with pdfplumber.open(sys.argv[1]) as pdf:
    for page in pdf.pages:
        chars += len(page.extract_text() or "")
        tables += len(page.extract_tables())
        pages += 1
        page.flush_cache()
t2 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "extract": t2 - t1, "pages": pages, "chars": chars, "tables": tables}))
"""


def run_timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """(wall s, cpu s, stdout) of one process, CPU from wait4."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=out, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        err = proc.stderr.read().decode() if proc.stderr else ""
        if code not in (0, 1):
            sys.exit(f"exit {code}: {' '.join(cmd)}\n{err[:500]}")
        out.seek(0)
        return wall, usage.ru_utime + usage.ru_stime, out.read().decode()


def phases(path: Path, repeat: int) -> dict[str, float]:
    """Best-of-``repeat`` CPU seconds of budgetlint's stages on one document, in this process."""
    from budgetlint.checker import check_document, load_rules  # the engine with the claim functions installed
    from budgetlint.pipeline import read_files
    from budgetlint.recognise import recognise_all
    from budgetlint.report import render_reports

    rules = load_rules()
    best: dict[str, float] = {}
    for _ in range(repeat):
        t0 = time.process_time()
        raws = read_files([path])
        t1 = time.process_time()
        doc = recognise_all(raws)
        t2 = time.process_time()
        report = check_document(doc, rules)
        t3 = time.process_time()
        render_reports([report], fmt="json", to_terminal=False, rules=rules, run={})
        t4 = time.process_time()
        for name, t in (("read", t1 - t0), ("recognise", t2 - t1), ("check", t3 - t2), ("report", t4 - t3)):
            best[name] = min(best.get(name, t), t)
    return best


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--pairs", type=int, default=3)
    args = ap.parse_args()
    try:
        import pdfplumber  # noqa: F401
    except ImportError:
        print("pdfplumber is not installed: pip install -e '.[bench]'")
        return 2
    files = args.files or [CORPUS / f for f in DEFAULT]
    files = [f for f in files if f.exists()]
    if not files:
        print(f"no corpus PDFs found under {CORPUS}")
        return 0

    with tempfile.TemporaryDirectory(prefix="budgetlint-peer-") as d:
        tmp = Path(d)
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "BUDGETLINT_NO_CACHE")}
        env.update(
            PYTHONPYCACHEPREFIX=str(tmp / "pycache"),
            BUDGETLINT_CACHE_DIR=str(tmp / "cache"),
            PYTHONPATH=str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
        )
        peer_script = tmp / "peer.py"
        peer_script.write_text(PEER, encoding="utf-8")

        def ours(f: Path):
            return run_timed(
                [
                    sys.executable,
                    "-m",
                    "budgetlint",
                    "check",
                    str(f),
                    "--format",
                    "json",
                    "-o",
                    str(tmp / "report.json"),
                    "--fail-on",
                    "never",
                ],
                env,
            )

        def theirs(f: Path):
            return run_timed([sys.executable, str(peer_script), str(f)], env)

        ours(files[0])  # warm-up: bytecode and the rule cache, as after the first run of an installation
        theirs(files[0])
        print(
            f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
            f"median of {args.pairs} alternating pairs per document"
        )
        one = tmp / "one-line.txt"
        one.write_text("2024年某某局部门预算：本年收入合计100.00万元。\n", encoding="utf-8")
        start = [ours(one) for _ in range(args.pairs)]
        print(
            f"budgetlint start-up (check of a one-line text, same process setup): wall "
            f"{statistics.median(r[0] for r in start):.2f} s, cpu {statistics.median(r[1] for r in start):.2f} s"
        )
        print(
            f"{'document':44} {'pages':>5} | {'budgetlint wall/cpu s':>21} | {'pdfplumber wall/cpu s':>21} "
            f"{'(extract)':>9} | {'ratio wall/cpu':>14} | per page (ours, cpu)"
        )
        rows = []
        for f in files:
            o_wall, o_cpu, t_wall, t_cpu, t_extract = [], [], [], [], []
            info = {}
            for _ in range(args.pairs):
                w, c, _ = ours(f)
                o_wall.append(w)
                o_cpu.append(c)
                w, c, out = theirs(f)
                info = json.loads(out.strip().splitlines()[-1])
                t_wall.append(w)
                t_cpu.append(c)
                t_extract.append(info["extract"])
            ow, oc, tw, tc = map(statistics.median, (o_wall, o_cpu, t_wall, t_cpu))
            rows.append((ow, oc, tw, tc, info["pages"]))
            print(
                f"{f.name[:44]:44} {info['pages']:5} | {ow:9.2f} / {oc:9.2f} | {tw:9.2f} / {tc:9.2f} "
                f"{statistics.median(t_extract):9.2f} | {tw / ow:6.1f}× {tc / oc:6.1f}× | "
                f"{oc / info['pages'] * 1000:5.1f} ms"
            )
        ow, oc, tw, tc = (statistics.median(r[i] for r in rows) for i in range(4))
        print(
            f"{'median over the documents':50} | {ow:9.2f} / {oc:9.2f} | {tw:9.2f} / {tc:9.2f} {'':9} | "
            f"{tw / ow:6.1f}× {tc / oc:6.1f}× | load average now {os.getloadavg()[0]:.1f}"
        )

    print("\nwhere budgetlint's time goes, in-process (best of the pairs; CPU seconds):")
    print(f"{'document':44} {'read':>7} {'recognise':>9} {'check':>7} {'report':>7}")
    for f in files:
        p = phases(f, args.pairs)
        print(f"{f.name[:44]:44} {p['read']:7.3f} {p['recognise']:9.3f} {p['check']:7.3f} {p['report']:7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
