"""What every process of one test run shares when pytest-xdist spreads the run over the cores.

One build of the site, made by whichever process asks first while the others wait for it, and one
web server for it at the address the build was made for (Material's instant navigation only follows
links the sitemap lists, so the address is part of the build). Run without xdist, the same code
serves the one process.
"""

from __future__ import annotations

import fcntl
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent


def run_folder(factory: pytest.TempPathFactory) -> Path:
    """A folder of this run that every process sees: xdist gives each worker a base under a common parent."""
    base = factory.getbasetemp()
    return base.parent if "PYTEST_XDIST_WORKER" in os.environ else base


def run_owner() -> int:
    """The process whose end ends the run: xdist's controller, or pytest itself."""
    return os.getppid() if "PYTEST_XDIST_WORKER" in os.environ else os.getpid()


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def value(factory: pytest.TempPathFactory, name: str, make: Callable[[], str]) -> str:
    """``make()``'s result, computed by the first process that asks and read back by the rest."""
    folder = run_folder(factory)
    stored = folder / f"{name}.value"
    with _locked(folder / f"{name}.lock"):
        if not stored.exists():
            stored.write_text(make())
        return stored.read_text()


def folder(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder ``make(folder)`` fills once per run; if it raises, the next process to ask tries again."""
    root = run_folder(factory)
    out, done = root / name, root / f"{name}.done"
    with _locked(root / f"{name}.lock"):
        if not done.exists():
            make(out)
            done.touch()
    return out


def server(factory: pytest.TempPathFactory, site: Path, port: int) -> str:
    """The run's one server for ``site`` on ``port``: a process of its own that stops when the run ends."""

    def start() -> str:
        command = [sys.executable, "-m", "tests.support.server", str(site), str(port), str(run_owner())]
        subprocess.Popen(command, cwd=ROOT, start_new_session=True)
        _wait_for(port)
        return f"http://127.0.0.1:{port}/"

    return value(factory, f"server-{port}", start)


def _wait_for(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
