"""The history as values: what the store returns, and what the summary's figures work on.

Times in seconds are on the shift's stream clock (seconds of audio since the engine started);
`*_utc` values are wall-clock datetimes in UTC.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from desktop.coaching.settings import HasteSettings

EvidenceValue = float | str


@dataclass(frozen=True, slots=True)
class HasteLimits:
    """The haste cue's settings a shift was coached with (the threshold needs all three)."""

    floor_syl_s: float
    baseline_factor: float
    ceiling_syl_s: float

    @classmethod
    def of(cls, settings: HasteSettings) -> "HasteLimits":
        return cls(settings.floor_syl_s, settings.baseline_factor, settings.ceiling_syl_s)

    def settings(self) -> HasteSettings:
        return HasteSettings(
            floor_syl_s=self.floor_syl_s,
            baseline_factor=self.baseline_factor,
            ceiling_syl_s=self.ceiling_syl_s,
        )


@dataclass(frozen=True, slots=True)
class ShiftRecord:
    """One shift: one run of the engine. `recorded_s` is the stream time written so far (after
    a crash: up to the last commit); `ended_utc` is None while recording or after a crash."""

    shift_id: int
    started_utc: datetime
    ended_utc: datetime | None
    recorded_s: float
    source: str
    language: str
    haste: HasteLimits
    transcripts_stored: bool


@dataclass(frozen=True, slots=True)
class ShiftOverview:
    """A line of the list of shifts: `calls` counts the calls with at least the given talk
    time (see `HistoryStore.shift_overviews`)."""

    shift: ShiftRecord
    calls: int
    talk_s: float
    cues: int


@dataclass(frozen=True, slots=True)
class CallRecord:
    """Call `number` (1, 2, ... in the shift) from `start_s` to `end_s` (None while it is the
    current call). reason: "stream start", "manual" or "silence"."""

    number: int
    start_s: float
    end_s: float | None
    reason: str


@dataclass(frozen=True, slots=True)
class CueRecord:
    """A cue that was shown. `evidence` lacks the recognised words unless the supervisor lets
    transcripts be stored."""

    call_number: int
    name: str
    t_s: float
    evidence_t_s: float
    message: str
    evidence: Mapping[str, EvidenceValue] = field(default_factory=dict, hash=False)


@dataclass(frozen=True, slots=True)
class IntervalRecord:
    """Ten seconds of call time (shorter where a call ended or the stream stopped).

    talk_s: seconds of the agent's speech (speech segments, pauses excluded); syllables:
    syllable nuclei; articulation_rate_syl_s = syllables / talk_s (None without talk);
    mean_loudness_db: mean loudness of the speaking 100 ms ticks; pauses / pause_s: the
    agent's own pauses (shorter than a customer turn) that begin here, and the pause time in
    this interval. The counts below are None where they were not measured (a shift recorded
    before they existed, or a cue the supervisor switched off): words recognised, key points
    heard and those said without a pause, customer turns and the replies to them that did not
    acknowledge the customer. With the customer channel heard (else None): the customer's
    speech time and syllables (their tempo), seconds of both speaking at once, the agent's
    interruptions that began here, and seconds of dead air.
    """

    call_number: int
    number: int
    start_s: float
    end_s: float
    talk_s: float
    syllables: int
    articulation_rate_syl_s: float | None
    mean_loudness_db: float | None
    pauses: int
    pause_s: float
    words: int | None = None
    key_points: int | None = None
    key_points_rushed: int | None = None
    customer_turns: int | None = None
    replies_unacknowledged: int | None = None
    customer_talk_s: float | None = None
    customer_syllables: int | None = None
    overtalk_s: float | None = None
    interruptions: int | None = None
    dead_air_s: float | None = None


@dataclass(frozen=True, slots=True)
class BaselineRecord:
    """The agent's own normal at the end of the shift (None: not learned yet)."""

    articulation_rate_syl_s: float | None
    loudness_db: float | None


@dataclass(frozen=True, slots=True)
class TranscriptWord:
    """A recognised word; stored only when the supervisor's policy allows transcripts."""

    call_number: int
    start_s: float
    end_s: float
    text: str


@dataclass(frozen=True, slots=True)
class ShiftHistory:
    """Everything stored about one shift, in time order. `unreadable_rows` counts the rows of
    it that could not be read and are left out (a damaged or hand-edited file)."""

    shift: ShiftRecord
    calls: tuple[CallRecord, ...]
    intervals: tuple[IntervalRecord, ...]
    cues: tuple[CueRecord, ...]
    baseline: BaselineRecord | None
    transcript: tuple[TranscriptWord, ...] = ()
    unreadable_rows: int = 0
