"""A call's conversation in numbers: talk share, turns, overlap, dead air, response delay.

Counted from what the turn tracker decided (`turns.py`), never recomputed from audio. Only
counts and durations: nothing here could tell what anyone said.
"""

import statistics
from dataclasses import dataclass, field

from desktop.conversation.turns import (
    Interruption,
    Overlap,
    Silence,
    Turn,
    TurnEvent,
    TurnStarted,
)


@dataclass(frozen=True, slots=True)
class ConversationFigures:
    """talk_share_agent: the agent's part of all speech time (0..1), None without speech;
    agent_response_delay_s: the median time from the end of a customer turn to the start of
    the agent's next turn (negative when the agent came in before the customer finished),
    None without such a change of turn."""

    agent_speech_s: float
    customer_speech_s: float
    customer_turns: int
    agent_turns: int
    overtalk_s: float
    interruptions: int
    dead_air_s: float
    response_delays_s: tuple[float, ...] = field(default=())

    @property
    def talk_share_agent(self) -> float | None:
        total_s = self.agent_speech_s + self.customer_speech_s
        return self.agent_speech_s / total_s if total_s > 0 else None

    @property
    def agent_response_delay_s(self) -> float | None:
        if not self.response_delays_s:
            return None
        return statistics.median(self.response_delays_s)


class FiguresCounter:
    """Adds up turn events into ConversationFigures."""

    def __init__(self) -> None:
        self._customer_turns = 0
        self._agent_turns = 0
        self._overtalk_s = 0.0
        self._interruptions = 0
        self._dead_air_s = 0.0
        self._delays_s: list[float] = []
        self._customer_turn_end_s: float | None = None

    def observe(self, event: TurnEvent) -> None:
        match event:
            case Turn(speaker="customer", end_s=end_s):
                self._customer_turns += 1
                self._customer_turn_end_s = end_s
            case Turn(speaker="agent"):
                self._agent_turns += 1
            case TurnStarted(speaker="agent", start_s=start_s):
                if self._customer_turn_end_s is not None:
                    self._delays_s.append(start_s - self._customer_turn_end_s)
                    self._customer_turn_end_s = None
            case Overlap(start_s=start_s, end_s=end_s):
                self._overtalk_s += end_s - start_s
            case Interruption():
                self._interruptions += 1
            case Silence(start_s=start_s, end_s=end_s):
                self._dead_air_s += end_s - start_s

    def figures(self, agent_speech_s: float, customer_speech_s: float) -> ConversationFigures:
        return ConversationFigures(
            agent_speech_s,
            customer_speech_s,
            self._customer_turns,
            self._agent_turns,
            self._overtalk_s,
            self._interruptions,
            self._dead_air_s,
            tuple(self._delays_s),
        )
