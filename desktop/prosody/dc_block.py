"""Remove a constant (DC) offset from the stream before anything is measured.

Cheap USB headsets and some sound cards add a constant offset to every sample. The level of a
10 ms hop is its RMS, so an offset of 0.05 full scale reads as -26 dBFS of "sound" in every
pause: the voice activity detector then hears no pauses and the syllable contour flattens.
A one-pole high-pass removes it:

    y[n] = x[n] - x[n-1] + R * y[n-1],   R = exp(-2π * CUTOFF_HZ / rate)

(J. O. Smith, "Introduction to Digital Filters", DC blocker). The cut-off, 40 Hz, is a
compromise measured on speech: every high-pass leaves a tail after a sound that stops
abruptly, as long as its time constant (1 / (2π fc): 4 ms here), and where the pauses are
digital silence (synthetic speech, softphones that gate) the voice activity detector hears
that tail as speech. At 2 Hz the tail ran 0.4 s and merged a 320 ms pause of espeak-ng speech
into its neighbours; at 20 Hz it still lengthened speech by 20 ms; at 40 Hz by at most 10 ms.
The voice loses under 1 dB at 80 Hz, the lowest male pitch, and almost nothing above.

The state is carried across blocks, and the output is bit-identical however the stream is
split: the recursion is evaluated in rows of ROW_SAMPLES aligned to the stream's start (a
closed form within the row, the row-end state carried between rows), and the samples of an
unfinished row are kept and recomputed from the row's start when the rest arrives. So a
streaming analysis still equals the whole-file analysis, as the prosody analyzer promises.

The prosody analyzer applies it to what it is given, the one entry every source (microphone
and file) passes through. The recognizer gets the blocks unfiltered: Kaldi's feature
extraction already subtracts each 25 ms frame's mean (`remove_dc_offset`, on by default and
not turned off by the models' mfcc.conf), and the models were trained on unfiltered audio.
"""

import numpy as np
from numpy.typing import NDArray

CUTOFF_HZ = 40.0
ROW_SAMPLES = 80
"""Rows short enough that R**-ROW_SAMPLES stays close to 1: the closed form loses no
precision."""


class DcBlocker:
    """Streaming one-pole DC-blocking high-pass on int16 samples; int16 out, same length.

    The filter starts as if the first sample had been there forever, so a stream that
    begins with an offset does not start with a click.
    """

    def __init__(self, sample_rate_hz: int, cutoff_hz: float = CUTOFF_HZ) -> None:
        self._pole = float(np.exp(-2.0 * np.pi * cutoff_hz / sample_rate_hz))
        k = np.arange(ROW_SAMPLES, dtype=np.float64)
        self._rise = self._pole ** (-k)  # R**-k: weights of the inputs within a row
        self._decay = self._pole**k  # R**k: back to the output scale
        self._carry_gain = self._pole ** (k + 1)  # R**(k+1): the previous row's end state
        self._row_gain = self._pole**ROW_SAMPLES
        self._row: NDArray[np.float64] = np.zeros(0)
        """Samples of the unfinished row (fewer than ROW_SAMPLES)."""
        self._before_row: float | None = None
        """The input sample just before the unfinished row; None before the first sample."""
        self._state = 0.0
        """The output just before the unfinished row."""

    def process(self, samples: NDArray[np.int16]) -> NDArray[np.int16]:
        if samples.shape[0] == 0:
            return samples
        if self._before_row is None:
            self._before_row = float(samples[0])
        done = self._row.shape[0]
        x = np.concatenate([self._row, samples.astype(np.float64)])
        rows = -(-x.shape[0] // ROW_SAMPLES)
        padded = np.zeros(rows * ROW_SAMPLES)
        padded[: x.shape[0]] = x
        previous = np.concatenate([[self._before_row], padded[:-1]])
        steps = (padded - previous).reshape(rows, ROW_SAMPLES)
        # Zero-state response of each row: sum_k R**(j-k) d[k], causal, so the zero padding
        # after the last real sample does not change the samples before it.
        zero_state = np.cumsum(steps * self._rise, axis=1) * self._decay
        starts = np.empty(rows)
        ends = np.empty(rows)
        state = self._state
        for row in range(rows):  # one step per 5 ms of audio: the rows' end states chain
            starts[row] = state
            state = float(zero_state[row, -1]) + self._row_gain * state
            ends[row] = state
        y = (zero_state + starts[:, None] * self._carry_gain).reshape(-1)[: x.shape[0]]
        complete = (x.shape[0] // ROW_SAMPLES) * ROW_SAMPLES
        if complete:
            self._state = float(ends[complete // ROW_SAMPLES - 1])
            self._before_row = float(x[complete - 1])
        self._row = x[complete:]
        out = np.clip(np.rint(y[done:]), -32768, 32767)
        return out.astype(np.int16)
