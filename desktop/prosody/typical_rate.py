"""The speaker's typical syllable rate as the nucleus picker's first look sees it.

The picker shortens its time scale for speech clearly faster than the speaker's own usual
tempo (`syllables.RateScaling.above_typical`), which needs that tempo: the median of the
first-look rates of the last TYPICAL_WINDOWS picked stretches (one per 100 ms of speech, so
about the last two minutes of speech). A median over minutes is not moved by a hasty
stretch of a quarter of a minute, which is what the haste cue has to catch; it follows a
speaker whose usual tempo changes over the shift. Every value depends on frame values only,
so a stream fed in any blocks gives the same answers.
"""

from collections import deque

import numpy as np

TYPICAL_WINDOWS = 1200
"""First-look rates the median is taken over (1200 stretches of 100 ms: 2 min of speech)."""

MIN_WINDOWS = 100
"""Rates needed before the median is used (10 s of speech); before, only the absolute
thresholds apply."""


class TypicalRate:
    def __init__(self) -> None:
        self._rates_syl_s: deque[float] = deque(maxlen=TYPICAL_WINDOWS)

    def add(self, rate_syl_s: float | None) -> None:
        if rate_syl_s is not None:
            self._rates_syl_s.append(rate_syl_s)

    @property
    def rate_syl_s(self) -> float | None:
        if len(self._rates_syl_s) < MIN_WINDOWS:
            return None
        return float(np.median(np.fromiter(self._rates_syl_s, dtype=np.float64)))
