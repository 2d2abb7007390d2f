"""The speech timeline that rate rules measure against: segments, pauses, the open segment."""

import pytest

from desktop.coaching.rules.speech import SpeechTimeline

from timeline import Timeline


def timeline_after(tl: Timeline, until_s: float) -> SpeechTimeline:
    speech = SpeechTimeline(keep_speech_s=100.0)
    for event in tl.events(until_s=until_s):
        speech.observe(event)
    return speech


def test_closed_segments_and_pauses_give_speech_time() -> None:
    """Speech time leaves out the pauses between segments."""
    tl = Timeline().speak(0.0, 3.0).speak(4.0, 6.0).speak(10.0, 12.0)
    speech = timeline_after(tl, 13.0)
    assert speech.speech_s(0.0, 13.0) == pytest.approx(7.0)
    assert speech.speech_s(2.0, 5.0) == pytest.approx(2.0)
    assert speech.window_start_s(12.0, 4.0, not_before_s=0.0) == pytest.approx(4.0)
    assert speech.window_start_s(12.0, 8.0, not_before_s=0.0) is None
    assert speech.window_start_s(12.0, 4.0, not_before_s=5.5) is None


def test_open_segment_starts_at_the_pause_end() -> None:
    """While the agent is still speaking, the segment since the last pause counts up to now."""
    tl = Timeline().speak(0.0, 3.0).speak(4.0, 20.0)
    speech = timeline_after(tl, 9.0)
    assert speech.covers(8.5)
    assert not speech.covers(3.5)
    assert speech.speech_s(0.0, 9.0) == pytest.approx(8.0)


def test_first_segment_is_opened_by_the_first_speaking_tick() -> None:
    """No pause precedes the first segment: the first speaking tick opens it."""
    tl = Timeline().speak(0.5, 30.0)
    speech = timeline_after(tl, 10.0)
    assert speech.covers(9.0)
    assert speech.speech_s(0.0, 10.0) == pytest.approx(9.5, abs=0.1)


def test_old_speech_is_forgotten_beyond_what_is_kept() -> None:
    """Only enough closed segments for `keep_speech_s` of speech are kept."""
    tl = Timeline()
    tl.speak_steadily(0.0, 100.0, segment_s=4.0)
    speech = SpeechTimeline(keep_speech_s=10.0)
    for event in tl.events():
        speech.observe(event)
    assert speech.window_start_s(99.0, 10.0, 0.0) is not None
    assert speech.window_start_s(99.0, 20.0, 0.0) is None
