"""Search tuning: hidden synonym fields, weights and the worker script, on small indexes and a real build."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kb.problems import ContentError
from kb.searchtune import TEXT_SYNONYMS, TITLE_SYNONYMS, Tuning, compile_groups, lazy, tune
from kb.searchtune.synonyms import _has_whole, load_groups, plain
from kb.searchtune.worker import CONFIG, SCRIPT, hashed_name, point_config_at, with_query_words

from .conftest import ROOT, run_build

GROUPS = compile_groups([{"words": ["watering can", "can", "sprinkler"]}, {"words": ["pot", "planter", "container"]}])


def index(*docs: dict[str, Any]) -> dict[str, Any]:
    fields = {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}}
    return {"config": {"lang": ["en"], "fields": fields}, "docs": list(docs)}


def test_synonyms_go_into_hidden_fields_and_leave_what_readers_see_alone() -> None:
    doc = {"location": "faq/water/#daily", "title": "Pick a <code>Planter</code>", "text": "<p>Use a sprinkler.</p>"}
    others = [{"location": f"other{i}/", "title": "", "text": ""} for i in range(2)]
    tuned = tune(index(doc, *others), Tuning(GROUPS))["docs"][0]
    assert tuned[TITLE_SYNONYMS] == "pot container"
    assert tuned[TEXT_SYNONYMS] == "watering can can"
    assert {key: tuned[key] for key in doc} == doc


def test_a_plural_uses_the_group_and_the_whole_word_is_still_added() -> None:
    tuned = tune(index({"location": "a/", "title": "Pots and planters", "text": ""}), Tuning(GROUPS))["docs"][0]
    assert tuned[TITLE_SYNONYMS] == "pot planter container"


def test_words_are_matched_whole_and_entries_without_them_get_nothing() -> None:
    doc = {"location": "a/", "title": "Potting mix", "text": "<p>A cannister of spotless soil.</p>"}
    assert tune(index(doc), Tuning(GROUPS))["docs"][0] == doc


@settings(max_examples=500, deadline=None)
@given(st.text("abes _é1-'", max_size=12), st.text("abes é'", min_size=1, max_size=3), st.booleans())
@example("the pot's boxes", "box", True)
def test_a_whole_word_is_found_as_the_pattern_finds_it(text: str, word: str, plural: bool) -> None:
    # str.find with the pattern's rules, instead of a pattern compiled for every phrase: the same answer.
    pattern = re.compile(rf"(?<!\w){re.escape(word)}{'(?:e?s)?' if plural else ''}(?!\w)")
    assert _has_whole(text, word, plural) == bool(pattern.search(text))


def test_a_group_on_most_pages_is_kept_out_of_bodies_but_not_headings() -> None:
    docs = [{"location": f"p{i}/", "title": "Sprinkler" if i == 0 else "Other", "text": "A pot."} for i in range(3)]
    tuned = tune(index(*docs), Tuning(GROUPS))["docs"]
    assert all(TEXT_SYNONYMS not in doc for doc in tuned)
    assert tuned[0][TITLE_SYNONYMS] == "watering can can"


def test_the_hidden_fields_are_indexed_with_their_weights() -> None:
    fields = tune(index(), Tuning(fields={"tags": 50, TEXT_SYNONYMS: 0.25}))["config"]["fields"]
    assert fields["tags"] == {"boost": 50.0}
    assert fields[TEXT_SYNONYMS] == {"boost": 0.25}
    assert fields[TITLE_SYNONYMS]["boost"] > 0
    assert fields["title"] == {"boost": 1000.0}


def test_tags_stay_on_the_page_entry_only() -> None:
    page = {"location": "faq/water/", "title": "Water", "text": "", "tags": ["water"]}
    section = {**page, "location": "faq/water/#daily"}
    tuned = tune(index(page, section), Tuning())["docs"]
    assert tuned[0]["tags"] == ["water"]
    assert "tags" not in tuned[1]


def test_the_first_matching_pattern_sets_the_weight_in_either_url_style() -> None:
    tuning = Tuning(weights=[("faq/#*", 0.5), ("faq/*#*", 3.0)])
    docs = [
        {"location": "faq/#water", "title": "", "text": ""},
        {"location": "faq/water/#daily", "title": "", "text": "", "boost": 2.0},
        {"location": "faq/water.html#daily", "title": "", "text": ""},
        {"location": "faq/index.html#water", "title": "", "text": ""},
        {"location": "principles/water/", "title": "", "text": ""},
    ]
    boosts = [doc.get("boost") for doc in tune(index(*docs), tuning)["docs"]]
    assert boosts == [0.5, 6.0, 3.0, 0.5, None]


def test_the_query_script_goes_in_front_of_the_worker_once() -> None:
    worker = "addEventListener('message', handle)"
    patched = with_query_words(worker + "\n//# sourceMappingURL=search.1234abcd.min.js.map\n")
    assert patched.startswith(SCRIPT.read_text()) and patched.endswith(worker + "\n")  # the stale map link is gone
    assert with_query_words(patched) == patched


def page_naming(worker: str) -> str:
    config = json.dumps({"base": "../..", "search": f"../../assets/javascripts/workers/{worker}", "tags": None})
    return f'<head></head><body><script id="__config" type="application/json">{config}</script></body>'


def test_the_page_config_names_the_new_worker_and_nothing_else_changes() -> None:
    page = page_naming("search.a7633da7.min.js")
    renamed = point_config_at(page, "search.a7633da7.min.js", "search.0f0f0f0f.min.js")
    assert renamed == page.replace("a7633da7", "0f0f0f0f")
    assert point_config_at(renamed, "search.a7633da7.min.js", "search.0f0f0f0f.min.js") == renamed
    assert point_config_at("<p>No theme config</p>", "a", "b") == "<p>No theme config</p>"


def test_a_page_naming_an_unknown_worker_is_an_error() -> None:
    with pytest.raises(ValueError, match=re.escape("search.99999999.min.js")):
        point_config_at(page_naming("search.99999999.min.js"), "search.a7633da7.min.js", "search.0f0f0f0f.min.js")


def test_the_worker_name_follows_its_content() -> None:
    assert hashed_name("a") != hashed_name("b")
    assert re.fullmatch(r"search\.[0-9a-f]{8}\.min\.js", hashed_name("a"))


def named_worker(html: str) -> str:
    match = CONFIG.search(html)
    assert match, "no theme config in the page"
    return json.loads(match.group(1))["search"]


def test_every_page_points_at_the_loader_of_the_tuned_worker_both_under_hashed_names(built_site: Path) -> None:
    """A year-long cache of hashed files can never serve an untuned worker under the same name."""
    pages = [*built_site.rglob("*.html")]
    names = {Path(named_worker(page.read_text())).name for page in pages}
    assert len(names) == 1, names
    (loader_name,) = names
    workers = built_site / "assets/javascripts/workers"
    [name] = {p.name for p in workers.iterdir()} - {loader_name}  # Material's worker and its map are gone
    code = (workers / name).read_text()
    assert code.startswith(SCRIPT.read_text())
    assert name == hashed_name(code)
    assert (loader_name, (workers / loader_name).read_text()) == lazy.loader(name)
    assert {built_site / "index.html", built_site / "404.html", built_site / "faq/index.html"} <= set(pages)


def test_the_index_every_page_fetches_holds_settings_only_and_names_the_first_and_full_ones(built_site: Path) -> None:
    """What Material fetches on each page view is a few hundred bytes; both indexes wait for a search."""
    path = built_site / lazy.INDEX
    data = json.loads(path.read_text())
    assert data["docs"] == [] and path.stat().st_size < 1000
    settings = {key: value for key, value in data["config"].items() if key not in ("first", "full")}
    full, first = lazy.full_index(built_site), path.with_name(data["config"]["first"])
    for index, name in ((full, data["config"]["full"]), (first, data["config"]["first"])):
        assert index.name == name == f"search_index.{hashlib.sha256(index.read_bytes()).hexdigest()[:8]}.json"
        assert json.loads(index.read_text())["config"] == settings


def test_the_first_index_has_every_entry_with_its_title_and_tags_only(built_site: Path) -> None:
    """It answers the first search after one small request; the full index then takes over."""
    path = built_site / lazy.INDEX
    first = json.loads(path.with_name(json.loads(path.read_text())["config"]["first"]).read_text())["docs"]
    full = json.loads(lazy.full_index(built_site).read_text())["docs"]
    assert [doc["location"] for doc in first] == [doc["location"] for doc in full]
    assert all(doc["text"] == "" and set(doc) <= {"location", "title", "tags", "boost", "text"} for doc in first)
    assert [doc["title"] for doc in first] == [doc["title"] for doc in full]
    assert len(path.with_name(json.loads(path.read_text())["config"]["first"]).read_bytes()) < 0.2 * len(
        lazy.full_index(built_site).read_bytes()
    )


def test_the_built_site_ships_a_tuned_index_and_no_synonyms_file(built_site: Path) -> None:
    data = json.loads(lazy.full_index(built_site).read_text())
    assert TITLE_SYNONYMS in data["config"]["fields"]
    docs = {doc["location"]: doc for doc in data["docs"]}
    assert any(TITLE_SYNONYMS in doc for doc in docs.values())
    assert not [doc for location, doc in docs.items() if "#" in location and "tags" in doc]
    assert not list(built_site.rglob("*.yml"))


def test_a_question_result_previews_its_short_answer(built_site: Path) -> None:
    docs = json.loads(lazy.full_index(built_site).read_text())["docs"]
    texts = {doc["location"]: plain(doc["text"]) for doc in docs}
    faqs = [
        faq for path in (ROOT / "docs/faq").glob("*.yml") for faq in yaml.safe_load(path.read_text()).get("faqs", [])
    ]
    assert faqs
    wrong = [
        faq["id"]
        for faq in faqs
        if not texts[f"faq/{faq['topic']}/#{faq['id']}"].startswith(plain(faq["short_answer"]))
    ]
    assert wrong == []


def _with_tuning(plants: Path, synonyms: str) -> Path:
    config = plants / "mkdocs.yml"
    hook = ROOT / "hooks/kb/adapters/search_tuning.py"
    text = config.read_text().replace("hooks:\n", f"hooks:\n  - {hook}\n", 1)
    config.write_text(text.replace("extra:\n", "extra:\n  search_tuning:\n    synonyms: search/synonyms.yml\n", 1))
    (plants / "docs/search").mkdir()
    (plants / "docs/search/synonyms.yml").write_text(synonyms)
    return config


def test_any_site_can_use_it_with_its_own_words(plants: Path, tmp_path: Path) -> None:
    config = _with_tuning(plants, "synonyms:\n  - words: [water, hydrate, soak]\n")
    result = run_build(config, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    docs = json.loads(lazy.full_index(tmp_path / "out").read_text())["docs"]
    assert any("hydrate soak" in doc.get(TITLE_SYNONYMS, "") for doc in docs)


def test_synonyms_are_read_checked_and_compiled_in_one_call(tmp_path: Path) -> None:
    path = tmp_path / "synonyms.yml"
    path.write_text("synonyms:\n  - words: [pot, planter]\n")
    (group,) = load_groups(path, "synonyms.yml", "docs/synonyms.yml")
    assert group.words == ("pot", "planter")
    path.write_text("synonyms:\n  - words:\n      - pot\n      - Planter\n")
    with pytest.raises(ContentError) as error:
        load_groups(path, "synonyms.yml", "docs/synonyms.yml")
    assert str(error.value).startswith("docs/synonyms.yml:4: synonym group #1: field 'words.1'")
    with pytest.raises(ContentError, match="synonyms file not found"):
        load_groups(tmp_path / "none.yml", "none.yml", "docs/none.yml")


def test_a_bad_synonyms_file_stops_the_build_with_one_line(plants: Path, tmp_path: Path) -> None:
    config = _with_tuning(plants, "synonyms:\n  - words: [Water]\n")
    result = run_build(config, tmp_path / "out")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.count("docs/search/synonyms.yml:2: synonym group #1: field 'words.0'") == 1  # one reader
