"""The two-sided figures of a call or a shift: who spoke how much, cutting in, silence on the
line, and the customer's tempo beside the agent's.

They come from the intervals the customer channel was heard in (`IntervalRecord`'s customer
fields are None elsewhere: an older shift, or the channel off). Summed over those intervals
only, so a shift whose channel went off halfway still compares like with like:

- talk_share: the agent's speech time / (the agent's + the customer's), 0..1; listen_share
  is the rest. Over-talk counts on both sides, as each side did speak.
- interruptions: the agent came in while the customer spoke and both kept on (the turn
  tracker's judgement, `desktop.conversation.turns.Interruption`).
- dead_air_s: both sides silent for the dead-air cue's minimum or longer, outside a hold.
- customer_rate_syl_s: the customer's syllables / speech time, the same acoustic count as the
  agent's `agent_rate_syl_s` (over the same intervals), so the two compare fairly.

Every figure is None when it was not measured, never 0 for "unknown".
"""

from collections.abc import Sequence
from dataclasses import dataclass

from desktop.coaching.settings import PaceMatchingSettings
from desktop.store.records import IntervalRecord

PACE_FACTOR = PaceMatchingSettings().factor
"""The agent's tempo counts as clearly above the customer's from this ratio on: the pace
cue's default (the shift does not store the policy's value; the default is far above the
~10 % a listener hears)."""
MIN_RATE_TALK_S = 15.0
"""Seconds of a side's speech before its tempo is given: the pace cue's own minimum for the
customer, and a "ja" or two say nothing about a pace."""


@dataclass(frozen=True, slots=True)
class Conversation:
    """See the module docstring; `heard` says whether the customer channel was heard at all."""

    heard: bool
    agent_talk_s: float
    customer_talk_s: float | None
    overtalk_s: float | None
    interruptions: int | None
    dead_air_s: float | None
    agent_rate_syl_s: float | None
    customer_rate_syl_s: float | None

    @property
    def talk_share(self) -> float | None:
        """The agent's share of the speech time (0..1), None when unknown or nobody spoke."""
        if self.customer_talk_s is None:
            return None
        total = self.agent_talk_s + self.customer_talk_s
        return self.agent_talk_s / total if total > 0 else None

    @property
    def listen_share(self) -> float | None:
        share = self.talk_share
        return None if share is None else 1.0 - share

    @property
    def pace_ratio(self) -> float | None:
        """The agent's tempo / the customer's, where both are known."""
        if self.agent_rate_syl_s is None or not self.customer_rate_syl_s:
            return None
        return self.agent_rate_syl_s / self.customer_rate_syl_s

    @property
    def faster_than_customer(self) -> bool:
        ratio = self.pace_ratio
        return ratio is not None and ratio >= PACE_FACTOR


NOT_HEARD = Conversation(False, 0.0, None, None, None, None, None, None)


def conversation(intervals: Sequence[IntervalRecord]) -> Conversation:
    """The two-sided figures over `intervals` (see the module docstring)."""
    heard = [i for i in intervals if i.customer_talk_s is not None]
    if not heard:
        return NOT_HEARD
    agent_talk_s = sum(i.talk_s for i in heard)
    customer_talk_s = sum(i.customer_talk_s or 0.0 for i in heard)
    customer_syllables = sum(i.customer_syllables or 0 for i in heard)
    return Conversation(
        heard=True,
        agent_talk_s=agent_talk_s,
        customer_talk_s=customer_talk_s,
        overtalk_s=_total(heard, "overtalk_s"),
        interruptions=_count(heard, "interruptions"),
        dead_air_s=_total(heard, "dead_air_s"),
        agent_rate_syl_s=_rate(sum(i.syllables for i in heard), agent_talk_s),
        customer_rate_syl_s=_rate(customer_syllables, customer_talk_s),
    )


def _rate(syllables: int, talk_s: float) -> float | None:
    return syllables / talk_s if talk_s >= MIN_RATE_TALK_S else None


def _total(intervals: Sequence[IntervalRecord], name: str) -> float | None:
    values = [getattr(i, name) for i in intervals if getattr(i, name) is not None]
    return float(sum(values)) if values else None


def _count(intervals: Sequence[IntervalRecord], name: str) -> int | None:
    values = [getattr(i, name) for i in intervals if getattr(i, name) is not None]
    return int(sum(values)) if values else None
