"""What a rule judged, every time: recorded as it was, whether or not a card was shown.

The gate shows few of the cues the rules propose (cooldowns, one card at a time, a cap per
call), so cards say little about how often something happened. Rules that judge an instance
either way (a key point said with or without a pause before it, a customer turn answered
with or without an acknowledgement) hand the coach a `Judgement` for each; the coach puts it
in the timeline and the store counts it. Nobody runs the rules a second time.
"""

from dataclasses import dataclass
from typing import Literal

JudgementKind = Literal["key_point", "customer_turn"]


@dataclass(frozen=True, slots=True)
class Judgement:
    """kind: what was judged; t_s: when the rule decided (stream clock); evidence_t_s: where
    it lies (the key point's first word; the start of the agent's reply to the turn);
    met: the good way (a pause before the key point; the reply acknowledged the customer, or
    was too short to hold anything but a backchannel)."""

    kind: JudgementKind
    t_s: float
    evidence_t_s: float
    met: bool
