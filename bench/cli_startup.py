"""CLI start-up against the libraries it needs (DESIGN 5), medians of repeated runs in one go.

    .venv/bin/python -m bench.cli_startup [--runs 21]

Ratios: `hamcoach exercises` / `python -c "import typer"` (target <= 1.5) and
`hamcoach today` / `python -c "import sqlalchemy.orm, typer"` (target <= 1.5).
`hamcoach today` runs against a throwaway profile in a temporary data folder.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def median_seconds(cmd: list[str], env: dict[str, str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    data = tempfile.mkdtemp(prefix="hamcoach-bench-")
    env = {**os.environ, "HAMCOACH_DATA_DIR": data, "HAMCOACH_DATABASE_URL": ""}
    hamcoach = str(BIN / "hamcoach")
    subprocess.run(
        [
            hamcoach,
            "init",
            "--name",
            "Bench",
            "--units",
            "kg",
            "--equipment",
            "partner,towel",
            "--week",
            "tue=key,thu=easy,sun=long",
            "--sessions",
            "2",
            "--per-session",
            "2",
            "--nordic-new",
        ],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    py = sys.executable
    # Interleave to share any drift in machine load fairly between the pairs.
    rows = [
        ("python -c 'import typer'", [py, "-c", "import typer"]),
        ("hamcoach exercises", [hamcoach, "exercises"]),
        ("python -c 'import sqlalchemy.orm, typer'", [py, "-c", "import sqlalchemy.orm, typer"]),
        ("hamcoach today", [hamcoach, "today"]),
    ]
    for _, cmd in rows:  # warm the file cache
        median_seconds(cmd, env, 2)
    result = {name: median_seconds(cmd, env, args.runs) for name, cmd in rows}
    for name, seconds in result.items():
        print(f"{name:45s} {seconds * 1000:7.1f} ms")
    r1 = result["hamcoach exercises"] / result["python -c 'import typer'"]
    r2 = result["hamcoach today"] / result["python -c 'import sqlalchemy.orm, typer'"]
    print(f"exercises / import typer              = {r1:.2f}  (target <= 1.50)")
    print(f"today / import sqlalchemy.orm, typer  = {r2:.2f}  (target <= 1.50)")


if __name__ == "__main__":
    main()
