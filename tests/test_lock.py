"""The hashed locks (requirements*.lock) agree with the direct pins and are what every install uses.

`.ci/lock` writes them; these checks only read files (and this interpreter's installed versions), so
they need no network. A failure names the command that fixes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import metadata

import pytest
from packaging.markers import Marker

from .conftest import ROOT

LOCKS = {"requirements.txt": "requirements.lock", "requirements-dev.txt": "requirements-dev.lock"}
RELOCK = "run `.ci/lock` (from a worktree: `PYTHON=/path/to/.venv/bin/python .ci/lock`) and commit both lock files"
REINSTALL = "run `.venv/bin/pip install --require-hashes -r requirements-dev.lock`"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


@dataclass
class Locked:
    version: str
    marker: str | None
    hashes: int = 0
    via: list[str] = field(default_factory=list)


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def direct_pins(name: str) -> dict[str, str]:
    """name -> version for every `pkg==version` line, following `-r` includes; anything else is refused."""
    pins: dict[str, str] = {}
    for raw in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line == "-e .":
            continue
        if line.startswith("-r "):
            pins.update(direct_pins(line[3:].strip()))
            continue
        match = PIN.match(line)
        assert match and match.group(0) == line, f"{name}: {raw!r} is not an exact `name==version` pin"
        pins[canonical(match.group(1))] = match.group(2)
    return pins


def read_lock(name: str) -> dict[str, Locked]:
    """Parse uv's requirements output: `pkg==v ; marker \\`, `--hash=` lines, then `# via` lines."""
    entries: dict[str, Locked] = {}
    current: Locked | None = None
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if match := PIN.match(line):
            marker = line[match.end() :].strip(" \\").removeprefix(";").strip() or None
            current = entries[canonical(match.group(1))] = Locked(match.group(2), marker)
        elif current and stripped.startswith("--hash=sha256:"):
            current.hashes += 1
        elif current and stripped.startswith("#"):
            if via := stripped.lstrip("# ").removeprefix("via").strip():
                current.via.append(via)
        elif stripped:
            current = None
    return entries


@pytest.mark.parametrize("source", LOCKS)
def test_lock_has_every_direct_pin_at_its_version(source: str) -> None:
    lock = read_lock(LOCKS[source])
    wrong = [
        f"{source} pins {pkg}=={version} but {LOCKS[source]} has "
        + (f"{pkg}=={lock[pkg].version}" if pkg in lock else f"no {pkg}")
        for pkg, version in direct_pins(source).items()
        if pkg not in lock or lock[pkg].version != version
    ]
    assert not wrong, "; ".join(wrong) + f": {RELOCK}"


@pytest.mark.parametrize("source", LOCKS)
def test_lock_holds_no_direct_pin_that_was_removed(source: str) -> None:
    pins = direct_pins(source)
    stale = [
        pkg
        for pkg, entry in read_lock(LOCKS[source]).items()
        if any(via.startswith("-r ") for via in entry.via) and pkg not in pins
    ]
    assert not stale, f"{LOCKS[source]} lists {stale} as direct pins, but {source} has none of them: {RELOCK}"


@pytest.mark.parametrize("lock_name", LOCKS.values())
def test_every_locked_package_is_exact_and_hashed(lock_name: str) -> None:
    text = (ROOT / lock_name).read_text(encoding="utf-8")
    assert text.splitlines()[1].strip() == "#    .ci/lock", f"{lock_name} was not written by .ci/lock: {RELOCK}"
    lock = read_lock(lock_name)
    assert len(lock) > len(direct_pins("requirements.txt")), f"{lock_name} lists no transitive packages"
    unhashed = [pkg for pkg, entry in lock.items() if not entry.hashes]
    assert not unhashed, f"{lock_name}: no hashes for {unhashed}: {RELOCK}"
    loose = [line for line in text.splitlines() if (line[:1].isalnum() and not PIN.match(line)) or line.startswith("-")]
    assert not loose, f"{lock_name}: {loose} are not exact pins: {RELOCK}"


def test_site_and_dev_locks_agree() -> None:
    site, dev = read_lock("requirements.lock"), read_lock("requirements-dev.lock")
    differ = [
        f"{pkg} {entry.version} vs {dev[pkg].version if pkg in dev else None}"
        for pkg, entry in site.items()
        if pkg not in dev or dev[pkg].version != entry.version
    ]
    assert not differ, f"requirements.lock and requirements-dev.lock disagree on {differ}: {RELOCK}"


def test_this_environment_is_the_locked_one() -> None:
    """The tests ran on exactly the locked versions, so a fresh install from the lock is what was tested."""
    wrong = []
    for pkg, entry in read_lock("requirements-dev.lock").items():
        if entry.marker and not Marker(entry.marker).evaluate():
            continue
        try:
            installed = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            installed = "nothing"
        if installed != entry.version:
            wrong.append(f"{pkg}: {installed} installed, {entry.version} locked")
    assert not wrong, "; ".join(wrong) + f": {REINSTALL}"


INSTALLS = ("README.md", "CONTRIBUTING.md", ".ci/run", ".github/workflows/pages.yml")


@pytest.mark.parametrize("name", INSTALLS)
def test_every_install_command_uses_a_lock_with_hashes(name: str) -> None:
    commands = re.findall(r"pip install[^\n`&]*", (ROOT / name).read_text(encoding="utf-8"))
    assert commands, f"{name} has no install command"
    for command in commands:
        if "-e ." in command:
            assert "--no-deps" in command, f"{name}: {command!r} may pull unlocked dependencies"
        else:
            assert re.search(r"--require-hashes -r requirements(-dev)?\.lock\b", command), (
                f"{name}: {command!r} must install from a lock with --require-hashes"
            )
