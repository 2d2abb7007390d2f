"""Per-frame acoustic features, computed in a streaming way.

The stream is cut into hops of HOP_S (10 ms). Frame i describes the hop
[i * HOP_S, (i + 1) * HOP_S): its level is measured on exactly those samples, so pause
boundaries land on 10 ms steps; its spectrum and pitch are measured on a WINDOW_S (40 ms)
window centred on the hop, which needs a little look-ahead. Feeding the stream in blocks of
any size gives bit-identical features to feeding it whole, because every frame depends only on
its own samples.
"""

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

HOP_S = 0.010
WINDOW_S = 0.040
F0_MIN_HZ = 60.0
F0_MAX_HZ = 400.0
SILENCE_FLOOR_DBFS = -100.0
"""Level given to digital silence, so that logarithms stay finite."""

BAND_EDGES_HZ = (100, 300, 500, 700, 900, 1200, 1500, 2000, 2500, 3200, 4000, 5500, 7500)
"""Edges of the analysis bands. Narrow bands where vowel formants F1/F2 live, wide above."""

VOICED_PERIODICITY = 0.5
"""Normalised autocorrelation peak above which a frame counts as voiced."""


@dataclass(frozen=True, slots=True)
class FrameFeatures:
    """Features of consecutive frames, starting at frame index `first_frame`.

    level_dbfs: RMS level of the 10 ms hop, dB re full scale (digital silence: -100).
    band_db: mean-square level per analysis band (BAND_EDGES_HZ), dB re full scale, so the
        bands of a signal add up (in power) to about its level; shape (n_frames, n_bands).
    periodicity: normalised autocorrelation peak in the pitch range, 0..1 (voicing strength).
    f0_hz: fundamental frequency of voiced frames, NaN when unvoiced.
    """

    first_frame: int
    level_dbfs: NDArray[np.float64]
    band_db: NDArray[np.float64]
    periodicity: NDArray[np.float64]
    f0_hz: NDArray[np.float64]

    @property
    def n_frames(self) -> int:
        return int(self.level_dbfs.shape[0])


def empty_features(first_frame: int) -> FrameFeatures:
    n_bands = len(BAND_EDGES_HZ) - 1
    return FrameFeatures(
        first_frame,
        np.zeros(0),
        np.zeros((0, n_bands)),
        np.zeros(0),
        np.zeros(0),
    )


class FrameAnalyzer:
    """Turns a stream of int16 samples into FrameFeatures, frame by frame.

    Keeps only the samples the next frame still needs (less than one window), so memory is
    bounded however long the stream runs.
    """

    def __init__(self, sample_rate_hz: int) -> None:
        self._rate_hz = sample_rate_hz
        self._hop = round(HOP_S * sample_rate_hz)
        self._window = round(WINDOW_S * sample_rate_hz)
        # The window is centred on its hop: it starts `_lead` samples before the hop.
        self._lead = (self._window - self._hop) // 2
        self._buffer = np.zeros(self._lead, dtype=np.float64)
        self._next_frame = 0
        self._fft_size = 2 * self._window
        freqs_hz = np.fft.rfftfreq(self._fft_size, 1.0 / sample_rate_hz)
        self._band_masks = [
            (freqs_hz >= lo) & (freqs_hz < hi)
            for lo, hi in zip(BAND_EDGES_HZ[:-1], BAND_EDGES_HZ[1:], strict=True)
        ]
        self._taper = np.hanning(self._window)
        # Parseval: one-sided power summed over all bins, divided by this, is the mean square
        # of the tapered window; so band energies are on the same dBFS scale as the level.
        self._power_scale = self._fft_size * float(np.sum(self._taper**2)) / 2.0
        self._lag_min = int(sample_rate_hz / F0_MAX_HZ)
        self._lag_max = int(np.ceil(sample_rate_hz / F0_MIN_HZ))

    @property
    def next_frame(self) -> int:
        return self._next_frame

    def process(self, samples: NDArray[np.int16]) -> FrameFeatures:
        """Add samples; return the features of every frame that is now complete."""
        scaled = samples.astype(np.float64) / 32768.0
        self._buffer = np.concatenate([self._buffer, scaled])
        return self._drain()

    def flush(self) -> FrameFeatures:
        """End of stream: pad with silence so the last partial hop becomes a frame."""
        pending = self._buffer.shape[0] - self._lead
        if pending <= 0:
            return empty_features(self._next_frame)
        hops = int(np.ceil(pending / self._hop))
        pad = (hops - 1) * self._hop + self._window - self._buffer.shape[0]
        self._buffer = np.concatenate([self._buffer, np.zeros(max(pad, 0))])
        features = self._drain()
        self._buffer = np.zeros(self._lead)
        return features

    def _drain(self) -> FrameFeatures:
        n_frames = (self._buffer.shape[0] - self._window) // self._hop + 1
        if n_frames <= 0:
            return empty_features(self._next_frame)
        starts = np.arange(n_frames) * self._hop
        windows = self._buffer[starts[:, None] + np.arange(self._window)[None, :]]
        hops = windows[:, self._lead : self._lead + self._hop]
        periodicity, f0_hz = self._pitch(windows)
        features = FrameFeatures(
            first_frame=self._next_frame,
            level_dbfs=_level_dbfs(hops),
            band_db=self._band_db(windows),
            periodicity=periodicity,
            f0_hz=f0_hz,
        )
        self._buffer = self._buffer[n_frames * self._hop :]
        self._next_frame += n_frames
        return features

    def _band_db(self, windows: NDArray[np.float64]) -> NDArray[np.float64]:
        spectrum = np.fft.rfft(windows * self._taper, self._fft_size, axis=1)
        power = np.abs(spectrum) ** 2 / self._power_scale
        bands = np.stack([power[:, mask].sum(axis=1) for mask in self._band_masks], axis=1)
        return np.asarray(10.0 * np.log10(bands + 1e-12))

    def _pitch(
        self, windows: NDArray[np.float64]
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Normalised cross-correlation pitch (as in RAPT's first pass, Talkin 1995).

        For each lag the correlation of the window with itself shifted is divided by the
        geometric mean of the energies of the two overlapping parts, which makes the peak
        height (0..1) a voicing strength independent of level. The best lag is refined by a
        parabola through its neighbours; the first lag within 5 % of the best peak is taken
        to avoid octave-down errors.
        """
        centred = windows - windows.mean(axis=1, keepdims=True)
        spectrum = np.fft.rfft(centred, self._fft_size, axis=1)
        corr = np.fft.irfft(np.abs(spectrum) ** 2, self._fft_size, axis=1)[:, : self._window]
        energy = np.cumsum(centred**2, axis=1)
        total = energy[:, -1:]
        lags = np.arange(self._lag_min, self._lag_max + 2)
        head = total - np.concatenate([np.zeros((len(windows), 1)), energy], axis=1)[:, lags]
        tail = energy[:, self._window - 1 - lags]
        nccf = corr[:, lags] / np.sqrt(np.maximum(head * tail, 1e-20))
        core = nccf[:, 1:-1]
        best = core.max(axis=1)
        first_good = np.argmax(core >= 0.95 * best[:, None], axis=1)
        # The first good lag may sit on a rising slope: climb to its local maximum.
        idx = first_good + 1
        rows = np.arange(len(windows))
        for _ in range(self._lag_max):
            climb = (idx < nccf.shape[1] - 2) & (nccf[rows, idx + 1] > nccf[rows, idx])
            if not climb.any():
                break
            idx = idx + climb
        left, mid, right = nccf[rows, idx - 1], nccf[rows, idx], nccf[rows, idx + 1]
        denom = left - 2 * mid + right
        safe_denom = np.where(np.abs(denom) > 1e-12, denom, 1.0)
        shift = np.where(np.abs(denom) > 1e-12, 0.5 * (left - right) / safe_denom, 0.0)
        lag = lags[idx] + np.clip(shift, -0.5, 0.5)
        periodicity = np.clip(mid, 0.0, 1.0)
        silent = total[:, 0] < 1e-9
        periodicity = np.where(silent, 0.0, periodicity)
        f0_hz = np.where(periodicity >= VOICED_PERIODICITY, self._rate_hz / lag, np.nan)
        return periodicity, f0_hz


def _level_dbfs(hops: NDArray[np.float64]) -> NDArray[np.float64]:
    mean_square = np.mean(hops**2, axis=1)
    # Full-scale sine is -3 dBFS RMS; we report RMS re full-scale square, the usual dBFS.
    with np.errstate(divide="ignore"):
        level = 10.0 * np.log10(mean_square)
    return np.asarray(np.maximum(level, SILENCE_FLOOR_DBFS))


def concat_features(parts: list[FrameFeatures]) -> FrameFeatures:
    """Join consecutive feature batches into one (used by whole-file analysis and tests)."""
    non_empty = [p for p in parts if p.n_frames]
    if not non_empty:
        return empty_features(parts[0].first_frame if parts else 0)
    return FrameFeatures(
        non_empty[0].first_frame,
        np.concatenate([p.level_dbfs for p in non_empty]),
        np.concatenate([p.band_db for p in non_empty]),
        np.concatenate([p.periodicity for p in non_empty]),
        np.concatenate([p.f0_hz for p in non_empty]),
    )
