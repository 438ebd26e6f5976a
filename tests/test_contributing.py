"""The authors' guide documents every field the schemas accept."""

import json
import re

from kb.kinds import KINDS
from kb.schemas import SCHEMA_DIR

from .conftest import ROOT


def fields(schema: object) -> set[str]:
    """Every property name declared anywhere in a schema, except the top-level kind key."""
    if isinstance(schema, list):
        return {name for item in schema for name in fields(item)}
    if not isinstance(schema, dict):
        return set()
    names = set(schema.get("properties", {}))
    return names | {name for value in schema.values() for name in fields(value)}


def entry_fields(kind: str) -> set[str]:
    return fields(json.loads((SCHEMA_DIR / KINDS[kind].schema).read_text())) - {kind}


def test_every_schema_field_is_in_the_guide() -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text()
    documented = set(re.findall(r"^\| `([a-z_]+)`", guide, re.MULTILINE))
    documented |= set(re.findall(r"`([a-z_]+)`", guide))
    missing = {f"{kind}.{field}" for kind in KINDS for field in entry_fields(kind) if field not in documented}
    assert missing == set()
