"""Where calls begin: a "new call" press, or speech after a long silence."""

from dataclasses import dataclass
from typing import Literal

from desktop.coaching.settings import CallSettings
from desktop.events import EngineEvent, NewCallRequested
from desktop.prosody.analyzer import ProsodyTick

CallStartReason = Literal["stream start", "manual", "silence"]


@dataclass(frozen=True, slots=True)
class CallStarted:
    """A new call began at `t_s` (stream clock)."""

    t_s: float
    reason: CallStartReason


class CallTracker:
    """Splits the stream into calls.

    Automatic splitting: when the agent has been silent for `new_call_after_silence_s`, the
    next speech starts a new call (at the first speaking tick). Between calls there is no
    call, so silence there is not a customer turn.
    """

    def __init__(self, settings: CallSettings) -> None:
        self._settings = settings
        self._call_start_s: float | None = None
        self._last_speech_s = 0.0
        self._started = False

    def continue_from(self, previous: "CallTracker") -> None:
        """Carry on the stream `previous` tracked (a coach rebuilt under a new policy): the
        call in progress stays the call in progress; only the settings are new."""
        self._call_start_s = previous._call_start_s
        self._last_speech_s = previous._last_speech_s
        self._started = previous._started

    @property
    def call_start_s(self) -> float:
        return self._call_start_s if self._call_start_s is not None else 0.0

    def observe(self, event: EngineEvent) -> CallStarted | None:
        if not self._started:
            self._started = True
            self._call_start_s = 0.0
            return CallStarted(0.0, "stream start")
        if isinstance(event, NewCallRequested):
            self._call_start_s = event.t_s
            self._last_speech_s = event.t_s
            return CallStarted(event.t_s, "manual")
        if isinstance(event, ProsodyTick) and event.speaking:
            silence_s = event.t_s - self._last_speech_s
            self._last_speech_s = event.t_s
            if silence_s >= self._settings.new_call_after_silence_s:
                self._call_start_s = event.t_s
                return CallStarted(event.t_s, "silence")
        return None
