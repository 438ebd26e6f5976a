"""The Content-Security-Policy of one page, written as a <meta http-equiv> tag early in its head.

Scripts come only from the site's own files plus the hashes of the theme's inline scripts on
that page; no other origin serves anything. A meta policy cannot carry frame-ancestors or
report-uri, so neither appears. Chromium lets 'self' match file: URLs when the page itself is
a file: URL, so the same policy serves the offline copy opened from disk.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable

# Material styles itself from files and sets style properties from its script (CSSOM), which
# a policy never blocks, so style-src needs no 'unsafe-inline'. Its icons are data: SVG images
# referenced from its stylesheet, hence data: for images only. Search runs in a worker from the
# site's own files; the offline copy runs it in a same-origin iframe instead.
DIRECTIVES = (
    ("default-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("frame-src", "'self'"),
    ("child-src", "'self'"),
    ("manifest-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)


def script_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(inline_scripts: Iterable[str], live_reload: bool = False) -> str:
    """``live_reload`` is for ``mkdocs serve`` only: its reload script differs on every request, so no
    hash can allow it; the local preview then allows inline script and nothing else changes."""
    hashes = sorted({script_hash(text) for text in inline_scripts})
    script_src = " ".join(["'self'", "'unsafe-inline'"] if live_reload else ["'self'", *hashes])
    return "; ".join([f"script-src {script_src}", *(f"{name} {value}" for name, value in DIRECTIVES)])


def meta_tag(value: str) -> str:
    # The value holds only keywords and base64 hashes: nothing that needs escaping in an attribute.
    return f'<meta http-equiv="Content-Security-Policy" content="{value}">'


def with_policy(html: str, offset: int, value: str) -> str:
    """The page with the policy tag at ``offset``, on the same line so no line number moves."""
    return f"{html[:offset]}{meta_tag(value)}{html[offset:]}"
