"""A policy reload in the middle of a call leaves the shift's calls as they were.

Real speech (espeak-ng) through the prosody and the coach into a real history file, once
as it is and once with the supervisor's file reloaded (a new coach) in the middle of the
second call. The calls, their bounds and where every 10-s interval is filed must be the
same: a rebuilt coach once announced a call of its own, which the history stored as a 0-s
call with the rest of the call under the next number ("Gesprek 3 duurde 0 s")."""

from dataclasses import replace
from pathlib import Path

import numpy as np
import soundfile as sf

from desktop.coaching.coach import build_coach
from desktop.coaching.settings import CallSettings, Policy
from desktop.engine import StreamAnalysis
from desktop.store import ShiftRecorder, open_history
from desktop.store.records import ShiftHistory
from desktop.summary.calls import call_bars

from synth import concat, espeak, silence, trim_silence

POLICY = Policy(calls=CallSettings(new_call_after_silence_s=5.0))
RELOADED = replace(POLICY, language="en")  # any change the supervisor makes
SAYINGS = [
    "Goedemiddag, u spreekt met Sanne van de klantenservice.",
    "Ik heb uw rekening voor u opgezocht.",
    "U moet dan een nieuw formulier invullen en dat naar ons opsturen.",
]
BLOCK = 1600


def shift_audio(folder: Path) -> tuple[np.ndarray, float]:
    """A 6-s wait (a "call" of its own, without speech), a call, 7 s of silence, a call of
    three sentences, 7 s of silence and a last call; and the time in the middle one's middle."""
    spoken = [
        trim_silence(espeak(s, folder / f"{i}-raw.wav"), folder / f"{i}.wav")
        for i, s in enumerate(SAYINGS)
    ]
    wait, gap, breath = (
        silence(folder / f"{n}.wav", s) for n, s in (("wait", 6.0), ("gap", 7.0), ("breath", 0.8))
    )
    second = [spoken[0], breath, spoken[1], breath, spoken[2]]
    parts = [wait, spoken[0], gap, *second, gap, spoken[2]]
    wav = concat(parts, folder / "shift.wav")
    before = sum(sf.info(p).duration for p in [wait, spoken[0], gap, spoken[0], breath])
    audio, rate = sf.read(wav, dtype="int16")
    assert rate == 16000
    return audio, before + sf.info(spoken[1]).duration / 2


def record(audio: np.ndarray, folder: Path, reload_at_s: float | None) -> ShiftHistory:
    analysis = StreamAnalysis("shift.wav", coach=build_coach(POLICY))
    opened = open_history(folder / "history.sqlite", retention_days=90)
    recorder = ShiftRecorder(opened.store, POLICY, "shift.wav")
    for start in range(0, len(audio), BLOCK):
        if reload_at_s is not None and start <= reload_at_s * 16000 < start + BLOCK:
            analysis.replace_coach(build_coach(RELOADED))
        for event in analysis.feed(audio[start : start + BLOCK]):
            recorder.observe(event)
    for event in analysis.finish():
        recorder.observe(event)
    assert recorder.shift_id is not None
    return opened.store.load_shift(recorder.shift_id)


def test_a_reload_mid_call_keeps_the_calls_and_their_intervals(tmp_path: Path) -> None:
    audio, middle_s = shift_audio(tmp_path)
    plain = record(audio, tmp_path / "plain", None)
    reloaded = record(audio, tmp_path / "reloaded", middle_s)

    assert [c.number for c in plain.calls] == [1, 2, 3, 4], plain.calls
    bounds = [(c.number, round(c.start_s, 3), round(c.end_s or 0.0, 3)) for c in reloaded.calls]
    assert bounds == [
        (c.number, round(c.start_s, 3), round(c.end_s or 0.0, 3)) for c in plain.calls
    ]
    assert all((c.end_s or 0.0) > c.start_s for c in reloaded.calls)
    filed = [(i.call_number, round(i.start_s, 3), round(i.talk_s, 3)) for i in reloaded.intervals]
    assert filed == [
        (i.call_number, round(i.start_s, 3), round(i.talk_s, 3)) for i in plain.intervals
    ]
    for interval in reloaded.intervals:
        call = reloaded.calls[interval.call_number - 1]
        assert call.start_s <= interval.start_s < (call.end_s or np.inf)
    bars = call_bars(reloaded)
    assert [(b.number, b.label) for b in bars] == [(2, 1), (3, 2), (4, 3)]  # the wait is no call
