"""briefing: turn a folder of raw news clippings into a searchable MkDocs briefing site.

The pipeline, one module per stage: ``read`` -> ``clean`` -> ``extract`` -> ``page`` ->
``indexes`` -> ``site``. ``cli`` and ``plugin`` are thin edges around it.
"""

__version__ = "0.1.0"
