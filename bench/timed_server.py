"""`streamlit run`, with the duration of every script run (whole page or fragment) appended to
the file named by $RUN_LOG: "<ms> <fragment: 0/1>" per line. For benchmarks only.

    RUN_LOG=/tmp/runs.log python bench/timed_server.py run app.py --server.port 8599
"""
import os
import sys
import time

from streamlit.runtime.scriptrunner import script_runner
from streamlit.web import cli

_run = script_runner.ScriptRunner._run_script


def _timed(self, rerun_data):
    t = time.perf_counter()
    try:
        return _run(self, rerun_data)
    finally:
        with open(os.environ["RUN_LOG"], "a") as log:
            log.write(f"{1000 * (time.perf_counter() - t):.1f} {int(bool(rerun_data.fragment_id_queue))}\n")


script_runner.ScriptRunner._run_script = _timed

if __name__ == "__main__":
    sys.argv[0] = "streamlit"
    sys.exit(cli.main())
