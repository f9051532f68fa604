"""Compare Python interpreters on the ingest: the same clippings built under each, in turns.

    python bench/interpreters.py venv-a/bin/python venv-b/bin/python
    python bench/interpreters.py venv-a/bin/python venv-b/bin/python --sizes 500 --rounds 5

(for instance ``python3.11 -m venv venv-a`` with Debian's Python and pyenv's for ``venv-b``).

Each argument is the Python of an environment where the project is installed (``pip install -e
.``). For every round and size, each interpreter in turn builds a new briefing of the same
synthetic clippings in a new folder (in process, as ``bench/run.py`` measures the ingest) and
prints its rate and CPU time per article, in user mode and in the kernel (which creating files
costs: many times more for minutes after many files were deleted). Taking turns, rather than one
interpreter's runs after the other's, keeps this machine's drift in speed out of the comparison.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from make_corpus import make_corpus  # noqa: E402
from run import ENV, settle  # noqa: E402  (ENV: modules compiled once, as after an install)

# Run in the interpreter measured: one ingest of the briefing in the folder given.
ONE_INGEST = """
import os, sys
from pathlib import Path
from generator.config import load_project
from generator.site import build
project = load_project(Path(sys.argv[1]) / "mkdocs.yml")
start, cpu = os.times(), {}
def progress(stage, done, total):
    if stage == "reading articles" and done == total:
        now = os.times()
        cpu["user"], cpu["system"] = now.user - start.user, now.system - start.system
report = build(project, project.site_name, progress)
print(f"{report.articles / report.timings['articles']:.0f} {cpu['user'] * 1000 / report.articles:.3f} "
      f"{cpu['system'] * 1000 / report.articles:.3f}")
"""


def ingest(python: str, clippings: Path, folder: Path) -> list[str]:
    """[articles/s, CPU ms per article in user mode, in the kernel] of a new briefing of
    ``clippings`` in ``folder``, built by ``python``."""
    folder.mkdir()
    shutil.copy(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(clippings, folder / "articles")
    settle()  # the copy written out first, as bench/run.py does: the ingest does not pay for it
    done = subprocess.run([python, "-c", ONE_INGEST, str(folder)], capture_output=True, text=True, env=ENV, cwd=REPO)
    if done.returncode != 0:
        raise SystemExit(f"{python}: the build failed: {done.stderr[-2000:]}")
    return done.stdout.split()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pythons", nargs="+", help="the Python of each environment to compare")
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="briefing-interpreters-") as tmp:
        root = Path(tmp)
        for n in args.sizes:
            make_corpus(n, root / f"clippings{n}")
        for python in args.pythons:
            version = subprocess.run([python, "-c", "import sys; print(sys.version.split()[0], sys.executable)"],
                                     capture_output=True, text=True, check=True).stdout.strip()
            print(f"{python}: Python {version} -> {os.path.realpath(python)}")
        # A first small build under each fills its knowledge cache and compiles its modules, as
        # any run after the first finds them.
        make_corpus(20, root / "warm-up")
        for number, python in enumerate(args.pythons, start=1):
            ingest(python, root / "warm-up", root / f"warm-up-p{number}")
        print("round   size  interpreter  articles/s  CPU ms/article: user  system", flush=True)
        for round_ in range(1, args.rounds + 1):
            for n in args.sizes:
                for number, python in enumerate(args.pythons, start=1):
                    rate, user, system = ingest(python, root / f"clippings{n}", root / f"r{round_}-n{n}-p{number}")
                    print(f"{round_:>5}  {n:>5}  {number:>11}  {int(rate):>10,}  {user:>19}  {system:>6}", flush=True)


if __name__ == "__main__":
    main()
