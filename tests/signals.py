"""Synthetic signals with known answers, for tests of the numpy code (no files, no tools)."""

import numpy as np
from numpy.typing import NDArray

RATE_HZ = 16_000


def harmonic(f0_hz: float, duration_s: float, level_dbfs: float = -20.0) -> NDArray[np.float64]:
    """A vowel-like tone: f0 and its first 9 harmonics with a 1/k spectrum, at an RMS level."""
    t = np.arange(round(duration_s * RATE_HZ)) / RATE_HZ
    tone = sum(np.sin(2 * np.pi * k * f0_hz * t) / k for k in range(1, 10) if k * f0_hz < 7000)
    return _at_level(np.asarray(tone, dtype=np.float64), level_dbfs)


def noise(duration_s: float, level_dbfs: float, seed: int = 0) -> NDArray[np.float64]:
    rng = np.random.default_rng(seed)
    return _at_level(rng.standard_normal(round(duration_s * RATE_HZ)), level_dbfs)


def syllable_train(
    rate_syl_s: float, duration_s: float, f0_hz: float = 180.0, level_dbfs: float = -20.0
) -> NDArray[np.float64]:
    """Voiced bursts at `rate_syl_s`, each a raised-cosine-shaped harmonic tone filling 60 %
    of its period, like syllable nuclei separated by quieter consonants."""
    period = round(RATE_HZ / rate_syl_s)
    n_bursts = int(duration_s * rate_syl_s)
    burst_len = round(0.6 * period)
    envelope = np.zeros(period)
    envelope[:burst_len] = np.hanning(burst_len)
    carrier = harmonic(f0_hz, n_bursts * period / RATE_HZ, level_dbfs + 4.0)
    return carrier * np.tile(envelope, n_bursts)


def to_int16(signal: NDArray[np.float64]) -> NDArray[np.int16]:
    return np.asarray(np.clip(np.round(signal * 32768.0), -32768, 32767), dtype=np.int16)


def _at_level(signal: NDArray[np.float64], level_dbfs: float) -> NDArray[np.float64]:
    rms = float(np.sqrt(np.mean(signal**2)))
    return signal * (10.0 ** (level_dbfs / 20.0) / rms)
