"""Portability: after `briefing build`, Zensical (the Material team's successor to MkDocs) builds
the same docs/ and mkdocs.yml. It runs no MkDocs plugins, so this proves the generated files
stand on their own."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

BIN = Path(sys.executable).parent
ZENSICAL = shutil.which("zensical", path=str(BIN)) or shutil.which("zensical")
pytestmark = pytest.mark.skipif(ZENSICAL is None, reason="zensical is not installed")


def test_zensical_builds_the_generated_site(sample):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([str(BIN / "briefing"), "build", "-q"], cwd=sample, env=env, check=True, capture_output=True)
    result = subprocess.run([ZENSICAL, "build", "--strict"], cwd=sample, env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    site = sample / "site"
    japan = BeautifulSoup((site / "countries" / "japan" / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = [a["href"] for a in japan.select("ul.briefing-articles a")]
    assert len(links) == 4
    for href in links:
        assert (site / "countries" / "japan" / href / "index.html").resolve().exists(), href
    related = [a["href"] for a in japan.select("ul.briefing-related a, ul.briefing-quotes a")]
    assert len(related) >= 3  # Huawei, ZTE, Yoshihide Suga...
    for href in related:
        assert (site / "countries" / "japan" / href / "index.html").resolve().exists(), href
    assert (site / "companies" / "ntt-docomo" / "index.html").exists()
    index = json.loads((site / "search.json").read_text(encoding="utf-8"))
    assert "Yoshihide Suga" in json.dumps(index, ensure_ascii=False)
