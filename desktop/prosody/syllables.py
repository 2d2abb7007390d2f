"""Syllable nuclei from frame features, for speech-rate estimation without a recogniser.

The detector follows De Jong & Wempe (2009, "Praat script to detect syllable nuclei and
measure speech rate automatically", Behavior Research Methods 41(2)): a syllable nucleus is a
voiced, prominent peak of a smoothed loudness contour. Two changes to their intensity contour
make dips between vowels deeper, which matters in fast speech where reduced vowels and
sonorant consonants otherwise merge neighbouring syllables:

* The contour is the mean of the band levels in dB over 100-4000 Hz (a geometric mean of band
  energies, as in the sub-band correlation of Wang & Narayanan 2007, "Robust speaking rate
  estimation using broad phonetic class recognition"), so a consonant that loses energy in
  any band (nasals, /l/, stops) lowers it, not only one that loses it in the loudest band.
* It is weighted by voicing (periodicity squared: fricatives and bursts sink) and lowered by
  spectral change (vowel-consonant transitions change the spectral shape even when the
  level hardly dips; vowel centres are spectrally stable).

Two rules of issue 12 make the count hold across voices and tempi:

* The voicing check is stricter where the spectrum is fricative-like (high band close to the
  low band): noise from /s x h/ on a cheap microphone reaches the plain gate's periodicity.
* The time scale follows the syllable rate: a first look with the reference constants gives
  the window's rate, and the smoothing, minimum gap and prominence are scaled to it
  (`RateScaling`). With constant smoothing, syllables of sped-up speech merge: the count
  followed a sox tempo change of 1.8x only as 1.8**0.7.

The reference constants were chosen on even-numbered clips of a Dutch read-speech corpus
and checked on the odd ones; the values sit in the middle of flat optima, not on sharp ones.
The issue-12 constants were chosen on that speaker and espeak-ng voices and judged on the
others (docs/benchmarks.md, "Syllable count per speaker").
"""

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from desktop.prosody.frames import HOP_S, FrameFeatures

CONTEXT_FRAMES = 10
"""Frames of context wanted on each side of a chunk (covers the smoothing and flux reach)."""

CONTOUR_BANDS = slice(0, 10)
"""Bands of frames.BAND_EDGES_HZ averaged into the contour: 100-4000 Hz (speech formants)."""

VOICING_WEIGHT_DB = 20.0
"""Contour gain per decade of periodicity, dB: 20 weights band power by periodicity squared."""

PERIODICITY_FLOOR = 0.05
"""Periodicity below this counts as this, so the voicing weight stays finite (at most -26 dB)."""

FLUX_WEIGHT = 0.5
"""dB of contour removed per dB of mean absolute change of the spectral shape across +-1 frame.
1.0 scores marginally better on the corpus, but over-counts voiced consonants in espeak-ng
speech and loses more syllables under sox tempo 1.3; 0.5 is as good within the corpus noise."""

SMOOTH_FRAMES = 5
"""Length of the Hann window smoothing the contour, frames (50 ms), at the reference rate."""

MIN_PROMINENCE_DB = 2.0
"""Topographic prominence a contour peak needs to count as a nucleus, dB, at the reference
rate."""

MIN_GAP_FRAMES = 6
"""Closest two nuclei may be, frames (60 ms; the shortest syllables last about 80-100 ms), at
the reference rate."""

MIN_SMOOTH_FRAMES = 2
MIN_GAP_FLOOR_FRAMES = 3
"""Floors of the scaled smoothing and gap, frames: a gap under 30 ms would pass 33 syll/s."""

MIN_PEAKS_FOR_RATE = 3
"""Fewer first-look peaks than this in a window say too little about its syllable rate: the
reference time scale is used."""

VOICING_GATE = 0.3
"""Periodicity (smoothed over 3 frames) a nucleus needs: rejects silence and steady noise."""

FRICATIVE_TILT_DB = -6.0
"""A frame whose 2500-4000 Hz level is within this of its 100-900 Hz level (or above it) is
fricative-like (/s/, /x/, /h/ + vowel onset), dB. On a noisy laptop microphone the
normalised autocorrelation of such noise reaches 0.3-0.4, so VOICING_GATE alone lets nuclei
through there (issue 12: Eelco's "is het", "schouwburg")."""

FRICATIVE_VOICING_GATE = 0.5
"""Periodicity a fricative-like frame needs to carry a nucleus: a voiced fricative or a vowel
with strong frication still passes, noise does not (as De Jong & Wempe's voicing check)."""

LOW_BANDS = slice(0, 4)
HIGH_BANDS = slice(8, 10)
"""Bands of frames.BAND_EDGES_HZ for the fricative tilt: 100-900 Hz against 2500-4000 Hz (the
telephone band keeps both)."""

FLOOR_BELOW_MAX_DB = 25.0
"""Peaks more than this below the loudest contour frame of the chunk are ignored, dB."""


@dataclass(frozen=True, slots=True)
class RateScaling:
    """How the picker's time scale follows the local syllable rate (issue 12).

    A first look with the reference constants counts the window's peaks per second of its
    loud frames (within FLOOR_BELOW_MAX_DB of its loudest): the window's rate as the fixed
    picker sees it. Above fast_above_syl_s the scale k = (fast_above_syl_s / rate) **
    exponent (< 1) multiplies the smoothing, the minimum gap and the prominence, so sped-up
    syllables stay apart; below slow_below_syl_s, k = (slow_below_syl_s / rate) ** exponent
    (> 1) multiplies the smoothing and gap, so a slow voice's long vowel is not split in two;
    k within scale_range. Between the two the reference constants hold unchanged (k = 1 is
    exactly the fixed picker): the read speech they were tuned on reads 5.8-8.6 there
    (10th-90th percentile of its windows), 1.8x faster 8.7-12. The fixed 40 ms analysis
    window blurs the dips of fast speech, so the first look's rate rises only as
    factor**0.5-0.8 when speech is sped up by `factor`; the exponent of 3 makes k shrink
    faster than that. Both fast constants are trades (docs/benchmarks.md): from 8 syll/s
    on, that speaker's count at her own tempo gets worse (mean error 6.7 % instead of
    6.3 %); with a lower bound of 0.6 or an exponent of 4, espeak-ng speech at 220-280 wpm
    over-counts by 15-20 %, while a voice sped up 1.8x would follow better.
    """

    fast_above_syl_s: float = 9.0
    slow_below_syl_s: float = 5.5
    exponent: float = 3.0
    scale_range: tuple[float, float] = (0.7, 1.3)
    above_typical: float = 1.3
    """With the speaker's typical window rate known (a stream learns it), speech faster than
    this times it counts as fast too, whichever is lower: a slow voice sped up 1.8x reads
    about 8 syll/s in the first look, under fast_above_syl_s, and kept losing syllables.
    At 1.15 the read speech of the tuning speaker got a second false haste card in 10
    minutes on the telephone band."""


DEFAULT_RATE_SCALING = RateScaling()


@dataclass(frozen=True, slots=True)
class _PeakRule:
    smooth_frames: int
    gap_frames: int
    prominence_db: float


_FIXED_RULE = _PeakRule(SMOOTH_FRAMES, MIN_GAP_FRAMES, MIN_PROMINENCE_DB)


def find_nuclei(
    features: FrameFeatures,
    speech_start: int,
    speech_end: int,
    scaling: RateScaling | None = DEFAULT_RATE_SCALING,
    typical_syl_s: float | None = None,
) -> NDArray[np.int64]:
    """Absolute frame indices of syllable nuclei between speech_start and speech_end.

    speech_start and speech_end are absolute frame indices (end exclusive). `features` covers
    at least [speech_start - CONTEXT_FRAMES, speech_end + CONTEXT_FRAMES) clipped to what
    exists; only those features are looked at, so chunked analysis equals whole-file
    analysis. Algorithm: see the module docstring; `scaling` (None: the fixed time scale)
    adapts the smoothing, gap and prominence to the window's syllable rate (RateScaling),
    `typical_syl_s` is the speaker's typical window rate when known (`pick_nuclei`).
    """
    return pick_nuclei(features, speech_start, speech_end, scaling, typical_syl_s)[0]


def pick_nuclei(
    features: FrameFeatures,
    speech_start: int,
    speech_end: int,
    scaling: RateScaling | None = DEFAULT_RATE_SCALING,
    typical_syl_s: float | None = None,
) -> tuple[NDArray[np.int64], float | None]:
    """`find_nuclei`, and the window's rate as the first look saw it (syllables per second
    of loud frames; None when the window says too little, or without scaling): a stream
    keeps the typical one of these (`typical_rate.TypicalRate`) and passes it back as
    `typical_syl_s`, so that speech clearly faster than the speaker's own usual tempo is
    picked on a shorter time scale even below RateScaling.fast_above_syl_s."""
    if features.n_frames < 3:
        return np.zeros(0, dtype=np.int64), None
    raw = nucleus_contour(features)
    voiced = nucleus_voicing(features)
    near = (speech_start - features.first_frame, speech_end - features.first_frame)
    rate_syl_s = None if scaling is None else _first_look_rate_syl_s(raw, voiced)
    rule = _FIXED_RULE
    if scaling is not None and rate_syl_s is not None:
        rule = _scaled_rule(rate_syl_s, scaling, typical_syl_s)
    peaks = _peaks(raw, voiced, rule, near) + features.first_frame
    inside = (peaks >= speech_start) & (peaks < speech_end)
    return peaks[inside].astype(np.int64), rate_syl_s


def nucleus_voicing(features: FrameFeatures) -> NDArray[np.bool_]:
    """Frames voiced enough to carry a nucleus: periodicity (smoothed over 3 frames) at least
    VOICING_GATE, and at least FRICATIVE_VOICING_GATE where the spectrum is fricative-like."""
    periodicity = _smooth(features.periodicity, 3)
    power = 10.0 ** (features.band_db / 10.0)
    tilt_db = 10.0 * np.log10(
        (power[:, HIGH_BANDS].sum(axis=1) + 1e-12) / (power[:, LOW_BANDS].sum(axis=1) + 1e-12)
    )
    gate = np.where(_smooth(tilt_db, 3) >= FRICATIVE_TILT_DB, FRICATIVE_VOICING_GATE, VOICING_GATE)
    return np.asarray(periodicity >= gate)


def _first_look_rate_syl_s(raw: NDArray[np.float64], voiced: NDArray[np.bool_]) -> float | None:
    """Peaks of the fixed picker per second of the window's loud frames (see RateScaling)."""
    first_look = _peaks(raw, voiced, _FIXED_RULE, None)
    contour = _smooth(raw, SMOOTH_FRAMES)
    loud_s = np.count_nonzero(contour > contour.max() - FLOOR_BELOW_MAX_DB) * HOP_S
    if len(first_look) < MIN_PEAKS_FOR_RATE or loud_s <= 0:
        return None
    return len(first_look) / loud_s


def _scaled_rule(rate_syl_s: float, scaling: RateScaling, typical_syl_s: float | None) -> _PeakRule:
    """The peak rule for the window's syllable rate (see RateScaling)."""
    fast_syl_s = scaling.fast_above_syl_s
    if typical_syl_s is not None:
        relative_syl_s = max(scaling.above_typical * typical_syl_s, scaling.slow_below_syl_s)
        fast_syl_s = min(fast_syl_s, relative_syl_s)
    limit = min(max(rate_syl_s, scaling.slow_below_syl_s), fast_syl_s)
    scale = float(np.clip((limit / rate_syl_s) ** scaling.exponent, *scaling.scale_range))
    if scale == 1.0:
        return _FIXED_RULE
    return _PeakRule(
        max(round(SMOOTH_FRAMES * scale), MIN_SMOOTH_FRAMES),
        max(round(MIN_GAP_FRAMES * scale), MIN_GAP_FLOOR_FRAMES),
        MIN_PROMINENCE_DB * min(scale, 1.0),
    )


def _peaks(
    raw: NDArray[np.float64],
    voiced: NDArray[np.bool_],
    rule: _PeakRule,
    near: tuple[int, int] | None,
) -> NDArray[np.int64]:
    """Window-relative peaks of the contour smoothed by `rule`: voiced, within
    FLOOR_BELOW_MAX_DB of the loudest frame, prominent, thinned to the rule's gap. With
    `near` (a window-relative stretch) only peaks in or near enough to thin one inside it are
    judged, which is what the final pass needs and is cheaper."""
    contour = _smooth(raw, rule.smooth_frames)
    loud = contour > contour.max() - FLOOR_BELOW_MAX_DB
    peaks = _local_maxima(contour)
    keep = voiced[peaks] & loud[peaks]
    if near is not None:
        keep &= (peaks > near[0] - rule.gap_frames) & (peaks < near[1] + rule.gap_frames)
    peaks = peaks[keep]
    peaks = peaks[_prominence(contour, peaks) >= rule.prominence_db]
    return _thin(contour, peaks, rule.gap_frames)


def nucleus_contour(features: FrameFeatures) -> NDArray[np.float64]:
    """Unsmoothed nucleus contour per frame, dB: mean band level + voicing weight - flux."""
    bands = features.band_db[:, CONTOUR_BANDS]
    periodicity = np.maximum(features.periodicity, PERIODICITY_FLOOR)
    voicing_db = VOICING_WEIGHT_DB * np.log10(periodicity)
    return np.asarray(bands.mean(axis=1) + voicing_db - FLUX_WEIGHT * _spectral_flux_db(bands))


def _spectral_flux_db(bands: NDArray[np.float64]) -> NDArray[np.float64]:
    """Mean absolute change (dB) of the level-normalised spectrum between frames t-1 and t+1."""
    shape = bands - bands.mean(axis=1, keepdims=True)
    padded = np.pad(shape, ((1, 1), (0, 0)), mode="edge")
    return np.asarray(np.abs(padded[2:] - padded[:-2]).mean(axis=1))


def _smooth(x: NDArray[np.float64], n_frames: int) -> NDArray[np.float64]:
    """Hann-window moving average of length n_frames, edges extended by repetition."""
    weights = np.hanning(n_frames + 2)[1:-1]
    weights /= weights.sum()
    half = n_frames // 2
    padded = np.pad(x, (half, n_frames - 1 - half), mode="edge")
    return np.convolve(padded, weights, mode="valid")


def _local_maxima(y: NDArray[np.float64]) -> NDArray[np.int64]:
    """Indices of interior local maxima (the first frame of a plateau counts)."""
    inner = (y[1:-1] > y[:-2]) & (y[1:-1] >= y[2:])
    return np.flatnonzero(inner) + 1


def _prominence(y: NDArray[np.float64], peaks: NDArray[np.int64]) -> NDArray[np.float64]:
    """Topographic prominence of each peak, in the units of y.

    The drop from the peak to the higher of the two lowest points that separate it from
    higher ground (or from the ends of y) on either side.
    """
    result = np.empty(len(peaks))
    for i, p in enumerate(peaks):
        higher_left = np.flatnonzero(y[:p] > y[p])
        higher_right = np.flatnonzero(y[p + 1 :] > y[p])
        left = higher_left[-1] + 1 if len(higher_left) else 0
        right = p + 1 + higher_right[0] if len(higher_right) else len(y)
        result[i] = y[p] - max(y[left : p + 1].min(), y[p:right].min())
    return result


def _thin(y: NDArray[np.float64], peaks: NDArray[np.int64], gap: int) -> NDArray[np.int64]:
    """Keep peaks at least `gap` apart, preferring higher ones."""
    kept: list[int] = []
    for p in peaks[np.argsort(-y[peaks], kind="stable")]:
        if all(abs(int(p) - k) >= gap for k in kept):
            kept.append(int(p))
    return np.array(sorted(kept), dtype=np.int64)
