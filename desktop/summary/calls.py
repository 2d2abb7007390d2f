"""Per-call bars: talk time, tempo, hurried share and cues of each call of a shift.

A call counts when the agent spoke in it for at least `MIN_CALL_TALK_S` (`counts_as_call`):
the stream's first "call" is often only the wait before the first customer, and a cough is
not a call. The calls that count are named by their place among themselves (`label`:
"Gesprek 1" is the first call the agent spoke in), not by the stream's call number
(`number`), which also counts the wait and is the key into the history. A call runs until
the next one starts, so the silence before an automatically detected call is part of the
call before it (`duration_s`); `talk_s` is the agent's speech only (the customer's side is
in `conversation`).
"""

from collections import Counter
from dataclasses import dataclass

from desktop.store.records import ShiftHistory
from desktop.summary.conversation import NOT_HEARD, Conversation, conversation
from desktop.summary.share import Share, judged_share
from desktop.summary.tempo import average_rate_syl_s, hasty_share, threshold_syl_s

MIN_CALL_TALK_S = 2.0


@dataclass(frozen=True, slots=True)
class CallBar:
    number: int
    """The stream's call number: the key of this call in the history."""
    label: int
    """The call's name for the agent: its place among the calls that count, from 1."""
    start_s: float
    duration_s: float
    talk_s: float
    rate_syl_s: float | None
    hasty_share: float | None
    cues: int
    cues_by_name: tuple[tuple[str, int], ...]
    """Cue counts, most frequent first."""
    conversation: Conversation = NOT_HEARD
    """Talk/listen share, interruptions, dead air, the customer's tempo (where heard)."""
    acknowledged: Share | None = None
    """Customer turns whose reply acknowledged the customer, of all (None: not measured)."""


def counts_as_call(agent_talk_s: float) -> bool:
    """Whether a call with this much of the agent's speech is a call the agent is shown."""
    return agent_talk_s >= MIN_CALL_TALK_S


class CallLabeller:
    """The label of the call in progress, as the summary will name it, while the shift runs
    (the menu's status line): a call in which the agent spoke less than `MIN_CALL_TALK_S` (the
    wait before the first customer) leaves its label to the next."""

    def __init__(self) -> None:
        self._counted = 0
        self._talk_s = 0.0

    @property
    def label(self) -> int:
        return self._counted + 1

    def call_started(self) -> None:
        if counts_as_call(self._talk_s):
            self._counted += 1
        self._talk_s = 0.0

    def agent_spoke(self, talk_s: float) -> None:
        self._talk_s += talk_s


def call_bars(history: ShiftHistory) -> tuple[CallBar, ...]:
    """One bar per call in which the agent spoke, in call order."""
    threshold = threshold_syl_s(history)
    bars: list[CallBar] = []
    for call in history.calls:
        intervals = [i for i in history.intervals if i.call_number == call.number]
        talk_s = sum(i.talk_s for i in intervals)
        if not counts_as_call(talk_s):
            continue
        end_s = call.end_s if call.end_s is not None else max(i.end_s for i in intervals)
        names = Counter(c.name for c in history.cues if c.call_number == call.number)
        bars.append(
            CallBar(
                number=call.number,
                label=len(bars) + 1,
                start_s=call.start_s,
                duration_s=max(0.0, end_s - call.start_s),
                talk_s=talk_s,
                rate_syl_s=average_rate_syl_s(intervals),
                hasty_share=hasty_share(intervals, threshold),
                cues=sum(names.values()),
                cues_by_name=tuple(names.most_common()),
                conversation=conversation(intervals),
                acknowledged=judged_share(intervals, "customer_turns", "replies_unacknowledged"),
            )
        )
    return tuple(bars)
