"""The tempo meter: articulation rate over a window of speech, counted in the recognised
words when there are readable ones, else in the acoustic syllable nuclei."""

import pytest

from desktop.coaching.tempo import TempoMeter
from desktop.coaching.tempo_events import SegmentTempo, TempoEvent, TempoMeasured
from desktop.coaching.word_marks import MAX_WORD_WAIT_S
from desktop.events import EngineEvent, StreamEnded, WordsRecognized
from desktop.prosody.analyzer import ProsodySummary
from desktop.recognition.words import Word

from timeline import NUCLEUS_KNOWN_AFTER_S, Timeline, syllable_words, words_at


def measure(events: list[EngineEvent], language: str = "nl") -> list[TempoEvent]:
    meter = TempoMeter(8.0, language, keep_speech_s=12.0)  # type: ignore[arg-type]
    return [out for event in events for out in meter.observe(event, 0.0)]


def segments(out: list[TempoEvent]) -> list[SegmentTempo]:
    return [e for e in out if isinstance(e, SegmentTempo)]


def rates(out: list[TempoEvent]) -> list[TempoMeasured]:
    return [e for e in out if isinstance(e, TempoMeasured)]


def ended(t_s: float) -> StreamEnded:
    return StreamEnded(t_s, "test", ProsodySummary(t_s, 0.0, 0.0, 0, ()), None, "none")


def worded(nuclei_syl_s: float = 4.5, words_syl_s: float = 6.0, n: int = 6) -> Timeline:
    """`n` segments of 4 s, 0.3 s apart, each with its final words 0.5 s after it ends."""
    tl = Timeline()
    for k in range(n):
        start_s = k * 4.3
        tl.speak(start_s, start_s + 4.0, nuclei_syl_s)
        tl.say(syllable_words(start_s, start_s + 4.0, words_syl_s))
    return tl


def test_without_words_the_nuclei_are_counted() -> None:
    """No recogniser: every rate and every segment comes from the nuclei, as they arrive."""
    tl = Timeline()
    tl.speak_steadily(0.0, 30.0, rate_syl_s=4.0)
    out = measure(tl.events())
    assert {e.source for e in out} == {"nuclei"}
    assert [s.syllables for s in segments(out)] == [16] * 7
    assert rates(out)[-1].rate_syl_s == pytest.approx(4.0, abs=0.1)


def test_with_words_segments_are_counted_in_their_words() -> None:
    """Recognised words at 6.0 syll/s where the nuclei say 4.5: from the second segment on
    (the first was over before any word was known) the words count, and the rate follows."""
    out = measure(worded().events())
    counted = segments(out)
    assert [s.source for s in counted] == ["nuclei"] + ["words"] * 5
    assert [s.syllables for s in counted] == [18] + [24] * 5
    last = rates(out)[-1]
    assert last.source == "words"
    assert last.rate_syl_s == pytest.approx(6.0, abs=0.1)


def test_word_rates_do_not_wait_for_the_words() -> None:
    """A word-based rate is measured when the nuclei come, not when the words do (0.5 s
    after each 4 s segment): speech whose words are not known yet counts its nuclei, each
    as the 24 / 18 word syllables a nucleus stood for in the segments counted both ways. So
    inside a segment still waiting for its words the rate already reads the words' 6.0."""
    timed = worded().timed_events()
    meter = TempoMeter(8.0, "nl", keep_speech_s=12.0)
    measured = [
        (known_s, out)
        for known_s, event in timed
        for out in meter.observe(event, 0.0)
        if isinstance(out, TempoMeasured)
    ]
    words_known_s = [known_s for known_s, e in timed if isinstance(e, WordsRecognized)]
    worded_rates = [(k, m) for k, m in measured if m.source == "words"]
    assert worded_rates
    assert all(k - m.end_s <= NUCLEUS_KNOWN_AFTER_S + 1e-6 for k, m in worded_rates)
    # Windows past the first segment (counted in nuclei: over before any word was known),
    # measured before the words of the segment they end in came:
    waiting = [
        m
        for known_s, m in worded_rates
        if m.start_s >= 4.3 and known_s < min(w for w in words_known_s if w > m.end_s)
    ]
    assert len(waiting) > 50
    assert all(m.rate_syl_s == pytest.approx(6.0, abs=0.15) for m in waiting)


def test_no_syllable_is_counted_twice_when_the_words_start_mid_segment() -> None:
    """Partial words during the first segment switch the meter at that segment's end: the
    first segment keeps its nuclei, its final words are not added on top."""
    tl = worded()
    tl.add(WordsRecognized(1.0, tuple(words_at("goedemiddag", 0.2)), final=False), 1.0)
    counted = segments(measure(tl.events()))
    assert [s.syllables for s in counted] == [18] + [24] * 5


def test_a_segment_without_readable_words_keeps_its_nuclei() -> None:
    """Digits (or another script) in a segment's words, or no words at all: that segment is
    counted acoustically, the others in their words."""
    tl = Timeline()
    for k in range(4):
        tl.speak(k * 4.3, k * 4.3 + 4.0, 4.5)
    tl.say(syllable_words(0.0, 4.0, 6.0))
    tl.say([Word("12", 4.5, 6.0, 0.9), Word("ja", 6.0, 8.0, 0.9)])
    tl.say(syllable_words(12.9, 16.9, 6.0))  # the third segment got no words
    counted = segments(measure(tl.events()))
    assert [(s.source, s.syllables) for s in counted] == [
        ("nuclei", 18),
        ("nuclei", 18),
        ("nuclei", 18),
        ("words", 24),
    ]


def test_a_word_running_into_the_pause_counts_for_its_segment() -> None:
    """Vosk's word times may run past the end of the speech: a word whose middle is nearer
    its own segment than the next one still counts there."""
    tl = Timeline()
    tl.speak(0.0, 4.0, 4.0).speak(4.6, 8.6, 4.0).speak(9.2, 13.2, 4.0)
    tl.say(syllable_words(0.0, 4.0, 4.0))
    tl.say([*syllable_words(4.6, 8.4, 5.0), Word("goedemiddag", 8.4, 8.85, 0.9)])
    tl.say(syllable_words(9.2, 13.2, 4.0))
    counted = segments(measure(tl.events()))
    assert counted[1].source == "words"
    assert counted[1].syllables == 19 + 4


def test_without_a_final_a_segment_settles_after_the_wait() -> None:
    """Words were heard once, then no final came (nothing recognised): the segments are
    counted acoustically after MAX_WORD_WAIT_S, not held for ever."""
    tl = Timeline()
    tl.speak(0.0, 4.0, 4.5).speak(4.3, 8.3, 4.5).speak(8.6, 12.6, 4.5)
    tl.say(syllable_words(0.0, 4.0, 6.0))
    events = tl.events(until_s=12.6 + MAX_WORD_WAIT_S + 1.0)
    counted = segments(measure(events))
    assert [(s.source, s.syllables) for s in counted] == [("nuclei", 18)] * 3
    early = segments(measure(tl.events(until_s=8.3 + MAX_WORD_WAIT_S - 1.0)))
    assert len(early) == 1


def test_the_end_of_the_stream_settles_what_waits() -> None:
    """A segment still waiting for its words when the stream ends is counted then, from
    its nuclei, not lost."""
    tl = Timeline()
    for k in range(3):
        tl.speak(k * 4.3, k * 4.3 + 4.0, 4.5)
    tl.say(syllable_words(0.0, 4.0, 6.0)).say(syllable_words(4.3, 8.3, 6.0))
    events = tl.events(until_s=13.0)
    assert len(segments(measure(events))) == 2
    counted = segments(measure([*events, ended(13.0)]))
    assert [(s.source, s.syllables) for s in counted] == [
        ("nuclei", 18),
        ("words", 24),
        ("nuclei", 18),
    ]


def test_words_of_another_script_never_switch_the_meter() -> None:
    """A model of another language (the Korean test model) writes words the counter cannot
    read: the meter keeps counting nuclei, as without a model."""
    tl = Timeline()
    for k in range(4):
        tl.speak(k * 4.3, k * 4.3 + 4.0, 4.5)
        tl.say([Word("안녕하세요", k * 4.3, k * 4.3 + 4.0, 0.9)])
    out = measure(tl.events())
    assert {e.source for e in out} == {"nuclei"}
    assert [s.syllables for s in segments(out)] == [18] * 4


def test_english_words_are_counted_by_english_rules() -> None:
    """The policy language picks the counter: "make" is one English syllable, two Dutch."""
    tl = Timeline()
    for k in range(3):
        tl.speak(k * 4.3, k * 4.3 + 4.0, 4.5)
        tl.say(words_at("make " * 10, k * 4.3, step_s=0.4))
    english = segments(measure(tl.events(), "en"))
    dutch = segments(measure(tl.events(), "nl"))
    assert [s.syllables for s in english][1:] == [10, 10]
    assert [s.syllables for s in dutch][1:] == [20, 20]
