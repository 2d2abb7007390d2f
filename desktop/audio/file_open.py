"""Open a recording for FileSource, after checking everything a file can get wrong.

Each check turns one way a file can be unusable into one sentence (UserError) before any
audio is read: missing, a folder, not a regular file (a named pipe would block the open and
cannot seek; a device never ends), unreadable, not audio, a sample rate or channel count no
recording has (a header rate of 1 Hz turned 20 samples into 33 syllables), no samples. A WAV
header that gives the wrong length is repaired or reported (see wav_header): the audio that is
really there is read, with a notice.
"""

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import soundfile as sf

from desktop.audio.wav_header import DataWindow, find_data_chunk
from desktop.errors import UserError

MIN_RATE_HZ = 4_000
"""Below any telephone band (8 kHz is the lowest rate recordings of speech use)."""
MAX_RATE_HZ = 384_000
"""The highest rate audio interfaces record at."""
MAX_CHANNELS = 64
"""More than any recording of a call; each block holds every channel in memory."""

MIN_LOST_S = 0.1
"""A WAV header is bypassed only when at least this much audio follows its claimed end."""

FORMATS_HINT = "give a wav, flac or ogg file"

# libsndfile reports its failures as RuntimeError subclasses; the OSError catches a file that
# disappears or becomes unreadable between the checks and the open.
READ_ERRORS = (sf.SoundFileError, RuntimeError, OSError)

_SAMPLE_BYTES = {
    "PCM_U8": 1,
    "PCM_S8": 1,
    "PCM_16": 2,
    "PCM_24": 3,
    "PCM_32": 4,
    "FLOAT": 4,
    "DOUBLE": 8,
    "ULAW": 1,
    "ALAW": 1,
}
"""Bytes per sample of the WAV encodings whose samples can be read without their header."""


@dataclass(frozen=True, slots=True)
class HeaderNotice:
    kind: str
    message: str
    incomplete: bool


@dataclass(frozen=True, slots=True)
class OpenedFile:
    """An open, checked recording. `handle` is the file the samples are read through when
    the header had to be bypassed (closed with `sound_file`), else None."""

    sound_file: sf.SoundFile
    handle: BinaryIO | None
    notices: tuple[HeaderNotice, ...]

    def close(self) -> None:
        self.sound_file.close()
        if self.handle is not None:
            self.handle.close()


def shown(path: str | os.PathLike[str]) -> str:
    """The path as text anyone can print: bytes that are not UTF-8 (a file name from another
    system) appear as \\xff escapes instead of breaking stderr or the JSON output."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def open_sound_file(path: Path) -> OpenedFile:
    """Check and open `path`; raise UserError with one sentence if it is unusable."""
    name = shown(path)
    _check_file_type(path, name)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise UserError(f"Audio file {name} cannot be opened ({exc.strerror}); {_ACCESS}.") from exc
    try:
        sound_file = sf.SoundFile(os.fsencode(path))
    except READ_ERRORS as exc:
        handle.close()
        raise UserError(f"{name} is not an audio file that can be read; {FORMATS_HINT}.") from exc
    try:
        _check_shape(sound_file, name)
        opened = _repair_length(sound_file, handle, name)
    except BaseException:
        sound_file.close()
        handle.close()
        raise
    if opened.handle is not handle:
        handle.close()
    if opened.sound_file.frames == 0:
        opened.close()
        raise UserError(f"Audio file {name} contains no sound; record or export it again.")
    return opened


_ACCESS = "check that it exists and that you may read it"


def _check_file_type(path: Path, name: str) -> None:
    """By the file's type, before anything opens it (opening a named pipe blocks until a
    program writes to it)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError as exc:
        raise UserError(f"Audio file {name} does not exist; check the path and try again.") from exc
    except OSError as exc:
        raise UserError(f"Audio file {name} cannot be opened ({exc.strerror}); {_ACCESS}.") from exc
    if stat.S_ISDIR(mode):
        raise UserError(f"{name} is a folder, not an audio file; {FORMATS_HINT}.")
    if not stat.S_ISREG(mode):
        raise UserError(
            f"{name} is not a regular file (a pipe, device or socket); save the recording "
            "to a file and analyse that."
        )


def _check_shape(sound_file: sf.SoundFile, name: str) -> None:
    rate_hz, channels = int(sound_file.samplerate), int(sound_file.channels)
    if not MIN_RATE_HZ <= rate_hz <= MAX_RATE_HZ:
        raise UserError(
            f"Audio file {name} claims a sample rate of {rate_hz} Hz, which no recording has "
            f"(expected {MIN_RATE_HZ} to {MAX_RATE_HZ} Hz); its header is damaged, so export "
            "it again."
        )
    if not 1 <= channels <= MAX_CHANNELS:
        raise UserError(
            f"Audio file {name} claims {channels} channels (at most {MAX_CHANNELS} are read); "
            "its header is damaged, so export it again."
        )


def _repair_length(sound_file: sf.SoundFile, handle: BinaryIO, name: str) -> OpenedFile:
    """Bypass a WAV header whose data length is too short; report one that is too long."""
    if sound_file.format not in ("WAV", "WAVEX"):
        return OpenedFile(sound_file, None, ())
    chunk = find_data_chunk(handle)
    sample_bytes = _SAMPLE_BYTES.get(sound_file.subtype)
    if chunk is None or sample_bytes is None:
        return OpenedFile(sound_file, None, ())
    rate_hz = float(sound_file.samplerate)
    frame_bytes = sample_bytes * int(sound_file.channels)
    present_frames = chunk.present_bytes // frame_bytes
    present_s = present_frames / rate_hz
    if chunk.cut_off:
        claimed_s = chunk.claimed_bytes // frame_bytes / rate_hz
        notice = HeaderNotice(
            "cut-short",
            f"{name} is shorter than its header says ({present_s:.1f} s of {claimed_s:.1f} s): "
            f"it was cut off, so only the {present_s:.1f} s that are there were analysed.",
            incomplete=True,
        )
        return OpenedFile(sound_file, None, (notice,))
    # Under 0.1 s more is padding or junk after an honest chunk, not a lost recording.
    if not chunk.too_short or present_frames - sound_file.frames < rate_hz * MIN_LOST_S:
        return OpenedFile(sound_file, None, ())
    window = DataWindow(handle, chunk.offset, present_frames * frame_bytes)
    raw = sf.SoundFile(
        window,
        format="RAW",
        samplerate=int(sound_file.samplerate),
        channels=int(sound_file.channels),
        subtype=sound_file.subtype,
        endian="LITTLE",
    )
    sound_file.close()
    notice = HeaderNotice(
        "header-wrong",
        f"The header of {name} gives its audio as {chunk.claimed_bytes} bytes long but the file "
        f"holds {present_s:.1f} s of it (the recording was not closed properly); all "
        f"{present_s:.1f} s were analysed.",
        incomplete=False,
    )
    return OpenedFile(raw, handle, (notice,))
