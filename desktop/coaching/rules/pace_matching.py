"""Pace matching: the agent keeps speaking much faster than the customer does in this call
(DESIGN.md: speak at a pace the customer can follow; adapt to the customer). No commercial
coach has this cue: it needs the customer's own tempo, from the customer channel.

Both tempos are articulation rates from the same acoustic count (syllable nuclei per second
of speech, `SpeechSegment.syllables`): the customer's over all their speech in this call, the
agent's over their last `window_s` of speech. A card is proposed when the agent's rate is at
least `factor` times the customer's; then the agent's window starts afresh, so one hurried
stretch makes one proposal. The customer's segments come to this rule only (see
`Coach`): they never reach the agent's tempo meter or baselines.
"""

from collections import deque

from desktop.coaching.cue import CoachContext, Cue, CueName, RuleEvent
from desktop.coaching.settings import PaceMatchingSettings
from desktop.prosody.analyzer import SpeechSegment


class PaceMatchingRule:
    name: CueName = "pace_matching"
    hears_customer = True
    """The coach gives this rule the customer's prosody as well."""

    def __init__(self, settings: PaceMatchingSettings) -> None:
        self._settings = settings
        self._agent: deque[SpeechSegment] = deque()
        self._customer_syllables = 0
        self._customer_speech_s = 0.0

    def reset_call(self) -> None:
        self._agent.clear()
        self._customer_syllables = 0
        self._customer_speech_s = 0.0

    def observe(self, event: RuleEvent, context: CoachContext) -> list[Cue]:
        if not isinstance(event, SpeechSegment) or event.start_s < context.call_start_s:
            return []
        if event.speaker == "customer":
            self._customer_syllables += event.syllables
            self._customer_speech_s += event.end_s - event.start_s
            return []
        self._agent.append(event)
        speech_s = sum(s.end_s - s.start_s for s in self._agent)
        while self._agent and speech_s - (self._agent[0].end_s - self._agent[0].start_s) >= (
            self._settings.window_s
        ):
            first = self._agent.popleft()
            speech_s -= first.end_s - first.start_s
        if speech_s < self._settings.window_s:
            return []
        if self._customer_speech_s < self._settings.min_customer_speech_s:
            return []
        agent_rate = sum(s.syllables for s in self._agent) / speech_s
        customer_rate = self._customer_syllables / self._customer_speech_s
        if customer_rate <= 0 or agent_rate < self._settings.factor * customer_rate:
            return []
        start_s = self._agent[0].start_s
        self._agent.clear()
        evidence: dict[str, float | str] = {
            "agent_rate_syl_s": round(agent_rate, 2),
            "customer_rate_syl_s": round(customer_rate, 2),
        }
        message = self._settings.message.text(context.language)
        now_s = context_now_s(event)
        return [Cue(self.name, now_s, start_s, message, evidence, evidence_end_s=event.end_s)]


def context_now_s(segment: SpeechSegment) -> float:
    """A segment is reported once it has closed: at its end at the earliest."""
    return segment.end_s
