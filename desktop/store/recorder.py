"""The shift recorder: the engine's timeline in, the shift history written as it goes.

It runs where the engine's outbox is drained (the UI thread in the app) and writes one
transaction every `COMMIT_EVERY_S` seconds of stream time, so killing the app loses at most
that much. Written: the shift, its calls (from the coach's `CallStarted`), the cues shown,
per-10-s metrics of call time (see `intervals.py`) and the coach's judgements
(`judges.py`). Never audio. Recognised words only when the policy's
`privacy.store_transcripts` allows: then the final words, and cue evidence as it is;
otherwise the evidence without its words (`privacy.py`).
"""

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from desktop.coaching.calls import CallStarted
from desktop.coaching.cue import Baselines, Cue
from desktop.coaching.settings import Policy
from desktop.conversation.turns import Interruption, Overlap, Silence
from desktop.events import (
    CustomerChannelChanged,
    StreamEnded,
    WordsRecognized,
    heard_from_customer,
)
from desktop.prosody.analyzer import Pause, ProsodyTick, SpeechSegment, SyllableNucleus
from desktop.store.history import HistoryStore
from desktop.store.intervals import CallClock, IntervalAccumulator
from desktop.store.judges import Judgements, judgements_of, measured_counts
from desktop.store.privacy import storable_evidence
from desktop.store.records import CallRecord, CueRecord, HasteLimits, TranscriptWord
from desktop.store.utc import utc_now
from desktop.store.writes import IntervalDelta, NewShift, WriteBatch

if TYPE_CHECKING:
    from desktop.engine import TimelineEvent

logger = logging.getLogger(__name__)

COMMIT_EVERY_S = 5.0
"""Stream seconds between commits: a kill loses less than the promised 10 s of metrics."""


class ShiftRecorder:
    """Records one shift (one engine stream) into `store`.

    `baselines` is the agent's baseline as loaded at the start; call `record_baseline` with
    the learner's baseline once the engine has stopped (it is owned by the engine thread).
    `clock_utc` gives the wall-clock time of the shift's start and end.
    """

    def __init__(
        self,
        store: HistoryStore,
        policy: Policy,
        source_name: str,
        baselines: Baselines | None = None,
        clock_utc: Callable[[], datetime] = utc_now,
    ) -> None:
        self._store = store
        self._policy = policy
        self._source_name = source_name
        self._clock_utc = clock_utc
        self._store_words = policy.privacy.store_transcripts
        self._max_pause_s = policy.calls.customer_turn_silence_s
        self._now_s = 0.0
        self._ended = False
        self._failing: str | None = None
        """The error of the last write, while writes fail (logged once, not every 5 s)."""
        self._begin(start_s=0.0)
        if baselines is not None:
            self.record_baseline(baselines)

    @property
    def shift_id(self) -> int | None:
        """The shift's id in the store; None while the shift could not be begun there (it
        is begun at the next commit, with everything held since)."""
        return self._shift_id

    @property
    def recorded_s(self) -> float:
        """Stream time written to the store so far."""
        return self._written_s

    def observe(self, event: "TimelineEvent") -> None:
        """Take one timeline event; commit when `COMMIT_EVERY_S` of stream time has passed
        since the last commit. Events of kinds it does not know are ignored."""
        if self._ended:
            return
        self._now_s = max(self._now_s, _event_time_s(event))
        if self._clock.calls == 0:
            self._start_call(0.0, "stream start")
        self._take(event)
        self._add_judgements(judgements_of(event))
        if isinstance(event, StreamEnded):
            self._end(event.t_s)
        elif self._now_s - self._attempted_s >= COMMIT_EVERY_S:
            self.flush()

    def flush(self) -> None:
        """Commit what was collected. A failing write is logged and retried at the next
        commit: the history must never stop the coaching."""
        self._write(ended=False)

    def record_baseline(self, baselines: Baselines) -> None:
        shift_id = self._shift_id if self._shift_id is not None else self._begin_in_store()
        if shift_id is None:
            logger.warning("Could not save the baseline: the shift is not in the history")
            return
        try:
            self._store.save_baseline(shift_id, baselines)
        except sqlite3.Error as error:
            logger.warning("Could not save the baseline of shift %s: %s", self._shift_id, error)

    def delete_history(self) -> None:
        """The agent's "delete my history": every shift goes, this one included; recording
        goes on as a new shift from the current stream time."""
        self._store.delete_history()
        self._begin(start_s=self._now_s)

    def _begin(self, start_s: float) -> None:
        policy = self._policy
        self._new_shift = NewShift(
            started_utc=self._clock_utc(),
            source=self._source_name,
            language=policy.language,
            haste=HasteLimits.of(policy.cues.haste),
            transcripts_stored=self._store_words,
        )
        self._shift_id: int | None = None
        self._begin_in_store()
        self._clock = CallClock()
        self._intervals = IntervalAccumulator(self._clock, measured_counts(self._policy))
        self._unwritten: tuple[IntervalDelta, ...] = ()
        self._current: CallRecord | None = None
        self._calls: dict[int, CallRecord] = {}
        """Calls to write: new ones, and ones whose end became known."""
        self._cues: list[CueRecord] = []
        self._words: list[TranscriptWord] = []
        self._attempted_s = self._written_s = start_s
        if start_s > 0.0:
            self._start_call(start_s, "stream start")

    def _begin_in_store(self) -> int | None:
        """Insert the shift; a failure (the file locked or full, say) is logged and tried
        again at the next commit, so the shift is kept once the file can be written."""
        try:
            self._shift_id = self._store.begin_shift(self._new_shift)
        except sqlite3.Error as error:
            self._log_failure(error)
        return self._shift_id

    def _log_failure(self, error: sqlite3.Error) -> None:
        """A failing write is logged once, not at every retry; `_write` logs the recovery."""
        if str(error) != self._failing:
            logger.warning(
                "Could not write the shift to the history (kept in memory, retried every %g s): %s",
                COMMIT_EVERY_S,
                error,
            )
        self._failing = str(error)

    def _take(self, event: "TimelineEvent") -> None:
        intervals = self._intervals
        if heard_from_customer(event):  # of the customer: counts and durations only
            if isinstance(event, SpeechSegment):
                intervals.add_span("customer_talk_s", event.start_s, event.end_s)
            elif isinstance(event, SyllableNucleus):  # where it was, as the agent's are
                intervals.count("customer_syllables", event.t_s)
            return
        if isinstance(event, CustomerChannelChanged):
            intervals.hear_customer(event.state.status == "listening")
        elif isinstance(event, Overlap):
            intervals.add_span("overtalk_s", event.start_s, event.end_s)
        elif isinstance(event, Interruption):
            intervals.count("interruptions", event.start_s)
        elif isinstance(event, Silence):
            intervals.add_span("dead_air_s", event.start_s, event.end_s)
        elif isinstance(event, ProsodyTick):
            intervals.add_tick(event.t_s, event.loudness_db if event.speaking else None)
        elif isinstance(event, SpeechSegment):
            intervals.add_talk(event.start_s, event.end_s)
        elif isinstance(event, SyllableNucleus):
            intervals.count("syllables", event.t_s)
        elif isinstance(event, Pause):
            if event.end_s - event.start_s < self._max_pause_s:
                intervals.add_pause(event.start_s, event.end_s)
        elif isinstance(event, WordsRecognized) and event.final:
            self._take_words(event)
        elif isinstance(event, CallStarted):
            self._take_call(event)
        elif isinstance(event, Cue):
            self._take_cue(event)

    def _take_call(self, event: CallStarted) -> None:
        """A call begins where the coach says, if after the call in progress. A start at or
        before it (the stream's own start, already recorded; a second "stream start") would
        end the current call at 0 s and file the rest of it under the next number: it is
        the same call, and anything but the stream's first start is logged."""
        current = self._current
        if current is not None and event.t_s <= current.start_s:
            if not (event.reason == "stream start" and self._clock.calls == 1):
                logger.warning(
                    "Call start at %.3f s (%s) is not after call %s (from %.3f s): same call",
                    event.t_s,
                    event.reason,
                    current.number,
                    current.start_s,
                )
            return
        self._start_call(event.t_s, event.reason)

    def _take_words(self, event: WordsRecognized) -> None:
        for word in event.words:
            self._intervals.count("words", word.start_s)
        if self._store_words:
            call = self._clock.calls
            self._words.extend(
                TranscriptWord(call, w.start_s, w.end_s, w.text) for w in event.words
            )

    def _take_cue(self, cue: Cue) -> None:
        evidence = storable_evidence(cue.evidence, self._store_words)
        self._cues.append(
            CueRecord(self._clock.calls, cue.name, cue.t_s, cue.evidence_t_s, cue.message, evidence)
        )

    def _add_judgements(self, judged: Judgements) -> None:
        for name, times in (
            ("key_points", judged.key_points_s),
            ("key_points_rushed", judged.key_points_rushed_s),
            ("customer_turns", judged.customer_turns_s),
            ("replies_unacknowledged", judged.replies_unacknowledged_s),
        ):
            for t_s in times:
                self._intervals.count(name, t_s)

    def _start_call(self, start_s: float, reason: str) -> None:
        """Begin a call at `start_s`, after the current one's start (`_take_call` sees to it)."""
        if self._current is not None:
            self._calls[self._current.number] = replace(self._current, end_s=start_s)
        number = self._clock.start_call(start_s)
        self._current = CallRecord(number, start_s, None, reason)
        self._calls[number] = self._current

    def _end(self, t_s: float) -> None:
        if self._current is not None:
            end_s = max(t_s, self._current.start_s)
            self._calls[self._current.number] = replace(self._current, end_s=end_s)
        self._now_s = max(self._now_s, t_s)
        self._write(ended=True)
        self._ended = True

    def _write(self, ended: bool) -> None:
        intervals = self._unwritten + self._intervals.drain()
        # Retry after another COMMIT_EVERY_S if this fails, not at every event.
        self._attempted_s = self._now_s
        shift_id = self._shift_id if self._shift_id is not None else self._begin_in_store()
        if shift_id is None:
            self._unwritten = intervals
            return
        batch = WriteBatch(
            shift_id=shift_id,
            recorded_s=self._now_s,
            ended_utc=self._clock_utc() if ended else None,
            calls=tuple(self._calls.values()),
            intervals=intervals,
            cues=tuple(self._cues),
            words=tuple(self._words),
        )
        try:
            self._store.write(batch)
        except sqlite3.Error as error:
            self._log_failure(error)
            self._unwritten = intervals  # deltas add up, so the same key twice is fine
            return
        if self._failing is not None:
            logger.info("Shift %s is written to the history again", shift_id)
            self._failing = None
        self._unwritten = ()
        self._written_s = self._now_s
        self._calls.clear()
        self._cues.clear()
        self._words.clear()


def _event_time_s(event: object) -> float:
    """The stream time an event tells of (a segment's or a pause's end, else its t_s)."""
    if isinstance(event, SpeechSegment | Pause):
        return event.end_s
    t_s = getattr(event, "t_s", 0.0)
    return float(t_s) if isinstance(t_s, int | float) else 0.0
