"""Targets for the sandbox tests, imported by the child process (through the parent's sys.path)."""

from __future__ import annotations

import time
from typing import Any

from hamcoach.integrations.sandbox import Refused


def echo(payload: bytes, **args: Any) -> dict[str, Any]:
    return {"size": len(payload), "args": args}


def spin(payload: bytes) -> None:
    count = 0
    while True:  # a parser that never finishes
        count += len(payload) + 1


def hog(payload: bytes) -> None:
    kept = []
    while True:  # a parser that allocates without end
        kept.append(bytearray(16 * 1024 * 1024))


def sleep(payload: bytes) -> None:
    time.sleep(60)  # uses no CPU: only the wall-clock limit stops it


def refuse(payload: bytes) -> None:
    raise Refused(f"refused {len(payload)} bytes")


def fail(payload: bytes) -> None:
    raise ValueError("a bug in the target")
