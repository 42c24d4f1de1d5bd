"""The install is reproducible: every requirement is pinned exactly, the lock agrees with the
pins, and CI runs the README's test command word for word."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pins(name: str) -> dict[str, str]:
    """package -> version for the requirement lines of one file (includes and comments skipped)."""
    out = {}
    for line in (ROOT / name).read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            package, sep, version = line.partition("==")
            assert sep and re.fullmatch(r"[\w.]+", version), f"{name}: not an exact pin: {line}"
            out[package.strip().lower()] = version
    return out


def test_direct_requirements_are_pinned_exactly_and_the_lock_agrees():
    lock = pins("constraints.txt")
    direct = pins("requirements.txt") | pins("requirements-dev.txt")
    assert direct["torch"] == "2.13.0"
    assert {p: lock.get(p) for p in direct} == direct


def test_ci_runs_the_readme_test_command_in_a_fresh_venv():
    readme = (ROOT / "README.md").read_text()
    command = re.search(r"## Run every test\s+```bash\n(.+)\n```", readme).group(1)
    assert "python3 -m venv --clear .venv" in command and "-c constraints.txt" in command
    assert (ROOT / ".ci/run").read_text().strip().splitlines()[-1] == command
