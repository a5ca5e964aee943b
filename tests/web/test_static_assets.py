"""The static front-end files: SVG illustrations, CSS themes and contrast, manifest, icons, and
their rendering and accessibility in Chromium (light and dark)."""

from __future__ import annotations

import io
import json
import re
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import cast

import pytest
from PIL import Image
from playwright.sync_api import Page

from hamcoach.domain.exercises import CATALOGUE
from tests.web.conftest import FakeApi
from tests.web.fake_api import open_test_page, wait_until
from tests.web.harness import STATIC_DIR, BrowserErrors, assert_accessible, wait_js

SVG_NS = "{http://www.w3.org/2000/svg}"
ROOT = Path(__file__).resolve().parents[2]
EXERCISE_SVGS = [STATIC_DIR / "svg" / f"{e.slug}.svg" for e in CATALOGUE.exercises]
EQUIPMENT_SVGS = [STATIC_DIR / "svg" / "equipment" / f"{q.slug}.svg" for q in CATALOGUE.equipment]
ALL_SVGS = sorted(STATIC_DIR.rglob("*.svg"))


# ---- SVG files ----------------------------------------------------------------------------------


def test_every_exercise_and_every_piece_of_equipment_has_a_picture() -> None:
    missing = [p.relative_to(STATIC_DIR) for p in EXERCISE_SVGS + EQUIPMENT_SVGS if not p.exists()]
    assert missing == []


@pytest.mark.parametrize("path", ALL_SVGS, ids=lambda p: str(p.relative_to(STATIC_DIR)))
def test_svg_is_xml_with_a_labelled_img_role(path: Path) -> None:
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG_NS}svg"
    assert root.get("role") == "img"
    assert root.get("viewBox")
    title, desc = root.find(f"{SVG_NS}title"), root.find(f"{SVG_NS}desc")
    assert title is not None and (title.text or "").strip()
    labelled_by = (root.get("aria-labelledby") or "").split()
    assert title.get("id") in labelled_by
    if path.parent.name != "icons":
        assert desc is not None and len((desc.text or "").strip()) > 20
        assert desc.get("id") in labelled_by
    assert path.stat().st_size < 4096, "keep illustrations small"


@pytest.mark.parametrize("path", EXERCISE_SVGS + EQUIPMENT_SVGS, ids=lambda p: p.name)
def test_illustrations_draw_in_current_color_only(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    drawing = re.sub(r"<style>.*?</style>", "", text, flags=re.S)
    assert "currentColor" in drawing
    assert not re.search(r"#[0-9a-fA-F]{3,6}\b|rgb\(", drawing), "colours come from the theme"
    assert "prefers-color-scheme:dark" in text.replace(" ", ""), "dark mode when used as <img>"


@pytest.mark.parametrize("path", EXERCISE_SVGS, ids=lambda p: p.name)
def test_exercise_pictures_show_start_and_finish(path: Path) -> None:
    texts = [t.text for t in ET.parse(path).getroot().iter(f"{SVG_NS}text")]
    assert "start" in texts
    assert "finish" in texts


def test_svg_ids_are_unique_across_files_so_pictures_can_be_inlined_together() -> None:
    ids = [el.get("id") for p in ALL_SVGS for el in ET.parse(p).getroot().iter() if el.get("id")]
    assert len(ids) == len(set(ids))


# ---- CSS ----------------------------------------------------------------------------------------

CSS = (STATIC_DIR / "css" / "app.css").read_text(encoding="utf-8")


def _theme(block: str) -> dict[str, str]:
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", block))


def _themes() -> tuple[dict[str, str], dict[str, str]]:
    light = re.search(r":root\s*\{(.*?)\}", CSS, re.S)
    dark = re.search(r"prefers-color-scheme:\s*dark\)\s*\{\s*:root\s*\{(.*?)\}", CSS, re.S)
    assert light and dark, "a light :root block and a dark one inside prefers-color-scheme"
    return _theme(light.group(1)), _theme(dark.group(1))


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


TEXT_PAIRS = [
    (fg, bg)
    for fg in ("text", "muted", "link", "danger", "ok")
    for bg in ("bg", "surface", "surface-2")
] + [("on-primary", "primary"), ("on-danger", "danger")]
GRAPHIC_PAIRS = [
    (fg, bg)
    for fg in ("border", "focus", "primary", "chart-1", "chart-2", "chart-3")
    for bg in ("bg", "surface")
]


def test_css_has_a_light_and_a_dark_theme_with_the_same_colours_defined() -> None:
    light, dark = _themes()
    assert "color-scheme: light dark" in CSS
    assert set(light) == set(dark)
    assert light != dark


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_theme_colours_meet_wcag_aa(scheme: str) -> None:
    theme = dict(zip(("light", "dark"), _themes(), strict=True))[scheme]
    low_text = [
        (fg, bg, round(contrast(theme[fg], theme[bg]), 2))
        for fg, bg in TEXT_PAIRS
        if contrast(theme[fg], theme[bg]) < 4.5
    ]
    low_graphics = [
        (fg, bg, round(contrast(theme[fg], theme[bg]), 2))
        for fg, bg in GRAPHIC_PAIRS
        if contrast(theme[fg], theme[bg]) < 3.0
    ]
    assert low_text == [], "text needs 4.5:1"
    assert low_graphics == [], "UI parts and chart lines need 3:1"


def test_css_keeps_touch_targets_focus_and_reduced_motion() -> None:
    assert "--tap: 48px" in CSS
    assert re.search(r"button,\s*\.btn\s*\{[^}]*min-height:\s*var\(--tap\)", CSS)
    assert re.search(r":focus-visible\s*\{[^}]*outline:\s*3px", CSS)
    assert "@media (prefers-reduced-motion: reduce)" in CSS


# ---- manifest and icons -------------------------------------------------------------------------


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_manifest_makes_the_app_installable() -> None:
    manifest = json.loads((STATIC_DIR / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["name"] == "hamcoach"
    assert (manifest["start_url"], manifest["display"], manifest["scope"]) == (
        "/today",
        "standalone",
        "/",
    )
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"])
    sizes = set()
    for icon in manifest["icons"]:
        path = STATIC_DIR / icon["src"].removeprefix("/static/")
        assert path.exists(), icon["src"]
        if icon["type"] == "image/png":
            width, height = _png_size(path)
            assert icon["sizes"] == f"{width}x{height}"
            sizes.add((width, icon["purpose"]))
    assert {(192, "any"), (512, "any"), (512, "maskable")} <= sizes


def test_committed_icons_match_their_generator() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_icons.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


# ---- in the browser -----------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pictures_follow_the_colour_scheme_when_used_as_img(
    phone_page: Page, fake_api: FakeApi, scheme: str
) -> None:
    phone_page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    phone_page.goto(f"{fake_api.base}/test/blank.html")
    pictures = EXERCISE_SVGS + EQUIPMENT_SVGS
    imgs = "".join(f'<img src="/static/{p.relative_to(STATIC_DIR)}" alt="">' for p in pictures)
    phone_page.set_content(f"<body style='background:#808080'>{imgs}")
    wait_js(phone_page, "[...document.images].every((i) => i.complete && i.naturalWidth)")
    assert phone_page.locator("img").count() == len(pictures)
    for img in phone_page.locator("img").all():
        pixels = Image.open(io.BytesIO(img.screenshot())).convert("L").getextrema()
        darkest, lightest = cast(tuple[float, float], pixels)
        if scheme == "light":
            assert darkest < 60, "strokes are near-black on light pages"
        else:
            assert lightest > 200, "strokes are near-white on dark pages"


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_test_page_has_no_axe_violations(
    phone_page: Page, fake_api: FakeApi, browser_errors: BrowserErrors, scheme: str
) -> None:
    browser_errors.allow(r"status of 422")
    phone_page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    open_test_page(phone_page, fake_api.base)
    # Show everything: a logged set (rest timer), a refused set, the tempo count.
    phone_page.get_by_label("Reps").fill("0")
    phone_page.get_by_role("button", name="Log set").click()
    wait_until(phone_page, "async () => (await window.hc.queue.rejectedSets()).length", 1)
    phone_page.locator("[data-tempo-start]").click()
    assert phone_page.locator("[data-rest-timer]").is_visible()
    assert phone_page.locator("[data-queue-rejected] li").is_visible()
    body = phone_page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert body == ("rgb(255, 255, 255)" if scheme == "light" else "rgb(16, 19, 23)")
    assert_accessible(phone_page)


@pytest.mark.browser
def test_accessibility_check_catches_a_real_violation(phone_page: Page, fake_api: FakeApi) -> None:
    """The axe harness is live: a low-contrast, unlabelled control must fail it."""
    phone_page.goto(f"{fake_api.base}/test/blank.html")
    phone_page.set_content(
        "<html lang=en><title>t</title><link rel=icon href='data:,'><main><p style='color:#bbb;background:#fff'>faint</p>"
        "<input type=text></main></html>"
    )
    with pytest.raises(pytest.fail.Exception, match=r"color-contrast[\s\S]*label"):
        assert_accessible(phone_page)
