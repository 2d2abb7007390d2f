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


def test_partial_words_measure_a_segment_when_they_reach_its_end() -> None:
    """Inside a 21 s utterance, each segment but the last is measured LAG_S after it ends
    (when its last word shows in the partial result), not when the final words come."""
    tl, end_s = long_utterance(partials=True)
    late, _ = long_utterance(partials=False)
    early_rates = [e for e in measure(tl.events()) if isinstance(e, TempoMeasured)]
    late_rates = [e for e in measure(late.events()) if isinstance(e, TempoMeasured)]
    inside = [e for e in early_rates if 5.0 < e.end_s < end_s - 4.0]
    assert inside and all(e.source == "words" for e in inside)
    assert max(e.t_s - e.end_s for e in inside) <= 4.0 + LAG_S + 1e-6  # segment + lag
    segment_ends_s = [5.0 + k * 4.3 + 4.0 for k in range(4)]
    at_ends = [e for e in inside if any(abs(e.end_s - t) < 1e-6 for t in segment_ends_s)]
    assert len(at_ends) == 4
    assert [e.t_s - e.end_s for e in at_ends] == pytest.approx([LAG_S] * 4)
    assert all(e.t_s >= end_s + 0.5 for e in late_rates if e.end_s > 5.0)


def test_partial_words_change_when_a_segment_is_measured_never_what() -> None:
    """The same speech with and without partial words gives the same measurements and
    segment counts, in the same order: the final words add nothing to segments already
    counted from the partial words, and nothing is left out."""
    with_partials = measure(long_utterance(partials=True)[0].events())
    finals_only = measure(long_utterance(partials=False)[0].events())
    assert what(with_partials) == what(finals_only)
    counted = [e for e in with_partials if isinstance(e, SegmentTempo)]
    assert [(s.source, s.syllables) for s in counted] == [("nuclei", 18)] + [("words", 24)] * 5


def test_the_baseline_learner_learns_the_same_from_partial_words() -> None:
    """A learner fed the meter's measurements learns the same word baseline whether the
    segments were counted from partial or from final words: one estimator, no double weight."""
    baselines = []
    for partials in (True, False):
        learner = BaselineLearner(warmup_s=5.0)
        for event in measure(long_utterance(partials)[0].events()):
            learner.observe(event)
        baselines.append(learner.current())
    assert baselines[0] == baselines[1]
    assert baselines[0].word_articulation_rate_syl_s == pytest.approx(6.0, abs=0.1)


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
