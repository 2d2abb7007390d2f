"""StreamingRecognizer with real vosk and the Korean model: plumbing, not accuracy.

vosk is not bit-for-bit repeatable within one process (word times of a second recognizer on
the same audio differ by a few ms), so these tests compare with tolerances or against the
raw vosk output of the same run, never across two runs exactly.
"""

import itertools
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import vosk
from numpy.typing import NDArray

from desktop.recognition.recognizer import StreamingRecognizer, load_model
from desktop.recognition.words import RecognitionUpdate, Word

pytestmark = pytest.mark.vosk

SAMPLE_RATE_HZ = 16000
BLOCK_SAMPLES = 1600  # 100 ms, the engine's block size
LEAD_SILENCE_S = 0.5  # must match conftest.korean_speech
TAIL_SILENCE_S = 1.0


def _feed(rec: StreamingRecognizer, samples: NDArray[np.int16]) -> list[RecognitionUpdate]:
    updates = [
        rec.accept(samples[i : i + BLOCK_SAMPLES]) for i in range(0, len(samples), BLOCK_SAMPLES)
    ]
    return [*updates, rec.finish()]


def _finals(updates: list[RecognitionUpdate]) -> list[Word]:
    return [word for update in updates for word in update.final_words]


@pytest.fixture(scope="module")
def speech_updates(ko_model: Any, korean_speech: NDArray[np.int16]) -> list[RecognitionUpdate]:
    """The updates of one pass over the Korean speech in 100 ms blocks (shared: ~4 s each)."""
    return _feed(StreamingRecognizer(ko_model), korean_speech)


def test_final_words_have_ordered_times_inside_the_audio(
    speech_updates: list[RecognitionUpdate], korean_speech: NDArray[np.int16]
) -> None:
    """Final words have start < end, times that never go back, all within the audio."""
    duration_s = len(korean_speech) / SAMPLE_RATE_HZ
    words = _finals(speech_updates)
    assert len(words) >= 3
    assert all(0.0 <= w.start_s < w.end_s <= duration_s for w in words)
    assert all(a.start_s <= b.start_s and a.end_s <= b.end_s for a, b in itertools.pairwise(words))
    assert all(0.0 <= w.confidence <= 1.0 for w in words)
    # Times are seconds, not frames: the first word starts where the leading silence ends.
    assert words[0].start_s == pytest.approx(LEAD_SILENCE_S, abs=0.25)


def test_offset_shifts_every_time_by_exactly_the_offset(
    ko_model: Any, korean_speech: NDArray[np.int16], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With offset_s=5.0 every final and partial word time is vosk's own time plus 5.0."""
    raw: list[str] = []

    class RecordingRecognizer(vosk.KaldiRecognizer):  # type: ignore[misc]
        def Result(self) -> str:  # noqa: N802 - vosk's API
            raw.append(super().Result())
            return raw[-1]

        def PartialResult(self) -> str:  # noqa: N802
            raw.append(super().PartialResult())
            return raw[-1]

        def FinalResult(self) -> str:  # noqa: N802
            raw.append(super().FinalResult())
            return raw[-1]

    monkeypatch.setattr(vosk, "KaldiRecognizer", RecordingRecognizer)
    rec = StreamingRecognizer(ko_model, offset_s=5.0)
    checked = 0
    for i in range(0, len(korean_speech) + 1, BLOCK_SAMPLES):
        block = korean_speech[i : i + BLOCK_SAMPLES]
        update = rec.accept(block) if block.size else rec.finish()
        ours = update.final_words or update.partial_words
        if not ours:
            continue
        vosk_json = json.loads(raw[-1])  # what vosk said in this very call
        entries = vosk_json.get("result") or vosk_json["partial_result"]
        expected = [(e["word"], e["start"] + 5.0, e["end"] + 5.0) for e in entries]
        assert [(w.text, w.start_s, w.end_s) for w in ours] == expected
        checked += len(ours)
    assert checked >= 3


def test_partials_appear_while_speech_is_fed(speech_updates: list[RecognitionUpdate]) -> None:
    """Fed in 100 ms blocks, partial words arrive before the utterance closes, never twice."""
    updates = speech_updates
    first_final = next(i for i, u in enumerate(updates) if u.final_words)
    partial_texts = [
        " ".join(w.text for w in u.partial_words) for u in updates[:first_final] if u.partial_words
    ]
    assert len(partial_texts) >= 2
    assert all(a != b for a, b in itertools.pairwise(partial_texts))


@pytest.mark.parametrize("noise_rms", [0.0, 30.0], ids=["zeros", "low-noise"])
def test_silence_gives_no_words(ko_model: Any, noise_rms: float) -> None:
    """Three seconds of digital silence or faint noise (about -60 dBFS) give no words at all."""
    rng = np.random.default_rng(7)
    silence = (rng.normal(0.0, noise_rms, 3 * SAMPLE_RATE_HZ)).astype(np.int16)
    updates = _feed(StreamingRecognizer(ko_model), silence)
    assert all(u == RecognitionUpdate() for u in updates)


def test_finish_then_continue_keeps_the_clock(
    ko_model: Any, korean_speech: NDArray[np.int16]
) -> None:
    """After finish(), more audio is recognised with times continuing after the first part."""
    duration_s = len(korean_speech) / SAMPLE_RATE_HZ
    rec = StreamingRecognizer(ko_model)
    first = _finals(_feed(rec, korean_speech))
    second = _finals(_feed(rec, korean_speech))
    assert first and second
    assert second[0].start_s == pytest.approx(first[0].start_s + duration_s, abs=0.05)
    assert rec.position_s == pytest.approx(2 * duration_s)


def test_reset_drops_the_utterance_and_moves_the_clock(
    ko_model: Any, korean_speech: NDArray[np.int16]
) -> None:
    """reset(offset_s=100) mid-speech forgets the open utterance; later words start after 100 s."""
    rec = StreamingRecognizer(ko_model)
    half = len(korean_speech) // 2
    before = _finals(
        [rec.accept(korean_speech[i : i + BLOCK_SAMPLES]) for i in range(0, half, BLOCK_SAMPLES)]
    )
    rec.reset(offset_s=100.0)
    after = _finals(_feed(rec, korean_speech))
    assert before == []  # the utterance was still open when reset
    # All words lie inside the audio fed after the reset, on the new clock.
    duration_s = len(korean_speech) / SAMPLE_RATE_HZ
    assert after and all(100.0 <= w.start_s < w.end_s <= 100.0 + duration_s for w in after)
    assert after[0].start_s == pytest.approx(100.0 + LEAD_SILENCE_S, abs=0.25)


def test_model_is_loaded_once_per_process(
    ko_model: Any, ko_model_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Asking again for the loaded model, however spelled, constructs no second vosk.Model."""
    constructed: list[str] = []
    real_model = vosk.Model

    def counting_model(path: str) -> Any:
        constructed.append(path)
        return real_model(path)

    monkeypatch.setattr(vosk, "Model", counting_model)
    assert load_model(ko_model_path) is ko_model
    assert load_model(str(ko_model_path / "am" / "..")) is ko_model
    assert constructed == []


def test_renewed_recognizer_keeps_word_times_on_the_stream_clock(
    ko_model: Any, korean_speech: NDArray[np.int16]
) -> None:
    """With renewal due at once, the utterance end in the pause swaps in a fresh vosk
    recognizer there; what it recognises next is what a fresh recognizer started at that
    stream position, and fed the same audio, recognises: same words, same stream times."""
    gap = np.zeros(SAMPLE_RATE_HZ, dtype=np.int16)  # 1 s more, so vosk's endpoint comes
    audio = np.concatenate([korean_speech, gap, korean_speech])
    rec = StreamingRecognizer(ko_model, renew_after_s=0.0)
    renewed_at_s: float | None = None
    after: list[Word] = []
    for i in range(0, len(audio), BLOCK_SAMPLES):
        update = rec.accept(audio[i : i + BLOCK_SAMPLES])
        if renewed_at_s is not None:
            after += update.final_words
        elif rec.renewals:
            renewed_at_s = rec.offset_s
    after += rec.finish().final_words
    # Renewed at the end of each utterance, both in the silence after it.
    assert renewed_at_s is not None and rec.renewals == 2
    speech_s = len(korean_speech) / SAMPLE_RATE_HZ
    assert speech_s - TAIL_SILENCE_S < renewed_at_s < speech_s + 1.0  # in the pause
    control = StreamingRecognizer(ko_model, offset_s=renewed_at_s, renew_after_s=None)
    expected = _finals(_feed(control, audio[round(renewed_at_s * SAMPLE_RATE_HZ) :]))
    assert len(expected) >= 3
    # vosk's small models extend their decoding graph on the fly and share what they built
    # between the model's recognizers, so two recognizers may differ in a late word or two;
    # the clock must not: the words both heard lie at the same stream times.
    assert abs(len(after) - len(expected)) <= 2
    same = 0
    while same < min(len(after), len(expected)) and after[same].text == expected[same].text:
        same += 1
    assert same >= 3
    for ours, theirs in zip(after[:same], expected[:same], strict=True):
        assert ours.start_s == pytest.approx(theirs.start_s, abs=0.05)
        assert ours.end_s == pytest.approx(theirs.end_s, abs=0.05)
    assert all(renewed_at_s <= w.start_s <= len(audio) / SAMPLE_RATE_HZ for w in after)
    second_speech_s = speech_s + 1.0 + LEAD_SILENCE_S
    assert after[0].start_s == pytest.approx(second_speech_s, abs=0.25)
