"""Driving the phone page in Debian's Chromium through Playwright, at a phone's size, and measuring what it shows."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
PHONE = {"width": 360, "height": 740}

# The WCAG contrast ratio of two CSS colours, worked out in the page (computed styles are rgb()/rgba()).
CONTRAST_JS = """([a, b]) => {
  const rgb = (text) => text.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = (c) => { const [r, g, b] = c.map((v) => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const [l1, l2] = [lum(rgb(a)), lum(rgb(b))].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
}"""

# Every visible element that holds text of its own, with its computed font size in px.
FONT_SIZES_JS = """() => [...document.querySelectorAll('body *')].filter((el) => {
  const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
  const box = el.getBoundingClientRect();
  return own && box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
}).map((el) => [el.textContent.trim().slice(0, 40), parseFloat(getComputedStyle(el).fontSize)])"""


def chromium_or_skip() -> None:
    """Skip when Chromium or Playwright is missing (scripts/system-deps.sh test installs Chromium)."""
    pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Chromium is not installed; run scripts/system-deps.sh test")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One headless Chromium for the module."""
    chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


def shots_folder(tmp_path: Path) -> Path:
    """Where state screenshots go: $PHONE_SHOTS when set (to look at them), else the test's folder."""
    folder = Path(os.environ.get("PHONE_SHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def slug(text: str) -> str:
    """Return a file-name-safe form of a state's name."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
