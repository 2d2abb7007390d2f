"""How often the agent paused before key points and acknowledged customers: the coach's own
judgements (`desktop.coaching.judgement.Judgement`), every one, not only the cards the gate
let through, turned into the interval counts the history keeps.

- key points: each key point the key-pause rule judged, at its first word; rushed: those it
  judged to come without a pause;
- customer turns: each reply to a customer turn the acknowledgement rule judged (only while
  words are recognised), at the reply's start; unacknowledged: those without an
  acknowledgement. A reply too short to judge counts as a turn that was not unacknowledged.
The store records what it is given; it never runs a rule itself.
"""

from dataclasses import dataclass

from desktop.coaching.judgement import Judgement
from desktop.coaching.settings import Policy


@dataclass(frozen=True, slots=True)
class Judgements:
    """Stream times (s) of what one event settled."""

    key_points_s: tuple[float, ...] = ()
    key_points_rushed_s: tuple[float, ...] = ()
    customer_turns_s: tuple[float, ...] = ()
    replies_unacknowledged_s: tuple[float, ...] = ()


NOTHING = Judgements()


def measured_counts(policy: Policy) -> frozenset[str]:
    """The interval counts the judgements fill (their cue is enabled, so they are judged)."""
    names: set[str] = set()
    if policy.cues.key_pause.enabled:
        names |= {"key_points", "key_points_rushed"}
    if policy.cues.acknowledgement.enabled:
        names |= {"customer_turns", "replies_unacknowledged"}
    return frozenset(names)


def judgements_of(event: object) -> Judgements:
    """The counts one timeline event adds: a Judgement's, nothing for anything else."""
    if not isinstance(event, Judgement):
        return NOTHING
    at = (event.evidence_t_s,)
    missed = () if event.met else at
    if event.kind == "key_point":
        return Judgements(key_points_s=at, key_points_rushed_s=missed)
    return Judgements(customer_turns_s=at, replies_unacknowledged_s=missed)
