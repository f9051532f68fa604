"""Pages MkDocs need not convert and render again: under `mkdocs serve`, the HTML of a page whose
inputs did not change since the last build is reused.

MkDocs converts and renders every page on every rebuild (its ``--dirty`` mode skips pages but
then drops them from the search index and leaves others stale). A page's HTML is made in two
steps, and each is kept with everything it depends on:

- its content (MkDocs' ``_populate_page``: the Markdown read, converted and passed through the
  plugins), keyed by the page's bytes and address, the build's settings and the software's
  versions, and valid while every link it resolved still resolves the same;
- its finished page (``_build_page``: the theme's template around the content, and the search
  index entries made from it), keyed by its content, the navigation (titles and addresses) and
  its own address.

Anything else that shapes a page (``mkdocs.yml``, the theme and its settings, a local theme
folder, the versions of MkDocs, Material, Markdown and the generator) is in one fingerprint of
the build; a change to it renders every page again. Only builds whose plugins are all known to
shape pages from these inputs alone (search and briefing) use the cache: any other plugin might
read something else (a git history, the clock), and the cache turns itself off.

Static files (the theme's assets, images in docs/) are copied only when the copy in the site is
older than its source, as ``--dirty`` does: copying them all (the feeds too) took a tenth of a rebuild.
Which files of the theme are static is found again only when the fingerprint changes.
A page's source file whose status (inode, size, times) is as when its bytes were read is not read
again, and a page's address joined to the site's is remembered (each took a tenth of a rebuild
at 10,000 articles). A page whose links were as they were in the last build is checked only
against the paths whose address moved since, and the build's date is computed once, not for
each page (each a twentieth of a body edit's rebuild at 10,000 articles).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import mkdocs.commands.build as mkdocs_build
import mkdocs.structure.pages as mkdocs_pages
from mkdocs import utils
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .recording import Messages, Recording
from .site.cache import stat_key

log = logging.getLogger(f"mkdocs.plugins.{__name__}")
PURE_PLUGINS = frozenset({"search", "material/search", "briefing"})
VERSIONED = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "mkdocs-briefing")
CODE = Path(__file__).resolve().parent


@dataclass
class Content:
    """A page as ``_populate_page`` leaves it."""
    key: str
    source: tuple | None  # the source file's status when its bytes gave ``key`` (see ``_source_status``)
    links: dict[str, str | None]  # every docs path its conversion looked up -> the URL it had
    markdown: str
    meta: dict
    content: str
    toc: object
    title: str | None
    anchors: set | None
    links_to_anchors: dict[str, dict] | None  # by the docs path of the page linked to
    messages: list[tuple[str, int, str]]  # what was logged while it was made
    stash: object  # what the briefing plugin set aside for the finished page
    checked: int = 0  # the build that last found its links as they were


@dataclass
class Finished:
    key: str
    output: bytes
    entries: list[list[dict]]  # per search plugin, the entries it added
    written: list[int] | None  # the file it was written to, as the write left it


@dataclass
class PageCache:
    contents: dict[str, Content] = field(default_factory=dict)
    finished: dict[str, Finished] = field(default_factory=dict)
    fingerprint: str = ""
    stashes: dict = field(default_factory=dict)  # the plugin's listings set aside, by page
    nav: str | None = None  # the navigation's fingerprint, once per build
    indexes: list[list] = field(default_factory=list)  # the search plugins' entry lists, once per build
    outputs: set[str] = field(default_factory=set)  # the site's files, as the last build made them
    hits: int = 0
    misses: int = 0
    active: bool = False  # this build uses the cache
    generation: int = 0  # the builds started
    urls: dict[str, str] = field(default_factory=dict)  # every docs path's URL, in the latest build
    moved: set[str] | None = None  # docs paths whose URL is not the last build's, once per build
    build_date: str | None = None  # MkDocs' date of this build, once per build
    theme_files: tuple[str, list[tuple[str, str]]] | None = None  # (fingerprint, the theme's static files)

    def start(self, config, stashes: dict) -> bool:
        """At the start of a build: the fingerprint of what shapes every page, or False when
        the build's plugins rule the cache out."""
        others = sorted(set(config.plugins) - PURE_PLUGINS)
        self.active = not others
        if others:
            log.info(f"briefing: pages are rendered afresh on every build (plugin {', '.join(others)})")
            self.contents.clear()
            self.finished.clear()
            self.outputs.clear()
            return False
        fingerprint = _fingerprint(config)
        if fingerprint != self.fingerprint:
            self.contents.clear()
            self.finished.clear()
        self.fingerprint, self.stashes, self.nav = fingerprint, stashes, None
        self.hits = self.misses = 0
        self.generation += 1
        self.moved = self.build_date = None
        return True

    def _links_as_they_were(self, known: Content) -> bool:
        """Whether every docs path the page's conversion looked up has the URL it had then. A
        page checked in the last build is only compared on the paths whose URL moved since (a
        few, against one lookup each for the ten or so links of each of 10,000 pages)."""
        if known.checked == self.generation - 1:
            same = self.moved.isdisjoint(known.links)
        else:
            same = all(self.urls.get(uri) == url for uri, url in known.links.items())
        if same:
            known.checked = self.generation
        return same

    # -- _populate_page -------------------------------------------------------------------------

    def populate(self, original, page, config, files, dirty=False) -> None:
        if self.moved is None:
            urls = {uri: found.url for uri, found in files.src_uris.items()}
            before, self.urls = self.urls, urls
            self.moved = {uri for uri in urls.keys() | before.keys() if urls.get(uri) != before.get(uri)}
        file = page.file
        known = self.contents.get(file.src_uri)
        status = _source_status(file)
        if known is not None and status is not None and known.source == status:
            key = known.key  # the same bytes as when they gave the key (read no more)
        else:
            key = _digest(file.content_bytes, file.src_uri, file.url)
        if known is not None and known.key == key and known.source != status:
            known.source = status
        uris = files.src_uris
        if known is not None and known.key == key and self._links_as_they_were(known):
            page.markdown, page.meta, page.content, page.toc = known.markdown, dict(known.meta), known.content, known.toc
            page._title_from_render, page.present_anchor_ids = known.title, known.anchors
            page.links_to_anchors = None if known.links_to_anchors is None else {
                target: links for uri, links in known.links_to_anchors.items()
                if (target := uris.get(uri)) is not None}
            if known.stash is not None:
                self.stashes[file.src_uri] = known.stash
            for name, level, message in known.messages:
                logging.getLogger(name).log(level, message)
            return
        recording, messages = Recording(files), Messages()
        with messages:
            original(page, config, recording, dirty)
        self.contents[file.src_uri] = Content(
            key, status, recording.looked_up, page.markdown, dict(page.meta), page.content, page.toc,
            getattr(page, "_title_from_render", None), page.present_anchor_ids,
            None if page.links_to_anchors is None else {f.src_uri: links for f, links in page.links_to_anchors.items()},
            messages.records, self.stashes.get(file.src_uri), self.generation)
        self.finished.pop(file.src_uri, None)

    # -- _build_page ----------------------------------------------------------------------------

    def build_page(self, original, page, config, doc_files, nav, env, dirty=False, excluded=False) -> None:
        if self.nav is None:
            self.nav = _digest(json.dumps(_nav_outline(nav.items)), getattr(nav.homepage, "url", None))
            self.indexes = _search_indexes(config)
        content = self.contents.get(page.file.src_uri)
        key = _digest(content.key if content else "", self.nav, page.url, str(excluded))
        known = self.finished.get(page.file.src_uri)
        indexes = self.indexes
        if content is not None and known is not None and known.key == key:
            if stat_key(page.file.abs_dest_path) != known.written:  # not as the last build left it
                utils.write_file(known.output, page.file.abs_dest_path)
                known.written = stat_key(page.file.abs_dest_path)
            self.stashes.pop(page.file.src_uri, None)
            for entries, added in zip(indexes, known.entries):
                entries.extend(added)
            self.hits += 1
            return
        self.misses += 1
        before = [len(entries) for entries in indexes]
        original(page, config, doc_files, nav, env, dirty, excluded)
        if content is None:
            return
        try:
            with open(page.file.abs_dest_path, "rb") as written:
                output = written.read()
        except OSError:  # MkDocs wrote nothing (an empty page)
            return
        self.finished[page.file.src_uri] = Finished(key, output, [
            entries[start:] for entries, start in zip(indexes, before)], stat_key(page.file.abs_dest_path))

    # -- Files.add_files_from_theme -------------------------------------------------------------

    def add_theme_files(self, original, files: Files, env, config) -> None:
        """The theme's static files (its own folders are in the fingerprint), listed again only
        when the fingerprint changed: MkDocs walks Material's 14,500 files for its 43 static ones,
        a tenth of a rebuild at 2,000 articles."""
        if self.theme_files is None or self.theme_files[0] != self.fingerprint:
            found = Files([])
            original(found, env, config)
            self.theme_files = self.fingerprint, [(file.src_uri, file.src_dir) for file in found]
        for path, folder in self.theme_files[1]:
            if files.get_file_from_path(path) is None:  # (a file in docs/ wins, as in MkDocs)
                files.append(File(path, folder, config.site_dir, config.use_directory_urls))

    def finish(self, files) -> None:
        """After a build: forget the pages it no longer has, and remove from the site the files
        of the last build that this one did not make (the site folder is not emptied first:
        on many file systems making thousands of files again costs more than the whole build)."""
        pages = {file.src_uri for file in files.documentation_pages()}
        for store in (self.contents, self.finished):
            for uri in set(store) - pages:
                del store[uri]
        outputs = {file.abs_dest_path for file in files}
        for path in sorted(self.outputs - outputs):
            with contextlib.suppress(OSError):
                os.unlink(path)
        self.outputs = outputs


def _source_status(file) -> tuple | None:
    """What tells a page's source file was not written since: its inode, size and times (a
    write changes the change time, which no tool sets back), with its address; None for a page
    made in memory."""
    if file.abs_src_path is None or file.generated_by is not None:
        return None
    try:
        status = os.stat(file.abs_src_path)
    except OSError:
        return None
    return status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns, file.src_uri, file.url


def _search_indexes(config) -> list[list]:
    """The entry lists of the build's search plugins (Material's and MkDocs' own)."""
    lists = []
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        entries = getattr(index, "entries", None)
        if entries is None:
            entries = getattr(index, "_entries", None)
        if isinstance(entries, list):
            lists.append(entries)
    return lists


def _nav_outline(items) -> list:
    return [[type(item).__name__, item.title, getattr(item, "url", None), _nav_outline(item.children or [])
             if getattr(item, "children", None) else None] for item in items]


def _digest(*parts) -> str:
    if all(isinstance(part, (bytes, str)) for part in parts):  # a page's bytes and address: no JSON needed
        digest = hashlib.blake2b(digest_size=16)
        for part in parts:
            data = part if isinstance(part, bytes) else part.encode()
            digest.update(len(data).to_bytes(8, "big"))
            digest.update(data)
        return digest.hexdigest()
    return hashlib.sha256(json.dumps(parts, default=_plain, sort_keys=True).encode()).hexdigest()


def _plain(value):
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    if isinstance(value, (set, frozenset)):
        return sorted(map(str, value))
    return str(value)


def _fingerprint(config) -> str:
    """What shapes every page: the settings (``mkdocs.yml`` as loaded, with the address the
    server gives it), the theme and its settings, local theme folders, and the versions of the
    software that converts and renders."""
    settings = {key: value for key, value in config.items() if key not in ("plugins", "theme", "site_dir", "watch")}
    plugins = {name: dict(plugin.config) for name, plugin in config.plugins.items()}
    theme = config.theme
    local = [_folder_state(Path(folder)) for folder in theme.dirs if not _installed(folder)]
    return _digest(settings, plugins, theme.name, {key: theme[key] for key in theme}, list(theme.dirs), local,
                   [_version(name) for name in VERSIONED], _folder_state(CODE))


def _installed(folder: str) -> bool:
    return "site-packages" in Path(folder).parts or "dist-packages" in Path(folder).parts


def _folder_state(folder: Path) -> list:
    state = []
    for root, _, names in os.walk(folder):
        for name in sorted(names):
            if name.endswith((".pyc", ".pyo")):
                continue
            try:
                stat = os.stat(os.path.join(root, name))
            except OSError:
                continue
            state.append((os.path.relpath(os.path.join(root, name), folder), stat.st_size, stat.st_mtime_ns))
    return sorted(state)


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


_ACTIVE: PageCache | None = None
_CANONICAL: dict[tuple[str, str], tuple[str, str]] = {}  # (site address, page address) -> Page's two URLs


def activate(cache: PageCache | None) -> None:
    """Route MkDocs' page steps through ``cache`` for this build (None: MkDocs' own)."""
    global _ACTIVE
    _ACTIVE = cache
    if not getattr(mkdocs_build, "_briefing_cached", False):
        populate, build_page = mkdocs_build._populate_page, mkdocs_build._build_page

        def _populate_page(page, config, files, dirty=False):
            if _ACTIVE is None or dirty:
                return populate(page, config, files, dirty)
            return _ACTIVE.populate(populate, page, config, files, dirty)

        def _build_page(page, config, doc_files, nav, env, dirty=False, excluded=False):
            if _ACTIVE is None or dirty:
                return build_page(page, config, doc_files, nav, env, dirty, excluded)
            return _ACTIVE.build_page(build_page, page, config, doc_files, nav, env, dirty, excluded)

        clean = utils.clean_directory

        def clean_directory(directory: str) -> None:
            if _ACTIVE is None:  # with the cache, the last build's files are kept and swept after
                clean(directory)

        copy_static = Files.copy_static_files
        add_theme_files = Files.add_files_from_theme

        def add_files_from_theme(self, env, config):
            if _ACTIVE is None:
                return add_theme_files(self, env, config)
            return _ACTIVE.add_theme_files(add_theme_files, self, env, config)
        set_canonical_url = Page._set_canonical_url

        def _set_canonical_url(self, base):  # (urljoin for each of 10,000 pages: a tenth of a rebuild)
            if _ACTIVE is None or not base:
                return set_canonical_url(self, base)
            known = _CANONICAL.get((base, self.url))
            if known is None:
                set_canonical_url(self, base)
                known = _CANONICAL[(base, self.url)] = (self.canonical_url, self.abs_url)
            self.canonical_url, self.abs_url = known

        build_date = mkdocs_pages.get_build_date

        def get_build_date() -> str:  # (asked by each of 10,000 pages: a twentieth of a rebuild)
            if _ACTIVE is None:
                return build_date()
            if _ACTIVE.build_date is None:
                _ACTIVE.build_date = build_date()
            return _ACTIVE.build_date

        def copy_static_files(self, dirty=False, **options):
            return copy_static(self, dirty or _ACTIVE is not None, **options)

        mkdocs_build._populate_page, mkdocs_build._build_page = _populate_page, _build_page
        utils.clean_directory = clean_directory
        Files.copy_static_files = copy_static_files
        Files.add_files_from_theme = add_files_from_theme
        Page._set_canonical_url = _set_canonical_url
        mkdocs_pages.get_build_date = get_build_date
        mkdocs_build._briefing_cached = True
