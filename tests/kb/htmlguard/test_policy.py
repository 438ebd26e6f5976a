"""The policy string and where it goes."""

import base64
import hashlib

from kb.htmlguard.policy import policy, script_hash, with_policy


def test_hashes_of_the_given_scripts_and_nothing_inline() -> None:
    value = policy(["a()", "b()", "a()"])
    directives = dict(part.split(" ", 1) for part in value.split("; "))
    expected = base64.b64encode(hashlib.sha256(b"a()").digest()).decode()
    assert f"'sha256-{expected}'" in directives["script-src"].split()
    assert len(directives["script-src"].split()) == 3  # 'self' and two distinct hashes
    assert "unsafe-inline" not in value and "unsafe-eval" not in value
    assert directives["object-src"] == "'none'"
    assert directives["img-src"] == "'self' data:"
    assert directives["style-src"] == "'self'"
    assert script_hash("é") == f"'sha256-{base64.b64encode(hashlib.sha256('é'.encode()).digest()).decode()}'"


def test_inserted_on_the_same_line() -> None:
    html = '<head><meta charset="utf-8">\n<title>t</title>'
    out = with_policy(html, len('<head><meta charset="utf-8">'), "default-src 'self'")
    assert out.count("\n") == 1
    assert out.startswith('<head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy"')


def test_live_reload_preview_allows_inline_script_and_keeps_the_rest() -> None:
    preview = dict(part.split(" ", 1) for part in policy(["a()"], live_reload=True).split("; "))
    built = dict(part.split(" ", 1) for part in policy(["a()"]).split("; "))
    assert preview["script-src"] == "'self' 'unsafe-inline'"
    assert {k: v for k, v in preview.items() if k != "script-src"} == {
        k: v for k, v in built.items() if k != "script-src"
    }
