"""Markdown that would run script in a reader's browser without any raw HTML tag.

Raw tags are caught elsewhere (``schemas.find_html``). Markdown itself can still produce
script: a link or image whose address is a ``javascript:`` URL, or an attribute list
(``{: onclick=... }``) that sets an event handler or an address.
"""

from __future__ import annotations

import html
import re

# Link and image destinations: inline '](dest', and reference definitions '[id]: dest'.
_INLINE_DEST = re.compile(r"\]\(([^)]*)")
_REFERENCE_DEST = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*(\S+)", re.MULTILINE)
# Attribute lists of the attr_list extension: '{: ... }' or '{ ... }'.
_ATTR_LIST = re.compile(r"\{:?([^{}]*)\}")
_RISKY_ATTRIBUTE = re.compile(r"(?:^|[\s\"'])((?:on\w+|href|src|srcdoc|action|formaction)\s*=)", re.IGNORECASE)
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
# Browsers decode entities in attributes and drop ASCII whitespace and controls inside URLs.
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20]+")


def find_script(text: str) -> str | None:
    """A short description of the first construct that could run script, or None."""
    for match in _ATTR_LIST.finditer(text):
        if risky := _RISKY_ATTRIBUTE.search(match.group(1)):
            return f"an attribute list that sets '{risky.group(1).rstrip('= ')}'"
    for pattern in (_INLINE_DEST, _REFERENCE_DEST):
        for match in pattern.finditer(text):
            if url := script_url(match.group(1)):
                return f"a script link ('{url[:30]}')"
    return None


def script_url(destination: str) -> str | None:
    """The normalised URL if a link destination would run script when followed, else None."""
    url = _IGNORED_IN_URLS.sub("", html.unescape(destination)).lstrip("<").lower()
    return url if url.startswith(_SCRIPT_SCHEMES) else None
