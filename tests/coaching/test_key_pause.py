"""Key-point pause: key phrases and automatic key points need ≥ 300 ms of silence before
them, mid-utterance; the engine's pauses are the measure, vosk's word gaps the fallback."""

from dataclasses import replace

import pytest

from desktop.coaching.lexicon import load_lexicon
from desktop.coaching.phrases import PhraseMatcher
from desktop.coaching.rules import build_rules
from desktop.coaching.rules.key_pause import KeyPauseRule
from desktop.coaching.settings import CueSettings, KeyPauseSettings, Language
from desktop.events import EngineEvent, WordsRecognized
from desktop.prosody.analyzer import Pause
from desktop.recognition.words import Word

from timeline import context, run, words_at

SETTINGS = KeyPauseSettings()


def rule(language: Language = "nl", settings: KeyPauseSettings = SETTINGS) -> KeyPauseRule:
    phrases = PhraseMatcher(load_lexicon("key_phrases", language), fillers=["eh"])
    return KeyPauseRule(settings, phrases, language)


def utterance(
    before: str, key: str, silence_s: float, with_pause: bool = True
) -> list[EngineEvent]:
    """`before` said from 1.0 s, then `silence_s` of silence, then `key`; the engine reports
    the silence as a Pause when it is at least 200 ms (and `with_pause`), then the words come."""
    first = words_at(before, 1.0, step_s=0.25)
    key_start_s = first[-1].end_s + silence_s
    second = words_at(key, key_start_s, step_s=0.25)
    events: list[EngineEvent] = []
    if with_pause and silence_s >= 0.2:
        events.append(Pause(first[-1].end_s, key_start_s))
    events.append(WordsRecognized(second[-1].end_s + 0.5, tuple(first + second), True))
    return events


def test_amount_straight_after_other_words_fires_with_evidence() -> None:
    """ "u betaalt twaalf euro vijftig" with no pause: one cue on the amount, pause 0 ms,
    its evidence complete at the end of the amount's last word."""
    (cue,) = run(rule(), utterance("u betaalt", "twaalf euro vijftig", 0.0))
    assert cue.name == "key_pause"
    assert cue.evidence == {
        "phrase": "twaalf euro vijftig",
        "kind": "amount",
        "pause_ms": 0.0,
        "min_pause_ms": 300.0,
    }
    assert cue.evidence_t_s == pytest.approx(1.5)
    assert cue.evidence_end_s == pytest.approx(1.5 + 3 * 0.25)
    assert cue.message == SETTINGS.message.nl


@pytest.mark.parametrize(("silence_s", "fires"), [(0.29, True), (0.31, False), (0.8, False)])
def test_engine_pause_decides_around_the_threshold(silence_s: float, fires: bool) -> None:
    """A 290 ms pause before the key point is too short; 310 ms and more is enough."""
    cues = run(rule(), utterance("u betaalt", "twaalf euro", silence_s))
    assert len(cues) == (1 if fires else 0)
    if fires:
        assert cues[0].evidence["pause_ms"] == 290.0


def test_engine_pause_counts_even_when_vosk_puts_the_word_early() -> None:
    """Vosk's word start 50 ms before the engine's pause end: the pause still counts."""
    first = words_at("het bedrag", 1.0, step_s=0.25)
    pause = Pause(1.5, 1.9)
    key = [Word("drieëntwintig", 1.85, 2.4, 0.9), Word("euro", 2.4, 2.7, 0.9)]
    words = WordsRecognized(3.0, tuple(first + key), True)
    assert run(rule(), [pause, words]) == []


def test_word_gap_is_the_measure_when_the_engine_saw_no_pause() -> None:
    """No Pause event (the silence was under 200 ms): vosk's gap is the pause measured."""
    (cue,) = run(rule(), utterance("u betaalt", "twaalf euro", 0.15, with_pause=False))
    assert cue.evidence["pause_ms"] == 150.0


def test_key_phrase_from_the_list_fires() -> None:
    """ "let op" from the supervisor's key phrases, rushed into: a cue naming the phrase."""
    (cue,) = run(rule(), utterance("en dan", "let op u moet eerst inloggen", 0.05))
    assert (cue.evidence["phrase"], cue.evidence["kind"]) == ("let op", "key_phrase")


def test_first_word_after_a_long_silence_is_not_mid_utterance() -> None:
    """A key point that opens a new utterance (1.5 s or more after the last word) is fine."""
    assert run(rule(), utterance("ja", "drieëntwintig maart", 1.6)) == []


def test_first_words_of_the_call_are_not_judged() -> None:
    """Nothing was said before the very first word: no pause to measure, no cue."""
    words = words_at("twaalf euro vijftig", 1.0)
    assert run(rule(), [WordsRecognized(3.0, tuple(words), True)]) == []


def test_previous_utterance_counts_until_the_call_is_reset() -> None:
    """The silence before a batch's first word reaches back to the previous final batch;
    after reset_call there is no previous word any more."""
    first = WordsRecognized(2.0, tuple(words_at("u betaalt", 1.0)), True)
    second = WordsRecognized(3.0, tuple(words_at("twaalf euro", 1.7)), True)
    assert len(run(rule(), [first, second])) == 1
    r = rule()
    run(r, [first])
    r.reset_call()
    assert run(r, [second]) == []


def test_partial_words_never_fire() -> None:
    """A partial hypothesis with a rushed amount makes no card; only final words do."""
    words = words_at("u betaalt twaalf euro", 1.0)
    assert run(rule(), [WordsRecognized(2.0, tuple(words), False)]) == []


def test_automatic_key_points_can_be_switched_off() -> None:
    """With auto_key_points off, amounts are not judged; listed key phrases still are."""
    r = rule(settings=replace(SETTINGS, auto_key_points=False))
    assert run(r, utterance("u betaalt", "twaalf euro", 0.0)) == []
    assert len(run(r, utterance("en", "let op", 0.0))) == 1


def test_min_pause_setting_is_used() -> None:
    """A supervisor's 500 ms minimum turns a 400 ms pause into a cue."""
    r = rule(settings=replace(SETTINGS, min_pause_ms=500.0))
    (cue,) = run(r, utterance("u betaalt", "twaalf euro", 0.4))
    assert cue.evidence["pause_ms"] == 400.0


def test_ambiguous_code_start_accepts_a_pause_before_any_possible_first_word() -> None:
    """ "your reference is a b c": a pause before "a" (article or letter) is enough; with no
    pause at all the code is rushed."""
    assert run(rule("en"), utterance("your reference is", "a b c one two", 0.4)) == []
    (cue,) = run(rule("en"), utterance("your reference is", "a b c one two", 0.0))
    assert cue.evidence["kind"] == "code"


def test_each_key_point_is_judged_on_its_own() -> None:
    """Two rushed key points in one utterance give two cues; the gate chooses."""
    words = words_at("het bedrag is twaalf euro op maandag", 1.0)
    cues = run(rule(), [WordsRecognized(4.0, tuple(words), True)])
    assert [c.evidence["phrase"] for c in cues] == ["twaalf euro", "maandag"]


def test_supervisor_extra_phrases_become_key_phrases() -> None:
    """`extra_phrases_nl` from the configuration is watched like the shipped list."""
    settings = CueSettings(key_pause=replace(SETTINGS, extra_phrases_nl=("de hersteltermijn",)))
    (key_pause,) = [r for r in build_rules(settings, "nl") if r.name == "key_pause"]
    (cue,) = run(key_pause, utterance("en", "de hersteltermijn is kort", 0.0), context())
    assert cue.evidence["phrase"] == "de hersteltermijn"
