"""FileSource and read_whole_file on files of every common shape, and on bad input."""

import shutil
import subprocess
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from desktop.audio.file_source import FileSource, read_whole_file
from desktop.audio.source import EndOfStream
from desktop.errors import UserError

DURATION_S = 1.5

# name, sox output options: every shape a recording from a phone system or a PC might have.
SHAPES = {
    "wav-16k-mono": ["-r", "16000", "-c", "1", "-b", "16"],
    "wav-8k-mono": ["-r", "8000", "-c", "1", "-b", "16"],
    "wav-44k1-stereo": ["-r", "44100", "-c", "2", "-b", "16"],
    "wav-48k-mono": ["-r", "48000", "-c", "1", "-b", "16"],
    "wav-48k-float": ["-r", "48000", "-c", "1", "-e", "floating-point", "-b", "32"],
    "wav-22k05-24bit": ["-r", "22050", "-c", "1", "-b", "24"],
    "flac-44k1-stereo": ["-r", "44100", "-c", "2", "-b", "16"],
    "ogg-48k-stereo": ["-r", "48000", "-c", "2"],
}


def _make_tone(path: Path, options: list[str]) -> Path:
    """A 440 Hz sine at -6 dBFS (amplitude 0.5), DURATION_S long, made by sox."""
    if shutil.which("sox") is None:
        pytest.skip("sox is not installed (apt-get install sox)")
    subprocess.run(
        [
            "sox",
            "-R",
            "-n",
            *options,
            str(path),
            "synth",
            str(DURATION_S),
            "sine",
            "440",
            "vol",
            "0.5",
        ],
        check=True,
        capture_output=True,
    )
    return path


@pytest.mark.parametrize("shape", SHAPES)
def test_every_common_shape_is_accepted_with_the_right_length_and_level(shape, tmp_path):
    """Each rate, channel count and format gives 16 kHz mono of the file's duration ±10 ms."""
    extension = shape.split("-")[0]
    path = _make_tone(tmp_path / f"tone.{extension}", SHAPES[shape])
    samples = read_whole_file(path)
    assert samples.dtype == np.int16
    assert abs(len(samples) / 16_000 - DURATION_S) <= 0.010
    rms = np.sqrt(np.mean(samples[1600:-1600].astype(np.float64) ** 2))
    assert rms == pytest.approx(0.5 / np.sqrt(2) * 32768, rel=0.05)


def test_16k_mono_pcm_file_is_read_bit_for_bit(tmp_path):
    """A file already in the engine's format reaches it unchanged (no filter, no rounding)."""
    samples = np.random.default_rng(1).integers(-20000, 20000, 16_000 * 2).astype(np.int16)
    path = tmp_path / "exact.wav"
    sf.write(path, samples, 16_000, subtype="PCM_16")
    np.testing.assert_array_equal(read_whole_file(path), samples)


def test_blocks_are_about_100_ms_then_end_of_stream_repeats(tmp_path):
    """Blocks are non-empty and about one BLOCK_MS long; EndOfStream is raised on every
    read after the end."""
    path = _make_tone(tmp_path / "tone.wav", SHAPES["wav-44k1-stereo"])
    source = FileSource(path, realtime=False)
    source.open()
    assert source.duration_s == pytest.approx(DURATION_S, abs=0.001)
    lengths = []
    with pytest.raises(EndOfStream):
        for _ in range(100):  # 15 blocks expected
            block = source.read(timeout_s=0.0)
            assert block is not None
            lengths.append(len(block))
    with pytest.raises(EndOfStream):
        source.read(timeout_s=0.0)
    source.close()
    assert min(lengths) > 0
    assert 1500 <= np.median(lengths) <= 1700
    assert sum(lengths) == 24_000


def test_realtime_replay_takes_about_the_file_duration(tmp_path):
    """With realtime=True the blocks are paced by the wall clock, like a microphone."""
    path = tmp_path / "one_second.wav"
    sf.write(path, np.zeros(16_000, dtype=np.int16) + 100, 16_000, subtype="PCM_16")
    started_s = time.monotonic()
    with FileSource(path, realtime=True) as source:
        total = 0
        for _ in range(100):  # 10 blocks expected
            try:
                block = source.read(timeout_s=1.0)
            except EndOfStream:
                break
            if block is not None:
                total += len(block)
    assert total == 16_000
    assert time.monotonic() - started_s >= 0.8


def test_realtime_read_returns_none_when_the_next_block_is_not_due(tmp_path):
    """A short timeout in real-time mode gives None rather than delivering early."""
    path = tmp_path / "one_second.wav"
    sf.write(path, np.zeros(16_000, dtype=np.int16) + 100, 16_000, subtype="PCM_16")
    with FileSource(path, realtime=True) as source:
        assert source.read(timeout_s=0.01) is None
        block = source.read(timeout_s=1.0)
    assert block is not None and len(block) == 1600


def test_missing_file_is_a_user_error_naming_it(tmp_path):
    """A path that does not exist says so, with the path."""
    path = tmp_path / "gesprek.wav"
    with pytest.raises(UserError, match="does not exist") as caught:
        FileSource(path, realtime=False).open()
    assert str(path) in str(caught.value)


def test_directory_is_a_user_error_naming_it(tmp_path):
    """A folder given as the audio file says it is a folder."""
    with pytest.raises(UserError, match="is a folder") as caught:
        read_whole_file(tmp_path)
    assert str(tmp_path) in str(caught.value)


@pytest.mark.parametrize("content", [b"this is a transcript, not audio\n" * 20, b""])
def test_file_that_is_not_audio_is_a_user_error_naming_it(content, tmp_path):
    """A text file or an empty file renamed to .wav is reported as unreadable audio."""
    path = tmp_path / "notes.wav"
    path.write_bytes(content)
    with pytest.raises(UserError, match="not an audio file") as caught:
        read_whole_file(path)
    assert str(path) in str(caught.value)


def test_wav_with_no_samples_is_a_user_error_naming_it(tmp_path):
    """A valid wav header with zero frames is reported as containing no sound."""
    path = tmp_path / "empty.wav"
    sf.write(path, np.zeros(0, dtype=np.int16), 16_000, subtype="PCM_16")
    with pytest.raises(UserError, match="contains no sound") as caught:
        read_whole_file(path)
    assert str(path) in str(caught.value)


def test_user_errors_are_one_sentence():
    """Every message is a single line ending in one full stop, ready for the CLI."""
    messages = []
    for path in (Path("/nonexistent/x.wav"), Path("/")):
        with pytest.raises(UserError) as caught:
            read_whole_file(path)
        messages.append(str(caught.value))
    for message in messages:
        assert "\n" not in message
        assert message.endswith(".")
        assert message.count(". ") == 0
