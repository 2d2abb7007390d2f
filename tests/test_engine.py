"""The engine: same timeline for a file every run, live-source loss and recovery, stopping."""

import queue
import threading

import numpy as np
import pytest
import soundfile as sf

from desktop.audio.file_source import FileSource
from desktop.audio.source import EndOfStream, SourceLost, SourceSilent
from desktop.engine import Engine, StreamAnalysis, run_to_end
from desktop.errors import UserError
from desktop.events import EngineEvent, Notice, StreamEnded
from desktop.prosody.analyzer import Pause, ProsodyTick, SpeechSegment, analyze_samples

from signals import RATE_HZ, noise, syllable_train, to_int16


def utterances() -> np.ndarray:
    quiet = noise(0.4, -65.0)
    train = syllable_train(4.5, 1.2)
    talk = train + noise(len(train) / RATE_HZ, -65.0, seed=4)
    return to_int16(np.concatenate([quiet, talk, quiet, talk, quiet]))


@pytest.fixture()
def wav(tmp_path):
    path = tmp_path / "utterances.wav"
    sf.write(path, utterances(), RATE_HZ, subtype="PCM_16")
    return path


def timeline(events: list[EngineEvent]) -> list[EngineEvent]:
    return [e for e in events if not isinstance(e, ProsodyTick)]


def test_a_file_gives_the_same_timeline_every_run_and_as_whole_analysis(wav) -> None:
    """Two engine runs over one file agree exactly, and agree with whole-array analysis."""
    first = list(run_to_end(FileSource(wav, realtime=False), StreamAnalysis("utterances.wav")))
    second = list(run_to_end(FileSource(wav, realtime=False), StreamAnalysis("utterances.wav")))
    assert first == second
    whole_events, whole_summary = analyze_samples(utterances(), RATE_HZ)
    assert isinstance(first[-1], StreamEnded)
    assert first[-1].summary == whole_summary
    segments = [e for e in first if isinstance(e, SpeechSegment | Pause)]
    assert segments == [e for e in whole_events if isinstance(e, SpeechSegment | Pause)]
    assert len([e for e in segments if isinstance(e, Pause)]) == 1


def test_without_a_recognizer_words_are_none(wav) -> None:
    """No model: the summary says words None and recognizer "none"."""
    ended = list(run_to_end(FileSource(wav, realtime=False), StreamAnalysis("x")))[-1]
    assert isinstance(ended, StreamEnded)
    assert ended.words is None and ended.recognizer == "none"


def test_an_unopenable_source_raises_its_error(tmp_path) -> None:
    """A missing file surfaces as the source's UserError, not a hung thread."""
    with pytest.raises(UserError, match="missing.wav"):
        list(
            run_to_end(
                FileSource(tmp_path / "missing.wav", realtime=False), StreamAnalysis("missing.wav")
            )
        )


class FlakySource:
    """A live source that delivers, then is lost once, then delivers again, then ends."""

    name = "flaky mic"
    dropped_blocks = 0

    def __init__(self) -> None:
        self.script: list[str] = ["block"] * 3 + ["lost", "lost"] + ["block"] * 3 + ["end"]
        self.opens = 0

    def open(self) -> None:
        self.opens += 1

    def read(self, timeout_s: float) -> np.ndarray | None:
        step = self.script.pop(0)
        if step == "lost":
            raise SourceLost("The microphone stopped delivering audio.")
        if step == "end":
            raise EndOfStream
        return np.zeros(1600, dtype=np.int16)

    def close(self) -> None:
        pass


def test_a_lost_source_is_reported_once_and_reopened(monkeypatch) -> None:
    """Loss gives one source-lost notice, reopening gives source-back, counting goes on."""
    monkeypatch.setattr("desktop.engine.RECONNECT_INTERVAL_S", 0.01)
    source = FlakySource()
    events = list(run_to_end(source, StreamAnalysis(source.name)))
    notices = [e.kind for e in events if isinstance(e, Notice)]
    # Each of the two losses is followed by a successful reopen.
    assert notices == ["source-lost", "source-back", "source-lost", "source-back"]
    assert source.opens == 3
    ended = events[-1]
    assert isinstance(ended, StreamEnded)
    assert ended.summary.duration_s == pytest.approx(0.6)


class MutedThenLiveSource:
    """A live source that gives digital silence (reported once), then sound, then ends."""

    name = "muted mic"
    dropped_blocks = 0

    def __init__(self) -> None:
        self.script = ["zeros", "silent", "zeros", "zeros", "sound", "sound", "end"]
        self.opens = 0

    def open(self) -> None:
        self.opens += 1

    def read(self, timeout_s: float) -> np.ndarray | None:
        step = self.script.pop(0)
        if step == "silent":
            raise SourceSilent("Microphone 'muted mic' has delivered only digital silence.")
        if step == "end":
            raise EndOfStream
        fill = 0 if step == "zeros" else 500
        return np.full(1600, fill, dtype=np.int16)

    def close(self) -> None:
        pass


def test_a_muted_source_is_kept_open_and_reported_back_when_sound_returns() -> None:
    """Digital silence: one source-lost, no reopen, source-back at the first sound, and no
    sample is lost from the stream clock."""
    source = MutedThenLiveSource()
    events = list(run_to_end(source, StreamAnalysis(source.name)))
    notices = [(e.kind, e.t_s) for e in events if isinstance(e, Notice)]
    assert notices == [("source-lost", pytest.approx(0.1)), ("source-back", pytest.approx(0.3))]
    assert source.opens == 1
    ended = events[-1]
    assert isinstance(ended, StreamEnded)
    assert ended.summary.duration_s == pytest.approx(0.5)


class EndlessSource:
    name = "endless"
    dropped_blocks = 0

    def open(self) -> None:
        pass

    def read(self, timeout_s: float) -> np.ndarray | None:
        return np.zeros(160, dtype=np.int16)

    def close(self) -> None:
        pass


def test_stop_ends_an_endless_stream_with_a_summary() -> None:
    """stop() makes the worker finish: the outbox ends with StreamEnded then None."""
    outbox: queue.Queue[EngineEvent | None] = queue.Queue()
    got_first = threading.Event()
    engine = Engine(EndlessSource(), StreamAnalysis("endless"), outbox, on_event=got_first.set)
    engine.start()
    assert got_first.wait(5.0)
    engine.stop()
    engine.join(5.0)
    items = []
    while not outbox.empty():
        items.append(outbox.get_nowait())
    assert items[-1] is None
    assert isinstance(items[-2], StreamEnded)
