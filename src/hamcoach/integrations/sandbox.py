"""Run one pure function on untrusted bytes in a child process with a CPU, memory and time budget.

Parsers of uploaded files can be made to work without end (a calendar rule that repeats every
second, a rule that never matches and is searched for until year 9999); checks before parsing
bound what they know of, and this budget bounds the rest.

The server never forks itself (unsafe in a multi-threaded process). Children come from a fork
server (`multiprocessing`'s "forkserver"): a fresh, single-threaded interpreter started once per
server process that has already imported the file readers (`PRELOAD`) and forks one child per
call. A child therefore starts in milliseconds instead of paying an interpreter start and the
readers' imports (about 100 ms) on every upload, and no child ever sees another's data. The
child lowers its own limits before it touches the payload:

- memory: RLIMIT_AS, the address space in use at that point plus `Budget.memory_mb`;
- CPU: an ITIMER_PROF timer (SIGPROF ends the child, with sub-second precision) and RLIMIT_CPU
  one second later as a backstop;
- time: the parent kills the child after `Budget.wall_s` seconds, whatever it is doing.

The child answers through a pipe with one JSON object: {"ok": result}, {"refused": message}
(the target raised `Refused`), {"memory": true} or {"error": "Type: message"}. The target is
`module:function`, called as `function(payload, **arguments)`; it returns JSON-serializable data.
"""

from __future__ import annotations

import importlib
import json
import math
import multiprocessing
import resource
import signal
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

_MAX_OUTPUT = 16 * 1024 * 1024
_CPU_SIGNALS = frozenset({signal.SIGPROF, signal.SIGXCPU})
_EXIT_GRACE_S = 1.0  # a child that has answered gets this long to exit before it is killed

# The readers every upload needs, imported once by the fork server. "__main__" makes the fork
# server run the program's own entry script once, so that children do not each run it again
# (multiprocessing re-imports a script-started main module in every child it starts).
PRELOAD = (
    "__main__",
    __name__,
    "hamcoach.integrations.activity_readers",
    "hamcoach.integrations.ics_read",
)
_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(list(PRELOAD))
# Process bookkeeping in multiprocessing is not made for starts from several threads at once.
_START_LOCK = threading.Lock()


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
    receive, send = _CONTEXT.Pipe(duplex=False)
    child = _CONTEXT.Process(
        target=_child,
        args=(target, payload, args, budget.cpu_s, budget.memory_mb, send),
        daemon=True,
    )
    try:
        with _START_LOCK:
            child.start()
    except OSError as exc:
        receive.close()
        raise Crashed(f"cannot start the worker process ({exc})") from None
    finally:
        send.close()  # the child holds its own copy; the parent sees EOF when the child is gone
    try:
        return _answer(child, receive, budget)
    finally:
        receive.close()
        if child.exitcode is None:
            child.kill()
        child.join()
        child.close()


def _answer(child: Any, receive: Connection, budget: Budget) -> Any:
    if not wait([receive, child.sentinel], timeout=budget.wall_s):
        child.kill()
        raise OverBudget("time", budget)
    message: bytes | None = None
    try:
        message = receive.recv_bytes(_MAX_OUTPUT)
    except EOFError:
        pass  # the child died without answering: its exit status says why
    except OSError:
        raise Crashed("worker sent more than the parent reads") from None
    child.join(_EXIT_GRACE_S)
    if message is None:
        return _without_answer(child.exitcode, budget)
    try:
        reply = json.loads(message)
    except ValueError:
        raise Crashed("worker sent an unreadable reply") from None
    if not isinstance(reply, dict):
        raise Crashed("worker sent an unexpected reply")
    if "ok" in reply:
        return reply["ok"]
    if "refused" in reply:
        raise Refused(str(reply["refused"]))
    if reply.get("memory"):
        raise OverBudget("memory", budget)
    raise Crashed(str(reply.get("error", "worker sent an unexpected reply"))[:300])


def _without_answer(code: int | None, budget: Budget) -> Any:
    if code is not None and -code in _CPU_SIGNALS:
        raise OverBudget("cpu", budget)
    if code == -signal.SIGKILL:  # not the parent (that is a timeout): the OOM killer
        raise OverBudget("memory", budget)
    raise Crashed(f"worker exited with status {code} without an answer")


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


def _serve(target: str, payload: bytes, args: dict[str, Any], cpu_s: float, memory_mb: int) -> Any:
    try:
        # Imported before the limits: a target the fork server did not preload pays its
        # imports outside the budget, as the readers did once in the fork server.
        module_name, _, function_name = target.partition(":")
        function = getattr(importlib.import_module(module_name), function_name)
    except (ImportError, AttributeError) as exc:
        return {"error": f"{type(exc).__name__}: {exc!s:.200}"}
    _limit(cpu_s, memory_mb)
    try:
        return {"ok": function(payload, **args)}
    except Refused as exc:
        return {"refused": str(exc)}
    except MemoryError:
        return {"memory": True}
    except Exception as exc:  # reported to the parent, which decides what the caller sees
        return {"error": f"{type(exc).__name__}: {exc!s:.200}"}


def _child(
    target: str,
    payload: bytes,
    args: dict[str, Any],
    cpu_s: float,
    memory_mb: int,
    reply: Connection,
) -> None:
    answer = _serve(target, payload, args, cpu_s, memory_mb)
    try:
        text = json.dumps(answer).encode()
    except (TypeError, ValueError) as exc:
        text = json.dumps({"error": f"result is not JSON ({exc!s:.100})"}).encode()
    except MemoryError:
        text = b'{"memory": true}'
    if len(text) > _MAX_OUTPUT:
        text = json.dumps({"error": f"result is larger than {_MAX_OUTPUT} bytes"}).encode()
    reply.send_bytes(text)
    reply.close()
