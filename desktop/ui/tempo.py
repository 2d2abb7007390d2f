"""The tempo meter's arithmetic, Qt-free: where the needle sits and which zone it is in.

The meter shows the agent's articulation rate relative to their own normal (their learned
baseline). Until the baseline is known, the haste threshold stands in for it: the "normal"
mark is then threshold / HASTE_FACTOR_FALLBACK, and the overlay says it is still learning.
"""

from dataclasses import dataclass
from typing import Literal

METER_MIN_RATIO = 0.6
METER_MAX_RATIO = 1.6
HASTE_FACTOR_FALLBACK = 1.15
"""DESIGN.md's default baseline factor; only used to place "normal" before a baseline."""

SMOOTHING_PER_TICK = 0.25
"""How far the needle moves towards a new reading per repaint (100 ms): calm, not jumpy."""

Zone = Literal["calm", "brisk", "hasty"]


@dataclass(frozen=True, slots=True)
class TempoView:
    """What the meter draws: all positions are fractions 0..1 of the meter's width."""

    needle: float
    normal_mark: float
    hasty_from: float
    zone: Zone
    learning: bool
    """True while the agent's baseline is not known yet."""


def tempo_view(
    rate_syl_s: float, baseline_syl_s: float | None, hasty_above_syl_s: float
) -> TempoView:
    normal = baseline_syl_s if baseline_syl_s else hasty_above_syl_s / HASTE_FACTOR_FALLBACK
    hasty_ratio = hasty_above_syl_s / normal
    ratio = rate_syl_s / normal
    if ratio >= hasty_ratio:
        zone: Zone = "hasty"
    elif ratio >= 1.0 + (hasty_ratio - 1.0) / 2:
        zone = "brisk"
    else:
        zone = "calm"
    return TempoView(
        needle=meter_fraction(ratio),
        normal_mark=meter_fraction(1.0),
        hasty_from=meter_fraction(hasty_ratio),
        zone=zone,
        learning=not baseline_syl_s,
    )


def meter_fraction(ratio: float) -> float:
    """A ratio to the normal tempo as a position on the meter, clamped to its ends."""
    fraction = (ratio - METER_MIN_RATIO) / (METER_MAX_RATIO - METER_MIN_RATIO)
    return min(1.0, max(0.0, fraction))


def smoothed(shown: float, target: float) -> float:
    """The needle's next position on its way from `shown` to `target`."""
    return shown + (target - shown) * SMOOTHING_PER_TICK
