"""The engine's live controls: pause really closes the source, resume and switching reopen,
an unopenable live source is retried, and a new policy's coach takes over."""

import queue

import numpy as np
import pytest

from desktop.audio.source import SourceLost
from desktop.coaching.coach import build_coach
from desktop.coaching.settings import Policy
from desktop.engine import Engine, StreamAnalysis, TimelineEvent
from desktop.events import NewCallRequested, Notice, StreamEnded
from desktop.prosody.analyzer import ProsodyTick

from live_sources import ControlledSource

WAIT_S = 10.0


class Running:
    """An engine on a worker thread, with a helper to wait for a kind of event."""

    def __init__(self, source: ControlledSource, retry_open: bool = False) -> None:
        self.outbox: queue.Queue[TimelineEvent | None] = queue.Queue()
        self.engine = Engine(
            source, StreamAnalysis(source.name), self.outbox, retry_open=retry_open
        )
        self.seen: list[TimelineEvent] = []

    def __enter__(self) -> "Running":
        self.engine.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.engine.stop()
        self.engine.join(WAIT_S)

    def wait_for(self, wanted: type, kind: str | None = None) -> TimelineEvent:
        while True:
            event = self.outbox.get(timeout=WAIT_S)
            assert event is not None, "the engine ended early"
            self.seen.append(event)
            if isinstance(event, wanted) and (kind is None or getattr(event, "kind", "") == kind):
                return event

    def notices(self) -> list[str]:
        return [e.kind for e in self.seen if isinstance(e, Notice)]


def test_pause_closes_the_source_and_the_worker_reads_nothing_until_resume() -> None:
    """Paused means the microphone is closed and not read; resume opens it again."""
    source = ControlledSource("headset")
    with Running(source) as run:
        run.engine.pause()
        run.wait_for(Notice, "paused")
        assert not source.is_open
        reads_when_paused = source.reads
        run.engine.new_call()  # the worker still answers controls while paused...
        run.wait_for(NewCallRequested)
        assert source.reads == reads_when_paused  # ...without touching the source
        run.engine.resume()
        run.wait_for(Notice, "resumed")
        assert source.is_open and source.opens == 2


def test_a_live_source_that_cannot_open_at_start_is_retried(monkeypatch) -> None:
    """With retry_open the app starts without a microphone and picks it up when it comes."""
    monkeypatch.setattr("desktop.engine.RECONNECT_INTERVAL_S", 0.01)
    source = ControlledSource("usb mic", failed_opens=3)
    with Running(source, retry_open=True) as run:
        run.wait_for(Notice, "source-back")
        assert run.notices() == ["source-lost", "source-back"]
        assert source.is_open
    assert run.engine.error is None


def test_without_retry_an_unopenable_source_ends_the_engine_with_its_error() -> None:
    """The command line keeps failing fast: the open error is the engine's error."""
    source = ControlledSource("usb mic", failed_opens=1)
    with Running(source) as run:
        assert run.outbox.get(timeout=WAIT_S) is None
    assert isinstance(run.engine.error, SourceLost)


def test_switching_source_closes_the_old_one_and_reads_the_new_one() -> None:
    """Choosing another microphone: the old stream closes, the new one is read from then on."""
    old, new = ControlledSource("laptop mic"), ControlledSource("headset")
    with Running(old) as run:
        run.engine.switch_source(new)
        run.wait_for(Notice, "source-switched")
        reads_at_switch = old.reads
        assert not old.is_open and new.is_open
        run.wait_for(ProsodyTick)  # 100 ms of audio analysed since the switch...
        assert new.reads >= 10  # ...all of it from the new source
        assert old.reads == reads_at_switch


def test_switching_source_while_paused_stays_closed_until_resume() -> None:
    """A device chosen while paused is not opened before the agent resumes."""
    old, new = ControlledSource("laptop mic"), ControlledSource("headset")
    with Running(old) as run:
        run.engine.pause()
        run.wait_for(Notice, "paused")
        run.engine.switch_source(new)
        run.wait_for(Notice, "source-switched")
        assert not new.is_open and new.opens == 0
        run.engine.resume()
        run.wait_for(Notice, "resumed")
        assert new.is_open


def test_a_replaced_coach_coaches_from_then_on() -> None:
    """After replace_coach the stream's summary carries the new coach's cue counts."""
    analysis = StreamAnalysis("mic")
    analysis.feed(np.zeros(1600, dtype=np.int16))
    analysis.replace_coach(build_coach(Policy()))
    ended = analysis.finish()[-1]
    assert isinstance(ended, StreamEnded)
    assert dict(ended.cues).keys() >= {"haste", "key_pause", "acknowledgement"}


@pytest.mark.parametrize("paused_first", [False, True])
def test_stop_finishes_the_stream_whether_listening_or_paused(paused_first: bool) -> None:
    """Quit works in both states: the outbox ends with the summary, then None."""
    source = ControlledSource("headset")
    run = Running(source)
    with run:
        if paused_first:
            run.engine.pause()
            run.wait_for(Notice, "paused")
    rest = []
    while (event := run.outbox.get(timeout=WAIT_S)) is not None:
        rest.append(event)
    assert isinstance(rest[-1], StreamEnded)
    assert not source.is_open
