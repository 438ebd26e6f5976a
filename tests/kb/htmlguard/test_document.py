"""The parser's view of a page: where content starts and ends, sections, scripts as written."""

from kb.htmlguard.document import parse

PAGE = """<!doctype html>
<html><head>
<meta charset="utf-8"><title>t</title>
<script>var a = "&amp;";</script>
<script type="application/ld+json">{"a": 1}</script>
<script type="module">m()</script>
<script src="x.js"></script>
</head><body>
<p class="outside">before</p>
<article class="md-content__inner md-typeset">
  <h2 id="first">One</h2>
  <div class="box"><p>inside <em>first</em></p></div>
  <h2 id="second">Two</h2><p>x</p>
</article>
<p>after</p>
</body></html>"""


def test_content_sections_and_classes() -> None:
    doc = parse(PAGE, "md-content__inner")
    inside = [(e.tag, e.section) for e in doc.elements if e.in_content]
    assert inside == [
        ("h2", "first"),
        ("div", "first"),
        ("p", "first"),
        ("em", "first"),
        ("h2", "second"),
        ("p", "second"),
    ]
    em = next(e for e in doc.elements if e.tag == "em")
    assert {"box", "md-content__inner"} <= em.classes
    assert [e.in_content for e in doc.elements if e.tag == "p"] == [False, True, True, False]


def test_scripts_that_run_are_kept_exactly_as_written() -> None:
    doc = parse(PAGE, "md-content__inner")
    assert [s.text for s in doc.scripts] == ['var a = "&amp;";', "m()"]


def test_the_policy_goes_right_after_the_charset() -> None:
    doc = parse(PAGE, "md-content__inner")
    assert PAGE[: doc.head_insert].endswith('<meta charset="utf-8">')
    bare = "<html><head><title>t</title></head></html>"
    assert bare[: parse(bare, "c").head_insert].endswith("<head>")
