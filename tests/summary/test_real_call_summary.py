"""The summary of a real two-voice call (espeak-ng voices with bleed and sidetone, analysed by
the real engine, kept by the real recorder in a real SQLite file): its two-sided figures
agree with what the turn tracker decided, and the sentences say them."""

from pathlib import Path

import pytest
from two_party import make_call, standard_call_script

from desktop.audio.call_source import CallBlock, CustomerState
from desktop.coaching.coach import build_coach, turn_settings
from desktop.coaching.settings import Policy
from desktop.engine import StreamAnalysis, TimelineEvent
from desktop.events import CustomerChannelChanged
from desktop.store import ShiftRecorder, open_history
from desktop.summary import load_summary
from desktop.summary.listening import listening_sentences


def test_a_real_calls_summary_tells_who_spoke_and_when_they_overlapped(tmp_path: Path) -> None:
    call = make_call(standard_call_script(), tmp_path, bleed_db=-20.0, sidetone_db=-15.0)
    policy = Policy()
    analysis = StreamAnalysis("call", coach=build_coach(policy), turns=turn_settings(policy))
    events: list[TimelineEvent] = [CustomerChannelChanged(0.0, CustomerState("listening"))]
    for i in range(0, len(call.agent), 1600):
        events += analysis.feed(CallBlock(call.agent[i : i + 1600], call.customer[i : i + 1600]))
    events += analysis.finish()
    decided = events[-1].conversation  # type: ignore[attr-defined]
    opened = open_history(tmp_path / "history.sqlite", retention_days=90)
    recorder = ShiftRecorder(opened.store, policy, "call")
    for event in events:
        recorder.observe(event)
    recorder.flush()
    summary = load_summary(opened.store, recorder.shift_id)
    opened.store.close()
    assert summary is not None
    c = summary.figures.conversation
    assert c.talk_share == pytest.approx(decided.talk_share_agent, abs=0.02)
    assert c.interruptions == decided.interruptions == 1
    assert c.dead_air_s == pytest.approx(decided.dead_air_s, abs=0.05)
    assert c.dead_air_s is not None and c.dead_air_s >= 10.0
    sentences = listening_sentences(summary.figures, summary.calls, "nl")
    assert sentences[0] == (
        "Je liet de klant meestal uitpraten: 1 keer begon je terwijl de klant nog sprak."
    )
    assert f"was het {round(c.dead_air_s)} seconden stil aan de lijn" in sentences[-1]
