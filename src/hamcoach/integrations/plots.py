"""Progress plots with matplotlib (PNG and SVG), for `hamcoach report --plot DIR`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hamcoach.domain.errors import InvalidInput
from hamcoach.domain.report_model import Report


def _figure() -> tuple[Any, Any]:
    import matplotlib

    matplotlib.use("Agg")  # files only; never needs a display
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4.5), layout="constrained")
    ax.grid(True, alpha=0.3)
    return fig, ax


def _save(fig: Any, folder: Path, stem: str) -> list[Path]:
    import matplotlib.pyplot as plt

    paths = [folder / f"{stem}.png", folder / f"{stem}.svg"]
    for path in paths:
        fig.savefig(path, dpi=120 if path.suffix == ".png" else None)
    plt.close(fig)
    return paths


def write_plots(report: Report, folder: Path) -> list[Path]:
    """Write every plot the data allows; returns the files written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInput(f"cannot write plots into {folder}: {exc.strerror}") from None
    written: list[Path] = []
    for slug, points in report.exercises.items():
        loaded = [p for p in points if p.top_load is not None]
        if not loaded:
            continue
        fig, ax = _figure()
        dates = [p.date for p in loaded]
        ax.plot(dates, [p.top_load for p in loaded], marker="o", label="top load")
        e1 = [(p.date, p.best_e1rm) for p in loaded if p.best_e1rm]
        if e1:
            ax.plot(
                [d for d, _ in e1], [v for _, v in e1], marker="s", ls="--", label="e1RM (Epley)"
            )
        ax.set_title(f"{slug}: load and estimated 1RM")
        ax.set_ylabel(report.unit)
        ax.legend()
        fig.autofmt_xdate()
        written += _save(fig, folder, f"load-{slug}")
    if report.exercises:
        fig, ax = _figure()
        for slug, points in report.exercises.items():
            ax.plot([p.date for p in points], [p.reps for p in points], marker=".", label=slug)
        ax.set_title("Reps per session (volume)")
        ax.set_ylabel("reps")
        ax.legend(fontsize="small")
        fig.autofmt_xdate()
        written += _save(fig, folder, "volume")
    if report.weeks:
        fig, ax = _figure()
        starts = [w.start for w in report.weeks]
        ax.bar(starts, [w.planned for w in report.weeks], width=5, alpha=0.35, label="planned")
        ax.bar(starts, [min(w.completed, w.planned) for w in report.weeks], width=3, label="done")
        ax.set_title("Adherence: sessions per week")
        ax.legend()
        fig.autofmt_xdate()
        written += _save(fig, folder, "adherence")
    if report.hq or report.asymmetry:
        fig, ax = _figure()
        for kind in ("conventional", "functional"):
            pts = [p for p in report.hq if p.kind == kind]
            if pts:
                ax.plot(
                    [p.date for p in pts], [p.ratio for p in pts], marker="o", label=f"H:Q {kind}"
                )
        ax.axhline(0.6, color="grey", ls=":", label="H:Q 0.6 reference")
        ax.set_ylabel("ratio")
        if report.asymmetry:
            ax2 = ax.twinx()
            ax2.plot(
                [a.date for a in report.asymmetry],
                [a.pct for a in report.asymmetry],
                color="tab:red",
                marker="^",
                label="left/right gap %",
            )
            ax2.axhline(15, color="tab:red", ls=":", alpha=0.5)
            ax2.set_ylabel("left/right gap (%)")
            ax2.legend(loc="upper right")
        ax.set_title("H:Q ratio and left/right asymmetry")
        ax.legend(loc="upper left")
        fig.autofmt_xdate()
        written += _save(fig, folder, "balance")
    return written
