"""The least CPU any reader built on pdfium through ctypes spends on a PDF, per document.

Run: python benchmarks/pdf_floor.py [--repeat 3] [FILE.pdf …]  (default: peer_compare.py's five PDFs)
Measures, per document (best of --repeat), only what budgetlint's PDF reader cannot avoid doing in
Python: opening the file and loading every page and its text page (pdfium's own work), one
character-box call per character (the one call a position needs), and walking the page objects
once (the ruling lines are among them). No grouping, no tables, no recognition, no rules. Compare
with `benchmarks/stage_split.py` (where budgetlint's time goes) and the 0.3 s goal of issue 14.
Asserts nothing.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pypdfium2 as pdfium  # noqa: E402
import pypdfium2.raw as pdfium_c  # noqa: E402

from benchmarks.peer_compare import CORPUS, DEFAULT  # noqa: E402


def floor(path: Path) -> tuple[float, float, float, int]:
    """(open + pages + text pages, one box call per character, object walk) CPU s, characters."""
    t0 = time.process_time()
    doc = pdfium.PdfDocument(str(path))
    pages = [doc[i] for i in range(len(doc))]
    textpages = [p.get_textpage() for p in pages]
    t1 = time.process_time()
    rect = pdfium_c.FS_RECTF()
    box, chars = ctypes.byref(rect), 0
    for tp in textpages:
        n = pdfium_c.FPDFText_CountChars(tp.raw)
        chars += n
        for i in range(n):
            pdfium_c.FPDFText_GetLooseCharBox(tp.raw, i, box)
    t2 = time.process_time()
    for p in pages:
        for j in range(pdfium_c.FPDFPage_CountObjects(p.raw)):
            pdfium_c.FPDFPageObj_GetType(pdfium_c.FPDFPage_GetObject(p.raw, j))
    t3 = time.process_time()
    for tp in textpages:
        tp.close()
    for p in pages:
        p.close()
    doc.close()
    return t1 - t0, t2 - t1, t3 - t2, chars


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    files = args.files or [CORPUS / f for f in DEFAULT]
    files = [f for f in files if f.is_file()]
    if not files:
        print(f"no corpus PDFs found under {CORPUS}")
        return
    sums = [0.0, 0.0, 0.0]
    for f in files:
        best = min((floor(f) for _ in range(args.repeat)), key=lambda r: r[0] + r[1] + r[2])
        sums = [s + b for s, b in zip(sums, best[:3])]
        print(
            f"{f.name[:44]:44} open+pages {best[0]:.3f}  boxes {best[1]:.3f} ({best[3]} characters)"
            f"  objects {best[2]:.3f}  total {sum(best[:3]):.3f} s CPU"
        )
    n = len(files)
    print(
        f"mean per document: open+pages {sums[0] / n:.3f}  boxes {sums[1] / n:.3f}  objects {sums[2] / n:.3f}"
        f"  total {sum(sums) / n:.3f} s CPU (load average {os.getloadavg()[0]:.1f})"
    )


if __name__ == "__main__":
    main()
