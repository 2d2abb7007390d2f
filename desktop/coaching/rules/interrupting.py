"""Interrupting: the agent came in while the customer was speaking and both kept on (DESIGN.md:
let the customer finish; don't argue over them).

Who interrupted whom is decided once, by the turn tracker (`conversation/turns.py`, with this
cue's `min_overtalk_s` and `backchannel_max_s`); the rule turns each `Interruption` into a
card proposal. Only with a customer channel: without one no Interruption is ever heard.
"""

from desktop.coaching.cue import CoachContext, Cue, CueName, RuleEvent
from desktop.coaching.settings import InterruptingSettings
from desktop.conversation.turns import Interruption


class InterruptingRule:
    name: CueName = "interrupting"

    def __init__(self, settings: InterruptingSettings) -> None:
        self._settings = settings

    def reset_call(self) -> None:
        pass

    def observe(self, event: RuleEvent, context: CoachContext) -> list[Cue]:
        if not isinstance(event, Interruption) or event.start_s < context.call_start_s:
            return []
        evidence: dict[str, float | str] = {"overtalk_s": round(event.t_s - event.start_s, 1)}
        message = self._settings.message.text(context.language)
        return [
            Cue(self.name, event.t_s, event.start_s, message, evidence, evidence_end_s=event.t_s)
        ]
