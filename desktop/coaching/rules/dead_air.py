"""Dead air: nobody has spoken for a while during a call (Observe.AI's "dead air": silence
without a word to the customer). "Tell the customer what you are doing."

The turn tracker (`conversation/turns.py`) judges the shared silence, outside a hold the
agent announced; the rule proposes a card for it only inside a call in which the customer
has spoken already (so the wait for the next caller is never dead air).
"""

from desktop.coaching.cue import CoachContext, Cue, CueName, RuleEvent
from desktop.coaching.settings import DeadAirSettings
from desktop.conversation.turns import DeadAir, TurnStarted


class DeadAirRule:
    name: CueName = "dead_air"

    def __init__(self, settings: DeadAirSettings) -> None:
        self._settings = settings
        self._customer_spoke = False

    def reset_call(self) -> None:
        self._customer_spoke = False

    def observe(self, event: RuleEvent, context: CoachContext) -> list[Cue]:
        if isinstance(event, TurnStarted) and event.speaker == "customer":
            self._customer_spoke = self._customer_spoke or event.start_s >= context.call_start_s
            return []
        if not isinstance(event, DeadAir) or not self._customer_spoke:
            return []
        if event.start_s < context.call_start_s:
            return []
        evidence: dict[str, float | str] = {"silence_s": round(event.t_s - event.start_s, 1)}
        message = self._settings.message.text(context.language)
        return [
            Cue(self.name, event.t_s, event.start_s, message, evidence, evidence_end_s=event.t_s)
        ]
