"""Text that would become markup, script or a foreign resource once Markdown and the browser read it.

Every text field is checked by ``find_unsafe``; one-line plain fields also by ``find_brace``.
Each returns a short description ("raw HTML ('<img')") or None.
Entities count as what they decode to: Material's tooltips insert a title attribute as HTML,
and a browser decodes entities in attributes, so ``&lt;b&gt;`` in a definition is markup.
"""

from __future__ import annotations

import html
import re

# A tag, comment, doctype or processing instruction: anything a browser would treat as markup.
_HTML = re.compile(r"<\s*(/?\s*[a-zA-Z][\w:-]*|!|\?)")
# Link and image destinations: inline '](dest' and reference definitions '[id]: dest', whose
# address may sit on the next line and whose label may span lines (as Python-Markdown reads them).
_INLINE_DEST = re.compile(r"\]\(([^)]*)")
_REFERENCE_DEF = re.compile(r"^[ \t]*\[([^\[\]]*)\]:\s*(\S+)", re.MULTILINE)
_INLINE_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]*)")
_REFERENCE_IMAGE = re.compile(r"!\[([^\]]*)\](?:\[([^\]]*)\])?")
# An attribute list (attr_list) runs from '{' to the end of its line when it is not closed,
# and quoted values may hold braces, so everything after a '{' on its line is read.
_AFTER_BRACE = re.compile(r"\{([^\n]*)")
_RISKY_ATTRIBUTE = re.compile(
    r"(?:^|[\s\"'{:])((?:on\w+|style|href|src|srcdoc|srcset|action|formaction|xlink:href|data-md-[\w-]*)\s*=)",
    re.IGNORECASE,
)
_THEME_CLASS = re.compile(r"(?:^|[\s\"'{:.=])\.?(md-[\w-]+)")
_SNIPPET = re.compile(r"-+8<-+")  # pymdownx.snippets: pulls another file's text into the page
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
# Browsers drop ASCII whitespace and controls inside URLs; Markdown drops backslash escapes.
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20]+")
_MARKDOWN_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")


def find_html(text: str) -> str | None:
    """The start of the first tag in the text or in what its entities decode to, or None."""
    for candidate in (text, html.unescape(text)):
        if match := _HTML.search(candidate):
            return candidate[match.start() : match.end() + 12].split("\n")[0]
    return None


def find_brace(text: str) -> str | None:
    """For one-line fields, shown as plain text: a '{' there could open an attribute list."""
    return "a '{', which Markdown reads as the start of an attribute list" if "{" in html.unescape(text) else None


def find_unsafe(text: str) -> str | None:
    """Markup, script, foreign images, theme look-alikes or file includes in any text field."""
    if found := find_html(text):
        return f"raw HTML ('{found}')"
    if _SNIPPET.search(text):
        return "a snippet include ('--8<--'), which would copy another file into the page"
    for match in _AFTER_BRACE.finditer(html.unescape(text)):
        if risky := _RISKY_ATTRIBUTE.search(match.group(1)):
            return f"an attribute list that sets '{risky.group(1).rstrip('= ')}'"
        if theme := _THEME_CLASS.search(match.group(1)):
            return f"an attribute list that sets the theme's class '{theme.group(1)}'"
    definitions = {label.strip().lower(): url for label, url in _REFERENCE_DEF.findall(text)}
    for url in [m.group(1) for m in _INLINE_DEST.finditer(text)] + list(definitions.values()):
        if found := script_url(url):
            return f"a script link ('{found[:30]}')"
    images = [m.group(1) for m in _INLINE_IMAGE.finditer(text)]
    images += [definitions.get((ref or alt).strip().lower(), "") for alt, ref in _REFERENCE_IMAGE.findall(text)]
    if foreign := next((url for url in images if is_foreign(url)), None):
        return f"an image from another site ('{foreign[:40]}')"
    return None


def script_url(destination: str) -> str | None:
    """The normalised URL if a link destination would run script when followed, else None."""
    url = _normalise(destination)
    return url if url.startswith(_SCRIPT_SCHEMES) else None


def is_foreign(destination: str) -> bool:
    """True for an address on another site: any scheme, or a protocol-relative '//host'."""
    url = _normalise(destination)
    return bool(re.match(r"[a-z][a-z0-9+.-]*:", url)) or url.startswith(("//", "\\\\", "/\\", "\\/"))


def _normalise(destination: str) -> str:
    url = _IGNORED_IN_URLS.sub("", html.unescape(destination)).lstrip("<").lower()
    return _MARKDOWN_ESCAPE.sub("", url)
