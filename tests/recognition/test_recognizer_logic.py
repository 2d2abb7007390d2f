"""StreamingRecognizer and load_model logic with a scripted stand-in for vosk (no model needed)."""

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import vosk

from desktop.errors import UserError
from desktop.recognition import recognizer as recognizer_module
from desktop.recognition.recognizer import StreamingRecognizer, load_model, recognizer_label
from desktop.recognition.words import RecognitionUpdate, Word

BLOCK = np.zeros(1600, dtype=np.int16)  # 100 ms at 16 kHz


class ScriptedKaldiRecognizer:
    """Plays back a script of (endpoint?, JSON text) answers, one per AcceptWaveform call."""

    script: list[tuple[bool, str]] = []
    final_result = '{"text": ""}'

    def __init__(self, model: object, sample_rate_hz: float) -> None:
        self.answers = list(self.script)
        self.current = ""
        self.settings: dict[str, bool] = {}
        self.bytes_fed = 0

    def SetWords(self, enabled: bool) -> None:  # noqa: N802 - vosk's API
        self.settings["words"] = enabled

    def SetPartialWords(self, enabled: bool) -> None:  # noqa: N802
        self.settings["partial_words"] = enabled

    def AcceptWaveform(self, data: bytes) -> bool:  # noqa: N802
        self.bytes_fed += len(data)
        endpoint, self.current = self.answers.pop(0)
        return endpoint

    def Result(self) -> str:  # noqa: N802
        return self.current

    def PartialResult(self) -> str:  # noqa: N802
        return self.current

    def FinalResult(self) -> str:  # noqa: N802
        return self.final_result


def _word(text: str, start_s: float, end_s: float, conf: float = 0.9) -> dict[str, Any]:
    return {"word": text, "start": start_s, "end": end_s, "conf": conf}


def _partial(*words: dict[str, Any]) -> str:
    return json.dumps({"partial": " ".join(w["word"] for w in words), "partial_result": words})


@pytest.fixture
def scripted(monkeypatch: pytest.MonkeyPatch) -> type[ScriptedKaldiRecognizer]:
    """Replace vosk.KaldiRecognizer by the scripted stand-in; tests set `.script`."""

    class Scripted(ScriptedKaldiRecognizer):
        script = []

    monkeypatch.setattr(vosk, "KaldiRecognizer", Scripted)
    return Scripted


@pytest.mark.parametrize("empty", ['{"text": ""}', "", '{"text": "uh"}', '{"result": null}'])
def test_empty_or_wordless_final_is_tolerated(scripted: Any, empty: str) -> None:
    """An endpoint whose Result has no words (empty JSON, no "result") gives an empty update."""
    scripted.script = [(True, empty)]
    assert StreamingRecognizer(object()).accept(BLOCK) == RecognitionUpdate()


def test_final_words_carry_offset_and_confidence(scripted: Any) -> None:
    """Final words get `offset_s` added to vosk's times and keep vosk's confidence."""
    scripted.script = [(True, json.dumps({"result": [_word("ja", 0.3, 0.51, 0.75)]}))]
    update = StreamingRecognizer(object(), offset_s=5.0).accept(BLOCK)
    assert update.final_words == (Word("ja", 5.3, 5.51, 0.75),)
    assert update.partial_words == ()


def test_identical_partials_are_reported_once(scripted: Any) -> None:
    """A partial hypothesis is returned when its text changes and not again while it stays."""
    one, two = _word("goede", 0.2, 0.5), _word("middag", 0.5, 0.9)
    scripted.script = [
        (False, _partial(one)),
        (False, _partial(one)),
        (False, _partial(one, two)),
        (True, json.dumps({"result": [one, two]})),
        (False, _partial(one, two)),
    ]
    rec = StreamingRecognizer(object())
    updates = [rec.accept(BLOCK) for _ in range(5)]
    assert [len(u.partial_words) for u in updates] == [1, 0, 2, 0, 2]
    assert [w.text for w in updates[2].partial_words] == ["goede", "middag"]
    assert len(updates[3].final_words) == 2  # after a final, the same partial text is new again


def test_recognizer_is_configured_for_word_times(scripted: Any) -> None:
    """The vosk recognizer is asked for word times in finals and in partials."""
    rec = StreamingRecognizer(object())
    assert rec._recognizer.settings == {"words": True, "partial_words": True}


def test_position_and_reset_keep_the_stream_clock(scripted: Any) -> None:
    """Samples fed advance `position_s`; reset() continues there, or at the offset given."""
    scripted.script = [(False, "{}")] * 4
    rec = StreamingRecognizer(object(), sample_rate_hz=16000, offset_s=2.0)
    rec.accept(BLOCK)
    rec.accept(BLOCK)
    assert (rec.samples_fed, rec.position_s) == (3200, pytest.approx(2.2))
    vosk_before = rec._recognizer
    rec.reset()
    assert (rec.offset_s, rec.samples_fed) == (pytest.approx(2.2), 0)
    assert rec._recognizer is not vosk_before  # a fresh vosk recognizer: old utterance gone
    vosk_after_reset = rec._recognizer
    rec.reset(offset_s=60.0)
    assert (rec.offset_s, rec.position_s) == (60.0, 60.0)
    assert rec._recognizer is vosk_after_reset  # nothing fed since: no need to rebuild


def test_finish_returns_the_open_utterance(scripted: Any) -> None:
    """finish() turns vosk's FinalResult into final words on the stream clock."""
    scripted.final_result = json.dumps({"result": [_word("dag", 1.0, 1.4)]})
    assert StreamingRecognizer(object(), offset_s=1.5).finish().final_words == (
        Word("dag", 2.5, 2.9, 0.9),
    )


def test_samples_go_to_vosk_as_int16_bytes(scripted: Any) -> None:
    """A (n, 1) block as sounddevice gives it is fed as n int16 samples (2 bytes each)."""
    scripted.script = [(False, "{}")]
    rec = StreamingRecognizer(object())
    rec.accept(np.zeros((800, 1), dtype=np.int16))
    assert (rec._recognizer.bytes_fed, rec.samples_fed) == (1600, 800)


@pytest.mark.parametrize(
    ("block", "error"),
    [(np.zeros(1600, dtype=np.float32), TypeError), (np.zeros((800, 2), np.int16), ValueError)],
)
def test_wrong_sample_format_is_refused(scripted: Any, block: Any, error: type) -> None:
    """float samples or stereo blocks are a programming error, not silently garbled audio."""
    with pytest.raises(error):
        StreamingRecognizer(object()).accept(block)


def test_label_names_the_model_folder() -> None:
    """The label for logs is "vosk:" plus the model folder's name."""
    assert recognizer_label(Path("/m/vosk-model-small-nl-0.22")) == "vosk:vosk-model-small-nl-0.22"


def test_same_folder_is_constructed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Different spellings of one folder (str, Path, `..`, symlink) share one vosk.Model."""
    constructed: list[str] = []

    class CountingModel:
        def __init__(self, path: str) -> None:
            constructed.append(path)

    monkeypatch.setattr(vosk, "Model", CountingModel)
    # load_model proves the graph by making one recognizer; a counting model has none.
    monkeypatch.setattr(vosk, "KaldiRecognizer", lambda model, rate_hz: object())
    folder = tmp_path / "model"
    folder.mkdir()
    (tmp_path / "link").symlink_to(folder)
    misses_before = recognizer_module._load_model_cached.cache_info().misses
    models = [
        load_model(folder),
        load_model(str(folder)),
        load_model(folder / ".." / "model"),
        load_model(tmp_path / "link"),
    ]
    assert all(model is models[0] for model in models)
    assert constructed == [str(folder.resolve())]
    assert recognizer_module._load_model_cached.cache_info().misses == misses_before + 1


def test_folder_vosk_refuses_is_a_user_error(tmp_path: Path) -> None:
    """Real vosk refusing garbage files becomes a UserError naming the folder and what lacks."""
    (tmp_path / "am").mkdir()
    (tmp_path / "am" / "final.mdl").write_text("not a model")
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "model.conf").write_text("--beam=10\n")
    with pytest.raises(UserError, match=r"Vosk could not load .*missing conf/mfcc\.conf"):
        load_model(tmp_path)


def test_missing_folder_is_a_user_error(tmp_path: Path) -> None:
    """Loading a folder that does not exist says so instead of vosk's bare failure."""
    with pytest.raises(UserError, match="does not exist"):
        load_model(tmp_path / "gone")


def test_the_scripted_stand_in_gives_partials_as_vosk_does() -> None:
    """tests/scripted.py's ScriptedRecognizer (which the coaching tests and benchmarks use in
    place of vosk) keeps StreamingRecognizer's contract: a growing partial word list, each
    word PARTIAL_LAG_S after it ends and an unchanged list not repeated, then the final
    words ENDPOINT_DELAY_S after the utterance; the next utterance's partials start afresh."""
    from scripted import ENDPOINT_DELAY_S, PARTIAL_LAG_S, ScriptedRecognizer, Utterance

    first = Utterance("goedemiddag u spreekt met anna van de klantenservice", 1.0, 6.0)
    second = Utterance("ja hoor dat klopt helemaal", 9.0, 11.0)
    rec = ScriptedRecognizer([first, second])
    updates = [((k + 1) / 10, rec.accept(BLOCK)) for k in range(150)]
    partials = [(t, u.partial_words) for t, u in updates if u.partial_words]
    finals = [(t, u.final_words) for t, u in updates if u.final_words]
    words = first.words()
    final_s = 6.0 + ENDPOINT_DELAY_S
    known = [w for w in words if w.end_s + PARTIAL_LAG_S <= final_s]
    assert len(known) >= 3
    assert [p for _, p in partials[: len(known)]] == [words[: n + 1] for n in range(len(known))]
    block_s, eps = 0.1, 1e-9  # known at the first block end from then on
    for (t_s, _), word in zip(partials, known, strict=False):
        assert word.end_s + PARTIAL_LAG_S - eps <= t_s < word.end_s + PARTIAL_LAG_S + block_s
    for (t_s, _), end_s in zip(finals, [final_s, 11.0 + ENDPOINT_DELAY_S], strict=True):
        assert end_s - eps <= t_s <= end_s + block_s + eps
    assert [f for _, f in finals] == [words, second.words()]
    later = partials[len(known) :]
    assert later and later[0][1] == second.words()[:1] and later[0][0] > final_s
    quiet = ScriptedRecognizer([first], partials=False)
    assert not any(quiet.accept(BLOCK).partial_words for _ in range(100))


def test_unreadable_vosk_output_is_logged_without_its_words(caplog) -> None:
    """Broken JSON from vosk counts as no words, and the log says so without the text."""
    from desktop.recognition.recognizer import _parse_json

    assert _parse_json('{"text": "geheim klantnummer"') == {}
    assert "unreadable JSON" in caplog.text
    assert "geheim" not in caplog.text and "klantnummer" not in caplog.text


def test_vosk_recognizer_is_renewed_at_an_utterance_end_once_due(scripted: Any) -> None:
    """After renew_after_s of audio, the next final result swaps in a fresh vosk recognizer
    whose time origin is the next sample: later words stay on the stream clock."""
    final = json.dumps({"result": [_word("ja", 0.1, 0.3)]})
    # Blocks of 0.1 s: an utterance end at 0.3 s (not due yet), one at 0.5 s (due: 0.4 s fed).
    scripted.script = [(False, "{}"), (False, "{}"), (True, final), (False, "{}"), (True, final)]
    rec = StreamingRecognizer(object(), offset_s=10.0, renew_after_s=0.4)
    first_vosk = rec._recognizer
    updates = [rec.accept(BLOCK) for _ in range(3)]
    assert rec._recognizer is first_vosk and rec.renewals == 0
    assert updates[2].final_words == (Word("ja", 10.1, 10.3, 0.9),)
    updates = [rec.accept(BLOCK) for _ in range(2)]
    assert updates[1].final_words == (Word("ja", 10.1, 10.3, 0.9),)  # times of the old one
    assert (rec.renewals, rec.offset_s, rec.samples_fed) == (1, pytest.approx(10.5), 0)
    assert rec._recognizer is not first_vosk
    scripted.script = [(True, final)]
    rec._recognizer.answers = list(scripted.script)
    assert rec.accept(BLOCK).final_words == (Word("ja", 10.6, 10.8, 0.9),)


def test_vosk_recognizer_is_not_renewed_mid_utterance_or_when_disabled(scripted: Any) -> None:
    """Renewal waits for an utterance's end, however long past due, and never happens with
    renew_after_s=None."""
    scripted.script = [(False, "{}")] * 30
    rec = StreamingRecognizer(object(), renew_after_s=0.5)
    for _ in range(30):
        rec.accept(BLOCK)
    assert rec.renewals == 0 and rec.samples_fed == 30 * len(BLOCK)
    final = json.dumps({"result": [_word("ja", 0.1, 0.3)]})
    scripted.script = [(True, final)] * 10
    never = StreamingRecognizer(object(), renew_after_s=None)
    for _ in range(10):
        never.accept(BLOCK)
    assert never.renewals == 0 and never.samples_fed == 10 * len(BLOCK)
