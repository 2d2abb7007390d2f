"""Both sides of generated Dutch calls (two espeak-ng voices, telephone band for the customer)
through the real engine: turns, interruptions, dead air and the cues, with and without bleed
of each side into the other, and through `speech-coach analyze --channels/--customer`."""

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from two_party import Call, Placed, Utterance, make_call, standard_call_script

from desktop.audio.call_source import CallBlock
from desktop.coaching.coach import build_coach, turn_settings
from desktop.coaching.cue import Cue
from desktop.coaching.settings import Policy
from desktop.conversation.turns import DeadAir, Interruption, Turn
from desktop.engine import StreamAnalysis, TimelineEvent

ONSET_TOLERANCE_S = 0.15
POLICY = Policy()
NO_WARMUP = replace(POLICY, gate=replace(POLICY.gate, shift_warmup_s=0.0, global_cooldown_s=10.0))
"""No shift warm-up, and a global cooldown shorter than the 21 s between the script's
interruption and its dead air, so that both cards can show."""


@pytest.fixture(scope="module")
def calls(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Call]:
    script = standard_call_script()
    folder = tmp_path_factory.mktemp("calls")
    return {
        "clean": make_call(script, folder / "clean"),
        "bleed": make_call(script, folder / "bleed", bleed_db=-20.0, sidetone_db=-15.0),
    }


def analyse(call: Call, policy: Policy = POLICY, block: int = 1600) -> list[TimelineEvent]:
    analysis = StreamAnalysis("call", coach=build_coach(policy), turns=turn_settings(policy))
    events: list[TimelineEvent] = []
    for i in range(0, len(call.agent), block):
        events += analysis.feed(CallBlock(call.agent[i : i + block], call.customer[i : i + block]))
    return events + analysis.finish()


def true_customer_turns(placed: tuple[Placed, ...]) -> list[tuple[float, float]]:
    """The script's customer turns: each customer utterance (none of them is a backchannel)."""
    return [(p.start_s, p.end_s) for p in placed if p.speaker == "customer"]


@pytest.mark.parametrize("kind", ["clean", "bleed"])
def test_customer_turns_are_found_within_150_ms(calls: dict[str, Call], kind: str) -> None:
    """Every customer turn of the script is found, start and end within ±150 ms, and no
    other: the agent's "ja" inside the customer's speech and the echo make none."""
    call = calls[kind]
    found = [(e.start_s, e.end_s) for e in analyse(call) if isinstance(e, Turn)]
    found_customer = [
        (e.start_s, e.end_s)
        for e in analyse(call)
        if isinstance(e, Turn) and e.speaker == "customer"
    ]
    truth = true_customer_turns(call.placed)
    assert len(found_customer) == len(truth), (found_customer, truth)
    for (start_s, end_s), (true_start_s, true_end_s) in zip(found_customer, truth, strict=True):
        assert abs(start_s - true_start_s) <= ONSET_TOLERANCE_S
        assert abs(end_s - true_end_s) <= ONSET_TOLERANCE_S
    assert len(found) == len(found_customer) + 5  # the agent's five turns between them


@pytest.mark.parametrize("kind", ["clean", "bleed"])
def test_the_cut_in_is_the_one_interruption_and_the_silence_the_one_dead_air(
    calls: dict[str, Call], kind: str
) -> None:
    """The agent's 2 s cut-in is an interruption; the backchannel and the 0.3 s overlap at a
    change of turn are not. The 12 s silence is dead air, judged 10 s into it."""
    call = calls[kind]
    events = analyse(call)
    cut_in = call.placed[5]
    interruptions = [e for e in events if isinstance(e, Interruption)]
    assert len(interruptions) == 1
    assert abs(interruptions[0].start_s - cut_in.start_s) <= ONSET_TOLERANCE_S
    silence_start_s = call.placed[7].end_s
    dead = [e for e in events if isinstance(e, DeadAir)]
    assert len(dead) == 1
    assert abs(dead[0].start_s - silence_start_s) <= ONSET_TOLERANCE_S
    assert abs(dead[0].t_s - (silence_start_s + 10.0)) <= ONSET_TOLERANCE_S
    summary = events[-1]
    assert summary.conversation is not None
    assert summary.conversation.customer_turns == 4
    assert summary.conversation.interruptions == 1
    assert abs(summary.conversation.dead_air_s - 12.0) <= 2 * ONSET_TOLERANCE_S


def test_interrupting_and_dead_air_cards_are_proposed(calls: dict[str, Call]) -> None:
    """Without the warm-up, the coach shows an interrupting and a dead-air card."""
    cues = [e for e in analyse(calls["bleed"], NO_WARMUP) if isinstance(e, Cue)]
    names = [c.name for c in cues]
    assert names.count("interrupting") == 1
    assert names.count("dead_air") == 1
    card = next(c for c in cues if c.name == "interrupting")
    assert card.message == "Laat de klant uitpraten."


def test_echo_alone_makes_no_customer_turn_and_no_cue(tmp_path: Path) -> None:
    """Only the agent speaks; what the agent hears is their own sidetone (−15 dB) and the
    microphone carries nothing else: no customer turn, no overlap, no two-sided cue."""
    script = [
        Utterance("agent", "Goedemiddag, u spreekt met de klantenservice.", 0.5),
        Utterance("agent", "Ik kijk het even voor u na in het systeem.", 0.6, ref=0),
        Utterance("agent", "Dat is gelukt, u krijgt vandaag nog een bevestiging.", 0.8, ref=1),
    ]
    call = make_call(script, tmp_path, sidetone_db=-15.0, bleed_db=-20.0)
    events = analyse(call, NO_WARMUP)
    assert not [e for e in events if isinstance(e, Turn) and e.speaker == "customer"]
    assert not [e for e in events if isinstance(e, Cue) and e.name in ("interrupting", "dead_air")]
    assert events[-1].conversation.overtalk_s == 0.0


def test_the_agents_voice_played_back_at_full_level_is_not_the_customer(tmp_path: Path) -> None:
    """What the agent hears carries the microphone at full level (Windows' "Listen to this
    device", a sound server's loopback): alone, it makes no customer turn and no card; with a
    customer on the line, the customer's turns, the cut-in and the dead air are still found
    (the end of the turn the agent cuts into is not: the two voices are equally loud there)."""
    echo_only = [
        Utterance("agent", "Goedemiddag, u spreekt met de klantenservice.", 0.5),
        Utterance("agent", "Ik kijk het even voor u na in het systeem.", 0.6, ref=0),
        Utterance("agent", "Dat is gelukt, u krijgt vandaag nog een bevestiging.", 0.8, ref=1),
    ]
    events = analyse(make_call(echo_only, tmp_path / "alone", sidetone_db=0.0), NO_WARMUP)
    assert not [e for e in events if isinstance(e, Turn) and e.speaker == "customer"]
    assert not [e for e in events if isinstance(e, Cue)]
    assert [e for e in events if isinstance(e, Turn) and e.speaker == "agent"]
    # Only the first second, before the echo path is learned, reads as both speaking.
    assert events[-1].conversation.overtalk_s <= 1.5

    call = make_call(standard_call_script(), tmp_path / "call", bleed_db=-20.0, sidetone_db=0.0)
    events = analyse(call, NO_WARMUP)
    found = [
        (e.start_s, e.end_s) for e in events if isinstance(e, Turn) and e.speaker == "customer"
    ]
    truth = true_customer_turns(call.placed)
    assert len(found) == len(truth), (found, truth)
    for k, ((start_s, end_s), (true_start_s, true_end_s)) in enumerate(
        zip(found, truth, strict=True)
    ):
        assert abs(start_s - true_start_s) <= ONSET_TOLERANCE_S
        if k != 1:  # the turn the agent cuts into
            assert abs(end_s - true_end_s) <= ONSET_TOLERANCE_S
    assert len([e for e in events if isinstance(e, Interruption)]) == 1
    assert len([e for e in events if isinstance(e, DeadAir)]) == 1
    assert [c.name for c in events if isinstance(c, Cue)] == ["interrupting", "dead_air"]


def test_the_same_call_gives_the_same_timeline_for_any_block_size(calls: dict[str, Call]) -> None:
    """Stream clock, not wall clock: the turns do not depend on how the stream is cut."""
    a = [e for e in analyse(calls["bleed"], block=1600) if isinstance(e, Turn)]
    b = [e for e in analyse(calls["bleed"], block=537) if isinstance(e, Turn)]
    assert [(t.speaker, t.start_s, t.end_s) for t in a] == [
        (t.speaker, t.start_s, t.end_s) for t in b
    ]


def _cli(*args: str) -> list[dict]:
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "analyze", "--json", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_analyze_reads_both_sides_from_stereo_or_two_files(
    calls: dict[str, Call], tmp_path: Path
) -> None:
    """`--channels agent,customer`, `--channels customer,agent` and `--customer FILE` give
    the same turn lines; segments and pauses say whose they are; the summary has the
    conversation keys."""
    call = calls["bleed"]
    stereo = call.write_stereo(tmp_path / "call.wav")
    swapped = call.write_stereo(tmp_path / "swapped.wav", ("customer", "agent"))
    sf.write(tmp_path / "agent.wav", call.agent, 16_000)
    sf.write(tmp_path / "customer.wav", call.customer, 16_000)
    runs = [
        _cli("--channels", "agent,customer", str(stereo)),
        _cli("--channels", "customer,agent", str(swapped)),
        _cli(str(tmp_path / "agent.wav"), "--customer", str(tmp_path / "customer.wav")),
    ]
    turn_lines = [[r for r in records if r["type"] == "turn"] for records in runs]
    assert turn_lines[0] == turn_lines[1] == turn_lines[2]
    assert {r["speaker"] for r in turn_lines[0]} == {"agent", "customer"}
    assert set(turn_lines[0][0]) == {"type", "speaker", "start_s", "end_s"}
    records = runs[0]
    assert {r["speaker"] for r in records if r["type"] in ("segment", "pause")} == {
        "agent",
        "customer",
    }
    summary = records[-1]
    assert summary["type"] == "summary"
    assert summary["customer_turns"] == 4 and summary["interruptions"] == 1
    assert 0.3 < summary["talk_share_agent"] < 0.8
    assert summary["overtalk_s"] > 2.0 and summary["dead_air_s"] > 11.5
    assert summary["agent_response_delay_s"] is not None


def test_without_a_customer_channel_the_new_keys_are_null(tmp_path: Path) -> None:
    """A mono recording keeps every old key and gives null for the two-sided ones."""
    call = make_call([Utterance("agent", "Goedemiddag, waarmee kan ik u helpen?", 0.3)], tmp_path)
    import soundfile as sf

    sf.write(tmp_path / "mono.wav", call.agent, 16_000)
    summary = _cli(str(tmp_path / "mono.wav"))[-1]
    for key in (
        "talk_share_agent",
        "customer_turns",
        "overtalk_s",
        "interruptions",
        "dead_air_s",
        "agent_response_delay_s",
    ):
        assert summary[key] is None
    assert summary["syllables"] > 5


def test_a_bad_channels_value_is_one_clear_sentence(tmp_path: Path) -> None:
    """A typo in --channels is refused with the allowed forms, exit status 2."""
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "analyze", "--channels", "agent,klant", "x.wav"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "agent,customer" in done.stderr and "Traceback" not in done.stderr
    assert np is not None
