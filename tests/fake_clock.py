"""A monotonic clock tests move by hand, so every deadline is exact."""

from __future__ import annotations


class FakeClock:
    """Call it for the time; `advance` moves it forward."""

    def __init__(self, now: float = 0.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
