"""The coach holds a bounded amount of state however long the shift: nothing it keeps per
utterance, word, proposal or pause may pile up (docs/benchmarks.md, "A whole shift with
recognition")."""

import gc
import types
from dataclasses import replace

import pytest

from desktop.coaching import coach as coach_module
from desktop.coaching.coach import Coach, build_coach
from desktop.coaching.settings import Policy
from desktop.events import EngineEvent, WordsRecognized
from desktop.prosody.analyzer import Pause, ProsodyTick, SpeechSegment, SyllableNucleus

from timeline import Timeline, syllable_words, words_at

CHUNK_S = 60.0


def one_minute() -> list[EngineEvent]:
    """A minute of a call: 20 s of hasty speech (haste proposals), a 6 s customer turn,
    a reply without acknowledgement and with a policy-shield phrase, partial and final
    words for every segment."""
    timeline = Timeline()
    segments = [(0.5 + 4.3 * i, 4.5 + 4.3 * i) for i in range(5)]
    segments += [(27.0 + 4.3 * i, 31.0 + 4.3 * i) for i in range(6)]
    for start_s, end_s in segments:
        timeline.speak(start_s, end_s, rate_syl_s=7.0)
        words = syllable_words(start_s, end_s, 7.0)
        timeline.say(words[: len(words) // 2], known_s=start_s + 2.5, final=False)
        timeline.say(words, known_s=end_s + 0.5)
    timeline.say(words_at("dat is ons beleid", 27.2), known_s=31.5)
    return timeline.events(until_s=CHUNK_S - 0.05)


def shifted(event: EngineEvent, by_s: float) -> EngineEvent:
    if isinstance(event, SpeechSegment | Pause):
        return replace(event, start_s=event.start_s + by_s, end_s=event.end_s + by_s)
    if isinstance(event, WordsRecognized):
        words = tuple(
            replace(w, start_s=w.start_s + by_s, end_s=w.end_s + by_s) for w in event.words
        )
        return replace(event, t_s=event.t_s + by_s, words=words)
    assert isinstance(event, ProsodyTick | SyllableNucleus)
    return replace(event, t_s=event.t_s + by_s)


def reachable_objects(root: object) -> int:
    """Objects reachable from `root` through references, leaving out what is shared by the
    whole process (modules, classes, functions)."""
    shared = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType)
    seen: set[int] = set()
    stack = [root]
    while stack:
        item = stack.pop()
        if id(item) in seen or isinstance(item, shared):
            continue
        seen.add(id(item))
        stack.extend(gc.get_referents(item))
    return len(seen)


def run_minutes(coach: Coach, minute: list[EngineEvent], first: int, count: int) -> None:
    for k in range(first, first + count):
        for event in minute:
            coach.observe(shifted(event, k * CHUNK_S))


def test_coach_state_stays_bounded_over_a_long_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    """After 5 minutes of speech with words and proposals, 10 more minutes of the same add
    nothing to what the coach holds (the held-back cues kept for diagnostics are bounded:
    with a bound of 20 they are full within minutes)."""
    monkeypatch.setattr(coach_module, "MAX_HELD", 20)
    coach = build_coach(Policy())
    minute = one_minute()
    run_minutes(coach, minute, 0, 5)
    assert len(coach.held) == 20 and coach.shown_counts["haste"] >= 1
    after_warm_up = reachable_objects(coach)
    run_minutes(coach, minute, 5, 10)
    assert len(coach.held) == 20
    assert coach.held[-1].cue.t_s > 14 * CHUNK_S  # the latest are kept
    assert reachable_objects(coach) <= after_warm_up + 50
