"""Settings of a briefing, declared once with their defaults and help.

The same settings are read from the ``briefing`` entry of ``plugins`` in ``mkdocs.yml`` (by the CLI
and by the MkDocs plugin) and can be overridden on the command line.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path

import yaml

from .errors import ConfigError, not_utf8, yaml_error_line


def _setting(default: str | bool, help: str):
    return field(default=default, metadata={"help": help})


@dataclass
class Settings:
    """Every setting of the ``briefing`` plugin section, with its default."""

    articles_dir: str = _setting("articles", "Folder of raw articles (.txt, .md), relative to mkdocs.yml.")
    entities: str = _setting("entities.yml", "Your entity registry: extra companies, aliases, news organisations.")
    templates_dir: str = _setting("templates", "Folder of Jinja2 page templates that override the built-in ones.")
    state_dir: str = _setting(".briefing", "Where the generator remembers what it wrote (commit it with docs/).")
    json_fields: dict = field(default_factory=dict, metadata={
        "help": "Field names of your JSON exports, e.g. {text: story_body, date: published}.", "default": "{}"})
    reuse_navigation: bool = _setting(True, "Under Material, render the navigation once for all the generated "
                                            "pages outside the nav (false if your theme overrides show the page).")
    poll_for_changes: bool = _setting(False, "Under `mkdocs serve`, look for changes every half second instead of "
                                             "being told by the system (for network shares that tell nothing).")

    @classmethod
    def help_table(cls) -> list[tuple[str, str, str]]:
        return [(f.name, f.metadata.get("default", f.default), f.metadata["help"]) for f in fields(cls)]


@dataclass
class Project:
    """A briefing on disk: the folder of ``mkdocs.yml`` and the resolved paths."""

    root: Path
    docs_dir: Path
    settings: Settings
    site_name: str = "Briefing"
    site_url: str | None = None  # where the site is published, for absolute links in feeds
    directory_urls: bool = True  # MkDocs' use_directory_urls: the shape of page URLs
    theme_dir: Path | None = None  # the theme's custom_dir, where page templates of one's own are

    @property
    def articles_dir(self) -> Path:
        return self.root / self.settings.articles_dir

    @property
    def entities_file(self) -> Path:
        return self.root / self.settings.entities

    @property
    def templates_dir(self) -> Path:
        return self.root / self.settings.templates_dir

    @property
    def own_templates(self) -> Path | None:
        """The briefing's own page templates, when it has the folder."""
        return self.templates_dir if self.templates_dir.is_dir() else None

    @property
    def state_file(self) -> Path:
        return self.root / self.settings.state_dir / "state.json"


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing its tags (!ENV, !!python/name: ...)."""


def _ignore_tag(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_TolerantLoader.add_multi_constructor("", _ignore_tag)


def read_yaml(path: Path, loader=yaml.SafeLoader):
    """A YAML settings file, or a ConfigError naming the file and the line of the problem."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: {not_utf8(exc)}") from None
    except OSError as exc:  # a folder where the file should be, no permission...
        raise ConfigError(f"{path}: cannot be read ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        line = yaml_error_line(exc)
        raise ConfigError(f"{path}{f':{line}' if line is not None else ''}: not valid YAML") from None


def plugin_section(mkdocs_config: dict) -> dict | None:
    """The options of the ``briefing`` plugin, ``{}`` when it is listed bare, None when absent."""
    plugins = mkdocs_config.get("plugins") or []
    if isinstance(plugins, dict):
        plugins = [{name: opts} for name, opts in plugins.items()]
    for item in plugins:
        if item == "briefing":
            return {}
        if isinstance(item, dict) and "briefing" in item:
            return item["briefing"] or {}
    return None


def settings_from(options: dict, source: str) -> Settings:
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(options) - known)
    if unknown:
        raise ConfigError(f"{source}: unknown briefing option(s) {', '.join(unknown)}; "
                          f"known options are {', '.join(sorted(known))}")
    for key, value in options.items():
        if key == "reuse_navigation":
            if not isinstance(value, bool):
                raise ConfigError(f"{source}: briefing option 'reuse_navigation' must be true or false")
        elif key == "json_fields":
            if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                raise ConfigError(f"{source}: briefing option 'json_fields' must map field names to the names "
                                  "in your export, e.g. {{text: story_body}}")
        elif not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{source}: briefing option '{key}' must be a non-empty path string")
    return Settings(**options)


def load_project(config_file: Path | None = None, **overrides: str | None) -> Project:
    """Find mkdocs.yml (or use defaults when there is none) and resolve the project's paths."""
    config_file = config_file or Path("mkdocs.yml")
    mkdocs: dict = {}
    if config_file.exists():
        mkdocs = read_yaml(config_file, _TolerantLoader) or {}
        if not isinstance(mkdocs, dict):
            raise ConfigError(f"{config_file}: expected a mapping of MkDocs settings")
    options = dict(plugin_section(mkdocs) or {})
    options.update({k: v for k, v in overrides.items() if v})
    settings = settings_from(options, str(config_file))
    root = config_file.resolve().parent
    theme = mkdocs.get("theme")
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    return Project(theme_dir=root / str(custom_dir) if custom_dir else None,
                   root=root, docs_dir=root / str(mkdocs.get("docs_dir") or "docs"), settings=settings,
                   site_name=str(mkdocs.get("site_name") or "Briefing"),
                   site_url=str(mkdocs["site_url"]) if mkdocs.get("site_url") else None,
                   directory_urls=mkdocs.get("use_directory_urls", True) is not False)
