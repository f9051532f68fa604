"""Publishing: a new briefing from `briefing init`, `mkdocs gh-deploy` to a real (local, bare) git
remote, the Pages workflow, and the built site served under a sub-path."""

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import yaml
from click.testing import CliRunner
from conftest import REPO

from generator.cli import main
from generator.init import scaffold_text

BIN = Path(sys.executable).parent
GIT_ENV = {"GIT_AUTHOR_NAME": "Briefing Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Briefing Test", "GIT_COMMITTER_EMAIL": "test@example.org"}


def run(args, cwd):
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=300,
                            env={**os.environ, **GIT_ENV, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, " ".join(map(str, args)) + "\n" + result.stdout + result.stderr
    return result


def test_init_makes_a_briefing_that_builds(tmp_path):
    target = tmp_path / "my-briefing"
    result = CliRunner().invoke(main, ["init", str(target), "--title", "Chip curbs"])
    assert result.exit_code == 0, result.output
    for name in ("mkdocs.yml", "entities.yml", "README.md", ".gitignore", ".github/workflows/pages.yml",
                 "templates/entity.md.j2", "articles/.gitkeep"):
        assert (target / name).exists(), name
    assert yaml.safe_load((target / ".github/workflows/pages.yml").read_text())["jobs"]["deploy"]["needs"] == "build"
    shutil.copy(REPO / "articles" / "000_3f33bf3a326c46d7.txt", target / "articles")
    run([str(BIN / "mkdocs"), "build", "--strict"], target)
    assert (target / "site" / "countries" / "japan" / "index.html").exists()
    assert "Chip curbs" in (target / "site" / "index.html").read_text(encoding="utf-8")
    again = CliRunner().invoke(main, ["init", str(target)])
    assert again.exit_code == 1 and "there is already a site here" in again.output


def test_gh_deploy_publishes_to_a_git_remote(sample, tmp_path):
    remote = tmp_path / "remote.git"
    run(["git", "init", "-q", "--bare", str(remote)], tmp_path)
    run(["git", "init", "-q", "-b", "main"], sample)
    run(["git", "add", "-A"], sample)
    run(["git", "commit", "-q", "-m", "briefing"], sample)
    run(["git", "remote", "add", "origin", str(remote)], sample)
    run([str(BIN / "mkdocs"), "gh-deploy", "--force"], sample)
    files = run(["git", "ls-tree", "-r", "--name-only", "gh-pages"], remote).stdout.split()
    assert {"index.html", ".nojekyll", "countries/japan/index.html", "companies/ntt-docomo/index.html",
            "search/search_index.json"} <= set(files)
    assert any(f.startswith("articles/2018/") for f in files)


def test_the_repository_workflow_builds_strictly_and_deploys():
    workflow = REPO / ".github" / "workflows" / "pages.yml"
    assert workflow.read_text(encoding="utf-8") == scaffold_text("github/pages.yml", "", install=".")
    jobs = yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"]
    commands = " ".join(step.get("run", "") for step in jobs["build"]["steps"])
    assert "mkdocs build --strict" in commands
    assert any(step.get("uses", "").startswith("actions/deploy-pages") for step in jobs["deploy"]["steps"])


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def test_the_site_works_under_a_sub_path(sample, tmp_path):
    config = sample / "mkdocs.yml"
    config.write_text("site_url: https://example.github.io/briefing/\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    run([str(BIN / "mkdocs"), "build", "--strict"], sample)
    www = tmp_path / "www"
    shutil.copytree(sample / "site", www / "briefing")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(www))
    http.server.SimpleHTTPRequestHandler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/briefing/"
    try:
        seen, queue, broken = set(), [base], []
        while queue and len(seen) < 400:
            url = queue.pop()
            if url in seen:
                continue
            seen.add(url)
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    body = response.read()
                    kind = response.headers.get("Content-Type", "")
            except urllib.error.HTTPError as exc:
                broken.append((url, exc.code))
                continue
            if "html" not in kind:
                continue
            parser = _Links()
            parser.feed(body.decode("utf-8"))
            for link in parser.links:
                target = urljoin(url, link).split("#")[0]
                if urlparse(target).netloc == urlparse(base).netloc:
                    assert target.startswith(base), f"{url} links outside the sub-path: {link}"
                    queue.append(target)
        assert not broken, broken[:10]
        assert any("/countries/japan/" in u for u in seen) and any("/articles/" in u for u in seen)
    finally:
        server.shutdown()
