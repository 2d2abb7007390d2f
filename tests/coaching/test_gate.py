"""The gate keeps coaching gentle: warm-up, one card at a time, cooldowns, cap, snooze."""

from desktop.coaching.cue import Cue, CueName
from desktop.coaching.gate import Gate
from desktop.coaching.settings import GateSettings

SETTINGS = GateSettings(
    global_cooldown_s=30.0, max_cues_per_call=3, shift_warmup_s=60.0, card_visible_s=6.0
)
COOLDOWNS: dict[CueName, float] = {"haste": 120.0, "monologue": 0.0, "blame": 0.0}


def cue(name: CueName, t_s: float) -> Cue:
    return Cue(name, t_s, t_s, "msg")


def test_nothing_is_shown_during_the_shift_warm_up() -> None:
    """A cue at 59 s is held for warm-up; the same cue at 60 s is shown."""
    gate = Gate(SETTINGS, COOLDOWNS)
    assert gate.decide(cue("blame", 59.9)).reason == "warm-up"
    assert gate.decide(cue("blame", 60.0)).shown


def test_global_cooldown_holds_any_cue_for_30_s() -> None:
    """After a card, another cue is held until 30 s have passed, whatever its kind."""
    gate = Gate(SETTINGS, COOLDOWNS)
    assert gate.decide(cue("blame", 100.0)).shown
    assert gate.decide(cue("monologue", 103.0)).reason == "card showing"
    assert gate.decide(cue("monologue", 129.9)).reason == "cooldown"
    assert gate.decide(cue("monologue", 130.0)).shown


def test_per_cue_cooldown_outlasts_the_global_one() -> None:
    """Haste again 60 s later is held (its own cooldown is 120 s); another cue is not."""
    gate = Gate(SETTINGS, COOLDOWNS)
    assert gate.decide(cue("haste", 100.0)).shown
    assert gate.decide(cue("haste", 160.0)).reason == "cue cooldown"
    assert gate.decide(cue("blame", 160.0)).shown
    assert gate.decide(cue("haste", 220.0)).shown


def test_cap_per_call_and_a_new_call_resets_it() -> None:
    """The fourth cue of a call is held; after new_call the count starts again."""
    gate = Gate(SETTINGS, COOLDOWNS)
    times = [100.0, 140.0, 180.0]
    assert all(gate.decide(cue("blame", t)).shown for t in times)
    assert gate.decide(cue("blame", 220.0)).reason == "call cap"
    gate.new_call()
    assert gate.decide(cue("blame", 260.0)).shown


def test_snooze_lasts_until_the_next_call() -> None:
    """Snoozed: everything is held; the next call shows cues again."""
    gate = Gate(SETTINGS, COOLDOWNS)
    gate.snooze()
    assert gate.decide(cue("blame", 100.0)).reason == "snoozed"
    gate.new_call()
    assert gate.decide(cue("blame", 140.0)).shown


def test_held_cues_do_not_start_cooldowns() -> None:
    """A cue held for warm-up does not delay the first real card."""
    gate = Gate(SETTINGS, COOLDOWNS)
    assert not gate.decide(cue("haste", 50.0)).shown
    assert gate.decide(cue("haste", 61.0)).shown
