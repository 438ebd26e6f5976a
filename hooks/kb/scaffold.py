"""``python -m kb new FOLDER``: a new advice site that builds with ``mkdocs build --strict``.

The starter pages (``starter/``) are copied as they are; only mkdocs.yml and the README are
written here, because they name the site. The site runs the engine as the MkDocs plugin ``kb``
(installed with the engine), so the folder may live anywhere. An engine
command rather than a copier template: it needs no new dependency, and the fixture tests run the
same code an author runs.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from kb.problems import NOT_ONE_LINE, ContentError, Problem

STARTER = Path(__file__).parent / "starter"

_CONFIG = """\
site_name: {name}
site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"] # where the site will live
theme:
  name: material
  font: false # no requests to font hosts
  icon:
    logo: material/book-open-variant # also the app icon; drawn from lines and curves only
  palette:
    primary: indigo # also the background of the app icon, whose logo is white
plugins:
  - search
  - kb # the advice-site engine; keep it last
validation:
  omitted_files: warn
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - md_in_html
  - toc:
      permalink: true
nav:
  - Home: index.md
  - Get help now: get-help.md
  - Principles:
      - principles/one-step.md
  - Tools:
      - tools/checker.md
      - tools/wait.md
      - tools/letters.md
      - tools/counter.md
  - Questions: faq/index.md
  - Situations: scenarios/index.md
  - Glossary: glossary.md
  - Privacy: privacy.md
extra:
  help: # the help bar above every page; every text has a default (the engine's CONTRIBUTING.md)
    lead: Need help right now?
    link: get-help.md
  kb: # every setting has a default; see CONTRIBUTING.md of the engine for all of them
    labels:
      faq_index_intro: Short answers to the questions people ask. Each one starts with the answer.
    sections: # the parts of a situation page, in order; kind is text, list or example
      - key: do
        label: What helps
        kind: list
        required: true
      - key: avoid
        label: What to avoid
        kind: list
        required: true
"""

_README = """\
# {name}

An advice site built with MkDocs, Material for MkDocs and the advice-site engine
(`kb`). Content is YAML and Markdown under `docs/`:

- `docs/principles/*.md`: hand-written pages; their front matter (`id`, `title`,
  `summary`) is what questions and situations cite.
- `docs/faq/topics.yml` and `docs/faq/*.yml`: questions, one page per topic.
- `docs/scenarios/*.yml`: situations, one page each; their sections are declared
  in `extra.kb.sections` of `mkdocs.yml`.
- `docs/glossary.yml`: terms, shown on the glossary page and as tooltips.
- `docs/help/lines.yml`: help lines, each with its source and the date it was
  checked; pages place them with markers such as `[[help-lines: urgent]]`.
- `docs/tools/tools.yml`: the texts and settings of the tools that run in the
  reader's browser (a message checker, a wait timer, letters and a day counter),
  placed on pages with markers such as `[[tool: wait]]`; `docs/checker/rules.yml`
  holds what the checker looks for. Their scripts and look come from the engine.

With the engine's virtual environment active (its README, "Start your own advice site"):

```sh
mkdocs serve                 # preview at http://127.0.0.1:8000/
python -m kb check           # check every file and setting in a second, without a build
python -m kb ids principle   # the ids you can cite, with the file of each
mkdocs build --strict        # the site, in site/
```

The engine runs as the MkDocs plugin `kb` (`plugins:` in `mkdocs.yml`), so this
folder can live anywhere once the engine is installed in the environment.
"""


def new_site(folder: Path, name: str) -> None:
    """Write a minimal site into ``folder`` (new or empty); raise ContentError if it cannot."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ContentError([Problem(folder.as_posix(), "is not an empty folder", "name a new folder")])
    if not name.strip() or NOT_ONE_LINE.search(name):
        raise ContentError([Problem("--name", "should be one line of text", 'like --name "After a job loss"')])
    shutil.copytree(STARTER, folder, dirs_exist_ok=True)
    # JSON is valid YAML: the name is quoted whatever it holds.
    (folder / "mkdocs.yml").write_text(_CONFIG.format(name=json.dumps(name)), encoding="utf-8")
    (folder / "README.md").write_text(_README.format(name=name), encoding="utf-8")
