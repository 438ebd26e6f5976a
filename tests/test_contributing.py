"""The authors' guide documents every field the schemas accept."""

import json
import re

from kb.schemas import KINDS, SCHEMA_DIR

from .conftest import ROOT


def entry_fields(kind: str) -> set[str]:
    schema = json.loads((SCHEMA_DIR / KINDS[kind]).read_text())
    if kind == "principle":
        return set(schema["properties"])
    return set(schema["properties"][kind]["items"]["properties"])


def test_every_schema_field_is_in_the_guide() -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text()
    documented = set(re.findall(r"^\| `([a-z_]+)`", guide, re.MULTILINE))
    documented |= set(re.findall(r"`([a-z_]+)`", guide))
    missing = {f"{kind}.{field}" for kind in KINDS for field in entry_fields(kind) if field not in documented}
    assert missing == set()
