"""Each route by which content once reached a reader's browser as script, closed at its source.

Issue 11 lists the routes; every test here writes one of them into a copy of the plant-care
fixture and asserts that the engine refuses it with exactly one line naming file, entry and
field, or that what reaches the page is inert. The page audit (tests/test_page_guard.py) and
the Content-Security-Policy (tests/browser/test_csp.py) stand behind these.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
import yaml
from jinja2 import Environment, FileSystemLoader

from kb import ContentError, Settings, build_site
from kb.load import read_config
from kb.model import Term
from kb.render import render_abbreviations
from tests.conftest import ROOT, run_build
from tests.kb.test_validate_hostile import site_markdown

MARKER = "alert(4242)"


def fixture_settings() -> Settings:
    return Settings.from_file(ROOT / "tests/fixtures/plants/mkdocs.yml")


def write_field(docs: Path, name: str, entry: int, field: str, value: object) -> None:
    """Set one field of one entry in a fixture file (YAML list file or principle front matter)."""
    path = docs / name
    text = path.read_text()
    if name.endswith(".md"):
        _, front, body = text.split("---", 2)
        data = yaml.safe_load(front)
        data[field] = value
        path.write_text(f"---\n{yaml.safe_dump(data, allow_unicode=True)}---{body}")
        return
    data = yaml.safe_load(text)
    next(iter(data.values()))[entry][field] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True))


def refusal(docs: Path) -> str:
    """The one problem the engine reports; fails if it builds or reports more than one."""
    with pytest.raises(ContentError) as caught:
        build_site(docs, fixture_settings(), root=docs.parent)
    problems = [str(p) for p in caught.value.problems]
    assert len(problems) == 1, problems
    assert len(problems[0].splitlines()) == 1
    return problems[0]


ROUTES = [
    # (route, file, entry, field, hostile value, words the one-line problem must hold)
    (
        "entity-encoded markup in a glossary definition (tooltips insert titles as HTML)",
        "glossary.yml",
        0,
        "definition",
        f"A hole. &lt;img src=x onerror={MARKER}&gt;",
        "raw HTML ('<img",
    ),
    (
        "numeric entities in a question",
        "faq/light.yml",
        0,
        "question",
        f"Is it ok? &#60;svg onload={MARKER}&#62;",
        "raw HTML ('<svg",
    ),
    (
        "an unclosed attribute list in a question (the heading's own id list closes it)",
        "faq/light.yml",
        0,
        "question",
        f"Is a north window enough {{ onclick={MARKER}",
        "sets 'onclick'",
    ),
    (
        "an attribute list in a one-line field, even a harmless-looking one",
        "faq/watering.yml",
        0,
        "short_answer",
        "Water when dry. { .kb-related }",
        "a '{'",
    ),
    (
        "a quoted-brace attribute list in an answer",
        "faq/light.yml",
        0,
        "answer",
        f'North light is soft.\n{{: title="}}" onmouseover="{MARKER}" }}',
        "sets 'onmouseover'",
    ),
    (
        "an unclosed attribute list in a situation's list item",
        "scenarios/yellow-leaves.yml",
        0,
        "do",
        ["Check the hole. {: onclick=" + MARKER, "Let it dry."],
        "sets 'onclick'",
    ),
    (
        "a style attribute (a full-page overlay) in an answer",
        "faq/light.yml",
        0,
        "answer",
        "Soft light.\n{: style='position:fixed;inset:0;background:#fff' }",
        "sets 'style'",
    ),
    (
        "the theme's overlay class in an answer",
        "faq/light.yml",
        0,
        "answer",
        "Soft light.\n{: .md-dialog }",
        "the theme's class 'md-dialog'",
    ),
    (
        "a reference definition with its address on the next line",
        "faq/light.yml",
        0,
        "answer",
        f"Read [this][tip].\n\n[tip]:\n    javascript:{MARKER}",
        "a script link ('javascript:",
    ),
    (
        "a reference definition whose label spans two lines",
        "scenarios/yellow-leaves.yml",
        0,
        "their_side",
        f"See [the tip][a\nb].\n\n[a\nb]: java&#115;cript:{MARKER}",
        "a script link",
    ),
    (
        "a backslash-escaped colon in a link",
        "faq/light.yml",
        0,
        "answer",
        f"[tap](javascript\\:{MARKER})",
        "a script link",
    ),
    (
        "entity-encoded markup in a link title (tooltips again)",
        "faq/light.yml",
        0,
        "answer",
        f'[tap](../index.md "&lt;img src=x onerror={MARKER}&gt;")',
        "raw HTML ('<img",
    ),
    (
        "a snippet include in an answer",
        "faq/light.yml",
        0,
        "answer",
        'North light.\n\n--8<-- "../mkdocs.yml"',
        "a snippet include",
    ),
    (
        "an external image in an answer",
        "faq/light.yml",
        0,
        "answer",
        "Like this: ![leaf](https://tracker.example/leaf.png)",
        "an image from another site ('https://tracker.example/leaf.png')",
    ),
    (
        "a protocol-relative image by reference",
        "scenarios/yellow-leaves.yml",
        0,
        "their_side",
        "Like this: ![leaf]\n\n[leaf]: //tracker.example/leaf.png",
        "an image from another site",
    ),
    (
        "markup in a principle summary",
        "principles/light.md",
        0,
        "summary",
        f'Bright light."><meta http-equiv="refresh" content="0;url=https://evil.example/{MARKER}',
        "raw HTML ('<meta",
    ),
]


@pytest.mark.parametrize(("route", "name", "entry", "field", "value", "expected"), ROUTES, ids=[r[0] for r in ROUTES])
def test_route_is_refused_with_one_line(
    plants: Path, route: str, name: str, entry: int, field: str, value: object, expected: str
) -> None:
    docs = plants / "docs"
    write_field(docs, name, entry, field, value)
    problem = refusal(docs)
    assert problem.startswith(f"docs/{name}:"), problem
    assert f"field '{field}" in problem and expected in problem, problem


def test_each_route_was_open_before(plants: Path) -> None:
    """The hostile values are real: rendered as the site renders Markdown, they do make script or leaks."""
    md = site_markdown()
    renders = {
        "attribute list": md.reset().convert(f'North light.\n{{: title="}}" onmouseover="{MARKER}" }}'),
        "split reference": md.reset().convert(f"Read [this][tip].\n\n[tip]:\n    javascript:{MARKER}"),
        "escaped colon": md.reset().convert(f"[tap](javascript\\:{MARKER})"),
        "snippet": md.reset().convert('--8<-- "glossary.yml"'),
    }
    assert 'onmouseover="alert(4242)"' in renders["attribute list"]
    assert 'href="javascript:alert(4242)"' in renders["split reference"]
    assert 'href="javascript:alert(4242)"' in renders["escaped colon"]
    assert "terms:" in renders["snippet"] or "term:" in renders["snippet"], "the include copied a data file"


def test_plain_text_with_quotes_ampersands_and_maths_still_passes(plants: Path) -> None:
    docs = plants / "docs"
    write_field(docs, "faq/light.yml", 0, "question", 'Is "bright" light & 3 < 4 hours enough?')
    write_field(docs, "glossary.yml", 0, "definition", "The hole (or holes) & the gap under a pot.")
    build_site(docs, fixture_settings(), root=docs.parent)


def test_tooltip_text_is_encoded_once_more_so_entities_stay_text() -> None:
    """Even if a definition held an entity, the tooltip would show it, not run it."""
    lines = render_abbreviations([Term("NC", "Not &lt;b&gt;texting&lt;/b&gt; & healing")])
    html = site_markdown().reset().convert(f"NC helps.\n\n{lines}")
    title = unescape(re.search(r'title="([^"]*)"', html).group(1))
    assert title == "Not &lt;b&gt;texting&lt;/b&gt; & healing", "after one decode it is still text for innerHTML"


def test_hostile_labels_in_mkdocs_yml_are_refused() -> None:
    kb = read_config(ROOT / "tests/fixtures/plants/mkdocs.yml")["extra"]["kb"]
    kb["sections"][1]["label"] = f"Try this {{ onclick={MARKER}"
    kb["labels"]["care_note"] = f"&lt;img src=x onerror={MARKER}&gt;"
    kb["labels"]["short_answer"] = f"[In short](javascript:{MARKER})"
    with pytest.raises(ContentError) as caught:
        Settings.from_config(kb)
    problems = sorted(str(p) for p in caught.value.problems)
    assert [p.split(": contains")[0] for p in problems] == [
        "mkdocs.yml: field 'extra.kb.labels.care_note'",
        "mkdocs.yml: field 'extra.kb.labels.short_answer'",
        "mkdocs.yml: field 'extra.kb.sections.1.label'",
    ], problems


def test_hostile_help_settings_fail_the_build_with_one_line_each(plants: Path, tmp_path: Path) -> None:
    config = plants / "mkdocs.yml"
    extra = (
        "  help:\n"
        f'    lead: "Hurting?<img src=x onerror={MARKER}>"\n'
        f'    link: "javascript:{MARKER}"\n'
        "    lines:\n"
        '      - "Call 988"\n'
        f'      - "&lt;script&gt;{MARKER}&lt;/script&gt;"\n'
    )
    config.write_text(config.read_text().replace("extra:\n", "extra:\n" + extra, 1))
    result = run_build(config, tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if re.match(r"mkdocs\.yml:\d+: ", line)]
    fields = [line.split(": ")[1] for line in lines]
    assert fields == ["field 'extra.help.lead'", "field 'extra.help.link'", "field 'extra.help.lines'"], lines
    assert not (tmp_path / "site").exists() or not list((tmp_path / "site").rglob("*.html"))


def test_templates_escape_every_setting_they_print() -> None:
    """Quotes and ampersands in help lines and the copyright come out as text, not as attribute ends."""
    templates = [ROOT / "overrides", ROOT / "hooks/kb/theme"]  # the site's, then the engine's, as the build orders them
    env = Environment(loader=FileSystemLoader(templates))
    env.filters["url"] = lambda value: value
    help_links = {"lead": 'Hurting "now"?', "link": 'get-help/" onclick="x', "link_text": "Help & more", "lines": ["A"]}
    config = {"extra": {"help": help_links}, "copyright": "Text & <b>code</b>"}
    html = env.get_template("partials/copyright.html").render(config=config)
    assert 'href="get-help/&#34; onclick=&#34;x"' in html
    assert "Help &amp; more" in html and "Text &amp; &lt;b&gt;code&lt;/b&gt;" in html
    # help.now and help.bar are HTML that kb.helplines builds with autoescape from validated data.
    for path in sorted(path for folder in templates for path in folder.rglob("*.html")):
        for expression in re.findall(r"\{\{(.*?)\}\}", path.read_text()):
            if re.search(r"\b(help\.(?!now|bar)|config\.(copyright|site_name|site_url|site_description))", expression):
                assert re.search(r"\|\s*e\s*$", expression), f"{path.name}: {{{{{expression}}}}} is not escaped"
