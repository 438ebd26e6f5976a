"""What a built page may hold, checked element by element on the parsed document.

Everywhere: no event-handler attribute, no script/data URL in any address, no resource
loaded from another site (links to other sites are fine: reading them is the reader's
choice), no meta refresh, no <base>, no inline script the theme did not write, a policy
tag present, and no markup in a title (Material's tooltips insert titles as HTML).
Inside the content: only the elements and attributes that Markdown and the site's own
pages produce.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from kb.htmlguard.document import Document, Element


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


CONTENT_ELEMENTS = _names(
    """a abbr b blockquote br button caption code col colgroup dd del details div dl dt em fieldset figcaption
    figure form h1 h2 h3 h4 h5 h6 hr i img input ins kbd label legend li mark nav ol option p pre q s samp small span
    select strong sub summary sup table tbody td textarea tfoot th thead time tr u ul wbr
    svg path g circle rect ellipse line polygon polyline"""
)
_GLOBAL_ATTRIBUTES = _names("id class title lang dir role hidden tabindex")
_SHAPE = _names("d fill fill-rule clip-rule transform opacity stroke stroke-width")
_GEOMETRY = _SHAPE | _names("cx cy r rx ry x y x1 y1 x2 y2 width height points")
CONTENT_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": _names("href"),
    "img": _names("src alt width height loading decoding"),
    "input": _names(
        "type name value checked placeholder autocomplete required min max step inputmode disabled readonly"
    ),
    "textarea": _names("rows cols name placeholder autocomplete spellcheck maxlength required readonly"),
    "button": _names("type disabled name value"),
    "select": _names("name required disabled"),
    "option": _names("value selected disabled"),
    "fieldset": _names("name disabled"),
    "form": _names("action method autocomplete"),
    "label": _names("for"),
    "td": _names("colspan rowspan align headers"),
    "th": _names("colspan rowspan align scope headers"),
    "col": _names("span"),
    "colgroup": _names("span"),
    "ol": _names("start reversed type"),
    "li": _names("value"),
    "details": _names("open"),
    "time": _names("datetime"),
    "blockquote": _names("cite"),
    "q": _names("cite"),
    "svg": _names("xmlns viewbox width height fill focusable"),
    "path": _SHAPE,
    "g": _SHAPE,
    **{shape: _GEOMETRY for shape in ("circle", "rect", "ellipse", "line", "polygon", "polyline")},
}
# Theme classes content may use; any other md-* class could dress content up as the theme's own
# overlays and dialogs.
THEME_CLASSES = _names("md-button md-button--primary md-tag md-tags md-tag-icon md-visually-hidden md-typeset")

# Attributes that hold an address, and the elements whose addresses a browser loads at once.
URL_ATTRIBUTES = _names(
    "href src action formaction xlink:href poster data background cite ping srcset imagesrcset longdesc manifest "
    "codebase lowsrc dynsrc icon"
)
_LOADS = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "object": ("data",),
    "embed": ("src",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
}
_LOADING_RELS = _names(
    "stylesheet icon preload modulepreload prefetch preconnect dns-prefetch manifest apple-touch-icon mask-icon"
)
_SENDS = {"form": "action", "button": "formaction", "input": "formaction"}
_FORBIDDEN_EVERYWHERE = {
    "base": "changes where every link on the page points",
    "iframe": "embeds another page",
    "frame": "embeds another page",
    "object": "embeds a plugin",
    "embed": "embeds a plugin",
}
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
_MARKUP = re.compile(r"<\s*[a-zA-Z/!?]")
_URL_NOISE = re.compile(r"[\t\n\r]")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))


@dataclass(frozen=True)
class Finding:
    element: Element
    message: str


def audit(
    document: Document, knows_script: Callable[[str], bool], site_origin: str = "", wants_policy: bool = True
) -> list[Finding]:
    """Every problem on one page; ``knows_script`` tells the theme's own inline scripts from others."""
    found = [
        Finding(e, message)
        for e in document.elements
        for message in _findings(e.tag, e.attrs, e.in_content, site_origin)
    ]
    found += [
        Finding(s.element, f"an inline script the theme did not write ('{s.text.strip()[:40]}')")
        for s in document.scripts
        if not knows_script(s.text)
    ]
    if wants_policy and not any(_is_policy(e) and not e.in_content for e in document.elements):
        html = document.elements[0] if document.elements else Element("html", (), 1, False, "", frozenset())
        found.append(Finding(html, "no Content-Security-Policy meta tag in the head"))
    return sorted(found, key=lambda f: f.element.line)


def _is_policy(element: Element) -> bool:
    return element.tag == "meta" and (element.get("http-equiv") or "").lower() == "content-security-policy"


@functools.lru_cache(maxsize=1 << 15)  # a site repeats most of its elements on every page
def _findings(tag: str, attrs: tuple[tuple[str, str], ...], in_content: bool, site_origin: str) -> tuple[str, ...]:
    return tuple(_check(tag, attrs, in_content, site_origin))


def _check(tag: str, attrs: tuple[tuple[str, str], ...], in_content: bool, site_origin: str) -> Iterator[str]:
    named = dict(reversed(attrs))  # a browser keeps the first of two attributes of one name
    if reason := _FORBIDDEN_EVERYWHERE.get(tag):
        yield f"a <{tag}> element, which {reason}"
    if tag == "meta" and named.get("http-equiv", "").lower() == "refresh":
        yield "a meta refresh, which sends the reader to another address"
    rel = set(named.get("rel", "").lower().split())
    loads = set(_LOADS.get(tag, ())) | ({"href"} if tag == "link" and rel & _LOADING_RELS else set())
    for name, value in attrs:
        if name.startswith("on"):
            yield f"an event-handler attribute '{name}' on <{tag}>"
            continue
        if name == "srcdoc":
            yield f"a 'srcdoc' attribute on <{tag}>"
        if name == "title" and _MARKUP.search(value):
            yield f"markup in the title of <{tag}> ('{value[:40]}'); tooltips show titles as HTML"
        if name in URL_ATTRIBUTES:
            for url in _urls(name, value):
                if _is_script_url(url):
                    yield f"a script or data address in '{name}' of <{tag}> ('{url[:40]}')"
                elif name in loads and _is_off_site(url, site_origin):
                    yield f"<{tag}> loads '{url[:60]}' from another site"
                elif _SENDS.get(tag) == name and _is_off_site(url, site_origin):
                    yield f"<{tag}> sends what a reader types to another site ('{url[:60]}')"
    if in_content:
        yield from _check_content(tag, attrs)


def _check_content(tag: str, attrs: tuple[tuple[str, str], ...]) -> Iterator[str]:
    if tag not in CONTENT_ELEMENTS:
        yield f"a <{tag}> element in the page content"
        return
    allowed = CONTENT_ATTRIBUTES.get(tag, frozenset())
    for name, value in attrs:
        if name.startswith("on"):
            continue  # reported above
        if name == "style":
            yield f"a style attribute on <{tag}> in the page content"
        elif name == "class":
            for theme_class in sorted(c for c in value.split() if c.startswith("md-") and c not in THEME_CLASSES):
                yield f"the theme's class '{theme_class}' on <{tag}> in the page content"
        elif not (
            name in _GLOBAL_ATTRIBUTES
            or name in allowed
            or name.startswith("aria-")
            or (name.startswith("data-") and not name.startswith("data-md-"))
        ):
            yield f"an attribute '{name}' on <{tag}> in the page content"


def _urls(name: str, value: str) -> list[str]:
    """The addresses in an attribute, as a browser reads them: entities decoded, tabs and newlines gone."""
    value = _URL_NOISE.sub("", value).strip(_C0_AND_SPACE)
    if name in {"srcset", "imagesrcset"}:
        return [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
    if name == "ping":
        return value.split()
    return [value]


def _is_script_url(url: str) -> bool:
    return url.lower().startswith(_SCRIPT_SCHEMES)


def _is_off_site(url: str, site_origin: str) -> bool:
    """Relative addresses stay on the site; so do absolute ones on the site's own origin."""
    if url.startswith(("//", "\\\\", "/\\", "\\/")):
        return True
    try:
        parts = urlsplit(url)
    except ValueError:
        return True
    if not parts.scheme:
        return False
    return not site_origin or f"{parts.scheme}://{parts.netloc}".lower() != site_origin.lower()
