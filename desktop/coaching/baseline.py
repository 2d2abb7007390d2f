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
recent shifts count more (a voice or a headset changes). The file is read as untrusted input:
at most MAX_FILE_BYTES, every field checked (types, bin counts, finite weights within
bounds). A corrupt, unreadable or absurd file is set aside (renamed *.corrupt) and learning
starts afresh: it costs a warm-up, nothing else. A failed save is logged and costs this run's
learning; neither ever stops the coach.
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
MAX_FILE_BYTES = 256 * 1024
"""A saved baseline is about 3 KB (423 weights); anything far larger is not ours."""
MAX_WEIGHT_S = 1e7
"""Seconds of speech in one bin: 10 million s is about 116 days of talking without a break,
more than any carried-over history can hold (old weight halves every run)."""


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

    def save(self, path: Path) -> bool:
        """Write atomically (temp file, then rename): a crash never leaves half a file.

        A folder that cannot be written (read-only, full disk, taken away) costs this run's
        learning, never the coach: the failure is logged in one line and False returned.
        """
        data = {
            "version": FILE_VERSION,
            "rate_weight_s": {
                source: weight.round(3).tolist() for source, weight in self._rate_weight.items()
            },
            "loudness_weight_s": self._loudness_weight.round(3).tolist(),
        }
        temporary = path.with_suffix(".tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(json.dumps(data), encoding="utf-8")
            temporary.replace(path)
        except OSError as error:
            logger.warning(
                "Could not save the baseline to %s (%s); this run's learning is not kept.",
                path,
                error.strerror or error,
            )
            _remove_quietly(temporary)
            return False
        return True

    def load(self, path: Path) -> None:
        """Continue from a saved baseline, if there is a usable one (of a version 1 file, the
        loudness only).

        Everything in the file is checked (see `decode_baseline`); an unusable file is set
        aside as `*.corrupt` and learning starts afresh. Never raises.
        """
        try:
            if not path.exists() and not path.is_symlink():
                return
            rate, loudness = decode_baseline(_read_bounded(path))
        except (OSError, ValueError, RecursionError) as error:
            _set_aside(path, _reason(error))
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


def decode_baseline(raw: bytes) -> tuple[dict[RateSource, np.ndarray], np.ndarray]:
    """The rate histograms and the loudness histogram in a saved file's bytes.

    Raises ValueError (or RecursionError, for absurdly nested JSON) unless the bytes are
    UTF-8 JSON of the saved layout: an object with an integer `version` (1 or 2) and
    histograms of exactly the bin counts, every weight a finite number of seconds between 0
    and MAX_WEIGHT_S. NaN and Infinity are refused, whatever their spelling.
    """
    data = json.loads(raw.decode("utf-8"), parse_constant=_refuse_constant)
    if not isinstance(data, dict):
        raise ValueError(f"a JSON {type(data).__name__}, not an object")
    version = data.get("version")
    if type(version) is not int or version not in (1, FILE_VERSION):
        raise ValueError(f"unknown version {str(version)[:20]!r}")
    loudness = _weights(data.get("loudness_weight_s"), len(LOUDNESS_BINS), "loudness_weight_s")
    if version == 1:  # per-segment rates, another statistic: learned afresh
        rate = {source: np.zeros(len(RATE_BINS)) for source in SOURCES}
        return rate, loudness
    saved = data.get("rate_weight_s")
    if not isinstance(saved, dict):
        raise ValueError("rate_weight_s is not an object")
    rate = {
        source: _weights(saved.get(source), len(RATE_BINS), f"rate_weight_s.{source}")
        for source in SOURCES
    }
    return rate, loudness


def _weights(values: object, length: int, name: str) -> np.ndarray:
    """A saved histogram as an array; ValueError unless it is a list of `length` numbers of
    seconds in [0, MAX_WEIGHT_S] (true and false are not numbers here)."""
    if not isinstance(values, list) or len(values) != length:
        raise ValueError(f"{name} is not a list of {length} numbers")
    if any(type(value) not in (int, float) for value in values):
        raise ValueError(f"{name} holds something other than numbers")
    try:
        weights = np.array(values, dtype=np.float64)
    except OverflowError as error:
        raise ValueError(f"{name} holds a number too large") from error
    if not np.isfinite(weights).all() or (weights < 0).any() or (weights > MAX_WEIGHT_S).any():
        raise ValueError(f"{name} holds a weight outside 0..{MAX_WEIGHT_S:g} s")
    return weights


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not a weight")


def _read_bounded(path: Path) -> bytes:
    """The file's bytes; ValueError for anything but a regular file of at most
    MAX_FILE_BYTES (a FIFO would block the start, a device or a huge file would not end)."""
    if not path.is_file():
        raise ValueError("not a regular file")
    with path.open("rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise ValueError(f"larger than {MAX_FILE_BYTES} bytes")
    return raw


def _remove_quietly(path: Path) -> None:
    """Remove a half-written temp file if possible; a failure here changes nothing."""
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


def _reason(error: BaseException) -> str:
    if isinstance(error, RecursionError):
        return "nested too deeply"
    if isinstance(error, OSError):
        return str(error.strerror or error)
    return str(error)[:200]


def _set_aside(path: Path, reason: str) -> None:
    """Rename the unusable file to `*.corrupt` (kept for IT; it replaces an older one) and
    say so in the log. A folder that refuses the rename is logged too: the coach goes on
    with a fresh baseline either way."""
    aside = path.with_suffix(".corrupt")
    try:
        path.replace(aside)
    except OSError as error:
        logger.warning(
            "Baseline file %s is unusable (%s) and could not be moved aside (%s); learning afresh.",
            path,
            reason,
            error.strerror or error,
        )
        return
    logger.warning(
        "Baseline file %s is unusable (%s); moved to %s, learning afresh.", path, reason, aside
    )
