"""Start-up of `budgetlint check` on a one-line text export: cold and warm user cache, whole process.

Run: python benchmarks/startup.py [--repeat 15] [--root TREE]
Each figure is the median over --repeat processes of `python -m budgetlint check ONE-LINE.txt
--format json -o …`: wall time and CPU time (user + sys, from wait4). "cold" empties the cache
folder (budgetlint/cache.py, here a temporary BUDGETLINT_CACHE_DIR) before every run, so the rule
packs and vocabularies are parsed, validated and compiled; "warm" keeps it. Bytecode is cached in a
temporary folder filled by a warm-up run, as in an installed package. For scale it also times
`python -c pass` (the interpreter and site-packages' .pth files: the floor nothing here can lower)
and `budgetlint --version`. The machine's load average is printed: on a shared machine the wall
times are only meaningful beside the floor. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """(wall s, cpu s) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"exit {code}: {' '.join(cmd)}\n{proc.stderr.read().decode()[:500] if proc.stderr else ''}")
    return wall, usage.ru_utime + usage.ru_stime


def measure(label: str, cmd: list[str], env: dict[str, str], cwd: Path, repeat: int, before=None) -> float:
    walls, cpus = [], []
    for _ in range(repeat):
        if before:
            before()
        wall, cpu = run(cmd, env, cwd)
        walls.append(wall)
        cpus.append(cpu)
    wall = statistics.median(walls)
    print(
        f"{label:34} wall median {wall * 1000:6.0f} ms (min {min(walls) * 1000:4.0f})"
        f"   cpu median {statistics.median(cpus) * 1000:6.0f} ms (min {min(cpus) * 1000:4.0f})"
    )
    return wall


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--root", type=Path, default=ROOT, help="the budgetlint source tree to run (to compare two)")
    args = ap.parse_args()
    root = args.root.resolve()
    with tempfile.TemporaryDirectory(prefix="budgetlint-startup-") as d:
        tmp = Path(d)
        cache = tmp / "cache"
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "BUDGETLINT_NO_CACHE")}
        env.update(
            PYTHONPYCACHEPREFIX=str(tmp / "pycache"),
            BUDGETLINT_CACHE_DIR=str(cache),
            PYTHONPATH=str(root) + os.pathsep + env.get("PYTHONPATH", ""),
        )
        one = tmp / "one-line.txt"
        one.write_text("2024年某某局部门预算：本年收入合计100.00万元。\n", encoding="utf-8")
        check = [sys.executable, "-m", "budgetlint", "check", str(one), "--format", "json", "-o", str(tmp / "r.json")]
        run(check, env, root)  # warm-up: bytecode and cache
        load = os.getloadavg()[0]
        print(
            f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {load:.1f}; "
            f"median of {args.repeat} processes"
        )
        floor = measure("python -c pass (floor)", [sys.executable, "-c", "pass"], env, root, args.repeat)
        measure("budgetlint --version", [sys.executable, "-m", "budgetlint", "--version"], env, root, args.repeat)
        cold = measure(
            "check one line, cold cache",
            check,
            env,
            root,
            args.repeat,
            before=lambda: shutil.rmtree(cache, ignore_errors=True),
        )
        run(check, env, root)
        warm = measure("check one line, warm cache", check, env, root, args.repeat)
        print(
            f"warm cache: {warm * 1000:.0f} ms wall, {(warm - floor) * 1000:.0f} ms above the interpreter floor; "
            f"cold: {cold * 1000:.0f} ms (load average now {os.getloadavg()[0]:.1f})"
        )


if __name__ == "__main__":
    main()
