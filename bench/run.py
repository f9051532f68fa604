"""Benchmark a briefing at several sizes, on synthetic clippings from bench/make_corpus.py.

    python bench/run.py                 # N = 500, 2000, 10000
    python bench/run.py --sizes 500     # quicker
    python bench/run.py --mkdocs 4000   # also compare `mkdocs build` with a plain MkDocs site

For each N it prints: ingest rate (articles/s, single process; the best and the median of three
runs, as this machine's speed drifts by up to half from minute to minute) and its ratio to a plain
copy of the same files, index build time, a rebuild with no changes (in process, and as a command with
interpreter start-up), adding one article (time and files written), `mkdocs build` time, site
size per article, and peak memory of the build. Figures, not pass/fail: targets are discussed in
the README. The first line names the interpreter: builds of one Python version differ by about a
tenth in speed.

Nothing is deleted until every size is measured: each measured step writes into a new folder.
On an ext4 file system without a journal (this project's test machine) creating a file costs
up to twenty times more for minutes after thousands were deleted, as the kernel steps over each
recently freed inode (``recently_deleted`` in ``find_inode_bit``); a benchmark that cleaned up
between steps would charge its own clean-up to the next measurement. For the same reason, run
it when the machine has not just deleted many files (the test suite does).
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import suppress
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

from make_corpus import clipping, make_corpus  # noqa: E402

# Commands run as an installed package does: with its modules compiled once. (This machine sets
# PYTHONDONTWRITEBYTECODE, so the editable checkout's modules would be compiled on every run.)
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "NO_MKDOCS_2_WARNING": "1"}
RUNS = 3  # each measurement repeated (the mkdocs builds alternating): this machine's speed drifts by up to half
BARE_MKDOCS = """site_name: Plain
theme:
  name: material
plugins:
  - search
nav:
  - Home: index.md
"""


def plain_config(generated: Path) -> str:
    """A plain MkDocs site with the briefing's own look: its theme settings and Markdown
    extensions, but no briefing plugin, no index pages and only the home page in the nav."""
    config = yaml.safe_load(generated.read_text(encoding="utf-8"))
    plain = {"site_name": "Plain", "theme": config["theme"], "plugins": ["search"], "nav": [{"Home": "index.md"}]}
    if config.get("markdown_extensions"):
        plain["markdown_extensions"] = config["markdown_extensions"]
    return yaml.safe_dump(plain, sort_keys=False)


def settle() -> None:
    """Write out what earlier steps left in the page cache, so a measurement does not pay for
    them."""
    os.sync()


# Runs a module as its command does and reports the peak resident memory of this process alone.
# (ru_maxrss from wait4 is no use here: on Linux it counts the benchmark's own memory, which the
# child held between fork and exec.)
LAUNCH = """
import atexit, runpy, sys
def report():
    try:
        with open("/proc/self/status") as status:
            peak = next((line.split()[1] for line in status if line.startswith("VmHWM:")), "")
    except OSError:  # not Linux: no figure
        return
    sys.stderr.write(f"\\nbench-peak-kb {peak}\\n")
atexit.register(report)
sys.argv = sys.argv[1:]
runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
"""


def run_measured(module: str, args: list[str], cwd: Path) -> tuple[float, int, float]:
    """Wall time, peak resident memory (MB) and CPU time in user mode of ``python -m module args``."""
    settle()
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", LAUNCH, module, *args], cwd=cwd, env=ENV,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    errors = process.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{module} {' '.join(args)} failed: {errors[-2000:]}")
    peak = [line.split()[1] for line in errors.splitlines() if line.startswith("bench-peak-kb ")]
    return elapsed, int(peak[-1]) // 1024 if peak and peak[-1].isdigit() else 0, usage.ru_utime


def as_in_a_new_process() -> None:
    """Empty every in-memory cache of the generator's modules (and compiled patterns), so each
    size's ingest loads its knowledge and compiles its rules as a new `briefing build` does,
    instead of reusing what an earlier size left in this process."""
    import re

    for name, module in list(sys.modules.items()):
        if name == "generator" or name.startswith("generator."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()
    re.purge()


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1_048_576


def bench(n: int, root: Path, with_mkdocs: bool) -> dict[str, str]:
    from generator.config import load_project
    from generator.site import build

    project_dir = root / f"n{n}"
    project_dir.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", project_dir / "mkdocs.yml")
    make_corpus(n, project_dir / "articles")

    copy_times = []
    for run in range(RUNS):
        settle()
        started = time.perf_counter()
        shutil.copytree(project_dir / "articles", root / f"copy{n}-{run}")
        copy_times.append(time.perf_counter() - started)
    copy_time = min(copy_times)

    # The ingest, best of RUNS: each run a new briefing of the same clippings, in a new folder.
    ingests = []  # (seconds, user CPU seconds)
    for run in range(RUNS):
        folder = project_dir if run == 0 else root / f"n{n}-ingest{run}"
        if run:
            folder.mkdir()
            shutil.copy(REPO / "mkdocs.yml", folder / "mkdocs.yml")
            shutil.copytree(project_dir / "articles", folder / "articles")
        loaded = load_project(folder / "mkdocs.yml")
        settle()
        cpu = {"start": os.times().user}

        def progress(stage: str, done: int, total: int) -> None:
            if stage == "reading articles" and done == total:
                cpu["articles"] = os.times().user - cpu["start"]

        as_in_a_new_process()
        report = build(loaded, loaded.site_name, progress)  # in process: the extraction rate without start-up
        ingests.append((report.timings["articles"], cpu["articles"]))
        if run == 0:
            project, first = loaded, report
    ingest_time, ingest_cpu = min(ingests)
    median_time = sorted(ingests)[len(ingests) // 2][0]
    report = first
    same = build(project, project.site_name)
    cmd_same, _, _ = run_measured("generator", ["build", "-q"], project_dir)
    (project_dir / "articles" / "added.txt").write_text(clipping(n + 1, random.Random(99), datetime.date(2020, 1, 1)))
    added = build(project, project.site_name)
    # The same N articles built from scratch as a command, for its peak memory; this briefing is
    # the one `mkdocs build` is measured on.
    command_dir = root / f"n{n}-command"
    command_dir.mkdir()
    shutil.copy(REPO / "mkdocs.yml", command_dir / "mkdocs.yml")
    (root / f"copy{n}-0").rename(command_dir / "articles")  # the plain copy: the same N clippings
    fresh, peak, _ = run_measured("generator", ["build", "-q"], command_dir)
    row = {
        "N": f"{n}",
        f"ingest articles/s (best of {RUNS})": f"{n / ingest_time:,.0f}",
        f"ingest articles/s (median of {RUNS})": f"{n / median_time:,.0f}",
        f"plain copy files/s (best of {RUNS})": f"{n / copy_time:,.0f}",
        "ingest / copy": f"{ingest_time / copy_time:.1f}x slower",
        # the rest of the ingest time is the kernel's (creating files) and the disk's
        "ingest CPU ms/article (user, best run)": f"{ingest_cpu * 1000 / n:.2f}",
        "index build s": f"{report.timings['indexes']:.2f}",
        "fresh build (command) s": f"{fresh:.1f}",
        "no-change rebuild s (in process / command)": f"{same.timings['total']:.2f} / {cmd_same:.2f}",
        "no-change pages written": f"{len(same.written)}",
        "add one article s": f"{added.timings['total']:.2f}",
        "add one article: files written": f"{len(added.written)} of {len(list((project_dir / 'docs').rglob('*.md')))}",
        "peak memory MB (fresh build)": f"{peak}",
    }
    if with_mkdocs:
        # The same articles in two plain MkDocs sites: one with the briefing's theme settings
        # (the fair comparison: what the generator adds), one with Material's defaults.
        plains = {}
        for name, config in (("plain", plain_config(command_dir / "mkdocs.yml")), ("bare", BARE_MKDOCS)):
            plains[name] = root / f"{name}{n}"
            (plains[name] / "docs").mkdir(parents=True)
            shutil.copytree(command_dir / "docs" / "articles", plains[name] / "docs" / "articles")
            (plains[name] / "docs" / "index.md").write_text("# Plain\n")
            (plains[name] / "mkdocs.yml").write_text(config)

        sites = itertools.count()
        latest: dict[Path, Path] = {}  # project -> the site its last run wrote

        def mkdocs(folder: Path) -> tuple[float, int, float]:
            site = folder / f"site-{next(sites)}"  # every run writes a new site, in a new folder
            latest[folder] = site
            return run_measured("mkdocs", ["build", "-q", "--site-dir", str(site)], folder)

        # Alternating runs, best of RUNS.
        runs = [(mkdocs(command_dir), mkdocs(plains["plain"]), mkdocs(plains["bare"])) for _ in range(RUNS)]
        mk_time, mk_peak, mk_cpu = (min(r[0][i] for r in runs) for i in range(3))
        plain_time, _, plain_cpu = (min(r[1][i] for r in runs) for i in range(3))
        bare_time, _, bare_cpu = (min(r[2][i] for r in runs) for i in range(3))
        site = size_mb(latest[command_dir])
        row["mkdocs build s"] = f"{mk_time:.1f}"
        row["mkdocs peak MB"] = f"{mk_peak}"
        row["site MB"] = f"{site:.0f}"
        row["site KB per article"] = f"{site * 1024 / n:.1f}"
        # without the theme's own files (scripts, styles, fonts), the same for any number of pages
        row["site KB per article, theme assets aside"] = f"{(site - size_mb(latest[command_dir] / 'assets')) * 1024 / n:.1f}"
        row["plain MkDocs, same theme settings s"] = f"{plain_time:.1f}"
        row["mkdocs build / plain"] = f"{mk_time / plain_time:.2f}"
        # CPU time in user mode drifts less than wall time, which waits on this machine's disk
        row["mkdocs user CPU s (plain)"] = f"{mk_cpu:.1f} ({plain_cpu:.1f})"
        row["mkdocs user CPU / plain"] = f"{mk_cpu / plain_cpu:.2f}"
        row["plain site MB"] = f"{size_mb(latest[plains['plain']]):.0f}"
        row["bare Material s (user CPU)"] = f"{bare_time:.1f} ({bare_cpu:.1f})"
        row["mkdocs build / bare (user CPU)"] = f"{mk_time / bare_time:.2f} ({mk_cpu / bare_cpu:.2f})"
    return row


def interpreter() -> str:
    """Which Python runs the benchmark: builds of one version differ by a tenth in speed (a
    distribution's, statically linked and profile-optimised, against a plain source build that
    loads libpython as a shared library, as pyenv makes it)."""
    linking = "libpython not known"  # (no /proc: not Linux)
    with suppress(OSError):
        linking = "libpython shared" if "libpython" in Path("/proc/self/maps").read_text() else "libpython linked in"
    return f"Python {sys.version.split()[0]} ({sys.executable} -> {os.path.realpath(sys.executable)}, {linking})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 10000])
    parser.add_argument("--mkdocs", type=int, nargs="*", default=None,
                        help="sizes at which to also run mkdocs build (default: every size up to 4000)")
    args = parser.parse_args()
    mkdocs_sizes = set(args.mkdocs) if args.mkdocs is not None else {n for n in args.sizes if n <= 4000}
    # The knowledge cache in the user's cache folder (generator/knowledge/datacache.py) is filled once
    # before measuring, as any run after the first finds it. The generator's modules are compiled
    # (as installing the package does) and imported before any size is measured, so no size pays
    # for imports: interpreter start-up and imports are in the command figures.
    import compileall

    compileall.compile_dir(REPO / "generator", quiet=1)
    import generator.extract  # noqa: F401 - a build imports it when the first input is read
    from generator.knowledge import load_knowledge

    load_knowledge(None)
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        rows = [bench(n, Path(tmp), n in mkdocs_sizes) for n in args.sizes]
    keys = list(dict.fromkeys(k for row in rows for k in row))
    width = max(len(k) for k in keys)
    print(f"briefing benchmark on {os.cpu_count()} cores, {interpreter()}")
    for key in keys:
        print(f"{key:<{width}}  " + "  ".join(f"{row.get(key, '-'):>14}" for row in rows))


if __name__ == "__main__":
    main()
