"""FileSource against files as they come from broken recorders, copies and hardware: each
fault is either read correctly with a notice, or refused with one sentence before reading."""

import os
import struct
import subprocess
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from desktop.audio.file_source import FileSource, read_whole_file
from desktop.audio.source import EndOfStream, SourceNotice
from desktop.errors import UserError
from desktop.prosody.analyzer import analyze_samples

from synth import espeak

TEXT = "Goedemiddag, u spreekt met de klantenservice. Waarmee kan ik u helpen vandaag?"
RATE_HZ = 16_000


@pytest.fixture(scope="module")
def speech(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return espeak(TEXT, tmp_path_factory.mktemp("faults") / "speech.wav")


def read_all(source: FileSource) -> tuple[np.ndarray, list[SourceNotice]]:
    """Every block and every notice of one pass over the file."""
    blocks = []
    with source:
        while True:
            try:
                block = source.read(timeout_s=0.0)
            except EndOfStream:
                break
            if block is not None:
                blocks.append(block)
        notices = source.take_notices()
    return np.concatenate(blocks), notices


def with_data_size(source: Path, target: Path, data_bytes: int, tail: bytes = b"") -> Path:
    """A copy of a WAV whose data chunk header says `data_bytes`, plus `tail` appended."""
    raw = source.read_bytes()
    at = raw.index(b"data") + 4
    target.write_bytes(raw[:at] + struct.pack("<I", data_bytes) + raw[at + 4 :] + tail)
    return target


def with_rate(source: Path, target: Path, rate_hz: int) -> Path:
    raw = bytearray(source.read_bytes())
    at = raw.index(b"fmt ") + 8
    channels, bits = (
        struct.unpack_from("<H", raw, at + 2)[0],
        struct.unpack_from("<H", raw, at + 14)[0],
    )
    struct.pack_into("<II", raw, at + 4, rate_hz, rate_hz * channels * bits // 8)
    target.write_bytes(bytes(raw))
    return target


# --- Files whose header gives the wrong length -------------------------------------------


@pytest.mark.parametrize("claimed_bytes", [0, 10, 4000])
def test_a_header_that_says_too_little_is_bypassed(speech: Path, tmp_path: Path, claimed_bytes):
    """A data chunk that claims 0, 10 or 4000 bytes while the file holds all the speech: every
    sample is read, bit for bit, with one notice that the header was wrong (not incomplete)."""
    wrong = with_data_size(speech, tmp_path / "wrong.wav", claimed_bytes)
    samples, notices = read_all(FileSource(wrong, realtime=False))
    np.testing.assert_array_equal(samples, sf.read(speech, dtype="int16")[0])
    assert [(n.kind, n.incomplete) for n in notices] == [("header-wrong", False)]
    assert "wrong.wav" in notices[0].message and f"{claimed_bytes} bytes" in notices[0].message


def test_an_honest_data_chunk_followed_by_another_chunk_is_believed(speech, tmp_path):
    """A data chunk followed by a LIST chunk (metadata after the samples) is read as its
    header says, without a notice: only a chunk that runs into nothing is doubted."""
    samples = sf.read(speech, dtype="int16")[0]
    data_bytes = 2 * len(samples)
    honest = with_data_size(speech, tmp_path / "list.wav", data_bytes, b"LIST\x04\x00\x00\x00INFO")
    read, notices = read_all(FileSource(honest, realtime=False))
    np.testing.assert_array_equal(read, samples)
    assert notices == []


def test_a_header_that_says_too_much_means_a_cut_off_file(speech: Path, tmp_path: Path):
    """A file cut in half (a copy that stopped): the half that is there is read, with an
    `incomplete` notice giving both lengths."""
    raw = speech.read_bytes()
    cut = tmp_path / "cut.wav"
    cut.write_bytes(raw[: len(raw) // 2])
    samples, notices = read_all(FileSource(cut, realtime=False))
    assert abs(len(samples) - (len(raw) // 2 - 44) // 2) <= 1
    assert [(n.kind, n.incomplete) for n in notices] == [("cut-short", True)]
    assert "cut.wav" in notices[0].message


def test_a_file_truncated_while_it_is_read_says_it_ended_early(speech: Path, tmp_path: Path):
    """A file cut short after opening (a recorder overwriting it) ends the stream early with
    an `incomplete` notice, not as if it were whole."""
    victim = tmp_path / "victim.wav"
    victim.write_bytes(speech.read_bytes())
    source = FileSource(victim, realtime=False)
    source.open()
    delivered = sum(len(source.read(0.0)) for _ in range(3))  # type: ignore[arg-type]
    os.truncate(victim, 44 + 2 * 16_000)  # 1 s left of about 5
    with pytest.raises(EndOfStream):
        for _ in range(1000):
            block = source.read(0.0)
            delivered += 0 if block is None else len(block)
    notices = source.take_notices()
    source.close()
    assert delivered == pytest.approx(16_000, abs=1600)
    assert [(n.kind, n.incomplete) for n in notices] == [("cut-short", True)]
    assert "ended early, at 1.0 s of" in notices[0].message


def test_a_little_junk_after_the_samples_is_not_read_as_audio(speech: Path, tmp_path: Path):
    """50 ms of bytes that are no chunk after an honest data chunk (padding some writers
    leave): the header is believed, no notice."""
    samples = sf.read(speech, dtype="int16")[0]
    padded = with_data_size(speech, tmp_path / "padded.wav", 2 * len(samples), b"\x00" * 1600)
    read, notices = read_all(FileSource(padded, realtime=False))
    np.testing.assert_array_equal(read, samples)
    assert notices == []


# --- Headers no recording has: refused before reading -------------------------------------


@pytest.mark.parametrize(
    ("rate_hz", "accepted"),
    [
        (1, False),
        (3_999, False),
        (4_000, True),
        (8_000, True),
        (384_000, True),
        (384_001, False),
        (4_000_000, False),
    ],
)
def test_absurd_sample_rates_are_refused(speech, tmp_path, rate_hz, accepted):
    """A header rate of 1 Hz made 33 syllables of 20 samples: rates outside 4 to 384 kHz are
    refused with the rate and the file named; real rates are read."""
    path = with_rate(speech, tmp_path / "rate.wav", rate_hz)
    if accepted:
        assert len(read_whole_file(path)) > 0
        return
    with pytest.raises(UserError, match=f"sample rate of {rate_hz} Hz") as caught:
        FileSource(path, realtime=False).open()
    assert "rate.wav" in str(caught.value)


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda p: os.mkfifo(p), id="fifo-without-writer"),
        pytest.param(lambda p: os.symlink("/dev/zero", p), id="character-device"),
    ],
)
def test_files_that_are_not_regular_are_refused_without_opening(
    tmp_path: Path, make: Callable[[Path], None]
) -> None:
    """A named pipe would block the open until a writer came (and cannot seek); a device
    never ends. Both are refused by their type alone, at once."""
    path = tmp_path / "odd.wav"
    make(path)
    with pytest.raises(UserError, match="not a regular file"):
        FileSource(path, realtime=False).open()


def test_too_many_channels_is_refused(tmp_path: Path) -> None:
    """A header that claims 200 channels is refused (every block would hold them all)."""
    path = tmp_path / "wide.wav"
    sf.write(path, np.zeros((1600, 200), dtype=np.int16), RATE_HZ)
    with pytest.raises(UserError, match="claims 200 channels"):
        FileSource(path, realtime=False).open()


# --- Names and samples --------------------------------------------------------------------


def test_a_file_name_that_is_not_utf8_is_read_and_shown_with_escapes(speech, tmp_path):
    """name_\\xff\\xfe.wav (bytes from another system) is read, and named with escapes."""
    path = Path(os.fsdecode(os.fsencode(tmp_path) + b"/name_\xff\xfe.wav"))
    path.write_bytes(speech.read_bytes())
    source = FileSource(path, realtime=False)
    samples, notices = read_all(source)
    assert len(samples) > 0 and notices == []
    assert source.name == "name_\\xff\\xfe.wav"
    source.name.encode("utf-8")  # printable anywhere
    missing = Path(os.fsdecode(os.fsencode(tmp_path) + b"/gone_\xff.wav"))
    with pytest.raises(UserError, match=r"gone_\\xff\.wav does not exist"):
        FileSource(missing, realtime=False).open()


def test_nan_infinity_and_overs_are_repaired_counted_and_silent(speech, tmp_path):
    """A float WAV with NaN, infinities and samples beyond ±1: read without any numpy
    warning, with one notice counting them; the speech around them is measured as before."""
    clean, _ = sf.read(speech, dtype="float32")
    damaged = clean.copy()
    damaged[8000:8100] = np.nan
    damaged[20000] = np.inf
    damaged[30000:30007] = 4.0
    path = tmp_path / "damaged.wav"
    sf.write(path, damaged, RATE_HZ, subtype="FLOAT")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        samples, notices = read_all(FileSource(path, realtime=False))
        _, summary = analyze_samples(samples, RATE_HZ)
    assert [n.kind for n in notices] == ["samples-repaired"]
    assert "101 samples that are not numbers" in notices[0].message
    assert "7 beyond full scale" in notices[0].message
    _, reference = analyze_samples(sf.read(speech, dtype="int16")[0], RATE_HZ)
    assert abs(summary.syllables - reference.syllables) <= 2


# --- Channels -----------------------------------------------------------------------------


@pytest.mark.parametrize("rate_hz", [16_000, 44_100])
def test_inverted_stereo_is_read_from_one_channel_with_the_same_syllables(
    speech: Path, tmp_path: Path, rate_hz: int
) -> None:
    """L = -R (a mis-wired headset) mixes to silence; the source reads one channel instead,
    says so, and the syllables and pauses are those of the mono speech."""
    mono = sf.read(speech, dtype="int16")[0]
    path = tmp_path / "inverted.wav"
    sf.write(path, np.stack([mono, -mono], axis=1), RATE_HZ)
    if rate_hz != RATE_HZ:
        resampled = tmp_path / "inverted_44k.wav"
        subprocess.run(["sox", "-R", str(path), "-r", str(rate_hz), str(resampled)], check=True)
        path = resampled
    samples, notices = read_all(FileSource(path, realtime=False))
    assert [n.kind for n in notices] == ["channels-cancel"]
    _, got = analyze_samples(samples, RATE_HZ)
    _, want = analyze_samples(mono, RATE_HZ)
    assert want.syllables >= 15
    assert abs(got.syllables - want.syllables) <= 2
    assert len(got.pauses) == len(want.pauses)


@pytest.mark.parametrize("channel", [0, 1, 2])
def test_one_channel_of_a_multichannel_file_can_be_chosen(tmp_path: Path, channel: int) -> None:
    """channel=k reads channel k alone, exactly (agent and customer on their own channels)."""
    rng = np.random.default_rng(channel)
    channels = rng.integers(-9000, 9000, (RATE_HZ, 3)).astype(np.int16)
    path = tmp_path / "call.wav"
    sf.write(path, channels, RATE_HZ, subtype="PCM_16")
    samples, notices = read_all(FileSource(path, realtime=False, channel=channel))
    np.testing.assert_array_equal(samples, channels[:, channel])
    assert notices == []


@pytest.mark.parametrize(("channels", "channel"), [(1, 1), (2, 2), (2, 7), (2, -1)])
def test_a_channel_the_file_does_not_have_is_a_user_error(tmp_path, channels, channel):
    """Asking for channel 2 of a stereo file names the file, its channel count and the
    channels there are."""
    path = tmp_path / "call.wav"
    sf.write(path, np.zeros((1600, channels), dtype=np.int16), RATE_HZ)
    with pytest.raises(UserError) as caught:
        FileSource(path, realtime=False, channel=channel).open()
    message = str(caught.value)
    assert "call.wav" in message and f"has {channels} channel" in message
    assert message.endswith("choose 0." if channels == 1 else f"choose 0 to {channels - 1}.")
