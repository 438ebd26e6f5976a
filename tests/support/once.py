"""Work done once per test run, however many pytest-xdist workers need it: the first one does it,
under a lock, and the others find the result in the run's shared folder."""

from __future__ import annotations

import fcntl
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def shared_folder(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The folder every worker of this run sees: the parent of the workers' own temp folders."""
    base = tmp_path_factory.getbasetemp()
    return base if worker_id == "master" else base.parent


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.with_name(path.name + ".lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def once(path: Path, make: Callable[[Path], None]) -> Path:
    """``path`` after ``make(path)`` has run once in this run; a failed ``make`` is tried again by the next caller."""
    done = path.with_name(path.name + ".done")
    with _locked(path):
        if not done.exists():
            make(path)
            done.touch()
    return path
