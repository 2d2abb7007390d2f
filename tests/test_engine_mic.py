"""The live path for real: a clip played into a PulseAudio virtual microphone, heard by the
engine through sounddevice, gives the speech segments that `analyze` finds in the file."""

import queue
import subprocess
import threading
from pathlib import Path

import pytest

from desktop.audio.file_source import FileSource
from desktop.audio.mic_source import MicSource
from desktop.engine import Engine, StreamAnalysis, run_to_end
from desktop.events import EngineEvent
from desktop.prosody.analyzer import Pause, SpeechSegment

from pulse import PulseServer
from synth import concat, espeak, pad_silence

pytestmark = pytest.mark.mic

PHRASES = [
    "Goedemiddag, u spreekt met Sanne van de klantenservice.",
    "Ik begrijp dat dit vervelend is.",
    "Het bedrag is twaalf euro vijftig.",
]
TOLERANCE_S = 0.100


@pytest.fixture(scope="module")
def call_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three Dutch phrases with 0.7 s and 1.2 s of silence between them."""
    folder = tmp_path_factory.mktemp("mic-call")
    spoken = [espeak(text, folder / f"p{i}.wav") for i, text in enumerate(PHRASES)]
    parts = [
        pad_silence(spoken[0], folder / "a.wav", 0.5, 0.7),
        pad_silence(spoken[1], folder / "b.wav", 0.0, 1.2),
        pad_silence(spoken[2], folder / "c.wav", 0.0, 1.0),
    ]
    return concat(parts, folder / "call.wav")


def segments(events: list[EngineEvent]) -> list[SpeechSegment]:
    return [e for e in events if isinstance(e, SpeechSegment)]


def test_engine_on_the_virtual_mic_finds_the_segments_of_the_file(
    pulse_server: PulseServer, call_wav: Path
) -> None:
    """Same number of segments and pauses; every boundary within 100 ms once the playback
    delay (one constant offset) is taken out."""
    from_file = list(run_to_end(FileSource(call_wav, realtime=False), StreamAnalysis("file")))
    expected = segments(from_file)
    assert len(expected) >= 3

    outbox: queue.Queue[EngineEvent | None] = queue.Queue()
    listening = threading.Event()
    source = MicSource(device="pulse", silence_timeout_s=None)
    engine = Engine(source, StreamAnalysis("mic"), outbox, on_event=listening.set)
    engine.start()
    try:
        assert listening.wait(10.0), "the engine heard nothing from the virtual mic"
        player = pulse_server.play(call_wav)
        assert player.wait(timeout=30) == 0
        heard: list[EngineEvent] = []
        # Wait on the stream clock, not the wall clock, for the last segment to close.
        while len(segments(heard)) < len(expected):
            event = outbox.get(timeout=10.0)
            assert event is not None, "the engine stopped early"
            heard.append(event)
    finally:
        engine.stop()
        engine.join(10.0)
    live = segments(heard)
    offset_s = live[0].start_s - expected[0].start_s
    assert offset_s > 0.0
    for got, want in zip(live, expected, strict=True):
        assert abs(got.start_s - offset_s - want.start_s) <= TOLERANCE_S, (got, want)
        assert abs(got.end_s - offset_s - want.end_s) <= TOLERANCE_S, (got, want)
    live_pauses = [e for e in heard if isinstance(e, Pause)]
    assert len(live_pauses) == len([e for e in from_file if isinstance(e, Pause)])


def test_listen_command_prints_events_from_the_virtual_mic(
    pulse_server: PulseServer, call_wav: Path
) -> None:
    """`speech-coach listen --json` on the virtual mic prints segment lines while it plays."""
    import signal
    import sys

    process = subprocess.Popen(
        [sys.executable, "-m", "desktop", "listen", "--device", "pulse", "--json"],
        env=pulse_server.env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        # The banner says the microphone is open; then play the call into it.
        while "Listening on" not in process.stderr.readline():
            assert process.poll() is None, "listen exited early"
        player = pulse_server.play(call_wav)
        assert player.wait(timeout=30) == 0
        assert process.stdout is not None
        lines: list[str] = []
        while sum('"type": "segment"' in line for line in lines) < 3:
            line = process.stdout.readline()
            assert line, "listen closed its output early"
            lines.append(line)
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert "Traceback" not in err
    assert '"type": "summary"' in out  # Ctrl-C ends with the stream's summary
