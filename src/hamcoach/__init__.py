"""hamcoach: a hamstring-strength coach for runners."""

__version__ = "0.1.0"
