"""Whole-process time and peak memory of `budgetlint check`: start-up, table size, one PDF.

Run: python benchmarks/bench_scale.py [--rows 1000 10000 100000] [--repeat 3] [--pdf FILE] [--root TREE] [--xlsx]
(--rows with no number: start-up and the PDFs only)
Each figure is one `python -m budgetlint check --format json` process (median of --repeat
runs for the small inputs, one run for tables of 10k rows and more): wall time, CPU time
(user + sys) and peak resident memory (ru_maxrss of that process). Memory per input byte is
given twice: the whole peak ÷ input size, and the peak above the start-up run's (the
interpreter, libraries and rules, ~40 MB whatever the input) ÷ input size; per tenfold rows,
the CPU and peak ratios (linear = ×10). The tables are synthetic
text exports (benchmarks/synthetic.py: one 部门支出预算表 of N code rows, a quarter of them
left-packed so recognise/placement.py has work to do); with --xlsx also the same tables as
spreadsheets, whose left-packed rows break the sums, so the diagnosis has work to do. Bytecode is cached in a temporary
folder and a warm-up run fills it, as an installed package would have it.
Prints figures; asserts nothing (no timed unit tests).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic  # noqa: E402

from budgetlint.corpus import CORPUS_DIR  # noqa: E402

DEFAULT_PDF = CORPUS_DIR / "city_crawl_renwu" / "xian_2019_anjianju_ys_tables.pdf"
SMALL_PDF = ROOT / "tests" / "fixtures" / "pdf" / "jiangsu_2019_renda_ys_tables.pdf"  # 88 KB, 13 pages


def run_check(path: Path, env: dict[str, str], out: Path) -> tuple[float, float, float, int]:
    """(wall s, cpu s, peak MB, exit code) of one check process."""
    cmd = [
        sys.executable,
        "-m",
        "budgetlint",
        "check",
        str(path),
        "--format",
        "json",
        "-o",
        str(out),
        "--fail-on",
        "never",
    ]
    start = time.perf_counter()
    # cwd is the tree measured: ``python -m`` puts the working directory first on sys.path
    proc = subprocess.Popen(cmd, env=env, cwd=env["BENCH_ROOT"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode not in (0, 1):
        print(f"  ! exit {proc.returncode}: {err.strip()[:300]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode


def measure(
    label: str, path: Path, env: dict[str, str], tmp: Path, repeat: int, base: float = 0.0
) -> tuple[float, float, float]:
    runs = [run_check(path, env, tmp / "report.json") for _ in range(repeat)]
    wall = statistics.median(r[0] for r in runs)
    cpu = statistics.median(r[1] for r in runs)
    peak = max(r[2] for r in runs)
    size = path.stat().st_size
    report = (tmp / "report.json").stat().st_size if (tmp / "report.json").exists() else 0
    print(
        f"{label:28} {size / 1024:9.0f} KB  wall {wall:7.2f} s  cpu {cpu:7.2f} s  peak {peak:7.0f} MB"
        f"  ({peak * 1024 * 1024 / size:6.1f}× input, {(peak - base) * 1024 * 1024 / size:6.1f}× above start-up)"
        f"  report {report / 1024:7.0f} KB  [{len(runs)} run(s)]"
    )
    return wall, cpu, peak


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, nargs="*", default=[1000, 10000, 100000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pdf", type=Path, default=DEFAULT_PDF)
    ap.add_argument("--root", type=Path, default=ROOT, help="the budgetlint source tree to run (to compare two)")
    ap.add_argument(
        "--xlsx", action="store_true", help="also the same tables as .xlsx (their sums fail: the diagnosis runs)"
    )
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="budgetlint-bench-") as d:
        tmp = Path(d)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["BUDGETLINT_CACHE_DIR"] = str(tmp / "cache")
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        env["BENCH_ROOT"] = str(args.root.resolve())
        env["PYTHONPATH"] = str(args.root.resolve()) + os.pathsep + env.get("PYTHONPATH", "")
        one = tmp / "one-line.txt"
        one.write_text("2024年某某局部门预算：本年收入合计100.00万元。\n", encoding="utf-8")
        run_check(one, env, tmp / "report.json")  # warm-up: fills the bytecode cache

        print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
        _, _, base = measure("start-up (one-line .txt)", one, env, tmp, args.repeat)
        if args.pdf.exists():
            _, _, pdf_peak = measure(f"PDF {args.pdf.name[:23]}", args.pdf, env, tmp, args.repeat, base)
            # Reading any PDF loads pdfium and the PDF reader's modules (~10 MB whatever the file):
            # what the file itself costs is the rise from a small PDF to this one, per added byte.
            if SMALL_PDF.exists() and SMALL_PDF.stat().st_size < args.pdf.stat().st_size:
                _, _, small_peak = measure(f"PDF {SMALL_PDF.name[:23]}", SMALL_PDF, env, tmp, args.repeat, base)
                added = args.pdf.stat().st_size - SMALL_PDF.stat().st_size
                print(f"{'':28} per byte the larger PDF adds: {(pdf_peak - small_peak) * 1024 * 1024 / added:.1f}× ")
        kinds = [("table", synthetic.write)] + ([("xlsx", synthetic.write_xlsx)] if args.xlsx else [])
        for name, write in kinds:
            previous = None
            for rows in args.rows:
                path = write(rows, tmp)
                repeat = args.repeat if rows < 10000 else 1
                wall, cpu, peak = measure(f"{name} of {rows} rows", path, env, tmp, repeat, base)
                if previous is not None:
                    print(
                        f"{'':28} ×{rows / previous[0]:.0f} rows: cpu ×{cpu / previous[1]:.1f}, peak ×{peak / previous[2]:.1f}"
                    )
                previous = (rows, cpu, peak)


if __name__ == "__main__":
    main()
