"""The other reports of each article's story, as "Also reported by" in the facts block of its page.

Stories are grouped in the index phase, from every page, after the pages are written; each build
saves them (``stories.json``), and the next one writes a page with the story as it was then. When
the grouping changes (a new copy of a story arrives, a page moves or goes), the facts block of the
pages concerned is refreshed in place: only the block, only while it is as the generator wrote it,
and the state remembers the page as written, so the next build still knows its own text.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..article import Article
from ..page import facts, front_matter, render_parts
from ..page.merge import Snapshot, body_sha
from ..page.render import relative_link
from .report import BuildReport
from .store import digest, read_if_present, write_if_changed


class Stories:
    """Page -> the other pages of its story (page, title, source), as the last build saved it."""

    def __init__(self, path: Path):
        self.path = path
        self._others: dict[str, list[dict]] | None = None

    @property
    def others(self) -> dict[str, list[dict]]:
        if self._others is None:
            try:
                self._others = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self._others = {}
        return self._others

    def also(self, rel: str) -> list[dict]:
        """The other reports of ``rel``'s story as its page links them (``label``, ``link``)."""
        return links(rel, self.others.get(rel, []))

    def update(self, context, listed, stories: dict[str, str], report: BuildReport) -> None:
        """Save the stories just grouped, and refresh the pages whose other reports changed."""
        members: dict[str, list] = {}
        for item in listed:
            members.setdefault(stories.get(item.page, item.page), []).append(item)
        now = {item.page: [{"page": o.page, "title": o.article.title, "source": o.article.source}
                           for o in group if o is not item]
               for group in members.values() if len(group) > 1 for item in group}
        before = self.others
        for rel in sorted(set(now) | set(before)):
            if now.get(rel, []) != before.get(rel, []) and rel in context.pages.meta:
                refresh(context, rel, links(rel, now.get(rel, [])), report)
        self._others = now
        write_if_changed(self.path, json.dumps(now, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


def links(rel: str, others: list[dict]) -> list[dict]:
    return [{"label": o.get("source") or o.get("title") or Path(o["page"]).stem, "link": relative_link(rel, o["page"])}
            for o in others]


def refresh(context, rel: str, also: list[dict], report: BuildReport) -> None:
    """Put ``also`` into the facts block of the page ``rel``, if the block is the generator's."""
    meta = context.pages.meta[rel]
    original = meta.get("original")
    entry = context.state.entry(str(original)) if original is not None else None
    snapshot = Snapshot.from_json(entry.get("snapshot")) if entry and entry.get("page") == rel else None
    path = context.docs / rel
    data = read_if_present(path)
    if snapshot is None or not snapshot.facts or data is None:
        return
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return  # the page scan reports it
    parts = front_matter.split_exact(text)
    if parts is None or facts.digest(parts[1]) != snapshot.facts:
        return  # the person edited the block (or the page): it is theirs
    body = parts[1]
    generated = render_parts(Article.from_metadata(meta, ""), context.templates, also)[1]
    fresh = facts.refreshed(body, generated, snapshot.facts)
    if fresh is None or fresh[0] == body:
        return
    new_body, snapshot.facts = fresh
    if body_sha(body) == snapshot.body_sha:  # the text was the generator's: it still is
        snapshot.body_sha = body_sha(new_body)
    new_data = (text[:len(text) - len(body)] + new_body).encode("utf-8")
    new_entry = {**entry, "snapshot": snapshot.to_json()}
    if entry.get("sha") == digest(data):
        new_entry["sha"] = digest(new_data)
    context.state.note([(str(original), new_entry)])
    if write_if_changed(path, new_data, data):
        report.written.append(rel)
        context.state.record(str(original), new_entry)
        context.pages.record(rel, meta)
