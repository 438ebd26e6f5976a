"""Only the theme's own inline scripts are recognised; a filled-in value cannot break out."""

import re
from pathlib import Path

import material

from kb.htmlguard.theme import ThemeScripts


def test_scripts_from_templates(tmp_path: Path) -> None:
    (tmp_path / "partials").mkdir()
    (tmp_path / "base.html").write_text('<script>go(new URL("{{ base_url }}", location))</script>{# c #}')
    (tmp_path / "partials" / "x.html").write_text("<script>{% if a %}one(){% endif %}</script><script>two()</script>")
    theme = ThemeScripts.from_dirs([tmp_path])
    assert theme.knows('go(new URL("../..", location))')
    assert theme.knows("two()")
    assert not theme.knows('go(new URL("x"),alert(1),("", location))')
    assert not theme.knows("one()"), "a script built by template logic is never trusted"
    assert not theme.knows("two();evil()")


def test_material_scope_script_at_any_depth() -> None:
    templates = Path(material.__file__).parent / "templates"
    theme = ThemeScripts.from_dirs([templates])
    source = (templates / "partials" / "javascripts" / "base.html").read_text()
    script = re.search(r"<script>(.*?)</script>", source, re.DOTALL).group(1)
    for base in ("/", ".", "../..", "https://example.org/unsent/"):
        assert theme.knows(script.replace("{{ config.extra.scope | d(base_url) }}", base))
    assert not theme.knows(script.replace("{{ config.extra.scope | d(base_url) }}", '",alert(1),"'))
