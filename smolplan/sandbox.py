"""Reading an uploaded plan in a worker process with a memory and a time limit.

The limits in `smolplan.limits` refuse every shape we know of; a file that still slips through
(a new trick, a slow corner of a library) ends its own worker, not the server and every user on it.
The worker is a fresh `python -m smolplan.sandbox` (never a fork of the threaded server), lowered in
priority so other users' pages stay responsive; the plan comes back pickled on its stdout.
"""

from __future__ import annotations

import math
import os
import pickle
import signal
import subprocess
import sys
from pathlib import Path

from smolplan.errors import PlanReadError
from smolplan.limits import TOO_COMPLEX, shown_name

# Address space of the worker: the interpreter with pandas, lxml and the dictionaries maps ~1.4 GB
# (mostly untouched virtual memory; ~170 MB resident), so this leaves about a gigabyte for the plan.
MEMORY_BYTES = 2560 * 1024**2
# Processor time of the worker: what the file costs, however busy the server is. The wall clock
# (a worker at lower priority waits on a loaded server) is a backstop at three times that.
SECONDS = 60


def preview_plan(data: bytes, name: str, memory_bytes: int = MEMORY_BYTES, seconds: int = SECONDS):
    """The Plan as `load_plan(data, name)` reads it, or PlanReadError (Russian) — also when the worker is
    killed for taking more than `memory_bytes` or `seconds` of processor time."""
    shown, seconds = shown_name(name), max(1, math.ceil(seconds))  # the kernel counts whole seconds
    package_root = str(Path(__file__).resolve().parents[1])  # wherever the server was started from
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
           "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))}
    try:
        result = subprocess.run(
            [sys.executable, "-m", "smolplan.sandbox", str(int(memory_bytes)), str(seconds)],
            input=pickle.dumps((data, name)), capture_output=True, timeout=3 * seconds + 5, env=env, cwd=package_root,
        )
    except subprocess.TimeoutExpired:
        raise PlanReadError(_too_slow(shown, seconds)) from None
    except OSError:
        raise PlanReadError(f"План «{shown}» не прочитан: не удалось запустить проверку файла.") from None
    try:
        status, value = pickle.loads(result.stdout) if result.returncode == 0 else ("killed", None)
    except Exception:
        status, value = "killed", None
    if status == "ok":
        return value
    if status == "error":
        raise PlanReadError(value)
    if result.returncode == -signal.SIGXCPU:
        raise PlanReadError(_too_slow(shown, seconds))
    raise PlanReadError(f"План «{shown}» не прочитан: {TOO_COMPLEX} (на его чтение не хватило памяти).")


def _too_slow(shown: str, seconds: float) -> str:
    return f"План «{shown}» не прочитан: {TOO_COMPLEX} (проверка заняла больше {seconds:g} с работы процессора)."


def _limit_self(memory_bytes: int, seconds: int) -> None:
    try:
        import resource
    except ImportError:  # not a Unix: the time limit still holds
        return
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    os.nice(10)


def _worker(memory_bytes: int, seconds: int) -> int:
    _limit_self(memory_bytes, seconds)
    data, name = pickle.loads(sys.stdin.buffer.read())
    from smolplan.plan import load_plan  # failing here (no memory left for the libraries) is a kill too

    try:
        outcome = ("ok", load_plan(data, name=name))
    except PlanReadError as error:
        outcome = ("error", error.message)
    except MemoryError:
        return 3
    sys.stdout.buffer.write(pickle.dumps(outcome))
    return 0


if __name__ == "__main__":
    sys.exit(_worker(int(sys.argv[1]), int(sys.argv[2])))
