"""Killing the app loses at most the last 10 s: the recorder commits as the stream goes."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.coaching.cue import Cue
from desktop.prosody.analyzer import SpeechSegment, SyllableNucleus
from desktop.store import open_history

from shiftscript import steady_shift

HERE = Path(__file__).resolve().parent
MAX_LOSS_S = 10.0


@pytest.mark.parametrize("stop_s", [58.9, 119.0, 233.7])
def test_a_killed_recorder_loses_at_most_ten_seconds(history_path: Path, stop_s: float) -> None:
    """A child records a scripted shift up to `stop_s` and is killed with SIGKILL: on
    reopening, the shift is there (not ended), recorded to within 10 s of where the child
    was, and everything the child had seen up to that point is in the metrics."""
    child = subprocess.Popen(
        [sys.executable, str(HERE / "crash_child.py"), str(history_path), str(stop_s)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()  # the child is now blocked, waiting to be killed
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL
    fed_s = float(line.split()[1])
    assert fed_s > stop_s - 1.0

    opened = open_history(history_path, retention_days=90)
    assert opened.notice is None
    [shift_id] = opened.store.latest_shift_ids(10)
    history = opened.store.load_shift(shift_id)
    opened.store.close()
    assert history is not None
    assert history.shift.ended_utc is None
    recorded_s = history.shift.recorded_s
    assert fed_s - MAX_LOSS_S <= recorded_s <= fed_s
    assert max(i.end_s for i in history.intervals) >= fed_s - MAX_LOSS_S

    seen = [e for t, e in steady_shift().timed_events(300.0) if t <= recorded_s]
    talk_s = sum(e.end_s - e.start_s for e in seen if isinstance(e, SpeechSegment))
    syllables = sum(1 for e in seen if isinstance(e, SyllableNucleus))
    cues = [e.name for e in seen if isinstance(e, Cue)]
    assert talk_s > 0
    assert sum(i.talk_s for i in history.intervals) == pytest.approx(talk_s)
    assert sum(i.syllables for i in history.intervals) == syllables
    assert [c.name for c in history.cues] == cues
