"""The MkDocs plugin ``briefing``: the same pipeline, run at the start of every build.

With ``plugins: [search, briefing]`` a plain ``mkdocs build`` (as in a CI job that publishes the
site) brings article and index pages up to date without a separate command. Unchanged files are
never rewritten, so ``mkdocs serve`` settles instead of rebuilding in a loop.
"""

from __future__ import annotations

import gc
import html
import logging
import posixpath
import re
import secrets
import threading
from dataclasses import fields
from functools import lru_cache
from pathlib import Path

from jinja2 import BytecodeCache, TemplateNotFound
from mkdocs.config import base, config_options as c
from mkdocs.config.base import ValidationError
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.utils import get_relative_url, normalize_url

from .config import Project, Settings, load_project, settings_from
from .errors import BriefingError, ConfigError
from .idle import IdleCollector
from .indexes import BEGIN, END, INDEX_FOLDERS
from .kinds import INDEXED
from .page.facts import BEGIN as FACTS_BEGIN, MARKERS as FACTS_MARKERS
from .rendered import activate

# Material's search cuts Chinese text into words with jieba, which logs its dictionary loading
# to the terminal at every build: only its warnings are shown.
logging.getLogger("jieba").setLevel(logging.WARNING)

log = logging.getLogger(f"mkdocs.plugins.{__name__}")
# The generated listings, and the overview of an entity page (the names mentioned with it, its
# sources and quotes), are finished HTML lists (see templates/entity.md.j2). Under MkDocs they
# are set aside before Markdown conversion and put back into the finished page, so neither
# Markdown, the search index nor the theme has to work through thousands of links; the files
# in docs/ keep them in full for any other builder. While Markdown converts the page, a listing
# is a one-word paragraph (raw HTML, even a comment, costs Python-Markdown far more); in the
# converted page, before the search index reads it, that paragraph becomes a comment.
LISTING_START, LISTING_END = '<ul class="briefing-', "</ul>"
PLACEHOLDER = re.compile(r"<!-- briefing-listing-(\d+) -->")
MD_LINK = re.compile(r'href="([^"#:]+\.md)"')
# The markers around an index page's generated block mean nothing on the page itself.
MARKERS = (BEGIN + "\n", END + "\n", END)


def _url(target: str, page, files) -> str:
    """The URL MkDocs gives the page a listing links to (MkDocs leaves links in raw HTML alone),
    as ``get_relative_url`` has it. A listing page holds hundreds of links to pages in a few
    folders, so the work on folders is done once per folder (``_src_folder``, ``_prefix``)."""
    folder, _, leaf = target.rpartition("/")
    resolved = _src_folder(posixpath.dirname(page.file.src_uri), folder)
    file = None if resolved is None else files.src_uris.get(f"{resolved}/{leaf}" if resolved else leaf)
    if file is None:
        return target
    url_dir, _, last = file.url.rstrip("/").rpartition("/")
    prefix, inside = _prefix(_url_folder(page.url), url_dir)
    if last in ("", ".") or last == inside:  # the home page, or a folder the page's own URL runs through
        return get_relative_url(file.url, page.url)
    return prefix + last + ("/" if file.url.endswith("/") else "")


@lru_cache(maxsize=4096)
def _src_folder(folder: str, target_folder: str) -> str | None:
    """The docs folder ``target_folder`` (relative) names from ``folder``; None when it climbs out."""
    path = posixpath.normpath(posixpath.join(folder, target_folder)) if target_folder else folder
    if path == ".." or path.startswith("../"):
        return None
    return "" if path == "." else path


@lru_cache(maxsize=4096)
def _prefix(here: tuple[str, ...], url_dir: str) -> tuple[str, str | None]:
    """The relative path from the URL folder ``here`` into the URL folder ``url_dir``, ending in
    "/" (or empty), and the part of ``here`` just below ``url_dir`` when ``here`` lies inside it
    (a link to that folder shares more of the way)."""
    parts = [p for p in url_dir.split("/") if p not in ("", ".")]
    common = 0
    while common < min(len(here), len(parts)) and here[common] == parts[common]:
        common += 1
    steps = [".."] * (len(here) - common) + parts[common:]
    inside = here[common] if common == len(parts) and len(here) > common else None
    return ("/".join(steps) + "/" if steps else ""), inside


@lru_cache(maxsize=64)
def _url_folder(url: str) -> tuple[str, ...]:
    """The folder a page's URL stands in, as parts (``a/b/`` -> a, b; ``a/b.html`` -> a)."""
    here = [p for p in url.split("/")[:-1] if p not in ("", ".")]
    if "." not in url.rpartition("/")[2]:
        here += [p for p in url.rpartition("/")[2:] if p]
    return tuple(here)


# Material renders the navigation (the sidebar and the tabs) again for every page: a few
# milliseconds a page, the largest cost of a generated site over the same articles in a plain
# one. A generated page outside the nav marks no entry as the current one, so its navigation
# differs from another's only by the relative links in it: it is rendered once per set of links.
NAV_PARTIALS = ("partials/nav.html", "partials/tabs.html")
GENERATED_FOLDERS = tuple(f"{folder}/" for folder in ("articles", *INDEX_FOLDERS))


def _reusing(render, folders: tuple[str, ...]):
    rendered: dict[tuple, str] = {}

    def render_or_reuse(context):
        key = _navigation_key(context, folders)
        if key is None:
            yield from render(context)
            return
        if key not in rendered:
            rendered[key] = "".join(render(context))
        yield rendered[key]

    return render_or_reuse


def _navigation_key(context, folders: tuple[str, ...]) -> tuple | None:
    """What the navigation of this page depends on, or None when it must be rendered: a page
    in the nav (it is marked as the current entry), or not one the generator made."""
    page, nav = context.get("page"), context.get("nav")
    if page is None or nav is None or not page.file.src_uri.startswith(folders) or page in nav.pages:
        return None
    base = context.get("base_url", "")
    config = context.get("config")
    targets = [item.url for item in _nav_entries(nav.items)]
    homepage = getattr(nav, "homepage", None)
    targets.append(homepage.url if homepage is not None else "")
    extra, theme = config.extra if config else {}, config.theme if config else {}
    targets += [str(extra.get("homepage") or ""), str(theme.get("logo") or "")]
    hidden = context.get("hidden")
    return (str(hidden) if isinstance(hidden, str) else "",
            tuple(normalize_url(target, page, base) if target else "" for target in targets))


def _nav_entries(items):
    for item in items:
        if getattr(item, "children", None):
            yield from _nav_entries(item.children)
        if getattr(item, "url", None) is not None:
            yield item


class _CompiledTemplates(BytecodeCache):
    """The theme's templates as compiled by an earlier build of this `mkdocs serve`: MkDocs
    makes a new template environment for every build, and compiling Material's templates again
    took a sixth of a rebuild. Jinja checks each template's source before using its code."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = _CompiledTemplates()


# MkDocs' view of the settings, made from their one declaration (``config.Settings``); they are
# checked by ``settings_from`` in ``load_config``, as the command line checks them.
_DEFAULTS = Settings()
BriefingConfig = type("BriefingConfig", (base.Config,), {
    f.name: c.Type(type(getattr(_DEFAULTS, f.name)), default=getattr(_DEFAULTS, f.name)) for f in fields(Settings)})


NAME_LISTS = tuple(f"{kind.folder}/index" for kind in INDEXED) + ("review",)


def _is_name_list(src_uri: str) -> bool:
    """The generated lists of all countries, companies or people, and the review page (each
    page of them)."""
    return src_uri.startswith(NAME_LISTS) and src_uri.endswith(".md")


class BriefingPlugin(BasePlugin[BriefingConfig]):
    def __init__(self) -> None:
        self.project: Project | None = None
        self._serving = False  # `mkdocs serve` (``on_startup``): site_url is then the server's
        self.settings = Settings()
        self._listings: dict[str, list[str]] = {}
        self._token = f"briefing{secrets.token_hex(4)}listing"  # stands for a listing during conversion
        self._pages = None  # while serving: the HTML of pages whose inputs did not change (rendered.PageCache)
        self._watcher = None  # while serving: which changes start a build (watching.Watcher)
        self._files = None  # the build's files (MkDocs' Files)
        self._building = threading.RLock()  # a build, or the server's warming after its first one (which builds)
        self._collector = IdleCollector()  # started by the server: the cycle collector runs between builds

    def load_config(self, options, config_file_path=None):
        errors, warnings = super().load_config(options, config_file_path)
        try:
            self.settings = settings_from(dict(options), config_file_path or "mkdocs.yml")
        except ConfigError as exc:
            errors.append(("briefing", ValidationError(str(exc))))
        return errors, warnings

    def on_startup(self, command, dirty):
        self._serving = command == "serve"
        if self._serving:  # watchdog is loaded only for the server
            from .rendered import PageCache
            from .watching import Watcher

            self._pages, self._watcher = PageCache(), Watcher()

    def on_shutdown(self):
        activate(None)
        self._collector.stop()

    def on_config(self, config):
        root = Path(config.config_file_path).resolve().parent
        custom_dir = getattr(config.theme, "custom_dir", None)
        self.project = Project(root=root, docs_dir=Path(config.docs_dir), settings=self.settings,
                               theme_dir=Path(custom_dir) if custom_dir else None,
                               site_name=config.site_name, site_url=self._published_url(config),
                               directory_urls=bool(config.use_directory_urls))
        return config

    def _published_url(self, config) -> str | None:
        """Where the site is published, for the feeds' links. `mkdocs serve` puts its own address
        in ``site_url``; docs/ must not depend on the server it was built under (the feeds would
        change with every session, and a commit would publish localhost links), so while serving
        it is read from the configuration file as written."""
        if not self._serving:
            return config.site_url or None
        try:
            return load_project(Path(config.config_file_path)).site_url
        except (BriefingError, OSError):
            return None

    def on_env(self, env, config, files):
        if self._serving:
            env.bytecode_cache = COMPILED_TEMPLATES
        if self.settings.reuse_navigation and config.theme.name == "material":
            for name in NAV_PARTIALS:
                try:
                    template = env.get_template(name)
                except TemplateNotFound:
                    continue
                template.root_render_func = _reusing(template.root_render_func, GENERATED_FOLDERS)
        return env

    def on_pre_build(self, config) -> None:
        self._collector.building()
        activate(self._pages if self._pages is not None and self._pages.start(
            config, self._listings) else None)
        if self.project is None or not self.project.articles_dir.is_dir():
            log.info("briefing: no articles folder, only the pages in docs/ are built")
            return
        try:
            report = self._build_docs()
        except BriefingError as exc:
            raise PluginError(str(exc)) from None
        except OSError as exc:
            raise PluginError(f"{exc.filename or ''}: {exc.strerror or exc}") from None
        for line in report.problems():
            # A clipping's setting left out is said, but does not stop `mkdocs build --strict`.
            (log.info if line.startswith("warning:") else log.warning)(f"briefing: {line}")
        log.info(f"briefing: {report.summary()}")

    def _build_docs(self, index_all: bool = False):
        """The generator's build of docs/, one at a time; while serving, the watcher learns which
        files it wrote, so that they start no build of their own."""
        from .site import build

        with self._building:
            if self._watcher:
                self._watcher.building()
            report = None
            try:
                report = build(self.project, self.project.site_name, index_all=index_all)
                return report
            finally:
                if self._watcher:
                    self._watcher.built(self.project.docs_dir, report.written if report else [],
                                        report.removed if report else [])

    def on_page_markdown(self, markdown, page, config, files):
        # Themes print page titles unescaped; a title from an untrusted clipping must stay text.
        title = page.meta.get("title")
        if isinstance(title, str) and any(ch in title for ch in "<>&"):
            page.meta["title"] = html.escape(title, quote=False)
        if BEGIN in markdown:
            for marker in MARKERS:
                markdown = markdown.replace(marker, "")
            if _is_name_list(page.file.src_uri) and "search" not in page.meta:
                # A list of every name matches every search for a name, above the articles
                # that say something of it: left out of the search index (Material's key).
                page.meta["search"] = {"exclude": True}
        if FACTS_BEGIN in markdown:
            for marker in FACTS_MARKERS:
                markdown = markdown.replace(marker, "")
        stash: list[str] = []
        pieces, position = [], 0
        while (start := markdown.find(LISTING_START, position)) >= 0:
            end = markdown.find(LISTING_END, start)
            if end < 0:
                break
            end += len(LISTING_END)
            listing = markdown[start:end]
            stash.append(MD_LINK.sub(lambda m: f'href="{_url(m.group(1), page, files)}"', listing))
            pieces += [markdown[position:start], f"\n\n{self._token}{len(stash) - 1}\n\n"]
            position = end
        if stash:
            markdown = "".join(pieces) + markdown[position:]
            self._listings[page.file.src_uri] = stash
        return markdown

    def on_page_content(self, html_text, page, config, files):
        stash = self._listings.get(page.file.src_uri)
        for number in range(len(stash or ())):
            token, comment = f"{self._token}{number}", f"<!-- briefing-listing-{number} -->"
            if f"<p>{token}</p>" in html_text:
                html_text = html_text.replace(f"<p>{token}</p>", comment, 1)
            else:  # a template put the listing inside other text
                html_text = html_text.replace(token, comment, 1)
        return html_text

    def on_post_page(self, output, page, config):
        stash = self._listings.pop(page.file.src_uri, None)
        if stash:
            output = PLACEHOLDER.sub(lambda m: stash[int(m.group(1))], output)
        return output

    def on_files(self, files, config):
        self._files = files
        return files

    def on_post_build(self, config):
        if self._pages is not None and self._pages.active and self._files is not None:
            self._pages.finish(self._files)
            log.info(f"briefing: {self._pages.hits} pages as they were, {self._pages.misses} rendered")
        self._collector.built()

    def on_build_error(self, error):
        self._collector.built()

    def on_serve(self, server, config, builder):
        if self._watcher is not None and not self._watcher.install(server, self.settings.poll_for_changes):
            log.info("briefing: this MkDocs' server is watched as MkDocs does")
        project = self.project if self.project is not None and self.project.articles_dir.is_dir() else None
        if project is not None:
            server.watch(str(project.articles_dir))
        # The first edit of a session would otherwise wait for the knowledge and compute every
        # listing afresh (most of its time at 10,000 articles); the server is idle now.
        threading.Thread(target=self._warm_then_collect_idle, args=(project,), name="briefing-warm", daemon=True).start()
        return server

    def _warm_then_collect_idle(self, project: Project | None) -> None:
        _warm(project, self._building, self._build_docs)
        self._collector.start()


WARMED = "ready for edits"  # said once the server has warmed (bench/serve.py waits for it)


def _warm(project: Project | None, building: threading.RLock, build_docs) -> None:
    """Load what the first rebuild would (the extraction code, the knowledge, the listings and
    entity blocks of the index pages, by a build that computes the indexes and writes nothing
    when nothing changed; the compiled templates), then set apart from the cycle collector what
    the server keeps for the whole session. A save in the meantime waits for it."""
    with building:
        try:
            if project is not None:
                import ruamel.yaml  # noqa: F401 (what merges a person's edit into a page)

                from .extract import extract_articles  # noqa: F401 (imported to be loaded)
                from .knowledge import load_knowledge
                from .page.render import compile_templates
                load_knowledge(str(project.entities_file) if project.entities_file.exists() else None)
                report = build_docs(index_all=True)
                if report.written or report.removed:  # a save made since the first build
                    log.info(f"briefing: {report.summary()}")
                compile_templates(project.own_templates)
        except (BriefingError, OSError):
            pass  # the build that needs them reports the problem
        # Python's cycle collector walks every object it tracks, and a served briefing keeps
        # about a million (the knowledge, the page cache, the listings): at 10,000 articles those
        # walks took a third of a rebuild. Once the first build's garbage is collected, what is
        # left lives as long as the server and is frozen out of the walks; garbage of later
        # builds is collected as usual.
        gc.collect()
        gc.freeze()
    log.info(f"briefing: {WARMED}")
