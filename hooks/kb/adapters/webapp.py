"""MkDocs hook: an installable site that opens with no network (kb/webapp/).

After the build it draws the app icons from the theme's logo, writes the web app manifest and a
service worker that keeps every page, the search index and the tools. Each page links the manifest
and loads assets/install.js, which registers the worker. Off under `mkdocs serve` (pages change
on every edit) and in the OFFLINE=true build, which already works from file:// and where a
service worker cannot run.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from kb.webapp.icon import IconError, draw
from kb.webapp.manifest import kept_files, manifest, primary_colour, version, worker_script

INSTALL = "assets/install.js"
ICONS = {"assets/icons/app-192.png": 192, "assets/icons/app-512.png": 512, "assets/icons/app-maskable-512.png": 512}
WHITE = (255, 255, 255)

_serving = False
_enabled = False
_not_found = "/"  # where the 404 page finds the manifest
_colour = "#ffffff"  # the theme's primary colour: the icons' background and the browser's bar


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _enabled, _colour, _not_found
    offline = config.plugins.get("material/offline")
    _enabled = not _serving and not (offline is not None and offline.config.enabled)
    if _enabled and INSTALL not in [str(script) for script in config.extra_javascript]:
        script = ExtraScriptValue(INSTALL)
        script.defer = True  # registering the worker can wait until the page is read
        config.extra_javascript.append(script)
    _colour = _theme_colour(config) or _colour
    _not_found = (urlsplit(config.site_url or "").path or "/").rstrip("/") + "/"
    return config


def _theme_colour(config: MkDocsConfig) -> str | None:
    palettes = config.theme.get("palette") or []
    names = [p.get("primary") for p in (palettes if isinstance(palettes, list) else [palettes]) if p.get("primary")]
    for folder in config.theme.dirs:
        for css in sorted(Path(folder).glob("assets/stylesheets/palette.*.min.css")):
            if names and (found := primary_colour(css.read_text(encoding="utf-8"), names[0])):
                return found
    return None


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _link_manifest(output, "../" * page.url.count("/"))


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # The 404 page is served at any address, so it links the manifest from the site's own path.
    return _link_manifest(output_content, _not_found) if template_name == "404.html" else output_content


def _link_manifest(html: str, root: str) -> str:
    if not _enabled or "</head>" not in html:
        return html
    tags = f'<link rel="manifest" href="{root}manifest.webmanifest"><meta name="theme-color" content="{_colour}">'
    return html.replace("</head>", tags + "</head>", 1)


@event_priority(-150)  # after the search index and its worker are written, before the page audit
def on_post_build(config: MkDocsConfig) -> None:
    if not _enabled:
        return
    site = Path(config.site_dir)
    logo = _logo(config)
    try:
        for src, size in ICONS.items():
            share = 0.5 if "maskable" in src else 0.62  # a maskable icon keeps clear of the round crop
            (site / src).parent.mkdir(parents=True, exist_ok=True)
            (site / src).write_bytes(draw(logo, size, WHITE, _rgb(_colour), share))
    except IconError as error:
        raise PluginError(f"{config.config_file_path}: theme.icon.logo: {error}") from None
    (site / "manifest.webmanifest").write_text(
        manifest(config.site_name, config.site_description or "", _colour, ICONS), encoding="utf-8"
    )
    files = kept_files(site)
    (site / "sw.js").write_text(worker_script(files, version(site, files)), encoding="utf-8")


def _logo(config: MkDocsConfig) -> str:
    """The logo's SVG: the theme icon named in theme.icon.logo, found in the theme's icon folders."""
    name = (config.theme.get("icon") or {}).get("logo") or "material/library"
    for folder in config.theme.dirs:
        path = Path(folder) / ".icons" / f"{name}.svg"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise PluginError(f"{config.config_file_path}: theme.icon.logo: no icon '{name}' in the theme")


def _rgb(colour: str) -> tuple[int, int, int]:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))
