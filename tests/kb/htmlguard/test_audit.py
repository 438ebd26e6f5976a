"""Each audit rule, on a small page: what it refuses and what it leaves alone."""

import pytest

from kb.htmlguard.audit import audit
from kb.htmlguard.document import parse

POLICY = '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'">'
ORIGIN = "https://unsent.example.org"


def findings(body: str, head: str = POLICY, knows: tuple[str, ...] = ("theme()",)) -> list[str]:
    page = f'<html><head><meta charset="utf-8">{head}</head><body><header><a href="/">x</a></header>'
    page += f'<article class="md-content__inner md-typeset">{body}</article><script>theme()</script></body></html>'
    return [f.message for f in audit(parse(page, "md-content__inner"), lambda text: text in knows, ORIGIN)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('<p onclick="x()">a</p>', "event-handler attribute 'onclick'"),
        ("<svg><path ONLOAD=x()></path></svg>", "event-handler attribute 'onload'"),
        ('<a href="javascript:x()">a</a>', "script or data address in 'href'"),
        ('<a href=" java&#115;cr&#x69;pt:x()">a</a>', "script or data address"),
        ('<a href="java\tscript:x()">a</a>', "script or data address"),
        ('<a href="\x01javascript:x()">a</a>', "script or data address"),
        ('<a href="VBScript:x">a</a>', "script or data address"),
        ('<a href="data:text/html,hi">a</a>', "script or data address"),
        ('<img src="a.png" srcset="b.png 1x, javascript:x 2x" alt="">', "script or data address in 'srcset'"),
        ('<form action="javascript:x()"></form>', "script or data address in 'action'"),
        ('<button formaction="javascript:x()">b</button>', "script or data address in 'formaction'"),
        ('<img src="https://tracker.example/p.gif" alt="">', "loads 'https://tracker.example/p.gif' from another site"),
        ('<img src="//tracker.example/p.gif" alt="">', "from another site"),
        ('<img src="/\\tracker.example/p.gif" alt="">', "from another site"),
        ('<form action="https://collect.example/">', "sends what a reader types to another site"),
        ('<iframe src="/x"></iframe>', "<iframe> element"),
        ('<object data="x.swf"></object>', "<object> element"),
        ('<base href="https://evil.example/">', "<base> element"),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "meta refresh"),
        ('<abbr title="&lt;img src=x onerror=y()&gt;">w</abbr>', "markup in the title of <abbr>"),
        ("<script>theme()</script>", "a <script> element in the page content"),
        ("<script>evil()</script>", "an inline script the theme did not write ('evil()')"),
        ('<p style="position:fixed;inset:0">x</p>', "a style attribute on <p>"),
        ('<div class="md-overlay">x</div>', "the theme's class 'md-overlay'"),
        ("<video></video>", "a <video> element in the page content"),
        ('<a href="x" target="_blank">a</a>', "an attribute 'target' on <a>"),
        ('<p data-md-component="dialog">x</p>', "an attribute 'data-md-component'"),
    ],
)
def test_refused(body: str, expected: str) -> None:
    assert any(expected in message for message in findings(body)), findings(body)


@pytest.mark.parametrize(
    "body",
    [
        '<p><a href="https://findahelpline.com/">a help line elsewhere</a> <a href="tel:988">988</a></p>',
        '<p><a href="../faq/#x">a</a> <a href="mailto:a@example.org">m</a> <img src="../a.png" alt=""></p>',
        f'<img src="{ORIGIN}/a.png" alt=""><form action="{ORIGIN}/" method="get"><input name="q"></form>',
        '<div class="admonition warning" data-rules="checker/rules.js"><p class="md-button">x</p></div>',
        '<abbr title="Not texting them for a while &amp; healing; 3 &lt; 4">NC</abbr>',
        '<table><tr><th scope="col" align="left">a</th></tr></table><details open><summary>s</summary></details>',
        '<span class="twemoji"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M1"/></svg></span>',
        '<p title="plain words">x</p>',
    ],
)
def test_left_alone(body: str) -> None:
    assert findings(body) == []


def test_a_link_to_another_site_in_the_head_is_not_a_resource() -> None:
    head = POLICY + '<link rel="canonical" href="https://elsewhere.example/a/">'
    assert findings("<p>x</p>", head=head) == []
    head = POLICY + '<link rel="stylesheet" href="https://cdn.example/a.css">'
    assert findings("<p>x</p>", head=head) == ["<link> loads 'https://cdn.example/a.css' from another site"]


def test_a_page_without_a_policy_is_reported() -> None:
    assert findings("<p>x</p>", head="") == ["no Content-Security-Policy meta tag in the head"]
    assert "no Content-Security-Policy" in findings("<p>x</p>", head="")[0]
    assert findings(POLICY, head="") == [
        "a <meta> element in the page content",
        "no Content-Security-Policy meta tag in the head",
    ], "a policy inside the content does not count"


@pytest.mark.parametrize(
    "hidden",
    [
        "<!-- a comment a browser ends here --!><img src=x onerror=y()><!-- -->",
        "<!--->" + "<img src=x onerror=y()>",
        "<![CDATA[ ends at the first > <img src=x onerror=y()> ]]>",
        "<svg><style><img src=x onerror=y()></style></svg>",
        "<title><img src=x onerror=y()></title>",
        '<p title="x"title2=">"/onerror=y()>x</p>',
    ],
)
def test_markup_a_browser_reads_outside_the_content_is_read_too(hidden: str) -> None:
    assert any("event-handler attribute 'onerror'" in message for message in findings("<p>x</p>", POLICY + hidden))


def test_of_two_attributes_of_one_name_the_first_counts_as_in_a_browser() -> None:
    script = '<script type="module" type="application/json">evil()</script>'
    assert findings("<p>x</p>", POLICY + script) == ["an inline script the theme did not write ('evil()')"]
