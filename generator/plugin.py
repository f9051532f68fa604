"""The MkDocs plugin ``briefing``: the same pipeline, run at the start of every build.

With ``plugins: [search, briefing]`` a plain ``mkdocs build`` (as in a CI job that publishes the
site) brings article and index pages up to date without a separate command. Unchanged files are
never rewritten, so ``mkdocs serve`` settles instead of rebuilding in a loop. The events are
adapted here; the work is done in ``site`` (docs/), ``serving`` (the builds of one session),
``rendered`` (pages reused under the server), ``listings`` and ``navigation``.
"""

from __future__ import annotations

import html
import logging
from dataclasses import fields
from pathlib import Path

from mkdocs.config import base, config_options as c
from mkdocs.config.base import ValidationError
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from .config import Project, Settings, load_project, settings_from
from .errors import BriefingError, ConfigError, os_problem
from .indexes import BEGIN, END
from .kinds import INDEXED
from .listings import Listings
from .navigation import reuse_navigation
from .page.facts import BEGIN as FACTS_BEGIN, MARKERS as FACTS_MARKERS
from .rendered import activate
from .serving import COMPILED_TEMPLATES, Builds

# Material's search cuts Chinese text into words with jieba, which logs its dictionary loading
# to the terminal at every build: only its warnings are shown.
logging.getLogger("jieba").setLevel(logging.WARNING)

log = logging.getLogger(f"mkdocs.plugins.{__name__}")
# The markers around an index page's generated block mean nothing on the page itself.
MARKERS = (BEGIN + "\n", END + "\n", END)


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
        self._listings = Listings()
        self._pages = None  # while serving: the HTML of pages whose inputs did not change (rendered.PageCache)
        self._files = None  # the build's files (MkDocs' Files)
        self._builds = Builds()

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

            self._pages, self._builds.watcher = PageCache(), Watcher()

    def on_shutdown(self):
        activate(None)
        self._builds.stop()

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
            reuse_navigation(env)
        return env

    def on_pre_build(self, config) -> None:
        self._builds.site_building()
        activate(self._pages if self._pages is not None and self._pages.start(
            config, self._listings.stashes) else None)
        if self.project is None or not self.project.articles_dir.is_dir():
            log.info("briefing: no articles folder, only the pages in docs/ are built")
            return
        try:
            report = self._builds.build(self.project)
        except BriefingError as exc:
            raise PluginError(str(exc)) from None
        except OSError as exc:
            raise PluginError(os_problem(exc)) from None
        for line in report.problems():
            # A clipping's setting left out is said, but does not stop `mkdocs build --strict`.
            (log.info if line.startswith("warning:") else log.warning)(f"briefing: {line}")
        log.info(f"briefing: {report.summary()}")

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
        return self._listings.set_aside(markdown, page, files)

    def on_page_content(self, html_text, page, config, files):
        return self._listings.as_comments(html_text, page)

    def on_post_page(self, output, page, config):
        return self._listings.put_back(output, page)

    def on_files(self, files, config):
        self._files = files
        return files

    def on_post_build(self, config):
        if self._pages is not None and self._pages.active and self._files is not None:
            self._pages.finish(self._files)
            log.info(f"briefing: {self._pages.hits} pages as they were, {self._pages.misses} rendered")
        self._builds.site_built()

    def on_build_error(self, error):
        self._builds.site_built()

    def on_serve(self, server, config, builder):
        # The first edit of a session would otherwise wait for the knowledge and compute every
        # listing afresh (most of its time at 10,000 articles): the server warms while idle.
        project = self.project if self.project is not None and self.project.articles_dir.is_dir() else None
        self._builds.serve(server, project, self.settings.poll_for_changes)
        return server
