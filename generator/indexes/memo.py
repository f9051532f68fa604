"""What each entity page's block was made from in the last build of this process, so a rebuild
under `mkdocs serve` does not compute again the listing, connections and quotes of a country or
company none of whose articles changed (at 10,000 articles those took most of the index phase).

A block is reused only when everything its context is made of is as it was: the same article
objects in the same order (``site/index.py`` keeps an unchanged article's object from build to
build), the same story for each, the same page for the entity and for every name the block links
to, the same templates, code and settings (``salt``) and the same knowledge. Its page must still
hold the block (``Blocks.reuse``); otherwise it is rendered as in a first build.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class _Record:
    items: tuple  # the Listed objects of the entity's articles
    story_keys: tuple
    refs: dict  # (kind, name) -> the page the block links to for it (None: no page)
    keys: list  # (path, key) of each page of the block
    salt: str
    basis: object


class Memo:
    def __init__(self) -> None:
        self._records: dict[tuple[str, str], _Record] = {}
        self._seen: dict[tuple[str, str], _Record] = {}
        self._stories: dict | None = None  # the stories of the build that made the records
        self._building_stories: dict | None = None  # the records' once ``finish`` says the build got there
        self._same_stories = False

    def start(self, stories: dict) -> None:
        self._seen = {}
        # (most rebuilds group the articles as the last one did: then every record's story keys
        # are this build's, and are not made again for each entity)
        self._same_stories = stories == self._stories
        self._building_stories = stories

    def finish(self) -> None:
        """Forget the entities this build no longer has."""
        self._records = self._seen
        self._stories = self._building_stories

    def kept(self, out, entity: tuple[str, str], items: list, stories: dict, pages: dict, basis: object) -> bool:
        """Whether the block of ``entity`` is as the last build made it and its pages still hold
        it: their keys are then noted in ``out`` as kept, and nothing is computed."""
        record = self._records.get(entity)
        if record is None or record.salt != out.salt or record.basis is not basis \
                or not same_objects(record.items, items):
            return False
        if (not self._same_stories and record.story_keys != _story_keys(items, stories)) or any(
                pages.get(kind, {}).get(name) != page for (kind, name), page in record.refs.items()):
            return False
        if out.reuse is None or not all(out.reuse(path, key) for path, key in record.keys):
            return False
        for path, key in record.keys:
            out.keys[path] = key
            out.kept.add(path)
        self._seen[entity] = record
        return True

    def remember(self, out, entity: tuple[str, str], items: list, stories: dict, refs: dict, paths: list[str],
                 basis: object) -> None:
        self._seen[entity] = _Record(tuple(items), _story_keys(items, stories), refs,
                                     [(path, out.keys[path]) for path in paths], out.salt, basis)


def same_objects(before, now) -> bool:
    """Whether two sequences hold the very same objects in the same order (an article object kept
    from build to build is an unchanged article)."""
    return len(before) == len(now) and all(a is b for a, b in zip(before, now))


def _story_keys(items: list, stories: dict) -> tuple:
    return tuple(stories.get(item.page, item.page) for item in items)
