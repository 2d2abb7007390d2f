"""What a cue is, and what every rule promises the coach."""

from dataclasses import dataclass, field
from typing import Literal, Protocol, get_args

from desktop.coaching.settings import Language
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
]
CUE_NAMES: tuple[CueName, ...] = get_args(CueName)


@dataclass(frozen=True, slots=True)
class Cue:
    """A nudge for the agent.

    t_s: stream time at which the rule decided (when the card may appear);
    evidence_t_s: stream time of what it rests on (the start of the hasty stretch, the key
    phrase, the reply that lacked an acknowledgement...); message: the text in the agent's
    language; evidence: the numbers and words behind it, with units in the keys
    (e.g. {"rate_syl_s": 6.4, "baseline_syl_s": 4.9}).
    """

    name: CueName
    t_s: float
    evidence_t_s: float
    message: str
    evidence: dict[str, float | str] = field(default_factory=dict, hash=False)


@dataclass(frozen=True, slots=True)
class Baselines:
    """The agent's own normal, learned from their speech (see baseline.py).

    articulation_rate_syl_s / loudness_db are None until enough speech was heard.
    """

    articulation_rate_syl_s: float | None = None
    loudness_db: float | None = None


@dataclass(frozen=True, slots=True)
class CoachContext:
    """What a rule may know besides the event: language, baselines, and the current call."""

    language: Language
    baselines: Baselines
    call_start_s: float
    """Stream time at which the current call began."""


class Rule(Protocol):
    """One cue's detector: a small state machine over the engine's timeline.

    `observe` sees every event in order (stream clock) and returns the cues it decides on
    now, usually none. It must not know about other rules, cooldowns or caps: the gate does
    that. `reset_call` forgets everything tied to the current call.
    """

    name: CueName

    def observe(self, event: EngineEvent, context: CoachContext) -> list[Cue]: ...

    def reset_call(self) -> None: ...
