"""The bench's shared pieces: a figure's median and spread, interleaving, and the fitted exponent."""

from __future__ import annotations

import pytest

from bench.figures import figure, fitted_exponent, interleaved, p95


@pytest.mark.parametrize("k", [0.8, 1.0, 1.25, 1.7])
def test_the_fit_finds_the_exponent_under_a_fixed_cost(k: float) -> None:
    sizes = (1, 10, 100)
    times = [0.3 + 0.02 * n ** k for n in sizes]  # a fixed cost that a log-log slope would mistake for flatness
    assert fitted_exponent(sizes, times) == pytest.approx(k, abs=0.005)


def test_the_fit_needs_three_sizes() -> None:
    with pytest.raises(ValueError, match="three sizes"):
        fitted_exponent((1, 10, 10), (0.1, 0.2, 0.3))


def test_a_figure_prints_its_median_and_spread() -> None:
    assert figure("cli_list_s", [0.2, 0.1, 0.4], "s", 3).line() == (
        "cli_list_s: 0.200 s (median of 3 runs, spread 0.100–0.400)")
    assert figure("peak_rss_mb", [190.04], "MiB", 1).line() == "peak_rss_mb: 190.0 MiB (one run)"


def test_runs_are_interleaved_and_p95_is_the_nearest_rank() -> None:
    order: list[str] = []
    runs = interleaved({"a": lambda: order.append("a") or 1.0, "b": lambda: order.append("b") or 2.0}, 3)
    assert order == ["a", "b"] * 3 and runs == {"a": [1.0] * 3, "b": [2.0] * 3}
    assert p95(list(range(1, 101))) == 95 and p95([5.0]) == 5.0
