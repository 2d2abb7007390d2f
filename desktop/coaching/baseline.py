"""The agent's own normal: typical articulation rate and loudness, learned from their speech.

Each agent is judged against themselves (a quick Randstad speaker and a slower Limburg speaker
both get a fair baseline). The statistic is a median over weighted histograms: robust to a
few hasty or loud moments, cheap, and bounded in memory however long the shift.

- Rate: the very measurements the haste rule judges (`TempoMeasured`: the articulation rate
  over the last window of speech), each weighted by the seconds of speech since the previous
  one, into a histogram of 0.1 syll/s bins; so the baseline is the agent's typical window
  rate and "baseline × 1.15" means 15 % faster than usual in the rule's own terms. (A median
  of per-segment rates, used before, sat 5-9 % above the median window rate on real speech,
  which silently raised the haste threshold.) Each syllable source has its own histogram: a
  rate counted from recognised words is compared with a baseline counted from words, an
  acoustic rate with an acoustic baseline. Mixing them would move the ratio with the share
  of speech the model heard (the acoustic count reads fast speech about 10 % slow), not
  with the agent's tempo. Once a baseline is known, the coach leaves out the measurements
  the haste rule calls hasty: rushing is not the agent's normal, and an agent who often
  rushes would otherwise raise their own threshold and be coached less the more they need
  it (measured: a third of hasty speech moved the median up by 8 %). Changes slower than
  the haste factor (15 %) are still followed.
- Loudness: every speaking 100 ms tick adds its loudness (dB) to a histogram of 0.5 dB bins.

A baseline is available once `warmup_s` seconds of speech went into it. Between runs the
histograms are saved as JSON in the user data dir; on loading, old weight is halved so that
recent shifts count more (a voice or a headset changes). A corrupt or unreadable file is set
aside (renamed *.corrupt) and learning starts afresh: it costs a warm-up, nothing else.
"""

import json
import logging
from pathlib import Path

import numpy as np

from desktop.coaching.cue import Baselines, RuleEvent
from desktop.coaching.tempo_events import RateSource, TempoMeasured
from desktop.prosody.analyzer import ProsodyTick

logger = logging.getLogger(__name__)

RATE_BINS = np.arange(0.0, 12.0 + 1e-9, 0.1)
LOUDNESS_BINS = np.arange(-90.0, 0.0 + 1e-9, 0.5)
FILE_VERSION = 2
"""Version 2: a histogram of window rates per source. Version 1 held per-segment acoustic
rates, another statistic: its rate is learned afresh, its loudness kept."""
SOURCES: tuple[RateSource, ...] = ("nuclei", "words")
CARRY_OVER = 0.5
"""Fraction of the saved weight kept when a new run starts."""


class BaselineLearner:
    def __init__(self, warmup_s: float) -> None:
        self._warmup_s = warmup_s
        self._rate_weight = {source: np.zeros(len(RATE_BINS)) for source in SOURCES}
        self._loudness_weight = np.zeros(len(LOUDNESS_BINS))
        self._tick_s = 0.1
        self._speech_clock_s: dict[RateSource, float] = {}

    def observe(self, event: RuleEvent, learn_rate: bool = True) -> None:
        """Learn from `event`; with `learn_rate` False a tempo measurement only moves the
        speech clock (the coach leaves out hasty measurements, see the module docstring)."""
        if isinstance(event, TempoMeasured):
            previous_s = self._speech_clock_s.get(event.source, event.speech_clock_s)
            self._speech_clock_s[event.source] = event.speech_clock_s
            weight_s = event.speech_clock_s - previous_s
            if weight_s > 0 and learn_rate:
                self._add(self._rate_weight[event.source], RATE_BINS, event.rate_syl_s, weight_s)
        elif isinstance(event, ProsodyTick) and event.speaking:
            self._add(self._loudness_weight, LOUDNESS_BINS, event.loudness_db, self._tick_s)

    def current(self) -> Baselines:
        return Baselines(
            articulation_rate_syl_s=self._median(self._rate_weight["nuclei"], RATE_BINS),
            loudness_db=self._median(self._loudness_weight, LOUDNESS_BINS),
            word_articulation_rate_syl_s=self._median(self._rate_weight["words"], RATE_BINS),
        )

    def save(self, path: Path) -> None:
        """Write atomically (temp file, then rename): a crash never leaves half a file."""
        data = {
            "version": FILE_VERSION,
            "rate_weight_s": {
                source: weight.round(3).tolist() for source, weight in self._rate_weight.items()
            },
            "loudness_weight_s": self._loudness_weight.round(3).tolist(),
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(data))
        temporary.replace(path)

    def load(self, path: Path) -> None:
        """Continue from a saved baseline, if there is a usable one (of a version 1 file, the
        loudness only)."""
        if not path.exists():
            return
        try:
            data = json.loads(path.read_text())
            saved = data["rate_weight_s"]
            if data.get("version") == 1:
                saved = {source: [0.0] * len(RATE_BINS) for source in SOURCES}
            elif data.get("version") != FILE_VERSION:
                raise ValueError(f"unknown version {data.get('version')!r}")
            rate = {source: _weights(saved[source], len(RATE_BINS)) for source in SOURCES}
            loudness = _weights(data["loudness_weight_s"], len(LOUDNESS_BINS))
        except (OSError, ValueError, KeyError, TypeError) as error:
            aside = path.with_suffix(".corrupt")
            logger.warning(
                "Baseline file %s is unusable (%s); moved to %s, learning afresh.",
                path,
                error,
                aside,
            )
            path.replace(aside)
            return
        self._rate_weight = {source: weight * CARRY_OVER for source, weight in rate.items()}
        self._loudness_weight = loudness * CARRY_OVER

    @staticmethod
    def _add(weights: np.ndarray, bins: np.ndarray, value: float, weight: float) -> None:
        """Add to the nearest bin (not the next one up, which biased baselines upwards by
        half a bin)."""
        step = bins[1] - bins[0]
        index = int(np.clip(np.rint((value - bins[0]) / step), 0, len(bins) - 1))
        weights[index] += weight

    def _median(self, weights: np.ndarray, bins: np.ndarray) -> float | None:
        total = float(weights.sum())
        if total < self._warmup_s:
            return None
        index = int(np.searchsorted(np.cumsum(weights), total / 2.0))
        return float(bins[index])


def _weights(values: object, length: int) -> np.ndarray:
    """A saved histogram as an array; ValueError unless it has `length` weights >= 0."""
    weights = np.asarray(values, dtype=np.float64)
    if weights.shape != (length,) or (weights < 0).any():
        raise ValueError("unexpected layout")
    return weights
