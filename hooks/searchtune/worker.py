"""Put the query clean-up script (query_words.js) in front of Material's search worker."""

from __future__ import annotations

from pathlib import Path

SCRIPT = Path(__file__).with_name("query_words.js")
WORKERS = Path("assets", "javascripts", "workers")


def with_query_words(worker: str) -> str:
    """The worker's code with the clean-up script first; unchanged if it is already there."""
    script = SCRIPT.read_text(encoding="utf-8")
    return worker if worker.startswith(script) else script + worker


def find_worker(site_dir: Path) -> Path:
    """Material's search worker in a built site (its name carries a content hash)."""
    found = sorted((site_dir / WORKERS).glob("search.*.min.js"))
    if len(found) != 1:
        raise FileNotFoundError(f"expected one search worker in {WORKERS}, found {len(found)}")
    return found[0]
