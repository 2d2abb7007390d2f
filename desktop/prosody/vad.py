"""Voice activity: speech segments and silent pauses from frame levels.

A frame is speech-like when its level is more than `margin_db` above an adaptive noise floor
(a low percentile of the recent levels: minimum statistics, Martin 2001, simplified) and above
an absolute floor. Speech segments are runs of speech-like frames joined across gaps shorter
than the minimum pause; a gap of at least `min_pause_s` is a silent pause (200 ms is the usual
lower bound for a perceived pause in fluency research, Goldman-Eisler 1968). A run starts a
segment only once it is `min_speech_s` long and holds `min_voiced_s` of voiced frames: every
syllable has a voiced nucleus, while clicks, breaths, keyboard noise and a fan do not. An
unvoiced onset ("s" in "sorry") is kept, up to `max_unvoiced_onset_s` before the voicing.

Everything is decided frame by frame from past frames only, so the result does not depend on
how the stream was cut into blocks.
"""

from collections import deque
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from desktop.prosody.frames import HOP_S, VOICED_PERIODICITY


@dataclass(frozen=True, slots=True)
class VadSettings:
    min_pause_s: float = 0.200
    min_speech_s: float = 0.060
    min_voiced_s: float = 0.030
    max_unvoiced_onset_s: float = 0.250
    max_onset_gap_s: float = 0.100
    """A pending run survives silent gaps this short (the closure of a stop consonant)."""
    margin_db: float = 12.0
    floor_window_s: float = 4.0
    floor_percentile: float = 5.0
    prior_floor_dbfs: float = -60.0
    """Noise floor assumed until `floor_warmup_s` of audio has been heard."""
    floor_warmup_s: float = 0.5
    absolute_floor_dbfs: float = -65.0
    """Nothing quieter than this is speech, however quiet the room."""
    masked_pause_s: float = 0.5
    """With a speech gate (two sides of a call): a gap in open speech that holds frames loud
    enough for speech but explained by the other side's voice ends the segment only after
    this long, not after min_pause_s. In double talk the other side's echo can hide a few
    frames of this side's own voice; a side that really stopped still ends at its last
    speech frame, only known a little later."""


@dataclass(frozen=True, slots=True)
class SegmentOpened:
    """Speech started at `start_frame`; this became known once `known_at_frame` frames had
    been heard (a little later, after `min_speech_s`)."""

    start_frame: int
    known_at_frame: int


@dataclass(frozen=True, slots=True)
class SegmentSpan:
    """A closed speech segment in frame indices, end exclusive; its close became known once
    `known_at_frame` frames had been heard."""

    start_frame: int
    end_frame: int
    known_at_frame: int


VadEvent = SegmentOpened | SegmentSpan


@dataclass(frozen=True, slots=True)
class VadOutput:
    """What one push produced: segment openings and closings in order, and for every frame
    whether a segment was open at that frame (as known at that frame)."""

    events: list[VadEvent]
    in_segment: NDArray[np.bool_]
    noise_floor_dbfs: NDArray[np.float64]


class VoiceActivityDetector:
    """Streaming speech/pause segmentation over frame levels."""

    _FLOOR_UPDATE_FRAMES = 10

    def __init__(self, settings: VadSettings) -> None:
        self._s = settings
        self._min_pause = round(settings.min_pause_s / HOP_S)
        self._min_speech = round(settings.min_speech_s / HOP_S)
        self._min_voiced = round(settings.min_voiced_s / HOP_S)
        self._max_onset = round(settings.max_unvoiced_onset_s / HOP_S)
        self._first_voiced: int | None = None  # in the pending run
        self._voiced_in_run = 0
        self._run_last_speech = -1
        self._max_gap = round(settings.max_onset_gap_s / HOP_S)
        self._warmup = round(settings.floor_warmup_s / HOP_S)
        self._history: deque[float] = deque(maxlen=round(settings.floor_window_s / HOP_S))
        self._floor_dbfs = settings.prior_floor_dbfs
        self._frame = 0
        self._run_start: int | None = None  # speech-like run not yet a segment
        self._open_start: int | None = None  # open segment
        self._last_speech = -1  # last speech-like frame of the open segment
        self._masked_pause = round(settings.masked_pause_s / HOP_S)
        self._masked_since_speech = False
        self._events: list[VadEvent] = []

    @property
    def noise_floor_dbfs(self) -> float:
        return self._floor_dbfs

    @property
    def open_segment_start(self) -> int | None:
        """First frame of the speech segment in progress, or None during silence."""
        return self._open_start

    @property
    def earliest_pending_frame(self) -> int:
        """Frames before this index can no longer become the start of a segment."""
        if self._open_start is None and self._run_start is not None:
            return self._run_start
        return self._frame

    def push(
        self,
        level_dbfs: NDArray[np.float64],
        periodicity: NDArray[np.float64],
        allowed: NDArray[np.bool_] | None = None,
    ) -> VadOutput:
        """Feed frame levels and voicing strengths; return what opened and closed.

        `allowed` (per frame, default all True): a frame that is not allowed is never
        speech-like, whatever its level (it is the other side's echo); it still counts for
        the noise floor."""
        self._events = []
        in_segment = np.zeros(level_dbfs.shape[0], dtype=np.bool_)
        floor_dbfs = np.zeros(level_dbfs.shape[0])
        voiced = (periodicity >= VOICED_PERIODICITY).tolist()
        may = [True] * level_dbfs.shape[0] if allowed is None else allowed.tolist()
        for k, level in enumerate(level_dbfs.tolist()):
            self._step(level, voiced[k], may[k])
            in_segment[k] = self._open_start is not None
            floor_dbfs[k] = self._floor_dbfs
        return VadOutput(self._events, in_segment, floor_dbfs)

    def finish(self) -> list[VadEvent]:
        """End of stream: close the open segment, if any."""
        self._events = []
        if self._open_start is not None:
            self._close()
        self._run_start = None
        return self._events

    def _step(self, level: float, voiced: bool, allowed: bool = True) -> None:
        i = self._frame
        self._frame += 1
        self._history.append(level)
        if i % self._FLOOR_UPDATE_FRAMES == 0 and len(self._history) >= self._warmup:
            self._floor_dbfs = float(np.percentile(self._history, self._s.floor_percentile))
        threshold = max(self._floor_dbfs + self._s.margin_db, self._s.absolute_floor_dbfs)
        speech_like = allowed and level > threshold
        if self._open_start is not None:
            if speech_like:
                self._last_speech = i
                self._masked_since_speech = False
                return
            self._masked_since_speech |= not allowed and level > threshold
            gap = i - self._last_speech
            if gap >= (self._masked_pause if self._masked_since_speech else self._min_pause):
                self._close()
            return
        if not speech_like:
            if self._run_start is not None and i - self._run_last_speech > self._max_gap:
                self._run_start = None
            return
        self._run_last_speech = i
        if self._run_start is None:
            self._run_start = i
            self._first_voiced = None
            self._voiced_in_run = 0
        if voiced:
            self._voiced_in_run += 1
            if self._first_voiced is None:
                self._first_voiced = i
        if self._first_voiced is None:
            # Unvoiced so far: only the last max_onset frames may become the onset.
            self._run_start = max(self._run_start, i + 1 - self._max_onset)
        enough = i - self._run_start + 1 >= self._min_speech
        if enough and self._voiced_in_run >= self._min_voiced:
            self._open_start = self._run_start
            self._last_speech = i
            self._run_start = None
            self._events.append(SegmentOpened(self._open_start, i + 1))

    def _close(self) -> None:
        assert self._open_start is not None
        self._events.append(SegmentSpan(self._open_start, self._last_speech + 1, self._frame))
        self._open_start = None
