"""Count the machine instructions the ingest takes per article, under Valgrind.

    python bench/instructions.py            # 100 and 400 synthetic clippings
    python bench/instructions.py --base 200 --size 800
    python bench/instructions.py --caches   # and the cache misses (about twice as long)

Timings on a shared virtual machine drift by up to half from run to run; the work done does not.
This runs the ingest (reading, cleaning, extraction, the duplicate check, writing the pages: the
"reading articles" stage of a build) of ``--base`` and of ``--size`` clippings from
``bench/make_corpus.py`` under ``valgrind --tool=cachegrind``, each in a new process stopped when
the stage ends, and prints the instructions per article of the difference: what one more article
costs, start-up and the fixed cost of a build aside. With ``--caches`` it also simulates the
processor's caches and prints their misses per article, which the instruction count does not
see: how often the work waits for memory. Needs Valgrind (``apt-get install valgrind``).
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from make_corpus import make_corpus  # noqa: E402

# The child builds the briefing in its folder and leaves as soon as the last input is read.
CHILD = """
import gc, os, sys
from pathlib import Path
if sys.argv[2:] == ["without-collector"]:
    gc.disable()
from generator.config import load_project
from generator.site import build

project = load_project(Path(sys.argv[1]))

def progress(stage, done, total):
    if stage == "reading articles" and done == total:
        os._exit(0)

build(project, project.site_name, progress)
"""


def briefing(root: Path, clippings: list[Path]) -> Path:
    root.mkdir()
    (root / "articles").mkdir()
    for path in clippings:
        shutil.copy(path, root / "articles" / path.name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root / "mkdocs.yml"


def counts(config: Path, env: dict[str, str], collector: bool, second_level_kb: int | None) -> dict[str, int]:
    """Cachegrind's totals: instructions ("I refs"); with a second-level cache size, also the
    simulated misses of the first level ("I1", "D1") and of the second ("LL")."""
    caches = ["--cache-sim=no"] if second_level_kb is None else [
        "--cache-sim=yes", f"--LL={second_level_kb * 1024},8,64"]  # Cachegrind's "last level": here the second
    result = subprocess.run(["valgrind", "--tool=cachegrind", *caches, "--cachegrind-out-file=/dev/null",
                             sys.executable, "-c", CHILD, str(config), *([] if collector else ["without-collector"])],
                            env=env, capture_output=True, text=True)
    found = {f"{name} {what}": int(number.replace(",", ""))
             for name, what, number in re.findall(r"==\d+== (\w+)\s+(refs|misses):\s+([\d,]+)", result.stderr)}
    if result.returncode != 0 or "I refs" not in found:
        raise SystemExit(f"the build under valgrind failed: {result.stderr[-2000:]}")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=100)
    parser.add_argument("--size", type=int, default=400)
    parser.add_argument("--without-collector", action="store_true",
                        help="count with the garbage collector off, to compare two versions of the code (where "
                             "the collector's passes fall shifts with any change in what is allocated, which moves "
                             "the count by up to 1 %% either way; differences under 1 %% tell nothing even so)")
    parser.add_argument("--caches", type=int, nargs="?", const=1024, metavar="KB",
                        help="also simulate the processor's caches, with a second level of KB (default 1024, a "
                             "core's own on this machine's processor; the third is shared with other machines), "
                             "and print their misses per article: how often the work waits for memory")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    if args.size <= args.base:
        raise SystemExit("--size must be larger than --base")
    compileall.compile_dir(REPO / "generator", quiet=1)  # modules compiled once, as installed
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    print(f"counting the ingest of {args.base} and {args.size} clippings under valgrind "
          "(about half a minute for the defaults)...", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="briefing-instructions-") as tmp:
        corpus = Path(tmp) / "corpus"
        make_corpus(args.size, corpus)  # the first --base clippings are those of a corpus of --base
        clippings = sorted(corpus.iterdir())
        small = briefing(Path(tmp) / "small", clippings[: args.base])
        large = briefing(Path(tmp) / "large", clippings)
        # A first run fills the knowledge cache (generator/knowledge/datacache.py), as any run after the first finds it.
        subprocess.run([sys.executable, "-c", CHILD, str(small)], env=env, check=True)
        shutil.rmtree(small.parent / "docs", ignore_errors=True)
        shutil.rmtree(small.parent / ".briefing", ignore_errors=True)
        collector = not args.without_collector
        base, total = counts(small, env, collector, args.caches), counts(large, env, collector, args.caches)
    added = args.size - args.base
    per_article = (total["I refs"] - base["I refs"]) / added
    print(f"ingest{'' if collector else ' (garbage collector off)'}: {per_article / 1e6:.3f} million instructions per article "
          f"({args.base} clippings: {base['I refs'] / 1e9:.2f} billion, {args.size}: {total['I refs'] / 1e9:.2f} billion)")
    for name in (key for key in total if key.endswith("misses")):
        level = name.replace("LL", "L2")  # what the simulated last level stands for here
        print(f"  {level} per article: {(total[name] - base[name]) / added:,.0f}")


if __name__ == "__main__":
    main()
