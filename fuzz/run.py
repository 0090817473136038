"""Run every fuzz harness for N inputs (default 100,000) and collect the crashes.

    pip install -e '.[fuzz]'
    python fuzz/run.py                       # all targets, 100,000 inputs each, one after another
    python fuzz/run.py --runs 20000 text expr
    python fuzz/run.py --jobs 2 --max-time 3600

Not part of the test suite (CI does not run it). Seeds come from examples/, tests/fixtures/
and the rule packs (fuzz/make_seeds.py, run when fuzz/seeds/ is missing); inputs the fuzzer
found interesting accumulate in fuzz/corpus/<target>/ and make the next run start deeper.
A crash (any exception that is not a clean budgetlint error, or a hang past --timeout) is
written to fuzz/crashes/<target>/ with its traceback; turn each into a regression test in
tests/ (tests/read/test_fuzz_regressions.py) and fix it. Prints, per target, the inputs run
and the crashes found.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGETS = ("text", "pdf", "xlsx", "docx", "expr")
MAX_LEN = {"text": 16384, "pdf": 131_072, "xlsx": 16384, "docx": 16384, "expr": 512}


def run_target(
    target: str, runs: int, timeout: int, max_time: int | None, crashes: Path
) -> tuple[str, int, int, float]:
    corpus = HERE / "corpus" / target
    corpus.mkdir(parents=True, exist_ok=True)
    out = crashes / target
    out.mkdir(parents=True, exist_ok=True)
    args = [
        sys.executable,
        str(HERE / f"fuzz_{target}.py"),
        f"-runs={runs}",
        f"-timeout={timeout}",
        f"-max_len={MAX_LEN[target]}",
        "-rss_limit_mb=4096",
        f"-artifact_prefix={out}/",
        "-print_final_stats=1",
        str(corpus),
        str(HERE / "seeds" / target),
    ]
    if max_time:
        args.insert(2, f"-max_total_time={max_time}")
    log = crashes / f"{target}.log"
    start = time.monotonic()
    with log.open("w", encoding="utf-8") as fh:
        subprocess.run(
            args,
            stdout=fh,
            stderr=subprocess.STDOUT,
            cwd=HERE,
            env={**__import__("os").environ, "BUDGETLINT_FUZZ_CRASHES": str(crashes)},
        )
    text = log.read_text(encoding="utf-8", errors="replace")
    done = re.findall(r"stat::number_of_executed_units:\s*(\d+)", text) or re.findall(r"#(\d+)\s", text)
    executed = int(done[-1]) if done else 0
    found = sum(
        1
        for p in out.iterdir()
        if p.name.startswith(("crash-", "timeout-", "oom-", "slow-unit-")) and not p.name.endswith(".txt")
    )
    return target, executed, found, time.monotonic() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("targets", nargs="*", help=f"some of {', '.join(TARGETS)} (default: all)")
    parser.add_argument("--runs", type=int, default=100_000, help="inputs per target (default 100,000)")
    parser.add_argument("--timeout", type=int, default=30, help="seconds one input may take before it is a hang")
    parser.add_argument("--max-time", type=int, default=None, help="stop each target after this many seconds")
    parser.add_argument("--jobs", type=int, default=1, help="targets run at the same time")
    parser.add_argument("--crashes", type=Path, default=HERE / "crashes", help="where crashes and logs go")
    opts = parser.parse_args()
    unknown = [t for t in opts.targets if t not in TARGETS]
    if unknown:
        parser.error(f"unknown target(s) {', '.join(unknown)}; choose from {', '.join(TARGETS)}")
    opts.targets = opts.targets or list(TARGETS)
    if not (HERE / "seeds").is_dir():
        subprocess.run([sys.executable, str(HERE / "make_seeds.py")], check=True)
    opts.crashes.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=max(1, opts.jobs)) as pool:
        results = list(
            pool.map(lambda t: run_target(t, opts.runs, opts.timeout, opts.max_time, opts.crashes), opts.targets)
        )
    print(f"{'target':8} {'inputs':>10} {'crashes':>8} {'seconds':>8}")
    for target, executed, found, seconds in results:
        print(f"{target:8} {executed:>10,} {found:>8} {seconds:>8.0f}")
    print(f"crashes and logs: {opts.crashes}")


if __name__ == "__main__":
    main()
