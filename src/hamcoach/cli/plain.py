"""A plain aligned table for simple listings.

Rich costs ~20 ms of start-up; a listing of five rows does not need it, and `hamcoach
exercises` has a start-up budget of 1.5x `import typer` (DESIGN 5).
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from collections.abc import Sequence


def table(title: str, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns sized to their content; the last column wraps to the terminal width."""
    width = shutil.get_terminal_size((100, 24)).columns
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers[:-1])]
    used = sum(widths) + 2 * len(widths)
    last = max(20, width - used - 1)
    lines = [title, ""]
    head = "  ".join(h.ljust(w) for h, w in zip(headers, [*widths, 0], strict=True)).rstrip()
    lines.append(head)
    lines.append("  ".join("-" * w for w in [*widths, min(last, len(headers[-1]) + 10)]))
    for row in rows:
        wrapped = textwrap.wrap(row[-1], last, break_on_hyphens=False) or [""]
        cells = [c.ljust(w) for c, w in zip(row[:-1], widths, strict=True)]
        lines.append("  ".join([*cells, wrapped[0]]).rstrip())
        pad = " " * (used)
        lines.extend(pad + more for more in wrapped[1:])
    return "\n".join(lines) + "\n"


def echo(text: str) -> None:
    sys.stdout.write(text)


def wrap(text: str, indent: str = "", width: int | None = None) -> str:
    """Wrap a paragraph to the terminal, continuation lines aligned under the first."""
    columns = width or shutil.get_terminal_size((100, 24)).columns
    return "\n".join(
        textwrap.wrap(
            text,
            max(30, columns - 1),
            initial_indent=indent,
            subsequent_indent=" " * len(indent),
            break_on_hyphens=False,
        )
    )
