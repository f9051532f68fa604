"""The navigation of generated pages under Material, rendered once per set of links.

Material renders the navigation (the sidebar and the tabs) again for every page: a few
milliseconds a page, the largest cost of a generated site over the same articles in a plain
one. A generated page outside the nav marks no entry as the current one, so its navigation
differs from another's only by the relative links in it: it is rendered once per set of links.
"""

from __future__ import annotations

from jinja2 import TemplateNotFound
from mkdocs.utils import normalize_url

from .indexes import INDEX_FOLDERS

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


def reuse_navigation(env) -> None:
    """Make the navigation partials of Material's template environment ``env`` reuse what they
    rendered for pages with the same links."""
    for name in NAV_PARTIALS:
        try:
            template = env.get_template(name)
        except TemplateNotFound:
            continue
        template.root_render_func = _reusing(template.root_render_func, GENERATED_FOLDERS)
