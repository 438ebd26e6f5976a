"""extra.help.link names a page by its Markdown path; the build turns it into that page's URL."""

from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from kb.adapters import page_links


def config(link: str, directory_urls: bool = True) -> SimpleNamespace:
    return SimpleNamespace(extra={"help": {"link": link}}, use_directory_urls=directory_urls)


def files(directory_urls: bool) -> Files:
    return Files([File("get-help.md", src_dir="/docs", dest_dir="/site", use_directory_urls=directory_urls)])


@pytest.mark.parametrize(("directory_urls", "url"), [(True, "get-help/"), (False, "get-help.html")])
def test_markdown_path_becomes_the_page_url(directory_urls: bool, url: str) -> None:
    settings = config("get-help.md", directory_urls)
    page_links.on_files(files(directory_urls), settings)
    assert settings.extra["help"]["link"] == url


def test_missing_page_stops_the_build_with_a_hint() -> None:
    with pytest.raises(PluginError, match=r"extra.help.link: no page 'get-hepl.md' in docs/ \(hint: "):
        page_links.on_files(files(True), config("get-hepl.md"))
