"""The agent's own normal: typical articulation rate and loudness, learned from their speech.

Each agent is judged against themselves (a quick Randstad speaker and a slower Limburg speaker
both get a fair baseline). The statistic is a median over weighted histograms: robust to a
few hasty or loud moments, cheap, and bounded in memory however long the shift.

- Rate: every closed speech segment of at least MIN_SEGMENT_S adds its articulation rate
  (syllables / duration), weighted by its duration, to a histogram of 0.1 syll/s bins.
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

from desktop.coaching.cue import Baselines
from desktop.events import EngineEvent
from desktop.prosody.analyzer import ProsodyTick, SpeechSegment

logger = logging.getLogger(__name__)

MIN_SEGMENT_S = 0.8
"""Shorter segments ("ja", "oké") say little about tempo."""
RATE_BINS = np.arange(0.0, 12.0 + 1e-9, 0.1)
LOUDNESS_BINS = np.arange(-90.0, 0.0 + 1e-9, 0.5)
FILE_VERSION = 1
CARRY_OVER = 0.5
"""Fraction of the saved weight kept when a new run starts."""


class BaselineLearner:
    def __init__(self, warmup_s: float) -> None:
        self._warmup_s = warmup_s
        self._rate_weight = np.zeros(len(RATE_BINS))
        self._loudness_weight = np.zeros(len(LOUDNESS_BINS))
        self._tick_s = 0.1

    def observe(self, event: EngineEvent) -> None:
        if isinstance(event, SpeechSegment):
            duration_s = event.end_s - event.start_s
            if duration_s >= MIN_SEGMENT_S and event.syllables > 0:
                self._add(self._rate_weight, RATE_BINS, event.syllables / duration_s, duration_s)
        elif isinstance(event, ProsodyTick) and event.speaking:
            self._add(self._loudness_weight, LOUDNESS_BINS, event.loudness_db, self._tick_s)

    def current(self) -> Baselines:
        return Baselines(
            articulation_rate_syl_s=self._median(self._rate_weight, RATE_BINS),
            loudness_db=self._median(self._loudness_weight, LOUDNESS_BINS),
        )

    def save(self, path: Path) -> None:
        """Write atomically (temp file, then rename): a crash never leaves half a file."""
        data = {
            "version": FILE_VERSION,
            "rate_weight_s": self._rate_weight.round(3).tolist(),
            "loudness_weight_s": self._loudness_weight.round(3).tolist(),
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(data))
        temporary.replace(path)

    def load(self, path: Path) -> None:
        """Continue from a saved baseline, if there is a usable one."""
        if not path.exists():
            return
        try:
            data = json.loads(path.read_text())
            rate = np.asarray(data["rate_weight_s"], dtype=np.float64)
            loudness = np.asarray(data["loudness_weight_s"], dtype=np.float64)
            if (
                data.get("version") != FILE_VERSION
                or rate.shape != self._rate_weight.shape
                or loudness.shape != self._loudness_weight.shape
                or (rate < 0).any()
                or (loudness < 0).any()
            ):
                raise ValueError("unexpected layout")
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
        self._rate_weight = rate * CARRY_OVER
        self._loudness_weight = loudness * CARRY_OVER

    @staticmethod
    def _add(weights: np.ndarray, bins: np.ndarray, value: float, weight: float) -> None:
        index = int(np.clip(np.searchsorted(bins, value), 0, len(bins) - 1))
        weights[index] += weight

    def _median(self, weights: np.ndarray, bins: np.ndarray) -> float | None:
        total = float(weights.sum())
        if total < self._warmup_s:
            return None
        index = int(np.searchsorted(np.cumsum(weights), total / 2.0))
        return float(bins[index])
