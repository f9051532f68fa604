"""briefing: turn a folder of raw news clippings into a searchable MkDocs briefing site.

The pipeline, one folder per stage: ``read`` -> ``clean`` -> ``extract`` -> ``page`` ->
``indexes`` -> ``site`` (the build, in phases), with ``knowledge`` (the data files as a
gazetteer) and ``words`` beside them. At the top level: the entry points (``cli``, ``plugin``,
``init``, ``check``, ``evaluate``), the settings (``config``), ``article`` and ``kinds``.
"""

__version__ = "0.1.0"
