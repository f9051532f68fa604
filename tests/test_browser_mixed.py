"""A mixed briefing as a reader meets it: the sample clippings plus a saved web page, a feed, a
JSON export, an e-mail and a Chinese clipping, built with MkDocs and opened in headless Chromium
at a desktop and a phone size. Every kind of page is opened; the article header, the links from
it to each name's page, the charts and the search are checked as a reader would use them."""

import os
import subprocess

import pytest
from conftest import copy_sample
from test_browser import ARTEFACTS, BIN, CANVAS_COLOURS, CHROMIUM, browser, serve  # noqa: F401 (a fixture)

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium installed (apt-get install chromium)")
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}

HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Kestrel Mining wins Chilean copper licence | Andes Ledger</title>
<meta property="og:site_name" content="Andes Ledger">
<meta property="article:published_time" content="2024-05-14T09:00:00Z">
<link rel="canonical" href="https://andes-ledger.example/2024/05/kestrel-licence">
</head><body><nav>Home | Markets | Mining</nav><article>
<h1>Kestrel Mining wins Chilean copper licence</h1>
<p>Chile awarded a copper exploration licence to Kestrel Mining on Tuesday, mining minister
Aurora Williams said, after a tender that drew bids from companies in Canada and Australia.</p>
<p>"This licence brings investment to the north of the country," Williams told reporters in
Santiago. Kestrel Mining said it would spend 200 million dollars over five years.</p>
<p>The company plans to hire engineers from local universities, its chief executive Daniel
Okafor said in a statement, and to start drilling before the end of the year.</p>
</article><footer>Subscribe to our newsletter</footer></body></html>"""

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Freight Daily</title><link>https://harbour.example/</link>
<item><title>Maersk and Hapag-Lloyd reroute ships around the Cape</title>
<link>https://harbour.example/news/reroute</link><pubDate>Mon, 06 May 2024 08:00:00 GMT</pubDate>
<description><![CDATA[<p>Maersk and Hapag-Lloyd said on Monday they would keep routing ships around the
Cape of Good Hope, adding weeks to voyages between Asia and Europe, after attacks near Yemen.</p>
<p>Freight rates from China to the Netherlands rose again, analyst Priya Natarajan said, and
insurers raised their premiums for the Red Sea for a third month in a row.</p>]]></description>
</item></channel></rss>"""

JSON = """[{"headline": "Vattenfall to build wind farm off the Swedish coast",
"published": "2024-04-22", "site": "Nordic Energy Wire", "link": "https://nordic-energy.example/vattenfall-wind",
"body": "Vattenfall will build a wind farm off the coast of Sweden, chief executive Anna Borg said on Monday. The company said Sweden and Denmark would share the power line, and that construction would start in 2026 after the permits are granted by the courts."}]"""

EMAIL = """From: Gulf Markets Brief <brief@gulfmarkets.example>
To: reader@example.org
Subject: Saudi Aramco raises its dividend
Date: Tue, 30 Apr 2024 07:30:00 +0000
Content-Type: text/plain; charset=utf-8

Saudi Aramco raised its quarterly dividend on Tuesday, chief executive Amin Nasser said, as oil
prices held above 80 dollars a barrel. Saudi Arabia remains the company's largest shareholder,
and the government said it would use the money for projects across the kingdom.
"""

NEWSLETTER = """From: Baltic Ports Brief <brief@balticports.example>
To: reader@example.org
Subject: Baltic Ports Brief, 2 May
Date: Thu, 02 May 2024 06:00:00 +0000
Content-Type: text/plain; charset=utf-8

View this email in your browser

Good morning. Two stories from the ports today.

-----

Gdansk terminal doubles its container capacity

The Baltic Hub terminal in Gdansk will double its container capacity by 2027, the port authority
said on Wednesday, after Poland approved the expansion. DP World, which runs the terminal, said
the new quay would take the largest ships that sail between Asia and northern Europe.

Read more: https://balticports.example/gdansk-capacity

-----

Klaipeda opens an LNG berth

Lithuania opened a second berth for liquefied natural gas in Klaipeda, the energy ministry said,
so that tankers from Norway and the United States can unload without waiting. The operator said
the berth would also serve Latvia and Estonia through the regional pipeline network.

-----

You are receiving this because you subscribed to Baltic Ports Brief.
Unsubscribe | Manage your preferences
"""

ALERT = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<id>tag:alerts</id><title>Google Alert - copper</title><link href="https://www.google.com/alerts/feeds/1/2"/>
<updated>2024-05-15T08:00:00Z</updated>
<entry><id>tag:1</id><title type="html">Chile&#39;s &lt;b&gt;copper&lt;/b&gt; output rises</title>
<link href="https://www.google.com/url?rct=j&amp;sa=t&amp;url=https://www.reuters.com/markets/chile-copper&amp;ct=ga"/>
<published>2024-05-15T08:00:00Z</published><updated>2024-05-15T08:00:00Z</updated>
<content type="html">Chile produced more copper in April than a year earlier, the statistics agency said on
Wednesday, as new mines in the north of the country reached full output and Peru lagged behind.</content></entry>
</feed>"""

CHINESE = """华为在匈牙利开设新工厂

2024年5月10日

华为公司周五宣布在匈牙利开设新工厂，匈牙利外交部长表示，这座工厂将为当地创造一千个就业岗位。公司发言人说，工厂将在明年投入生产，主要供应欧洲市场。

分析人士认为，这项投资显示中国企业在欧洲的布局正在扩大，德国和法国的企业也在关注这一动向。
"""


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    project = copy_sample(tmp_path_factory.mktemp("mixed"))
    inputs = project / "articles"
    (inputs / "kestrel.html").write_text(HTML, encoding="utf-8")
    (inputs / "harbour.rss").write_text(FEED, encoding="utf-8")
    (inputs / "export.json").write_text(JSON, encoding="utf-8")
    (inputs / "aramco.eml").write_text(EMAIL, encoding="utf-8")
    (inputs / "huawei-hungary.txt").write_text(CHINESE, encoding="utf-8")
    (inputs / "ports.eml").write_text(NEWSLETTER, encoding="utf-8")
    (inputs / "alert.atom").write_text(ALERT, encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([str(BIN / "briefing"), "build"], cwd=project, env=env, check=True, capture_output=True)
    built = subprocess.run([str(BIN / "mkdocs"), "build", "--strict"], cwd=project, env=env, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    with serve(project / "site") as base:
        yield base, project


@pytest.fixture(params=sorted(SIZES))
def page(browser, request):  # noqa: F811 (the fixture imported from test_browser)
    context = browser.new_context(viewport=SIZES[request.param])
    page = context.new_page()
    page.size = request.param
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
    context.close()


def article_url(project, title_start: str) -> str:
    """The site path of the article page whose title starts so."""
    for path in sorted((project / "docs" / "articles").rglob("*.md")):
        if f"\ntitle: {title_start}" in path.read_text(encoding="utf-8") or \
                f'\ntitle: "{title_start}' in path.read_text(encoding="utf-8"):
            return path.relative_to(project / "docs").as_posix().removesuffix(".md") + "/"
    raise AssertionError(f"no article titled {title_start!r}")


PAGES = {  # every kind of page, and what its heading says
    "home": ("", "Briefing"),
    "countries": ("countries/", "Countries"),
    "country": ("countries/chile/", "Chile"),
    "companies": ("companies/", "Companies"),
    "company": ("companies/maersk/", "Maersk"),
    "people": ("people/", "People"),
    "person": ("people/anna-borg/", "Anna Borg"),
    "timeline": ("timeline/", "Timeline"),
    "review": ("review/", "To review"),
}


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_every_kind_of_page_opens_cleanly_at_both_sizes(page, mixed, kind):
    base, _ = mixed
    path, heading = PAGES[kind]
    response = page.goto(base + path)
    assert response.ok, path
    assert heading in page.locator("article h1").first.inner_text()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SIZES[page.size]["width"] + 1, f"{kind} scrolls sideways at {page.size} size ({width}px)"
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"mixed-{kind}-{page.size}.png"), full_page=kind != "home")
    assert page.console_errors == []


@pytest.mark.parametrize("title, date, source, original", [
    ("Kestrel Mining wins Chilean copper licence", "2024-05-14", "Andes Ledger",
     "https://andes-ledger.example/2024/05/kestrel-licence"),
    ("Maersk and Hapag-Lloyd reroute ships", "2024-05-06", "Harbour Freight Daily", "https://harbour.example/news/reroute"),
    ("Vattenfall to build wind farm", "2024-04-22", "Nordic Energy Wire", "https://nordic-energy.example/vattenfall-wind"),
    ("Saudi Aramco raises its dividend", "2024-04-30", "Gulf Markets Brief", None),
    # a newsletter's stories, each an article; an alert's item, credited to its publisher
    ("Gdansk terminal doubles its container capacity", "2024-05-02", "Baltic Ports Brief",
     "https://balticports.example/gdansk-capacity"),
    ("Klaipeda opens an LNG berth", "2024-05-02", "Baltic Ports Brief", None),
    ("Chile's copper output rises", "2024-05-15", "Reuters", "https://www.reuters.com/markets/chile-copper"),
])
def test_an_article_header_gives_date_source_original_and_links_that_resolve(page, mixed, title, date, source, original):
    base, project = mixed
    url = base + article_url(project, title)
    page.goto(url)
    facts = page.locator("article p").first.inner_text()
    assert date in facts and source in facts, facts
    link = page.locator("article p").first.locator("a", has_text="Original article")
    assert (link.get_attribute("href") if original else link.count()) == (original or 0)
    names = page.locator("article p").nth(1).locator("a")
    assert names.count() >= 2
    for i in range(names.count()):
        page.goto(url)
        name = names.nth(i).inner_text()
        names.nth(i).click()
        page.wait_for_load_state()
        assert name in page.locator("article h1").inner_text(), (name, page.url)
    assert page.console_errors == []


def test_also_reported_by_leads_to_the_other_copy_and_back(page, mixed):
    base, project = mixed
    url = base + article_url(project, "Japanese Government To Ban Huawei")
    page.goto(url)
    link = page.locator("article p", has_text="Also reported by").locator("a")
    assert link.inner_text() == "Al Quds Al Arabi"
    link.click()
    page.wait_for_load_state()
    assert page.locator("article h1").inner_text().startswith("The Japanese government will stop buying")
    page.locator("article p", has_text="Also reported by").locator("a").click()
    page.wait_for_load_state()
    assert page.url == url and page.console_errors == []


def test_a_newsletter_footer_reaches_no_page(mixed):
    _, project = mixed
    pages = [p.read_text(encoding="utf-8") for p in (project / "docs" / "articles").rglob("*.md")]
    assert sum("Baltic Ports Brief" in text for text in pages) == 2
    assert not any("nsubscribe" in text or "view this email" in text.lower() for text in pages)


@pytest.mark.parametrize("path", ["countries/", "timeline/"])
def test_charts_are_drawn_in_colour(page, mixed, path):
    base, _ = mixed
    page.goto(base + path)
    drawn = page.evaluate(CANVAS_COLOURS, page.locator("article img[src$='.svg']").first.element_handle())
    assert drawn["colours"] >= 8 and drawn["dark"] < 0.2, drawn


@pytest.mark.parametrize("query, expected", [
    ("Natarajan", "Maersk and Hapag-Lloyd reroute ships"),  # a person
    ("Vattenfall", "Vattenfall to build wind farm"),  # a company
    ("exploration licence", "Kestrel Mining wins Chilean copper licence"),  # a phrase of the text
    ("匈牙利", "华为在匈牙利开设新工厂"),  # a Chinese name
])
def test_a_search_lands_on_the_article(page, mixed, query, expected):
    base, _ = mixed
    page.goto(base)
    if page.size == "phone":
        page.click("label.md-header__button[for='__search']")  # the phone layout's search icon
    page.click("input.md-search__input")
    if query.isascii():
        page.keyboard.type(query, delay=30)  # as a person types
    else:  # text in Chinese arrives whole, as from an input method, not key by key
        page.fill("input.md-search__input", query)
        page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    results = page.locator(".md-search-result__item").all_inner_texts()
    shown = [r.replace("\u200b", "") for r in results]  # the search joins Chinese words with zero-width spaces
    assert shown and expected in " ".join(shown[:2]), shown
