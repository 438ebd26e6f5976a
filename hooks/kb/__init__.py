"""A small content engine: structured YAML and Markdown in, generated Markdown pages out.

The flow runs one way: ``load`` reads files, ``validate`` checks them,
``model`` turns them into typed objects, ``links`` works out who cites whom and
``render`` writes Markdown through Jinja templates. Nothing here imports MkDocs.
"""

from kb.build import Site, build_site
from kb.problems import ContentError, Problem
from kb.settings import Settings

__all__ = ["ContentError", "Problem", "Settings", "Site", "build_site"]
