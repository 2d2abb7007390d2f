"""What a cue is, and what every rule promises the coach."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol, get_args

from desktop.coaching.judgement import Judgement
from desktop.coaching.settings import Language
from desktop.coaching.tempo_events import RateSource, TempoEvent
from desktop.events import EngineEvent

CueName = Literal[
    "haste",
    "key_pause",
    "acknowledgement",
    "monologue",
    "policy_shield",
    "blame",
    "raised_voice",
    "fillers",
    "interrupting",
    "dead_air",
    "pace_matching",
]
CUE_NAMES: tuple[CueName, ...] = get_args(CueName)

RuleEvent = EngineEvent | TempoEvent
"""What rules see: the engine's timeline, with the coach's tempo measurements in it."""


@dataclass(frozen=True, slots=True)
class Cue:
    """A nudge for the agent.

    t_s: stream time at which the rule decided (when the card may appear);
    evidence_t_s: stream time of what it rests on (the start of the hasty stretch, the key
    phrase, the reply that lacked an acknowledgement...); message: the text in the agent's
    language; evidence: the numbers and words behind it, with units in the keys
    (e.g. {"rate_syl_s": 6.4, "baseline_syl_s": 4.9}).

    evidence_end_s: stream time at which the evidence was complete, so that
    `t_s - evidence_end_s` is the detection delay (waiting for the recogniser, for a segment
    to close...). Per cue:
    - haste: the end of the window of speech whose measurement completed the sustained
      stretch (`TempoMeasured.end_s`);
    - key_pause: the end of the key point's or key phrase's last word (the pause judged lies
      before its first word, so nothing later is needed);
    - acknowledgement: the moment the judged reply window closed: its end, or earlier when
      the rule closed it early (a new customer turn, the end of the stream);
    - policy_shield, blame: the end of the phrase's last word;
    - monologue, raised_voice: the tick that completed the condition;
    - fillers: the end of the window of speech whose filler rate crossed the limit (the
      end of the last final word counted);
    - interrupting: the moment the overlap had lasted `min_overtalk_s`;
    - dead_air: the moment the shared silence had lasted `min_silence_s`;
    - pace_matching: the end of the agent's segment that completed the hasty window.
    Every rule sets it; None only on cues made elsewhere without it (stored history,
    hand-made test cues).
    """

    name: CueName
    t_s: float
    evidence_t_s: float
    message: str
    evidence: dict[str, float | str] = field(default_factory=dict, hash=False)
    evidence_end_s: float | None = field(default=None, kw_only=True)


@dataclass(frozen=True, slots=True)
class Baselines:
    """The agent's own normal, learned from their speech (see baseline.py).

    articulation_rate_syl_s: from acoustic syllable nuclei; word_articulation_rate_syl_s:
    from the syllables of recognised words (the two estimators differ in fast speech, so
    each rate is compared with the baseline of its own source, see `rate_syl_s`). Each is
    None until enough speech was heard.
    """

    articulation_rate_syl_s: float | None = None
    loudness_db: float | None = None
    word_articulation_rate_syl_s: float | None = None

    def rate_syl_s(self, source: RateSource) -> float | None:
        """The articulation-rate baseline learned from syllables counted by `source`."""
        if source == "words":
            return self.word_articulation_rate_syl_s
        return self.articulation_rate_syl_s


@dataclass(frozen=True, slots=True)
class CoachContext:
    """What a rule may know besides the event: language, baselines, and the current call."""

    language: Language
    baselines: Baselines
    call_start_s: float
    """Stream time at which the current call began."""


class Rule(Protocol):
    """One cue's detector: a small state machine over the engine's timeline.

    `observe` sees every event in order (stream clock; the coach's tempo measurements come
    right after the engine event that completed them) and returns the cues it decides on
    now, usually none, and a `Judgement` for every instance it judges either way (key
    points, customer turns). It must not know about other rules, cooldowns or caps: the
    gate does that. `reset_call` forgets everything tied to the current call.
    """

    name: CueName

    def observe(self, event: RuleEvent, context: CoachContext) -> Sequence[Cue | Judgement]: ...

    def reset_call(self) -> None: ...
