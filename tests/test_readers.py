"""Every input format and encoding an analyst has: fixtures written here, read for real."""

import datetime as dt
import json
from email.message import EmailMessage

import pytest
from conftest import build_project

from generator.errors import InputError
from generator.extract import extract_article
from generator.read import read_file

STORY = ("Lisbon is weighing new rules for telecom equipment, officials said on Tuesday. "
         "Huawei and Nokia both supply parts of the network, and the review will take several months.")


def read_one(tmp_path, name, data, knowledge, settings=None):
    path = tmp_path / name
    path.write_bytes(data)
    docs = read_file(path, tmp_path, settings)
    return [extract_article(d, knowledge) if not isinstance(d, InputError) else d for d in docs]


def test_html_page_text_and_metadata(tmp_path, knowledge):
    page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
    <title>Lisbon weighs telecom rules | Daily Example</title>
    <meta property="og:title" content="Lisbon weighs telecom rules">
    <meta property="og:site_name" content="Daily Example">
    <meta property="article:published_time" content="2021-03-04T08:00:00Z">
    <link rel="canonical" href="https://news.example.org/lisbon-rules">
    </head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Lisbon weighs telecom rules</h1>
    <p>{STORY}</p><p>The ministry said the rules would apply to all operators from next year, and that
    suppliers would have to show where their equipment is made and who maintains it.</p>
    <script>alert('x')</script></article>
    <footer>Copyright Daily Example. All rights reserved. Subscribe to our newsletter.</footer></body></html>"""
    [a] = read_one(tmp_path, "page.html", page.encode("utf-8"), knowledge)
    assert (a.title, a.date, a.source, a.url) == ("Lisbon weighs telecom rules", dt.date(2021, 3, 4),
                                                  "Daily Example", "https://news.example.org/lisbon-rules")
    assert "Lisbon is weighing new rules" in a.body and "alert" not in a.body and "All rights reserved" not in a.body
    assert a.companies == ["Huawei", "Nokia"]


def test_truncated_html_still_gives_text(tmp_path, knowledge):
    page = f"<html><head><title>Cut off</title></head><body><article><p>{STORY}</p><p>{STORY} Again"
    [a] = read_one(tmp_path, "cut.html", page.encode(), knowledge)
    assert "Lisbon is weighing" in a.body


def test_rss_entries_become_articles(tmp_path, knowledge):
    feed = f"""<?xml version="1.0" encoding="utf-8"?>
    <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
    <title>Example Wire</title><link>https://wire.example.org</link><description>d</description>
    <item><title>Lisbon weighs telecom rules</title><link>https://wire.example.org/1</link>
      <pubDate>Thu, 04 Mar 2021 08:00:00 GMT</pubDate>
      <content:encoded><![CDATA[<p>{STORY}</p><p>More text <script>evil()</script>here.</p>]]></content:encoded></item>
    <item><title>Madrid follows</title><link>https://wire.example.org/2</link>
      <description>Madrid is expected to follow Lisbon, officials in Spain said.</description></item>
    </channel></rss>"""
    first, second = read_one(tmp_path, "wire.rss", feed.encode(), knowledge)
    assert (first.title, first.source, first.url, first.date) == (
        "Lisbon weighs telecom rules", "Example Wire", "https://wire.example.org/1", dt.date(2021, 3, 4))
    assert first.original == "wire.rss#1" and "evil" not in first.body
    assert second.original == "wire.rss#2" and "text: the feed gave only a summary of this article" in second.review
    assert second.countries == ["Spain", "Portugal"]


def test_atom_feed(tmp_path, knowledge):
    feed = f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
    <title>Atom Example</title><id>urn:x</id><updated>2021-03-04T00:00:00Z</updated>
    <entry><title>Rules in Lisbon</title><id>urn:1</id><link href="https://a.example/1"/>
    <published>2021-03-05T10:00:00Z</published><updated>2021-03-05T10:00:00Z</updated>
    <content type="html">&lt;p&gt;{STORY}&lt;/p&gt;</content></entry></feed>"""
    [a] = read_one(tmp_path, "atom.atom", feed.encode(), knowledge)
    assert (a.title, a.date, a.url, a.source) == ("Rules in Lisbon", dt.date(2021, 3, 5), "https://a.example/1", "Atom Example")


def test_an_aggregators_items_are_credited_to_their_publishers(tmp_path, knowledge):
    """A news aggregator's feed names each item's publisher in <source> and in the headline."""
    feed = f"""<?xml version="1.0"?><rss version="2.0"><channel>
    <title>"telecom rules" - Example News Search</title><link>https://news.example.com/</link><description>d</description>
    <item><title>Lisbon weighs telecom rules - Reuters</title><link>https://news.example.com/articles/abc</link>
      <source url="https://www.reuters.com">Reuters</source><description>{STORY}</description></item>
    <item><title>Lisbon weighs telecom rules - Daily Example</title><link>https://news.example.com/articles/def</link>
      <source url="https://daily.example.org">Daily Example</source><description>{STORY}</description></item>
    </channel></rss>"""
    first, second = read_one(tmp_path, "search.rss", feed.encode(), knowledge)
    assert (first.title, first.source) == ("Lisbon weighs telecom rules", "Reuters")
    assert (second.title, second.source) == ("Lisbon weighs telecom rules", "Daily Example")


def test_an_alert_feeds_redirects_lead_to_the_publisher(tmp_path, knowledge):
    """A Google Alert links through its own redirect: the link kept is the article's, and the
    site it is on names the publisher."""
    redirect = "https://www.google.com/url?rct=j&amp;sa=t&amp;url={}&amp;ct=ga&amp;usg=x"
    entries = "".join(f"""<entry><id>tag:{n}</id><title type="html">Lisbon weighs &lt;b&gt;telecom&lt;/b&gt; rules</title>
      <link href="{redirect.format(url)}"/><published>2021-03-04T08:00:00Z</published><updated>2021-03-04T08:00:00Z</updated>
      <content type="html">{STORY}</content></entry>""" for n, url in enumerate(
        ["https://www.reuters.com/world/lisbon-rules", "https://www.theguardian.com/world/lisbon"]))
    feed = f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
    <id>tag:alerts</id><title>Google Alert - telecom rules</title><link href="https://www.google.com/alerts/feeds/1/2"/>
    <updated>2021-03-04T08:00:00Z</updated>{entries}</feed>"""
    first, second = read_one(tmp_path, "alert.atom", feed.encode(), knowledge)
    assert (first.source, first.url, first.title) == ("Reuters", "https://www.reuters.com/world/lisbon-rules",
                                                      "Lisbon weighs telecom rules")
    assert (second.source, second.url) == ("The Guardian", "https://www.theguardian.com/world/lisbon")


def test_a_sites_own_feed_is_credited_to_the_site(tmp_path, knowledge):
    feed = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Daily Example</title>
    <link>https://www.daily.example.org/</link><description>d</description>
    <item><title>Lisbon weighs telecom rules</title><link>https://feeds.daily.example.org/1</link><description>{STORY}</description></item>
    <item><title>Madrid follows - analysis</title><link>https://feeds.daily.example.org/2</link><description>{STORY}</description></item>
    </channel></rss>"""
    first, second = read_one(tmp_path, "own.rss", feed.encode(), knowledge)
    assert first.source == second.source == "Daily Example" and second.title == "Madrid follows - analysis"


def test_json_export_and_custom_fields(tmp_path, knowledge):
    from generator.config import Settings

    data = {"articles": [
        {"headline": "Lisbon weighs rules", "body": STORY, "link": "https://x.example/1", "published_at": "2021-03-04T08:00:00Z",
         "publisher": {"name": "Example Post"}},
        {"title": "No text here"},
        {"nothing": 1},
    ]}
    first, second, third = read_one(tmp_path, "export.json", json.dumps(data).encode(), knowledge)
    assert (first.title, first.date, first.url, first.source) == ("Lisbon weighs rules", dt.date(2021, 3, 4),
                                                                  "https://x.example/1", "Example Post")
    assert second.title == "No text here"
    assert isinstance(third, InputError) and "export.json#3" == third.path
    [a] = read_one(tmp_path, "custom.json", json.dumps({"title": "T", "story_body": STORY}).encode(), knowledge,
                   Settings(json_fields={"text": "story_body"}))
    assert "Lisbon" in a.body


def test_json_lines_with_a_bad_line(tmp_path, knowledge):
    lines = [json.dumps({"title": "One", "text": STORY}), "{not json", json.dumps({"title": "Three", "text": STORY})]
    items = read_one(tmp_path, "export.jsonl", "\n".join(lines).encode(), knowledge)
    assert [getattr(i, "title", None) for i in items] == ["One", None, "Three"]
    assert isinstance(items[1], InputError) and items[1].path == "export.jsonl#2"


def test_eml_newsletter(tmp_path, knowledge):
    message = EmailMessage()
    message["Subject"] = "Weekly telecom brief: Lisbon weighs rules"
    message["From"] = "Telecom Brief <brief@example.org>"
    message["Date"] = "Thu, 04 Mar 2021 08:00:00 +0000"
    message.set_content(STORY)
    message.add_alternative(f"<html><body><p>{STORY}</p></body></html>", subtype="html")
    [a] = read_one(tmp_path, "brief.eml", bytes(message), knowledge)
    assert (a.title, a.source, a.date) == ("Weekly telecom brief: Lisbon weighs rules", "Telecom Brief", dt.date(2021, 3, 4))
    assert "Lisbon is weighing" in a.body


MADRID = ("Madrid is expected to follow Lisbon with rules of its own, officials in Spain said on Wednesday. "
          "Telefonica, the largest operator, said it was ready to show regulators where its equipment comes from.")
BERLIN = ("Berlin will publish its security catalogue for network equipment next month, the ministry said. "
          "Deutsche Telekom and Vodafone have asked for a transition period of at least five years for parts already installed.")
FOOTER = "You are receiving this because you subscribed to Telecom Brief.\nUnsubscribe | Manage your preferences"


def _newsletter(plain: str | None, html: str | None) -> bytes:
    message = EmailMessage()
    message["Subject"], message["From"] = "Telecom Brief, 4 March", "Telecom Brief <brief@example.org>"
    message["Date"] = "Thu, 04 Mar 2021 08:00:00 +0000"
    if plain is not None:
        message.set_content(plain)
    if html is not None:
        (message.add_alternative if plain is not None else message.set_content)(html, subtype="html")
    return bytes(message)


def test_a_newsletter_of_three_stories_is_three_articles(tmp_path, knowledge):
    plain = (f"View this email in your browser\n\nGood morning. Three stories today.\n\n-----\n\n"
             f"Lisbon weighs telecom rules\n\n{STORY} {STORY}\n\nRead more: https://news.example.org/lisbon\n\n-----\n\n"
             f"Madrid to follow Lisbon\n\n{MADRID} {MADRID}\n\n-----\n\n"
             f"Berlin readies its catalogue\n\n{BERLIN} {BERLIN}\n\n-----\n\n{FOOTER}\n")
    items = read_one(tmp_path, "brief.eml", _newsletter(plain, None), knowledge)
    assert [a.title for a in items] == ["Lisbon weighs telecom rules", "Madrid to follow Lisbon", "Berlin readies its catalogue"]
    assert [a.original for a in items] == ["brief.eml#1", "brief.eml#2", "brief.eml#3"]
    assert items[0].url == "https://news.example.org/lisbon" and items[1].url is None
    assert all(a.source == "Telecom Brief" and a.date == dt.date(2021, 3, 4) for a in items)
    assert "Spain" in items[1].countries and "Spain" not in items[0].countries
    assert not any("nsubscribe" in a.body or "receiving this" in a.body or "browser" in a.body for a in items)


def test_an_html_newsletter_is_cut_at_its_rules(tmp_path, knowledge):
    html = (f"<html><body><p>Good morning.</p><hr><h2>Lisbon weighs telecom rules</h2><p>{STORY} {STORY}</p><hr>"
            f"<h2>Berlin readies its catalogue</h2><p>{BERLIN} {BERLIN}</p><hr><p>{FOOTER}</p></body></html>")
    items = read_one(tmp_path, "brief.eml", _newsletter(None, html), knowledge)
    assert [a.title for a in items] == ["Lisbon weighs telecom rules", "Berlin readies its catalogue"]
    assert "nsubscribe" not in items[1].body


def test_a_one_story_mail_loses_only_its_footer(tmp_path, knowledge):
    [a] = read_one(tmp_path, "one.eml", _newsletter(f"{STORY}\n\n{MADRID}\n\n{FOOTER}\n", None), knowledge)
    assert a.title == "Telecom Brief, 4 March" and "Madrid is expected" in a.body and "nsubscribe" not in a.body


def test_mbox_with_two_messages(tmp_path, knowledge):
    def message(subject):
        m = EmailMessage()
        m["Subject"], m["From"], m["Date"] = subject, "a@example.org", "Fri, 05 Mar 2021 08:00:00 +0000"
        m.set_content(STORY)
        return bytes(m)

    box = b"From a@example.org Fri Mar  5 08:00:00 2021\n" + message("First") + b"\nFrom b@example.org Fri Mar  5 09:00:00 2021\n" + message("Second")
    items = read_one(tmp_path, "letters.mbox", box, knowledge)
    assert [a.title for a in items] == ["First", "Second"]


def test_markdown_url_is_kept(tmp_path, knowledge):
    [a] = read_one(tmp_path, "n.md", f"---\ntitle: Note\nurl: https://x.example/n\n---\n{STORY}\n".encode(), knowledge)
    assert a.url == "https://x.example/n" and a.title == "Note"


TEXTS = {
    "fr": "Le gouvernement français a annoncé mercredi de nouvelles règles pour les équipements de télécommunication. "
          "Les opérateurs devront prouver l’origine des antennes ; « c’est une question de sécurité », a déclaré le ministre.",
    "de": "Die Bundesregierung hat am Donnerstag neue Regeln für Mobilfunkkomponenten beschlossen. Betreiber müssen "
          "nachweisen, woher die Bauteile stammen; das Ministerium prüft außerdem ältere Verträge über größere Netze.",
    "pl": "Rząd w Warszawie ogłosił w środę nowe zasady dotyczące sprzętu telekomunikacyjnego. Operatorzy będą musieli "
          "wykazać pochodzenie urządzeń, a ministerstwo sprawdzi także starsze umowy zawarte przez spółki.",
    "ru": "Правительство объявило в среду новые правила для телекоммуникационного оборудования. Операторы должны будут "
          "доказать происхождение антенн, а министерство проверит и прежние контракты крупных компаний.",
    "el": "Η κυβέρνηση ανακοίνωσε την Τετάρτη νέους κανόνες για τον τηλεπικοινωνιακό εξοπλισμό. Οι πάροχοι θα πρέπει "
          "να αποδείξουν την προέλευση των κεραιών, ενώ το υπουργείο θα ελέγξει και παλαιότερες συμβάσεις.",
    "ja": "日本政府は水曜日、通信機器に関する新しい規則を発表した。通信事業者はアンテナの製造元を証明する必要があり、"
          "総務省は過去の契約についても調査を進める方針だ。関係者によると、規則は来年四月から適用される見通しである。",
    "zh-hans": "中国政府周三宣布了有关电信设备的新规定。运营商必须证明天线的来源，工业和信息化部还将审查以前签订的合同。"
               "据知情人士透露，新规定预计将于明年四月开始实施，相关企业正在评估影响。",
    "zh-hant": "台灣政府週三宣布了有關電信設備的新規定。營運商必須證明天線的來源，主管機關還將審查過去簽訂的合約。"
               "據知情人士透露，新規定預計將於明年四月開始實施，相關企業正在評估影響與成本。",
    "ar": "أعلنت الحكومة يوم الأربعاء عن قواعد جديدة لمعدات الاتصالات. وسيتعين على المشغلين إثبات مصدر الهوائيات، "
          "كما ستراجع الوزارة العقود السابقة التي أبرمتها الشركات الكبرى في البلاد خلال السنوات الماضية.",
}
ENCODINGS = [
    ("utf-8", "fr"), ("utf-8-sig", "de"), ("utf-16", "ja"), ("utf-16-le", "fr"), ("cp1252", "fr"), ("cp1252", "de"),
    ("iso-8859-2", "pl"), ("iso-8859-5", "ru"), ("iso-8859-7", "el"), ("shift_jis", "ja"), ("euc_jp", "ja"),
    ("gb18030", "zh-hans"), ("big5", "zh-hant"), ("cp1256", "ar"),
]


@pytest.mark.parametrize("encoding, language", ENCODINGS)
def test_encodings_are_detected_and_written_as_utf8(encoding, language, sample):
    text = "Headline in the clipping\n\n" + TEXTS[language] + "\n"
    (sample / "articles" / f"enc-{encoding}.txt").write_bytes(text.encode(encoding))
    report = build_project(sample)
    assert not report.failed
    pages = [p for p in (sample / "docs" / "articles").rglob("*.md") if f"enc-{encoding}.txt" in p.read_text(encoding="utf-8")]
    assert len(pages) == 1
    assert TEXTS[language][:60] in pages[0].read_text(encoding="utf-8")  # decoded right, stored as UTF-8
