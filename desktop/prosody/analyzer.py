"""Streaming prosody: samples in, speech segments, pauses, syllable nuclei and ticks out.

One `ProsodyAnalyzer` per stream. `process` may be called with blocks of any size; the events
and the summary are the same as for one call with the whole stream (`analyze_samples`), because
every decision depends on frame indices and frame values only, never on block boundaries.
Events are returned in the order in which they became knowable (by frame count), so even
their order does not depend on the blocks.
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from desktop.prosody.dc_block import DcBlocker
from desktop.prosody.frames import BAND_EDGES_HZ, HOP_S, FrameAnalyzer, FrameFeatures
from desktop.prosody.history import FeatureHistory
from desktop.prosody.syllables import (
    CONTEXT_FRAMES,
    DEFAULT_RATE_SCALING,
    RateScaling,
    pick_nuclei,
)
from desktop.prosody.typical_rate import TypicalRate
from desktop.prosody.vad import SegmentOpened, SegmentSpan, VadSettings, VoiceActivityDetector

TICK_FRAMES = 10
"""A ProsodyTick summarises 10 frames (100 ms): often enough for a meter, cheap to consume."""

DECIDE_FRAMES = 10
"""Open speech is searched for nuclei in stretches of 10 frames (100 ms)."""

LOUDNESS_BANDS = [
    k
    for k, (lo, hi) in enumerate(zip(BAND_EDGES_HZ[:-1], BAND_EDGES_HZ[1:], strict=True))
    if lo >= 300 and hi <= 4000
]
"""Bands summed for loudness: 300-4000 Hz, where the ear is most sensitive to speech."""


Speaker = Literal["agent", "customer"]
"""Whose stream an event was measured on: the agent's microphone or what the agent hears."""

SpeechGate = Callable[[int, int], NDArray[np.bool_]]
"""`gate(first_frame, n_frames)`: for each of those frames, may it count as this side's
speech? False where the other side's voice explains it (echo, sidetone, bleed); see
desktop/conversation/echo_gate.py."""


@dataclass(frozen=True, slots=True)
class ProsodySettings:
    vad: VadSettings = field(default_factory=VadSettings)
    nucleus_lookahead_s: float = 0.5
    """A stretch of speech is searched for syllable nuclei once this much audio after it is
    known: a peak's prominence is judged against the dip that follows it (the next syllable
    starts within about 0.2 s). This is the nuclei's delay, plus at most DECIDE_FRAMES. At
    least the VAD's min_pause_s (see `_Chunk`)."""
    nucleus_lookback_s: float = 2.0
    """Audio before the stretch (within its speech segment) a peak is judged against: the
    loudest frame and the dips before the peak, as a whole utterance would give."""
    nucleus_rate_scaling: RateScaling | None = DEFAULT_RATE_SCALING
    """How the nucleus picker's smoothing, minimum gap and prominence follow the syllable
    rate of the speech around a stretch (`syllables.RateScaling`), so that sped-up speech
    keeps its syllables apart and a slow voice does not split its long vowels; None: the
    fixed time scale (docs/benchmarks.md, "Syllable count per speaker")."""


@dataclass(frozen=True, slots=True)
class SpeechSegment:
    """Speech between two pauses; emitted when it has closed and its nuclei are known."""

    start_s: float
    end_s: float
    syllables: int
    speaker: Speaker = "agent"


@dataclass(frozen=True, slots=True)
class Pause:
    """A silent pause inside speech (at least the VAD's min_pause_s); emitted when speech
    resumes, so trailing silence at the end of a stream is not a pause."""

    start_s: float
    end_s: float
    speaker: Speaker = "agent"


@dataclass(frozen=True, slots=True)
class SpeechOnset:
    """Speech began at `start_s` (known a little later: once the VAD has enough of it)."""

    start_s: float
    speaker: Speaker = "agent"


@dataclass(frozen=True, slots=True)
class SpeechOffset:
    """Speech ended at `end_s` (known once the silence after it reached the minimum pause)."""

    end_s: float
    speaker: Speaker = "agent"


@dataclass(frozen=True, slots=True)
class SyllableNucleus:
    t_s: float
    speaker: Speaker = "agent"


@dataclass(frozen=True, slots=True)
class ProsodyTick:
    """100 ms of audio at a glance: for meters and for level-based cues.

    level_dbfs: mean-power level; loudness_db: level of the 300-4000 Hz bands (dB re full
    scale); f0_hz: median pitch of the voiced frames, None when none was voiced; speaking:
    whether a speech segment was open at the end of the tick.
    """

    t_s: float
    level_dbfs: float
    loudness_db: float
    f0_hz: float | None
    speaking: bool
    noise_floor_dbfs: float
    speaker: Speaker = "agent"


ProsodyEvent = SpeechSegment | Pause | SpeechOnset | SpeechOffset | SyllableNucleus | ProsodyTick


@dataclass(frozen=True, slots=True)
class ProsodySummary:
    """Whole-stream measures. Rates are in syllables per second; None without speech.

    speech_span_s: first speech onset to last speech offset; phonation_s: speech_span_s minus
    the internal pauses; speech rate = syllables / speech_span_s (De Jong & Wempe 2009);
    articulation rate = syllables / phonation_s.
    """

    duration_s: float
    speech_span_s: float
    phonation_s: float
    syllables: int
    pauses: tuple[Pause, ...]

    @property
    def speech_rate_syl_s(self) -> float | None:
        return self.syllables / self.speech_span_s if self.speech_span_s > 0 else None

    @property
    def articulation_rate_syl_s(self) -> float | None:
        return self.syllables / self.phonation_s if self.phonation_s > 0 else None


@dataclass(frozen=True, slots=True)
class _Chunk:
    """A stretch of speech [start_frame, end_frame) whose nuclei are picked in the features
    [window_start, window_end), once `known_at_frame` frames have been heard.

    A stretch of a segment still open ends DECIDE_FRAMES after the previous one and is
    decided once the segment is still open `lookahead` frames after its end: since a segment
    closes after min_pause frames without speech, and lookahead >= min_pause, its speech
    then surely goes on past the stretch. The last stretch of a segment ends with it."""

    start_frame: int
    end_frame: int
    window_start: int
    window_end: int
    known_at_frame: int
    closes_segment: SegmentSpan | None


class ProsodyAnalyzer:
    """One stream's prosody. `speaker` stamps every event; `speech_gate`, when given, tells
    which frames may count as speech at all (the other side's echo may not)."""

    def __init__(
        self,
        sample_rate_hz: int,
        settings: ProsodySettings | None = None,
        speaker: Speaker = "agent",
        speech_gate: SpeechGate | None = None,
    ) -> None:
        self._settings = settings or ProsodySettings()
        self._speaker: Speaker = speaker
        self._speech_gate = speech_gate
        self._frames = FrameAnalyzer(sample_rate_hz)
        self._dc = DcBlocker(sample_rate_hz)
        self._vad = VoiceActivityDetector(self._settings.vad)
        self._history = FeatureHistory()
        min_pause = round(self._settings.vad.min_pause_s / HOP_S)
        self._lookahead = max(round(self._settings.nucleus_lookahead_s / HOP_S), min_pause)
        self._lookback = round(self._settings.nucleus_lookback_s / HOP_S)
        self._open: SegmentOpened | None = None
        self._decided_to = 0
        """End of the open segment's speech already given to a chunk."""
        self._pending: list[_Chunk] = []
        self._typical_rate = TypicalRate()
        """The speaker's usual first-look rate, for the nucleus picker's time scale."""
        self._segment_syllables = 0
        self._last_segment: SegmentSpan | None = None
        self._first_start: int | None = None
        self._syllables = 0
        self._pauses: list[Pause] = []
        self._samples = 0
        self._sample_rate_hz = sample_rate_hz

    def process(self, samples: NDArray[np.int16]) -> list[ProsodyEvent]:
        self._samples += int(samples.shape[0])
        # Every measure sees the samples without their DC offset (see dc_block).
        return self._consume(self._frames.process(self._dc.process(samples)), final=False)

    def finish(self) -> list[ProsodyEvent]:
        """End of stream: flush the last frames, close open speech, resolve every chunk."""
        return self._consume(self._frames.flush(), final=True)

    def summary(self) -> ProsodySummary:
        duration_s = self._samples / self._sample_rate_hz
        if self._first_start is None or self._last_segment is None:
            return ProsodySummary(duration_s, 0.0, 0.0, self._syllables, ())
        span_s = (self._last_segment.end_frame - self._first_start) * HOP_S
        paused_s = sum(p.end_s - p.start_s for p in self._pauses)
        return ProsodySummary(
            duration_s, span_s, span_s - paused_s, self._syllables, tuple(self._pauses)
        )

    def _consume(self, batch: FrameFeatures, final: bool) -> list[ProsodyEvent]:
        self._history.append(batch)
        known: list[tuple[int, ProsodyEvent]] = []
        allowed = None
        if self._speech_gate is not None and batch.n_frames:
            allowed = self._speech_gate(batch.first_frame, batch.n_frames)
        vad_out = self._vad.push(batch.level_dbfs, batch.periodicity, allowed)
        vad_events = list(vad_out.events) + (self._vad.finish() if final else [])
        for vad_event in vad_events:
            if isinstance(vad_event, SegmentOpened):
                known.extend(self._on_opened(vad_event))
            else:
                known.append(self._on_closed(vad_event))
        if self._open is not None:  # open at every frame heard: as if closing at the next
            self._queue_stretches(closed_at_frame=self._history.end_frame)
        known.extend(self._resolve_chunks(final))
        known.extend(self._ticks(batch, vad_out.in_segment, vad_out.noise_floor_dbfs))
        self._history.drop_before(self._oldest_needed_frame())
        known.sort(key=lambda item: item[0])  # stable: ties keep their kind's order
        return [event for _, event in known]

    def _on_opened(self, opened: SegmentOpened) -> list[tuple[int, ProsodyEvent]]:
        self._open = opened
        self._decided_to = opened.start_frame
        onset = (opened.known_at_frame, SpeechOnset(opened.start_frame * HOP_S, self._speaker))
        if self._first_start is None:
            self._first_start = opened.start_frame
            return [onset]
        assert self._last_segment is not None
        start_s = self._last_segment.end_frame * HOP_S
        pause = Pause(start_s, opened.start_frame * HOP_S, self._speaker)
        self._pauses.append(pause)
        return [(opened.known_at_frame, pause), onset]

    def _on_closed(self, span: SegmentSpan) -> tuple[int, ProsodyEvent]:
        self._queue_stretches(closed_at_frame=span.known_at_frame - 1)
        start = self._decided_to
        last = _Chunk(
            start,
            span.end_frame,
            self._window_start(start),
            span.end_frame + CONTEXT_FRAMES,
            max(span.end_frame + CONTEXT_FRAMES, span.known_at_frame),
            span,
        )
        self._pending.append(last)
        self._open = None
        self._last_segment = span
        return span.known_at_frame, SpeechOffset(span.end_frame * HOP_S, self._speaker)

    def _queue_stretches(self, closed_at_frame: int) -> None:
        """Queue the open segment's next stretches that it was still open `lookahead`
        frames past (see `_Chunk`); it was open at every frame before `closed_at_frame`."""
        assert self._open is not None
        while self._decided_to + DECIDE_FRAMES + self._lookahead <= closed_at_frame:
            start = self._decided_to
            end = start + DECIDE_FRAMES
            window_end = end + self._lookahead
            known_at = max(window_end, self._open.known_at_frame)
            chunk = _Chunk(start, end, self._window_start(start), window_end, known_at, None)
            self._pending.append(chunk)
            self._decided_to = end

    def _window_start(self, start_frame: int) -> int:
        """First frame a stretch starting at `start_frame` is judged with: the lookback,
        within the open segment (plus the context the contour needs)."""
        assert self._open is not None
        return max(start_frame - self._lookback, self._open.start_frame) - CONTEXT_FRAMES

    def _resolve_chunks(self, final: bool) -> list[tuple[int, ProsodyEvent]]:
        events: list[tuple[int, ProsodyEvent]] = []
        while self._pending and (final or self._history.end_frame >= self._pending[0].window_end):
            chunk = self._pending.pop(0)
            known_at = min(chunk.known_at_frame, self._history.end_frame)
            window = self._history.window(chunk.window_start, chunk.window_end)
            nuclei, rate_syl_s = pick_nuclei(
                window,
                chunk.start_frame,
                chunk.end_frame,
                self._settings.nucleus_rate_scaling,
                self._typical_rate.rate_syl_s,
            )
            self._typical_rate.add(rate_syl_s)
            events.extend(
                (known_at, SyllableNucleus((int(i) + 0.5) * HOP_S, self._speaker)) for i in nuclei
            )
            self._segment_syllables += len(nuclei)
            self._syllables += len(nuclei)
            if chunk.closes_segment is not None:
                span = chunk.closes_segment
                segment = SpeechSegment(
                    span.start_frame * HOP_S,
                    span.end_frame * HOP_S,
                    self._segment_syllables,
                    self._speaker,
                )
                events.append((known_at, segment))
                self._segment_syllables = 0
        return events

    def _oldest_needed_frame(self) -> int:
        candidates = [self._vad.earliest_pending_frame, self._history.end_frame - TICK_FRAMES]
        if self._open is not None:
            candidates.append(self._window_start(self._decided_to))
        if self._pending:
            candidates.append(self._pending[0].window_start)
        return min(candidates) - CONTEXT_FRAMES

    def _ticks(
        self,
        batch: FrameFeatures,
        in_segment: NDArray[np.bool_],
        floor_dbfs: NDArray[np.float64],
    ) -> list[tuple[int, ProsodyEvent]]:
        """One tick per TICK_FRAMES frames, aligned to absolute frame numbers."""
        ticks: list[tuple[int, ProsodyEvent]] = []
        end = batch.first_frame + batch.n_frames
        first_tick_end = (batch.first_frame // TICK_FRAMES + 1) * TICK_FRAMES
        for tick_end in range(first_tick_end, end + 1, TICK_FRAMES):
            frames = self._history.window(tick_end - TICK_FRAMES, tick_end)
            if frames.n_frames < TICK_FRAMES:
                continue
            last = tick_end - 1 - batch.first_frame
            tick = _tick(frames, bool(in_segment[last]), float(floor_dbfs[last]), tick_end * HOP_S)
            ticks.append((tick_end, replace(tick, speaker=self._speaker)))
        return ticks


def _tick(frames: FrameFeatures, speaking: bool, floor_dbfs: float, t_s: float) -> ProsodyTick:
    power = float(np.mean(10.0 ** (frames.level_dbfs / 10.0)))
    band_power = np.sum(10.0 ** (frames.band_db[:, LOUDNESS_BANDS] / 10.0), axis=1)
    voiced = frames.f0_hz[~np.isnan(frames.f0_hz)]
    return ProsodyTick(
        t_s=t_s,
        level_dbfs=float(10.0 * np.log10(max(power, 1e-10))),
        loudness_db=float(10.0 * np.log10(max(float(np.mean(band_power)), 1e-12))),
        f0_hz=float(np.median(voiced)) if voiced.size else None,
        speaking=speaking,
        noise_floor_dbfs=floor_dbfs,
    )


def analyze_samples(
    samples: NDArray[np.int16], sample_rate_hz: int, settings: ProsodySettings | None = None
) -> tuple[list[ProsodyEvent], ProsodySummary]:
    """Analyse a whole recording in one call (the reference for streaming equivalence)."""
    analyzer = ProsodyAnalyzer(sample_rate_hz, settings)
    events = analyzer.process(samples) + analyzer.finish()
    return events, analyzer.summary()
