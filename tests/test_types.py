"""mypy, strict, over hooks/ (settings under [tool.mypy] in pyproject.toml), as part of the test command."""

from mypy import api

from .conftest import ROOT


def test_hooks_pass_mypy_strict() -> None:
    config = ["--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(ROOT / ".mypy_cache")]
    report, errors, status = api.run([*config, str(ROOT / "hooks")])
    assert status == 0, report + errors
