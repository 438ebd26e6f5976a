"""``python -m benchmarks.bad_input``: bad content and settings through a real ``mkdocs build``.

Each case breaks a copy of the plant-care fixture in one way (issue 11, "Bad input fails
cleanly and fast") and builds it in a child process capped at 2 GB of address space and
30 CPU seconds, forked with MkDocs already imported (tests/support/builds.py). The table
shows the exit status, the problem lines, CPU and wall seconds and the child's peak memory.
The budget is exit 1, one line per problem, no traceback, under 5 CPU seconds and under 500 MB.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.synthetic import ROOT  # also puts the content engine on the path
from tests.kb.test_checker import RULES  # a valid rules file for the plant site
from tests.support import builds

FIXTURE = ROOT / "tests" / "fixtures" / "plants"
CPU_BUDGET = 5.0  # seconds
MEMORY_BUDGET = 500  # MB
_ADDRESS_SPACE = 2 << 30  # a guard: an expanding alias bomb is stopped here, not at the machine's limit
_PROBLEMS = re.compile(r"(\d+) (?:content|setting) problem\(s\):$", re.MULTILINE)


@dataclass(frozen=True)
class Run:
    returncode: int
    stderr: str
    cpu: float  # user + system seconds of the build process
    wall: float
    peak_mb: float  # peak resident memory of the build process

    def problems(self) -> list[str]:
        """The problem lines MkDocs printed, or [] when it printed no count."""
        found = _PROBLEMS.search(self.stderr)
        if not found:
            return []
        return self.stderr[found.end() :].lstrip("\n").splitlines()[: int(found.group(1))]


def copy_plants(dest: Path) -> Path:
    """A copy of the plant-care site with the hooks of this repository, staged builds first as on the real site."""
    shutil.copytree(FIXTURE, dest)
    config = dest / "mkdocs.yml"
    hooks = f"{ROOT / 'hooks/kb/adapters/staged_site.py'}\n  - {ROOT / 'hooks/kb/adapters/kb_pages.py'}"
    text = config.read_text().replace("../../../hooks/kb/adapters/kb_pages.py", hooks)
    config.write_text(text.replace("../../../hooks/", f"{ROOT / 'hooks'}/"))
    return dest


def measured_build(site: Path, site_dir: Path) -> Run:
    """A strict build of ``site`` in a capped child process (one that starts with MkDocs imported)."""
    args = ["build", "--strict", "-f", str(site / "mkdocs.yml"), "-d", str(site_dir)]
    started = time.perf_counter()
    done = builds.mkdocs(args, site, limits=builds.Limits(cpu_seconds=30, address_space=_ADDRESS_SPACE))
    return Run(done.returncode, done.stderr, done.cpu, time.perf_counter() - started, done.peak_mb)


# ---------------------------------------------------------------- the cases: each breaks one thing


def alias_bomb(levels: int = 9) -> str:
    """About 350 bytes of YAML that expand to 9**levels strings in anything that walks the values."""
    lines = ["faqs:", '  - &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"  - &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


def _write(name: str, text: str) -> Callable[[Path], None]:
    def make(site: Path) -> None:
        path = site / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)

    return make


def _edit(name: str, old: str, new: str) -> Callable[[Path], None]:
    def make(site: Path) -> None:
        path = site / "docs" / name if name != "mkdocs.yml" else site / name
        text = path.read_text()
        assert old in text, f"{name} no longer contains {old!r}"
        path.write_text(text.replace(old, new, 1))

    return make


def _link(name: str, target: Callable[[Path], Path]) -> Callable[[Path], None]:
    def make(site: Path) -> None:
        (site / "docs" / name).symlink_to(target(site))

    return make


def _huge(site: Path) -> None:
    with (site / "docs/faq/huge.yml").open("w") as file:
        file.truncate(10 << 20)  # a 10 MB file, refused by its size before it is read


def _outside_folder(site: Path) -> Path:
    (site / "elsewhere").mkdir()
    (site / "elsewhere/more.yml").write_text((site / "docs/faq/light.yml").read_text())
    return site / "elsewhere"


def _rules_named_like_an_asset(site: Path) -> None:
    _write("assets/counter.js", "// the counter\n")(site)
    _write("assets/counter.yml", RULES)(site)


def _rules_named_like_a_theme_file(site: Path) -> None:
    _write("assets/javascripts/lunr/tinyseg.yml", RULES)(site)  # Material ships assets/javascripts/lunr/tinyseg.js


def _with_search_tuning(old: str, new: str) -> Callable[[Path], None]:
    def make(site: Path) -> None:
        hook = ROOT / "hooks/kb/adapters/search_tuning.py"
        _edit("mkdocs.yml", "hooks:\n", f"hooks:\n  - {hook}\n")(site)
        _edit("mkdocs.yml", old, new)(site)

    return make


def _index_topic(site: Path) -> None:
    for name in ("faq/topics.yml", "faq/watering.yml"):
        path = site / "docs" / name
        path.write_text(path.read_text().replace(" watering\n", " index\n"))


CASES: dict[str, Callable[[Path], None]] = {
    "a second 'faqs:' key": _edit("faq/light.yml", "faqs:\n", "faqs:\n  - id: lost\nfaqs:\n"),
    "a field written twice in an entry": _edit(
        "faq/light.yml", "    tags: [light]\n", "    tags: [light]\n    id: x\n"
    ),
    "alias bomb (350 bytes)": _write("faq/bomb.yml", alias_bomb()),
    "1000 levels of nesting": _write("faq/deep.yml", "faqs: " + "[" * 1000 + "]" * 1000 + "\n"),
    "20 levels of nesting": _write("faq/deep.yml", "faqs:\n" + "".join("  " * i + "-\n" for i in range(1, 21))),
    "a 10 MB file": _huge,
    "a date that does not exist": _edit("faq/light.yml", "tags: [light]", "tags: 2024-02-30"),
    "an id ending in a newline": _edit("faq/watering.yml", "  - id: ice-cubes\n", '  - id: "how-often\\n"\n'),
    "a 300-character id": _edit("faq/watering.yml", "  - id: ice-cubes\n", f"  - id: {'ice-' * 75}cubes\n"),
    "a topic with the id 'index'": _index_topic,
    "a hand-written page at a generated address": _write("faq/watering/index.md", "# Mine\n"),
    "a rules file named like an asset": _rules_named_like_an_asset,
    "a rules file named like a theme file": _rules_named_like_a_theme_file,
    "a newline in a title (heading)": _edit("faq/topics.yml", "title: Watering", '"title": "Watering\\n# Injected"'),
    "a newline in a question (warning box)": _edit(
        "faq/light.yml", "question: Is a north window enough?", '"question": "North?\\n\\n!!! danger \\"Boo\\""'
    ),
    "a control character in an answer": _edit(
        "faq/light.yml", "answer: North light is soft and steady.", 'answer: "North\\x02light"'
    ),
    "a symlink to a file outside docs": _link("faq/linked.yml", lambda site: site / "mkdocs.yml"),
    "a dangling symlink": _link("faq/gone.yml", lambda site: site / "nowhere.yml"),
    "YAML under a symlinked folder": _link("more", _outside_folder),
    "a folder named x.yml": lambda site: (site / "docs/faq/x.yml").mkdir(),
    "an upper-case .YML file": lambda site: shutil.copy(site / "docs/faq/light.yml", site / "docs/faq/more.YML"),
    "extra.kb is a number": _edit("mkdocs.yml", "  kb:\n", "  kb: 5\n  old_kb:\n"),
    "a label is a list": _edit("mkdocs.yml", "      short_answer: In short", "      short_answer: [In, short]"),
    "a label on two lines": _edit("mkdocs.yml", "      short_answer: In short", '      short_answer: "In\\n# short"'),
    "a folder setting outside docs": _edit("mkdocs.yml", "  kb:\n", "  kb:\n    faq_dir: ../../outside\n"),
    "extra.search_tuning.weights is a list": _with_search_tuning(
        "extra:\n", "extra:\n  search_tuning:\n    weights: [1]\n"
    ),
    "a search weight that is text": _with_search_tuning(
        "extra:\n", 'extra:\n  search_tuning:\n    weights: {"faq/*": "high"}\n'
    ),
}


def run_case(name: str, work: Path) -> Run:
    site = copy_plants(work / "site")
    CASES[name](site)
    site_dir = work / "built"
    site_dir.mkdir()
    (site_dir / "earlier.html").write_text("the site that was here before\n")
    return measured_build(site, site_dir)


def main() -> None:
    print("| case | exit | problem lines | CPU s | wall s | peak MB |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name in CASES:
        with tempfile.TemporaryDirectory() as work:
            run = run_case(name, Path(work))
        cells = [name, run.returncode, len(run.problems()), f"{run.cpu:.2f}", f"{run.wall:.2f}", f"{run.peak_mb:.0f}"]
        print("| " + " | ".join(map(str, cells)) + " |")


if __name__ == "__main__":
    main()
