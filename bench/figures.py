"""What every benchmark module shares: a figure over several runs (median and spread), interleaving, p95, the fit."""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """One benchmark figure: the value of each run, its unit, and how many decimals to print."""

    name: str
    values: tuple[float, ...]
    unit: str
    digits: int = 2

    @property
    def median(self) -> float:
        """Return the median of the runs (the figure)."""
        return statistics.median(self.values)

    def line(self) -> str:
        """Return `name: median unit (median of N runs, spread low–high)`."""
        shown = f"{self.median:.{self.digits}f}"
        if len(self.values) == 1:
            return f"{self.name}: {shown} {self.unit} (one run)"
        low, high = min(self.values), max(self.values)
        return (f"{self.name}: {shown} {self.unit} (median of {len(self.values)} runs, "
                f"spread {low:.{self.digits}f}–{high:.{self.digits}f})")


def figure(name: str, values: Sequence[float], unit: str, digits: int = 2) -> Figure:
    """Return a figure from the values of its runs."""
    if not values:
        raise ValueError(f"{name} has no runs")
    return Figure(name, tuple(values), unit, digits)


def interleaved(measures: Mapping[str, Callable[[], float]], runs: int) -> dict[str, list[float]]:
    """Run every measure once per round, round after round, so slow spells of a busy machine hit each alike."""
    values: dict[str, list[float]] = {name: [] for name in measures}
    for _ in range(runs):
        for name, measure in measures.items():
            values[name].append(measure())
    return values


def p95(values: Sequence[float]) -> float:
    """Return the 95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def _linear_fit(xs: Sequence[float], ys: Sequence[float]) -> tuple[float, float, float]:
    """Return a, b and the squared error of the least-squares line y = a + b·x."""
    fit = statistics.linear_regression(xs, ys)
    error = sum((y - fit.intercept - fit.slope * x) ** 2 for x, y in zip(xs, ys))
    return fit.intercept, fit.slope, error


def fitted_exponent(sizes: Sequence[float], times: Sequence[float], low: float = 0.0, high: float = 4.0) -> float:
    """Return k of the least-squares fit t = a + b·n^k (a fixed cost plus a growing part).

    For each k the best a and b are a straight-line fit of t against n^k; k itself is found by golden-section
    search on the squared error over [low, high]. With three sizes n, 10n, 100n the fit is exact.
    """
    if len(set(sizes)) < 3:
        raise ValueError("fitting t = a + b·n^k needs at least three sizes")

    def error(k: float) -> float:
        return _linear_fit([n ** k for n in sizes], times)[2]

    ratio = (math.sqrt(5) - 1) / 2
    a, b = low, high
    for _ in range(100):
        c, d = b - ratio * (b - a), a + ratio * (b - a)
        if error(c) <= error(d):
            b = d
        else:
            a = c
    return (a + b) / 2
