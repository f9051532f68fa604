"""The built site in a real browser: headless Chromium (Debian's package) driven by Playwright.

Skipped only where no Chromium is installed; `.ci/run` installs it, so CI always runs these.
"""

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import REPO, copy_sample

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium installed (apt-get install chromium)")
BIN = Path(sys.executable).parent
ARTEFACTS = REPO / "test-artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = copy_sample(tmp_path_factory.mktemp("browser"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([str(BIN / "mkdocs"), "build", "--strict"], cwd=project, env=env, check=True, capture_output=True)
    with serve(project / "site") as base:
        yield base


@contextlib.contextmanager
def serve(directory: Path):
    """The built site over HTTP on a free local port; its base URL."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(directory))
    http.server.SimpleHTTPRequestHandler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
    context.close()


def search(page, base: str, query: str) -> list[str]:
    page.goto(base)
    page.click("input.md-search__input")  # the search box in the header (desktop layout)
    page.keyboard.type(query, delay=30)  # as a person types: the search listens to key events
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    return page.locator(".md-search-result__item").all_inner_texts()


@pytest.mark.parametrize("query, expected", [
    ("Suga", "Japan decided on a policy Monday"),
    ("KDDI", "The Japanese government will stop buying equipment"),
])
def test_search_finds_the_article(page, site, query, expected):
    results = search(page, site, query)
    assert any(expected in r for r in results), results
    assert page.console_errors == []


def test_country_page_links_to_articles_and_back(page, site):
    page.goto(site + "countries/japan/")
    links = page.locator("article ul.briefing-articles a")
    assert links.count() == 4
    links.first.click()
    page.wait_for_url("**/articles/**")
    assert page.locator("article").inner_text()
    page.go_back()
    page.wait_for_url("**/countries/japan/")
    page.click("article a[href$='companies/ntt-docomo/'], article a[href*='ntt-docomo']")
    page.wait_for_url("**/companies/ntt-docomo/")
    assert "NTT Docomo" in page.locator("h1").inner_text()
    assert page.console_errors == []


def test_home_page_screenshot(page, site):
    page.goto(site)
    assert "4 articles" in page.locator("article").inner_text()
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / "home.png"), full_page=True)
    assert (ARTEFACTS / "home.png").stat().st_size > 10_000
    assert page.console_errors == []


CANVAS_COLOURS = """(img) => new Promise(done => {
    const draw = () => {
        const canvas = document.createElement("canvas");
        canvas.width = 450; canvas.height = 225;
        const context = canvas.getContext("2d");
        context.drawImage(img, 0, 0, canvas.width, canvas.height);
        const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
        const colours = new Set();
        let dark = 0;
        for (let i = 0; i < data.length; i += 4) {
            colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
            if (data[i] + data[i + 1] + data[i + 2] < 90) dark++;
        }
        done({colours: colours.size, dark: dark / (data.length / 4)});
    };
    if (img.complete && img.naturalWidth) draw(); else img.addEventListener("load", draw);
})"""


@pytest.mark.parametrize("path", ["countries/", "timeline/"])
def test_charts_render_in_colour_not_as_black_boxes(page, site, path):
    # An SVG chart whose styles are lost fills every shape black: the reader sees a black box.
    page.goto(site + path)
    chart = page.locator("article img[src$='.svg']").first
    drawn = page.evaluate(CANVAS_COLOURS, chart.element_handle())
    assert drawn["colours"] >= 8 and drawn["dark"] < 0.2, drawn


def test_an_article_page_shows_its_date_source_and_names(page, site):
    page.goto(site + "articles/2018/japan-scrutinizes-chinas-huawei-and-zte-over-spying-fears/")
    text = page.locator("article").inner_text()
    facts = text.split("\n")[1:6]
    assert any("2018-08-31" in line and "Nikkei Asian Review" in line for line in facts), facts
    assert any(line.startswith("Countries: Japan") and "Companies: Huawei" in line for line in facts), facts
    for size, viewport in (("desktop", {"width": 1366, "height": 900}), ("phone", {"width": 390, "height": 844})):
        page.set_viewport_size(viewport)
        ARTEFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTEFACTS / f"article-{size}.png"))
    assert page.console_errors == []



def test_a_search_for_a_name_lands_on_articles_not_on_the_lists_of_every_name(page, site):
    results = search(page, site, "Shimba")
    titles = [r.split("\n")[0].strip() for r in results]
    assert titles and not {"Companies", "People", "Countries", "To review"} & set(titles), titles
    assert any("Japan scrutinizes" in r for r in results), titles
