import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_engine_never_imports_streamlit_nor_draws():
    modules = ["playground"] + [f"playground.{p.stem}" for p in sorted((ROOT / "playground").glob("*.py"))
                                if p.stem != "__init__"]
    assert {"playground.data", "playground.inits", "playground.activations", "playground.nets",
            "playground.probes"} <= set(modules)
    code = ("import importlib, sys\n"
            f"for m in {modules!r}: importlib.import_module(m)\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('streamlit', 'altair'))\n"
            "assert not bad, bad\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
