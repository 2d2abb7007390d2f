"""The tempo meter counts a closed segment in the partial words of the utterance still open
once they reach the segment's end, so tempo inside a long utterance is not measured only
when vosk closes it; final words that come first are the count; no word counts twice."""

import pytest

from desktop.coaching.baseline import BaselineLearner
from desktop.coaching.tempo import TempoMeter
from desktop.coaching.tempo_events import SegmentTempo, TempoEvent, TempoMeasured
from desktop.coaching.word_marks import PARTIAL_END_TOLERANCE_S, partial_covers
from desktop.events import EngineEvent
from desktop.recognition.words import Word

from timeline import Timeline, syllable_words, words_at

LAG_S = 1.6
"""A word shows in the partial result this long after its end (as in tests/scripted.py)."""


def measure(events: list[EngineEvent]) -> list[TempoEvent]:
    meter = TempoMeter(8.0, "nl", keep_speech_s=12.0)
    return [out for event in events for out in meter.observe(event, 0.0)]


def said_with_partials(tl: Timeline, words: list[Word], final_s: float | None = None) -> None:
    """One utterance as vosk gives it: the growing list of its words, each LAG_S after the
    word ends, then (unless `final_s` is None) the final words at `final_s`, after which
    no partial of this utterance comes."""
    for n in range(1, len(words) + 1):
        known_s = words[n - 1].end_s + LAG_S
        if final_s is None or known_s < final_s:
            tl.say(words[:n], known_s=known_s, final=False)
    if final_s is not None:
        tl.say(words, known_s=final_s)


def long_utterance(partials: bool) -> tuple[Timeline, float]:
    """A first 4 s segment with its own final words (the meter counts in words from then
    on), then one utterance of five 4 s segments 0.3 s apart at 6 syll/s by their words
    (4.5 by the nuclei), finalised 0.5 s after it; with or without its partial words.
    Returns the timeline and the end of the utterance."""
    tl = Timeline()
    tl.speak(0.0, 4.0, 4.5).say(syllable_words(0.0, 4.0, 6.0))
    words: list[Word] = []
    for k in range(5):
        start_s = 5.0 + k * 4.3
        tl.speak(start_s, start_s + 4.0, 4.5)
        words += syllable_words(start_s, start_s + 4.0, 6.0)
    end_s = words[-1].end_s
    if partials:
        said_with_partials(tl, words, final_s=end_s + 0.5)
    else:
        tl.say(words, known_s=end_s + 0.5)
    return tl, end_s


def what(out: list[TempoEvent]) -> list[tuple[object, ...]]:
    """The measurements and segment counts without the time they became known."""
    return [
        (e.start_s, e.end_s, e.rate_syl_s, e.speech_clock_s, e.source)
        if isinstance(e, TempoMeasured)
        else (e.start_s, e.end_s, e.syllables, e.source)
        for e in out
    ]


def measure_timed(events: list[tuple[float, EngineEvent]]) -> list[tuple[float, TempoEvent]]:
    """The meter's output with the stream time at which it came out."""
    meter = TempoMeter(8.0, "nl", keep_speech_s=12.0)
    return [(known_s, out) for known_s, event in events for out in meter.observe(event, 0.0)]


def test_partial_words_count_a_segment_when_they_reach_its_end() -> None:
    """Inside a 21 s utterance, each segment but the last is counted in its words LAG_S
    after it ends (when its last word shows in the partial result), not when the final words
    come; from then on the nuclei of speech still waiting for words count as many syllables
    as they stood for, and the rate reads the words' 6.0. Without partial words nothing is
    counted in words until the final, and the nuclei count one for one: 4.5."""
    tl, end_s = long_utterance(partials=True)
    late, _ = long_utterance(partials=False)
    early_out = measure_timed(tl.timed_events())
    late_out = measure_timed(late.timed_events())
    segment_ends_s = [5.0 + k * 4.3 + 4.0 for k in range(4)]
    counted_at_s = {e.end_s: k for k, e in early_out if isinstance(e, SegmentTempo)}
    assert [counted_at_s[t] - t for t in segment_ends_s] == pytest.approx([LAG_S] * 4)
    late_counted_at_s = {e.end_s: k for k, e in late_out if isinstance(e, SegmentTempo)}
    assert all(late_counted_at_s[t] >= end_s + 0.5 for t in segment_ends_s)
    inside = [
        (early, late)
        for (_, early), (_, late) in zip(early_out, late_out, strict=True)
        if isinstance(early, TempoMeasured)
        and isinstance(late, TempoMeasured)
        and early.start_s >= 10.6  # the window starts after the scale was learned
        and early.end_s < end_s
    ]
    assert len(inside) > 20
    assert all(
        e.source == "words" and e.rate_syl_s == pytest.approx(6.0, abs=0.15) for e, _ in inside
    )
    assert all(late.rate_syl_s == pytest.approx(4.5, abs=0.15) for _, late in inside)


def test_partial_words_change_what_is_counted_in_words_never_where_it_is_measured() -> None:
    """The same speech with and without partial words is measured at the same points (the
    nuclei and the segment ends, weighed the same by the baseline learner) and gives the
    same segment counts, in the same order: the final words add nothing to segments already
    counted from the partial words, and nothing is left out."""
    with_partials = measure(long_utterance(partials=True)[0].events())
    finals_only = measure(long_utterance(partials=False)[0].events())

    def where(out: list[TempoEvent]) -> list[tuple[float, float, float]]:
        return [(e.start_s, e.end_s, e.speech_clock_s) for e in out if isinstance(e, TempoMeasured)]

    def counted(out: list[TempoEvent]) -> list[SegmentTempo]:
        return [e for e in out if isinstance(e, SegmentTempo)]

    assert where(with_partials) == where(finals_only)
    assert counted(with_partials) == counted(finals_only)
    assert [(s.source, s.syllables) for s in counted(with_partials)] == [("nuclei", 18)] + [
        ("words", 24)
    ] * 5


def test_the_baseline_learner_learns_the_word_rate_from_partial_words() -> None:
    """A learner fed the meter's measurements learns the words' rate (6.0, where the nuclei
    say 4.5) inside a long utterance, long before vosk closes it."""
    learner = BaselineLearner(warmup_s=5.0)
    tl, end_s = long_utterance(partials=True)
    for event in measure(tl.events(until_s=end_s)):
        learner.observe(event)
    assert learner.current().word_articulation_rate_syl_s == pytest.approx(6.0, abs=0.2)


def test_final_words_that_come_first_are_the_count() -> None:
    """A partial hypothesis that has not reached the segment's end does not settle it; the
    final words that come next are counted, not the partial ones."""
    tl = Timeline()
    tl.speak(0.0, 4.0, 4.5).say(syllable_words(0.0, 4.0, 6.0))
    tl.speak(5.0, 9.0, 4.5)
    final = syllable_words(5.0, 9.0, 6.0)
    tl.say([Word("goedemiddag", 5.0, 7.0, 0.5)], known_s=8.6, final=False)
    tl.say(final, known_s=9.5)
    counted = [e for e in measure(tl.events()) if isinstance(e, SegmentTempo)]
    assert [(s.source, s.syllables) for s in counted] == [("nuclei", 18), ("words", 24)]


def test_a_segment_counted_from_partial_words_is_not_counted_again() -> None:
    """Once the partial words reached the segment's end it is counted from them (here one
    syllable per word); the final words that revise them later do not count it again."""
    tl = Timeline()
    tl.speak(0.0, 4.0, 4.5).say(syllable_words(0.0, 4.0, 6.0))
    tl.speak(5.0, 9.0, 4.5).speak(9.3, 13.3, 4.5)
    hypothesis = words_at("ja " * 10, 5.0, step_s=0.4)
    tl.say(hypothesis, known_s=9.0 + LAG_S, final=False)
    tl.say([*syllable_words(5.0, 9.0, 6.0), *syllable_words(9.3, 13.3, 6.0)], known_s=13.8)
    counted = [e for e in measure(tl.events()) if isinstance(e, SegmentTempo)]
    assert [(s.source, s.syllables) for s in counted] == [
        ("nuclei", 18),
        ("words", 10),
        ("words", 24),
    ]


def test_a_segment_cut_by_a_forced_final_counts_both_halves_once() -> None:
    """vosk closes an utterance after 20 s even mid-speech: the segment then gets its first
    words from that final and the rest from the next utterance's partial words."""
    tl = Timeline()
    tl.speak(0.0, 4.0, 4.5).say(syllable_words(0.0, 4.0, 6.0))
    tl.speak(5.0, 9.0, 4.5).speak(9.3, 13.3, 4.5)
    first, rest = syllable_words(5.0, 7.0, 6.0), syllable_words(7.0, 9.0, 6.0)
    tl.say(first, known_s=7.5)
    said_with_partials(tl, [*rest, *syllable_words(9.3, 13.3, 6.0)])
    counted = [e for e in measure(tl.events()) if isinstance(e, SegmentTempo)]
    assert [(s.source, s.syllables) for s in counted][:2] == [("nuclei", 18), ("words", 24)]


@pytest.mark.parametrize(
    ("short_of_end_s", "covers"),
    [(0.0, True), (PARTIAL_END_TOLERANCE_S - 0.02, True), (PARTIAL_END_TOLERANCE_S + 0.02, False)],
)
def test_a_partial_covers_a_segment_whose_end_its_last_word_reaches(
    short_of_end_s: float, covers: bool
) -> None:
    """vosk's last word may end a little before the voice activity does; more than the
    tolerance before, a short word may still be missing from the hypothesis."""
    partial = [Word("ja", 1.0, 1.3, 0.9), Word("nee", 1.3, 2.0 - short_of_end_s, 0.9)]
    assert partial_covers(partial, 2.0) == covers
    assert not partial_covers([], 2.0)
