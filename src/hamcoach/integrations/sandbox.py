"""Run one pure function on untrusted bytes in a child process with a CPU, memory and time budget.

Parsers of uploaded files can be made to work without end (a calendar rule that repeats every
second, a rule that never matches and is searched for until year 9999); checks before parsing
bound what they know of, and this budget bounds the rest. The parent never forks itself: it
starts a fresh interpreter (`python -m hamcoach.integrations.sandbox module:function`), which is
safe in a multi-threaded server, and the child lowers its own limits once its imports are done:

- memory: RLIMIT_AS, the address space in use after the imports plus `Budget.memory_mb`;
- CPU: an ITIMER_PROF timer (SIGPROF ends the child, with sub-second precision) and RLIMIT_CPU
  one second later as a backstop;
- time: the parent kills the child after `Budget.wall_s` seconds, whatever it is doing.

Protocol: stdin is one JSON line (arguments and limits) followed by the payload bytes; stdout is
one JSON object: {"ok": result}, {"refused": message} (the target raised `Refused`),
{"memory": true} or {"error": "Type: message"}. The target is `function(payload, **arguments)`
and returns JSON-serializable data; it must be importable by the child, which gets the parent's
sys.path as PYTHONPATH.
"""

from __future__ import annotations

import importlib
import json
import math
import os
import resource
import signal
import subprocess
import sys
from dataclasses import dataclass
from typing import Any

_MAX_OUTPUT = 16 * 1024 * 1024
_CPU_SIGNALS = frozenset({signal.SIGPROF, signal.SIGXCPU})


@dataclass(frozen=True)
class Budget:
    """What one call may use. Defaults fit an ordinary upload and refuse within 2 s of wall time."""

    cpu_s: float = 1.0
    memory_mb: int = 256
    wall_s: float = 1.8


class Refused(Exception):
    """Raised by a target to refuse its input; the message reaches the parent unchanged."""


class OverBudget(Exception):
    """The child used up its CPU time, memory or wall time (`resource` says which)."""

    def __init__(self, kind: str, budget: Budget) -> None:
        self.resource = kind
        limits = {
            "cpu": f"{budget.cpu_s:g} s of CPU time",
            "memory": f"{budget.memory_mb} MB of memory",
            "time": f"{budget.wall_s:g} s",
        }
        self.limit = limits[kind]
        super().__init__(f"needs more than {self.limit}")


class Crashed(Exception):
    """The child failed in an unplanned way (an exception of the target, a signal, bad output)."""


def run(target: str, payload: bytes, args: dict[str, Any], budget: Budget | None = None) -> Any:
    """`target(payload, **args)` computed in a budgeted child; its JSON result.

    Raises Refused (the target refused), OverBudget or Crashed; nothing else reaches the caller.
    """
    budget = budget or Budget()
    header = {"args": args, "cpu_s": budget.cpu_s, "memory_mb": budget.memory_mb}
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    try:
        done = subprocess.run(
            [sys.executable, "-m", __name__, target],
            input=json.dumps(header).encode() + b"\n" + payload,
            capture_output=True,
            timeout=budget.wall_s,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:  # subprocess.run has killed the child already
        raise OverBudget("time", budget) from None
    except OSError as exc:
        raise Crashed(f"cannot start the worker process ({exc})") from None
    return _result(done, budget)


def _result(done: subprocess.CompletedProcess[bytes], budget: Budget) -> Any:
    if -done.returncode in _CPU_SIGNALS:
        raise OverBudget("cpu", budget)
    if done.returncode == -signal.SIGKILL:  # not the parent (that is a timeout): the OOM killer
        raise OverBudget("memory", budget)
    try:
        reply = json.loads(done.stdout[:_MAX_OUTPUT])
    except ValueError:
        if b"MemoryError" in done.stderr:
            raise OverBudget("memory", budget) from None
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        raise Crashed(f"worker exited with status {done.returncode}: {detail[0]:.200}") from None
    if not isinstance(reply, dict):
        raise Crashed("worker sent an unexpected reply")
    if "ok" in reply:
        return reply["ok"]
    if "refused" in reply:
        raise Refused(str(reply["refused"]))
    if reply.get("memory"):
        raise OverBudget("memory", budget)
    raise Crashed(str(reply.get("error", "worker sent an unexpected reply"))[:300])


def _address_space() -> int:
    """Bytes of address space in use now (Linux); 0 where /proc is not available."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * resource.getpagesize()


def _limit(cpu_s: float, memory_mb: int) -> None:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = usage.ru_utime + usage.ru_stime
    signal.setitimer(signal.ITIMER_PROF, cpu_s)
    hard_cpu = math.ceil(used + cpu_s) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (hard_cpu, hard_cpu))
    base = _address_space()
    if base:  # without /proc, the CPU and wall-time budgets still bound the work
        limit = base + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _serve(target: str) -> dict[str, Any]:
    module_name, _, function_name = target.partition(":")
    function = getattr(importlib.import_module(module_name), function_name)
    header = json.loads(sys.stdin.buffer.readline())
    payload = sys.stdin.buffer.read()
    _limit(float(header["cpu_s"]), int(header["memory_mb"]))
    try:
        return {"ok": function(payload, **header["args"])}
    except Refused as exc:
        return {"refused": str(exc)}
    except MemoryError:
        return {"memory": True}
    except Exception as exc:  # reported to the parent, which decides what the caller sees
        return {"error": f"{type(exc).__name__}: {exc!s:.200}"}


def main() -> None:
    reply = _serve(sys.argv[1])
    try:
        text = json.dumps(reply)
    except (TypeError, ValueError) as exc:
        text = json.dumps({"error": f"result is not JSON ({exc!s:.100})"})
    except MemoryError:
        text = '{"memory": true}'
    sys.stdout.write(text)
    sys.stdout.flush()


if __name__ == "__main__":
    # Run as a script this file is `__main__`; targets raise the `Refused` of the importable
    # module, so the importable module serves.
    from hamcoach.integrations.sandbox import main as _main

    _main()
