"""Every pair of entity-type colours in viz/views.toml stays distinguishable, for normal vision
and for simulated dichromats (Machado, Oliveira & Fernandes 2009, severity 1.0, applied in
linear RGB), measured as CIE76 ΔE in CIELAB (D65)."""

from __future__ import annotations

import itertools
import math

import pytest

from policykg.views.spec import load_views

# A ΔE76 of about 2.3 is a just-noticeable difference; 15 keeps two swatches apart at a glance.
MIN_DELTA_E = 15.0

Matrix = tuple[tuple[float, float, float], ...]
SIMULATIONS: dict[str, Matrix] = {
    "normal": ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0)),
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def seen_as(colour: str, matrix: Matrix) -> tuple[float, float, float]:
    """``#rrggbb`` as CIELAB after the simulation ``matrix``."""
    rgb = [_linear(int(colour[i : i + 2], 16)) for i in (1, 3, 5)]
    out = [min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True)))) for row in matrix]
    return _lab((out[0], out[1], out[2]))


def closest_pair(colours: dict[str, str], matrix: Matrix) -> tuple[float, str, str]:
    return min(
        (math.dist(seen_as(a, matrix), seen_as(b, matrix)), ta, tb)
        for (ta, a), (tb, b) in itertools.combinations(colours.items(), 2)
    )


def test_the_measure_tells_known_confusions_apart() -> None:
    # red and green fall together for a deuteranope, blue and green for a tritanope
    assert closest_pair({"r": "#cc3333", "g": "#669933"}, SIMULATIONS["deuteranopia"])[0] < 10
    assert closest_pair({"r": "#cc3333", "g": "#669933"}, SIMULATIONS["normal"])[0] > 40
    assert seen_as("#ffffff", SIMULATIONS["protanopia"])[0] == pytest.approx(100, abs=1)


@pytest.mark.parametrize("vision", sorted(SIMULATIONS))
def test_every_pair_of_type_colours_is_distinguishable(vision: str) -> None:
    types = load_views()[0].types
    colours = {t.name: t.color for t in types}
    assert len(colours) >= 10
    delta, first, second = closest_pair(colours, SIMULATIONS[vision])
    assert delta >= MIN_DELTA_E, f"{first} and {second}: ΔE {delta:.1f} under {vision}"
