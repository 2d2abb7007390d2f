"""Fillers: filler words per minute of speech over the last 60 s of speech ≥ 12."""

from dataclasses import replace

import pytest

from desktop.coaching.lexicon import load_lexicon
from desktop.coaching.phrases import PhraseMatcher
from desktop.coaching.rules.fillers import FillerRule
from desktop.coaching.settings import FillerSettings

from timeline import Timeline, context, run, words_at

SETTINGS = replace(FillerSettings(), enabled=True)


def rule(settings: FillerSettings = SETTINGS) -> FillerRule:
    return FillerRule(settings, PhraseMatcher(load_lexicon("fillers", "nl")))


def speech_with_fillers(fillers: int, seconds: float = 60.0, final: bool = True) -> Timeline:
    """Continuous speech from 0 s, cut in 5 s segments with 0.3 s pauses, one final result
    per segment; `fillers` of the words are "eh", spread evenly over the first minute."""
    tl = Timeline()
    t = 0.0
    k = 0
    while t + 5.0 <= seconds * 1.1:
        tl.speak(t, t + 5.0)
        texts = ["en", "dan", "kijk", "ik", "even", "in", "het", "systeem"] * 2
        words = words_at(" ".join(texts), t, step_s=5.0 / len(texts))
        per_segment = fillers // 12 + (1 if k < fillers % 12 else 0)
        for i in range(min(per_segment, len(words))):
            w = words[2 * i + 1]
            words[2 * i + 1] = replace(w, text="eh")
        tl.say(words, final=final)
        t += 5.3
        k += 1
    return tl


@pytest.mark.parametrize(("fillers", "fires"), [(11, False), (12, True)])
def test_rate_must_reach_12_per_minute_of_speech(fillers: int, fires: bool) -> None:
    """Eleven "eh" in a minute of speech is fine; twelve is the threshold."""
    cues = run(rule(), speech_with_fillers(fillers).events())
    assert len(cues) == (1 if fires else 0)


def test_evidence_is_the_rate_per_minute() -> None:
    """The card shows fillers per minute of speech: 24 in the first full minute, a minute
    of speech that ends with the last final word counted (known 0.5 s later)."""
    (cue,) = run(rule(), speech_with_fillers(24).events())
    assert cue.name == "fillers"
    assert cue.evidence == {"per_min": 24.0, "fillers": 24.0, "window_s": 60.0}
    assert cue.evidence_end_s is not None
    assert cue.evidence_end_s - cue.evidence_t_s >= 60.0
    assert cue.t_s - cue.evidence_end_s == pytest.approx(0.5)
    assert cue.message == SETTINGS.message.nl


def test_pauses_do_not_count_as_speech() -> None:
    """Twelve fillers in 60 s of speech spread over two minutes (customer turns between)
    are still twelve per minute of speech."""
    tl = Timeline()
    for k in range(12):
        start = k * 10.0
        tl.speak(start, start + 5.0)
        tl.say(words_at("ja eh dat klopt", start, step_s=1.25))
    assert len(run(rule(), tl.events())) == 1


def test_before_a_full_window_of_speech_there_is_no_judgement() -> None:
    """Thirty seconds of speech full of fillers is not yet a minute of speech."""
    assert run(rule(), speech_with_fillers(30, seconds=28.0).events()) == []


def test_partial_words_never_count() -> None:
    """Fillers in partial hypotheses are not counted."""
    assert run(rule(), speech_with_fillers(40, final=False).events()) == []


def test_supervisor_extra_fillers_count() -> None:
    """A supervisor's extra filler ("zeg maar") is counted like the shipped ones."""
    tl = Timeline()
    for k in range(12):
        start = k * 5.3
        tl.speak(start, start + 5.0)
        tl.say(words_at("het is zeg maar zo dat het werkt", start, step_s=0.625))
    phrases = load_lexicon("fillers", "nl", ["zeg maar"])
    assert run(rule(), tl.events()) == []
    assert len(run(FillerRule(SETTINGS, PhraseMatcher(phrases)), tl.events())) == 1


def test_context_call_start_limits_the_window() -> None:
    """Speech from before the call started is not part of the window."""
    events = speech_with_fillers(24).events()
    assert run(rule(), events, context(call_start_s=20.0)) == []
