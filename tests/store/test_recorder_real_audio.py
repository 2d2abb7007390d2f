"""Real audio end to end: synthesised Dutch speech through the file source, the prosody and
the coach (words from a scripted recognizer at the times the prosody found), into the
recorder and back out as figures."""

from pathlib import Path

import pytest
import soundfile as sf

from desktop.audio.file_source import FileSource
from desktop.coaching.coach import build_coach
from desktop.coaching.cue import Cue
from desktop.coaching.settings import GateSettings, Policy
from desktop.engine import StreamAnalysis, run_to_end
from desktop.events import StreamEnded
from desktop.store import ShiftRecorder, open_history
from desktop.summary import Share, shift_figures

from scripted import ScriptedRecognizer, utterances_at_prosody_times
from synth import concat, espeak, silence, trim_silence

POLICY = Policy(gate=GateSettings(shift_warmup_s=0.0, global_cooldown_s=10.0))
PIECES = [
    ("Goedemiddag, u spreekt met Sanne van de klantenservice.", 0.8),
    ("Ik heb uw rekening voor u opgezocht.", 0.8),
    ("Het bedrag dat openstaat is", 0.0),
    ("twaalf euro vijftig.", 7.0),
    ("U moet dan een nieuw formulier invullen en dat naar ons opsturen.", 1.0),
]


def build_call(folder: Path) -> tuple[Path, list[tuple[str, float, float]]]:
    """The pieces spoken at 170 wpm, trimmed, each followed by its silence."""
    parts = [silence(folder / "lead.wav", 0.5)]
    laid_out = []
    t_s = 0.5
    for i, (text, pause_s) in enumerate(PIECES):
        spoken = trim_silence(espeak(text, folder / f"{i}-raw.wav"), folder / f"{i}.wav")
        parts.append(spoken)
        duration_s = sf.info(spoken).duration
        laid_out.append((text, t_s, t_s + duration_s))
        t_s += duration_s + pause_s
        parts.append(silence(folder / f"{i}-gap.wav", pause_s)) if pause_s > 0 else None
    return concat(parts, folder / "call.wav"), laid_out


def test_a_coached_recording_is_recorded_faithfully(tmp_path: Path) -> None:
    """The stored 10-s metrics add up to the prosody's own totals, every judged key point and
    the customer turn are counted, the cues shown are stored without their words, and the
    figures tell the story: one call, a rushed amount, an unacknowledged reply."""
    wav, laid_out = build_call(tmp_path)
    recognizer = ScriptedRecognizer(utterances_at_prosody_times(wav, laid_out))
    coach = build_coach(POLICY)
    analysis = StreamAnalysis(wav.name, recognizer, "scripted", coach=coach)  # type: ignore[arg-type]
    opened = open_history(tmp_path / "data" / "history.sqlite", retention_days=90)
    recorder = ShiftRecorder(opened.store, POLICY, wav.name)
    timeline = list(run_to_end(FileSource(wav, realtime=False), analysis))
    for event in timeline:
        recorder.observe(event)
    history = opened.store.load_shift(recorder.shift_id)
    opened.store.close()
    assert history is not None

    ended = timeline[-1]
    assert isinstance(ended, StreamEnded)
    totals = ended.summary
    intervals = history.intervals
    assert sum(i.syllables for i in intervals) == totals.syllables > 0
    assert sum(i.talk_s for i in intervals) == pytest.approx(totals.phonation_s, abs=1e-6)
    short_pauses_s = sum(p.end_s - p.start_s for p in totals.pauses if p.end_s - p.start_s < 3)
    assert sum(i.pause_s for i in intervals) == pytest.approx(short_pauses_s, abs=1e-6)
    assert history.shift.recorded_s == pytest.approx(totals.duration_s, abs=0.1)

    shown = [e for e in timeline if isinstance(e, Cue)]
    assert [c.name for c in history.cues] == [c.name for c in shown]
    assert "key_pause" in [c.name for c in shown]
    assert all("phrase" not in c.evidence for c in history.cues)

    figures = shift_figures(history)
    assert figures.calls == 1
    assert figures.key_points is not None
    assert figures.key_points.whole >= 2 and figures.key_points.part < figures.key_points.whole
    assert figures.acknowledged == Share(0, 1)
    assert figures.average_rate_syl_s == pytest.approx(totals.articulation_rate_syl_s)
