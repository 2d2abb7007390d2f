"""A realistic scripted shift for the summary window, the PDF report and their screenshots.

Calls of steady Dutch-paced speech in blocks, with customer turns (silences of 6-11 s) in
between; some calls have a hurried stretch; replies after a customer turn acknowledge the
customer or not; key points (amounts, dates, codes) come with or without a pause before them.
The coach's judgements of them are added as the rules would make them (the store counts
those, `desktop.store.judges`), and cue cards where the coach would have shown one, with the
policy's own messages. Deterministic for a given seed.

A two-sided workday (`Workday.two_sided`) also hears the customer, as the engine would hand it
to the recorder with the customer channel on: the customer speaks in the turns between the
agent's blocks (customer `SpeechSegment`s), the agent cuts in a few times (an `Overlap` and an
`Interruption`, and the card), one turn in a call is dead air (a `Silence`, and the card), one
call's customer is chatty-short (the agent talks most of it) and one speaks slowly. The
customer's events come from their own random stream, so the agent's side of the shift is the
same as without them.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from desktop.audio.call_source import CustomerState
from desktop.coaching.cue import Baselines, Cue, CueName
from desktop.coaching.judgement import Judgement
from desktop.coaching.settings import Policy
from desktop.conversation.turns import Interruption, Overlap, Silence
from desktop.events import CustomerChannelChanged
from desktop.prosody.analyzer import SpeechSegment, SyllableNucleus
from desktop.store import HistoryStore, ShiftRecorder

from shiftscript import ShiftScript

BASELINE_SYL_S = 4.6
CALM_SYL_S = 4.5
HURRIED_SYL_S = 6.2
ACKNOWLEDGING = "ik begrijp dat u hier boos over bent"
NOT_ACKNOWLEDGING = "u moet dan gewoon opnieuw inloggen"
KEY_POINTS = ("het bedrag is", "vijftig euro"), ("uw klantnummer is", "drie vier vijf")


@dataclass(frozen=True, slots=True)
class Workday:
    calls: int = 8
    hurried_calls: tuple[int, ...] = (4, 7)
    """1-based call numbers (in the script's order) with a hurried stretch."""
    monologue_call: int | None = 5
    acknowledge_every: int = 4
    """Every n-th reply after a customer turn lacks an acknowledgement."""
    rush_every: int = 5
    """Every n-th key point is said without a pause before it."""
    seed: int = 7
    call_s: tuple[float, float] = (150.0, 300.0)
    two_sided: bool = False
    """The customer channel is heard (see the module docstring); the rest only then."""
    interrupting: tuple[tuple[int, int], ...] = ((4, 2), (7, 1), (7, 3))
    """(call, customer turn) at which the agent cuts in."""
    dead_air_from_call: int = 3
    """The first customer turn of 10 s or more from this call on is dead air instead."""
    short_turns_call: int = 5
    """The call whose customer says little (the agent talks most of the time)."""
    slow_customer_calls: tuple[int, ...] = (7,)
    customer_syl_s: float = 4.7
    slow_customer_syl_s: float = 3.7


A_WEEK = (
    Workday(calls=5, seed=1, hurried_calls=(2, 3, 4), acknowledge_every=2, rush_every=3),
    Workday(calls=6, seed=2, hurried_calls=(2, 5), acknowledge_every=2, rush_every=3),
    Workday(calls=6, seed=3, hurried_calls=(3,), acknowledge_every=3, rush_every=4),
    Workday(
        calls=7, seed=4, hurried_calls=(2, 6), acknowledge_every=3, rush_every=5, two_sided=True
    ),
    Workday(two_sided=True),
)
"""Five shifts of an agent who hurries less and acknowledges more as the week goes on; the
customer channel is heard from Thursday on."""


def workday_script(plan: Workday = Workday()) -> tuple[ShiftScript, float]:
    """The script and the stream time at which the shift ends."""
    rng = random.Random(plan.seed)
    customer = _Customer(plan, random.Random(plan.seed + 1000), Policy())
    policy = Policy()
    script = ShiftScript()
    if plan.two_sided:
        script.add(CustomerChannelChanged(0.0, CustomerState("listening")), 0.0)
    replies = key_points = 0
    t = 0.0
    for n in range(1, plan.calls + 1):
        if n > 1:  # the first call is the one the stream starts with
            script.call(t, "manual")
        end = t + rng.uniform(*plan.call_s)
        s = t + 4.0
        hurried_from = t + (end - t) * 0.35 if n in plan.hurried_calls else None
        cued: set[str] = set()
        """The coach's gate shows each kind of card at most once per call here."""
        first_block = True
        turn = 0
        spoken_to = s
        while s < end - 20.0:
            if not first_block:
                replies += 1
                acknowledged = replies % plan.acknowledge_every != 0
                said = ACKNOWLEDGING if acknowledged else NOT_ACKNOWLEDGING
                script.say(said, s + 0.2)
                # The coach's acknowledgement rule judges every reply once its window is over.
                script.add(Judgement("customer_turn", s + 10.5, s, acknowledged), s + 10.5)
                if not acknowledged and "acknowledgement" not in cued:
                    cued.add("acknowledgement")
                    _cue(
                        script,
                        policy,
                        "acknowledgement",
                        s + 10.5,
                        s,
                        {"expected": "Ik begrijp dat …"},
                    )
            long_block = n == plan.monologue_call and 0.4 < (s - t) / (end - t) < 0.6
            segments = 12 if long_block else rng.randint(2, 4)
            block_start = s
            for k in range(segments):
                length = rng.uniform(3.0, 5.0)
                hurried = hurried_from is not None and hurried_from <= s < hurried_from + 60.0
                rate = rng.uniform(5.9, 6.5) if hurried else rng.gauss(CALM_SYL_S, 0.2)
                script.speak(s, s + length, rate)
                if k == 1 and rng.random() < 0.4:
                    key_points += 1
                    rushed = key_points % plan.rush_every == 0
                    lead, point = KEY_POINTS[key_points % len(KEY_POINTS)]
                    script.say(lead, s + 0.3)
                    gap = 0.05 if rushed else 0.55
                    point_s = s + 0.3 + 0.3 * len(lead.split()) + gap
                    script.say(point, point_s)
                    # The key-pause rule judges every key point once its words are final.
                    judged = Judgement("key_point", point_s + 1.5, point_s, not rushed)
                    script.add(judged, point_s + 1.5)
                    if rushed and "key_pause" not in cued:
                        cued.add("key_pause")
                        evidence = {"kind": "amount", "pause_ms": 50.0, "min_pause_ms": 300.0}
                        _cue(script, policy, "key_pause", point_s + 1.5, point_s, evidence)
                if hurried and "haste" not in cued and s - (hurried_from or s) >= 8.0:
                    cued.add("haste")
                    evidence = {"rate_syl_s": round(rate, 2), "baseline_syl_s": BASELINE_SYL_S}
                    _cue(script, policy, "haste", s + 1.0, hurried_from, evidence)
                spoken_to = s + length
                s += length + (0.3 if long_block else rng.uniform(0.4, 0.8))
            if long_block:
                _cue(
                    script, policy, "monologue", block_start + 45.5, block_start, {"speech_s": 45.0}
                )
            first_block = False
            last_end = spoken_to
            s += rng.uniform(6.0, 11.0)  # the customer's turn
            turn += 1
            if plan.two_sided:
                customer.turn(script, n, turn, last_end, s)
        t = end + rng.uniform(20.0, 50.0)
    return script, t


@dataclass
class _Customer:
    """The customer's side of a two-sided workday: what the engine would add to the timeline
    for each customer turn between the agent's blocks (`after_s` .. `before_s`)."""

    plan: Workday
    rng: random.Random
    policy: Policy
    dead_air_done: bool = False

    def turn(
        self, script: ShiftScript, call: int, turn: int, after_s: float, before_s: float
    ) -> None:
        plan = self.plan
        gap_s = before_s - after_s
        if call >= plan.dead_air_from_call and not self.dead_air_done and gap_s >= 10.0:
            self.dead_air_done = True  # both silent: the agent looks something up, unsaid
            script.add(Silence(before_s, after_s, before_s), before_s)
            silence = {"silence_s": round(gap_s, 1)}
            _cue(script, self.policy, "dead_air", after_s + 10.0, after_s, silence)
            return
        slow = call in plan.slow_customer_calls
        rate = plan.slow_customer_syl_s if slow else self.rng.gauss(plan.customer_syl_s, 0.2)
        start_s = after_s + self.rng.uniform(0.2, 0.5)
        end_s = before_s - self.rng.uniform(0.3, 0.6)
        if call == plan.short_turns_call:
            end_s = min(end_s, start_s + self.rng.uniform(1.5, 2.5))
        if (call, turn) in plan.interrupting:  # the agent starts before the customer is done
            end_s = before_s + 1.6
            script.add(Interruption(before_s + 1.0, before_s), before_s + 1.0)
            script.add(Overlap(end_s, "agent", before_s, end_s), end_s)
            overtalk = {"overtalk_s": 1.0}
            _cue(script, self.policy, "interrupting", before_s + 1.0, before_s, overtalk)
        syllables = round((end_s - start_s) * rate)
        step_s = (end_s - start_s) / max(syllables, 1)
        for k in range(syllables):  # the nuclei come as they are found, before the segment
            t_s = start_s + (k + 0.5) * step_s
            script.add(SyllableNucleus(t_s, "customer"), t_s + 0.6)
        script.add(SpeechSegment(start_s, end_s, syllables, "customer"), end_s + 0.3)


def record_workday(
    store: HistoryStore,
    plan: Workday = Workday(),
    started_utc: datetime | None = None,
    baseline_syl_s: float | None = BASELINE_SYL_S,
) -> int:
    """Record the workday into `store` through the real recorder; returns the shift id."""
    script, until_s = workday_script(plan)
    kwargs = {"clock_utc": lambda: started_utc} if started_utc is not None else {}
    recorder = ShiftRecorder(store, Policy(), "mic", **kwargs)  # type: ignore[arg-type]
    for event in script.events(until_s):
        recorder.observe(event)
    if baseline_syl_s is not None:
        recorder.record_baseline(Baselines(baseline_syl_s, -30.0))
    return recorder.shift_id


def record_script(
    store: HistoryStore, script: ShiftScript, until_s: float, started_utc: datetime
) -> int:
    """Any scripted shift through the real recorder (default policy, no baseline)."""
    recorder = ShiftRecorder(store, Policy(), "scripted", clock_utc=lambda: started_utc)
    for event in script.events(until_s):
        recorder.observe(event)
    return recorder.shift_id


def record_week(store: HistoryStore, monday_utc: datetime) -> int:
    """`A_WEEK` on five days from `monday_utc`; returns the last shift's id."""
    last = 0
    for day, plan in enumerate(A_WEEK):
        last = record_workday(store, plan, started_utc=monday_utc + timedelta(days=day, minutes=2))
    return last


def _cue(
    script: ShiftScript,
    policy: Policy,
    name: CueName,
    t_s: float,
    evidence_t_s: float,
    evidence: dict[str, float | str],
) -> None:
    message = getattr(policy.cues, name).message.text("nl")
    script.add(Cue(name, t_s, evidence_t_s, message, evidence), t_s)
