"""The README's set-up and commands work as written: it opens with the two set-up commands,
its apt line has what a stock Debian lacks, options reach the app through make, and each
command it shows from a checkout runs."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
CHECKOUT_COMMAND = ".venv/bin/backcare"


def shell_blocks() -> list[list[str]]:
    """The lines of every ```sh block, in order."""
    return [block.strip().splitlines() for block in re.findall(r"```sh\n(.*?)```", README, re.S)]


def test_the_readme_opens_with_exactly_the_two_set_up_commands() -> None:
    first = shell_blocks()[0]
    assert [line.split("#")[0].strip() for line in first] == ["make run", "make test"]
    assert README.index("```sh") < README.index("\n## ")


def test_the_apt_line_has_python3_venv_and_only_what_ci_installs() -> None:
    line = next(line for line in README.splitlines() if "apt-get install" in line)
    packages = line.split("apt-get install", 1)[1].strip(" `.").split()
    assert "python3-venv" in packages
    ci = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert [name for name in packages if not re.search(rf"\b{re.escape(name)}\b", ci)] == []


def test_make_run_passes_args_through_to_the_app() -> None:
    plan = subprocess.run(
        ["make", "-n", "run", "ARGS=--home /tmp/somewhere --start desk_break"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert ".venv/bin/backcare --home /tmp/somewhere --start desk_break" in plan.stdout
    assert 'make run ARGS="--home' in README


def test_every_command_the_readme_shows_from_a_checkout_runs(tmp_path: Path) -> None:
    commands = [
        shlex.split(line)
        for block in shell_blocks()
        for line in block
        if line.startswith(CHECKOUT_COMMAND + " ")
    ]
    assert any(words[1] == "remind" for words in commands)
    pyproject = (REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'backcare = "backcare_desktop.__main__:main"' in pyproject
    env = dict(os.environ, BACKCARE_HOME=str(tmp_path))
    env.pop("DISPLAY", None)
    for words in commands:
        # .venv/bin/backcare is this interpreter's `backcare` entry point
        result = subprocess.run(
            [sys.executable, "-m", "backcare_desktop", *words[1:]],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
        )
        assert result.returncode == 0, (words, result.stderr)
