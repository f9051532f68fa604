"""A real `mkdocs serve`: edits to pages and new raw articles show up, and the server settles."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import frontmatter
import pytest
from conftest import build_project
from test_build import page_for

BIN = Path(sys.executable).parent
WAIT = 90  # seconds, an upper bound on each wait; the test stops as soon as the page is there


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, needle: str) -> str:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and needle in page:
            return page
        time.sleep(0.5)
    raise AssertionError(f"{url} did not show {needle!r} within {WAIT} s")


@contextmanager
def serving(sample: Path):
    port = free_port()
    log = open(sample / "serve.log", "w")
    process = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"], cwd=sample, stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        wait_for(f"http://127.0.0.1:{port}/countries/japan/", "Japan")
        yield sample, f"http://127.0.0.1:{port}", sample / "serve.log"
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


@pytest.fixture
def server(sample):
    build_project(sample)
    with serving(sample) as running:
        yield running


def git(project: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=Analyst", "-c", "user.email=analyst@example.org", *args],
                          cwd=project, check=True, capture_output=True, text=True).stdout


def test_git_status_is_clean_after_a_serve_session(sample):
    """A session with no edit leaves the repository as committed: the server's address is in no
    file, and no page is rewritten."""
    build_project(sample)
    from importlib import resources

    ignored = resources.files("generator").joinpath("scaffold", "gitignore").read_text(encoding="utf-8")  # `briefing init`'s
    (sample / ".gitignore").write_text(ignored + "serve.log\n", encoding="utf-8")
    git(sample, "init", "-q")
    git(sample, "add", "-A")
    git(sample, "commit", "-q", "-m", "briefing")
    with serving(sample) as (_, base, _log):
        wait_for(f"{base}/articles/2018/japan-scrutinizes-chinas-huawei-and-zte-over-spying-fears/", "Nikkei")
        time.sleep(3)
    assert git(sample, "status", "--porcelain") == ""


def builds(log: Path) -> int:
    return log.read_text(encoding="utf-8").count("Building documentation")


def test_front_matter_edit_updates_country_pages_and_the_server_settles(server):
    sample, base, log = server
    first = builds(log)
    page = page_for(sample, "001_468776ec45e334ad.txt")
    post = frontmatter.load(page)
    post["countries"] = post["countries"] + ["Peru"]
    page.write_text(frontmatter.dumps(post, sort_keys=False), encoding="utf-8")
    served = wait_for(f"{base}/countries/peru/", "Japanese Government To Ban Huawei")
    assert "Peru" in served
    time.sleep(6)  # let any follow-up rebuild happen
    settled = builds(log)
    time.sleep(6)
    assert builds(log) == settled, "mkdocs serve keeps rebuilding"
    # The index pages the build wrote into docs/ start no second build.
    assert settled - first == 1, f"{settled - first} builds for one save"


def test_a_new_raw_article_appears_while_serving(server):
    sample, base, _ = server
    (sample / "articles" / "new.txt").write_text(
        "Chile reviews 5G vendors\n\nJune 3, 2019\n\nSANTIAGO (Reuters) - Chile is reviewing the equipment of "
        "Huawei and Ericsson used in its networks, the government said on Monday, after a request from officials.\n",
        encoding="utf-8")
    wait_for(f"{base}/countries/chile/", "Chile reviews 5G vendors")
    wait_for(f"{base}/articles/2019/chile-reviews-5g-vendors/", "SANTIAGO")


def test_serving_leaves_docs_as_a_build_wrote_them(server):
    # `mkdocs serve` puts its own address in site_url; the feeds in docs/ must not take it, or
    # every session would leave git dirty and a commit would publish localhost links.
    sample, base, log = server
    feeds = sorted((sample / "docs" / "feeds").rglob("*.xml"))
    assert feeds and not [f for f in feeds if "127.0.0.1" in f.read_text(encoding="utf-8")]
    page = next((sample / "docs" / "articles").rglob("*.md"))
    page.write_text(page.read_text(encoding="utf-8") + "\nA note of mine.\n", encoding="utf-8")
    wait_for(f"{base}/countries/japan/", "Japan")
    time.sleep(3)  # the rebuild the edit starts
    assert builds(log) >= 2
    assert not [f for f in sorted((sample / "docs" / "feeds").rglob("*.xml")) if "127.0.0.1" in f.read_text(encoding="utf-8")]


def test_a_change_to_mkdocs_yml_rebuilds_once(server):
    sample, base, log = server
    first = builds(log)
    config = sample / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace('site_name: "', 'site_name: "Renamed '),
                      encoding="utf-8")
    wait_for(f"{base}/", "Renamed")
    time.sleep(6)
    assert builds(log) - first == 1


def briefing_build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "briefing"), "build"], cwd=project, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


NEW_CLIPPING = ("Chile reviews 5G vendors\n\nJune 3, 2019\n\nSANTIAGO (Reuters) - Chile is reviewing the equipment of "
                "Huawei and Ericsson used in its networks, the government said on Monday, after a request from officials.\n")


def test_the_briefing_is_saved_and_free_soon_after_a_served_build(server):
    """The server saves what a build learned once the browser has the page: a moment later the
    briefing can be built from the command line, which finds everything done."""
    sample, base, _ = server
    (sample / "articles" / "new.txt").write_text(NEW_CLIPPING, encoding="utf-8")
    wait_for(f"{base}/countries/chile/", "Chile reviews 5G vendors")
    deadline = time.monotonic() + WAIT
    while (result := briefing_build(sample)).returncode != 0 and time.monotonic() < deadline:
        assert "another briefing build is running" in result.stderr + result.stdout
        time.sleep(0.5)
    assert result.returncode == 0, result.stderr
    assert " 0 pages written" in result.stdout + result.stderr and "kept" not in result.stdout + result.stderr
    assert "new.txt" in (sample / ".briefing" / "state.json").read_text(encoding="utf-8")


def test_a_server_stopped_right_after_a_build_loses_nothing(sample):
    """Stopped before it saved (terminated, as a closed terminal does), the server leaves a
    briefing whose next build knows every page it wrote: none is taken for a person's edit."""
    build_project(sample)
    with serving(sample) as (_, base, _log):
        (sample / "articles" / "new.txt").write_text(NEW_CLIPPING, encoding="utf-8")
        wait_for(f"{base}/countries/chile/", "Chile reviews 5G vendors")
    result = briefing_build(sample)
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert " 0 pages written" in output and "kept" not in output, output
    assert "new.txt" in (sample / ".briefing" / "state.json").read_text(encoding="utf-8")
