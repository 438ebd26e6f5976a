import pytest

from kb.problems import ContentError
from kb.settings import LABELS, Settings


def test_reads_labels_and_folders() -> None:
    labels = {name: name.upper() for name in LABELS}
    settings = Settings.from_config({"faq_dir": "questions", "labels": labels})
    assert settings.faq_dir == "questions"
    assert settings.labels["do"] == "DO"


def test_missing_labels_and_unknown_settings_are_reported() -> None:
    labels = {name: "x" for name in LABELS if name != "avoid"}
    with pytest.raises(ContentError) as error:
        Settings.from_config({"labels": labels, "faq_folder": "q"}, "site.yml")
    lines = str(error.value).splitlines()
    assert lines == [
        "site.yml: field 'extra.kb.faq_folder': unknown setting 'faq_folder' "
        "(hint: known settings: faq_dir, glossary_page, labels, principles_dir, scenarios_dir)",
        "site.yml: field 'extra.kb.labels.avoid': missing label 'avoid' "
        "(hint: add 'extra: kb: labels: avoid: ...' to site.yml)",
    ]
