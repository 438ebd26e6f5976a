"""`mkdocs build` as a writer runs it, each build in a process of its own.

Each build is a fresh process forked from a server that has already imported MkDocs and
Material (tests/support/preload.py), so a build costs the build, not a second of imports
first. The process runs the tool's own command line: its exit status, standard output and
standard error are what the shell would see, and its CPU seconds and peak memory are its own.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

MKDOCS = [sys.executable, "-m", "mkdocs"]
_SERVER = multiprocessing.get_context("forkserver")
_SERVER.set_forkserver_preload(["tests.support.preload"])


@dataclass(frozen=True)
class Limits:
    """Caps set inside the build process before it starts."""

    cpu_seconds: int
    address_space: int  # bytes


@dataclass(frozen=True)
class Build:
    returncode: int
    stdout: str
    stderr: str
    cpu: float  # user + system seconds of the build process
    peak_mb: float  # its peak resident memory


def _child(args: list[str], cwd: str, env: dict[str, str], out: str, err: str, limits: Limits | None) -> None:
    if limits:
        resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds))
        resource.setrlimit(resource.RLIMIT_AS, (limits.address_space, limits.address_space))
    for fd, path in ((1, out), (2, err)):
        os.dup2(os.open(path, os.O_WRONLY | os.O_TRUNC), fd)
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    try:
        sys.modules["mkdocs.__main__"].cli.main(args=args, prog_name="mkdocs")
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    with open(out + ".usage", "w") as report:
        report.write(f"{usage.ru_utime + usage.ru_stime} {usage.ru_maxrss / 1024}")
    sys.exit(code)


def mkdocs(
    args: Sequence[str],
    cwd: Path,
    env: dict[str, str] | None = None,
    timeout: float = 300,
    limits: Limits | None = None,
) -> Build:
    """Run ``mkdocs args`` (as on the command line) in ``cwd``, with ``env`` over this process's environment."""
    with tempfile.TemporaryDirectory(prefix="build-") as folder:
        out, err = Path(folder, "stdout"), Path(folder, "stderr")
        out.touch()
        err.touch()
        environment = {**os.environ, **(env or {}), "NO_MKDOCS_2_WARNING": "1"}
        child = _SERVER.Process(target=_child, args=(list(args), str(cwd), environment, str(out), str(err), limits))
        child.start()
        child.join(timeout)
        if child.exitcode is None:
            child.kill()
            child.join()
            raise subprocess.TimeoutExpired(["mkdocs", *args], timeout)
        usage = Path(f"{out}.usage")
        cpu, peak = map(float, usage.read_text().split()) if usage.exists() else (float("inf"), float("inf"))
        return Build(child.exitcode, out.read_text(), err.read_text(), cpu, peak)


def command(line: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run a command line in ``cwd``: ``python -m mkdocs ...`` as above, anything else as a subprocess."""
    if list(line[: len(MKDOCS)]) == MKDOCS:
        done = mkdocs(line[len(MKDOCS) :], cwd, env)
        return subprocess.CompletedProcess(list(line), done.returncode, done.stdout, done.stderr)
    environment = {**os.environ, **(env or {})}
    return subprocess.run(list(line), capture_output=True, text=True, cwd=cwd, env=environment, timeout=300)
