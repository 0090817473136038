"""The HTML report: self-contained, and working in a real browser (headless Chromium).

Golden places, read off the printed pages by hand: the 西安 2021 宣传部 fixture's
一般公共预算基本支出表 (PDF page 30) prints 人员经费支出 21,914,447.48 in its 合计 row
and 20,790,689.48 in row 301; examples/2023-xigong-zwfw-final.txt line 1235 states
预算执行率 18.01 % (BL510).
"""

from __future__ import annotations

import io
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from budgetlint.cli import main

ROOT = Path(__file__).resolve().parents[2]
PDF = ROOT / "tests" / "fixtures" / "pdf" / "xian_2021_xuanchuanbu_ys.pdf"
TEXT = ROOT / "examples" / "2023-xigong-zwfw-final.txt"


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html") / "报告.html"
    result = CliRunner().invoke(main, ["check", str(PDF), str(TEXT), "--format", "html", "-o", str(out)])
    assert result.exit_code == 1, result.output
    return out


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[str] = []
        self.findings = 0
        self.images = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.refs += [v for k, v in attrs if k in ("src", "href") and v]
        if "finding" in (a.get("class") or "").split():
            self.findings += 1
        if tag == "img":
            self.images += 1


def test_report_is_one_self_contained_file(report):
    text = report.read_text(encoding="utf-8")
    refs = _Refs()
    refs.feed(text)
    assert refs.refs and all(r.startswith("data:image/png;base64,") for r in refs.refs)
    assert "Content-Security-Policy" in text
    json_run = CliRunner().invoke(main, ["check", str(PDF), str(TEXT), "--format", "json"])
    assert refs.findings == json_run.output.count('"fingerprint"')
    assert refs.images >= 1
    assert "BL510" in text and "18.01" in text


def _chromium() -> str | None:
    for exe in (os.environ.get("BUDGETLINT_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if exe and shutil.which(exe):
            return shutil.which(exe)
    return None


def _browser():
    exe = _chromium()
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("no Chromium: CI must run scripts/install-browser.sh first")
        pytest.skip("no Chromium here (scripts/install-browser.sh installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    return sync_api, exe


def test_report_in_a_real_browser_filters_and_shows_the_boxed_cell(report, tmp_path):
    sync_api, exe = _browser()
    from PIL import Image

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1200, "height": 1600})
        errors: list[str] = []
        requests: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(report.as_uri())
        assert errors == []
        assert [u for u in requests if not u.startswith(("file:", "data:"))] == []

        def shown() -> int:
            return len(page.query_selector_all(".finding:not(.hidden)"))

        everything = shown()
        page.uncheck("input[data-sev=info]")
        without_info = shown()
        assert 0 < without_info < everything
        page.select_option("#rule", "BL510")
        assert shown() == 1
        assert "18.01" in page.inner_text(".finding:not(.hidden)")
        page.select_option("#rule", "")
        page.check("input[data-sev=info]")
        assert shown() == everything

        # the 基本支出表 finding (page 30) carries a crop of the page with its cells boxed in red
        crop = page.locator(".finding[data-rule=BL141] img.crop").first
        shot = tmp_path / "crop.png"
        crop.screenshot(path=str(shot))
        browser.close()
    pixels = Image.open(io.BytesIO(shot.read_bytes())).convert("RGB").tobytes()
    red = sum(1 for i in range(0, len(pixels), 3) if pixels[i] > 180 and pixels[i + 1] < 60 and pixels[i + 2] < 60)
    assert red > 200  # the boxes' outline
    alt = re.search(r'alt="第 (\d+) 页', report.read_text(encoding="utf-8"))
    assert alt is not None
