"""Replay a recording as if it were a microphone, in real time or as fast as possible."""

import os
import time
from pathlib import Path

import numpy as np
import soundfile as sf
from numpy.typing import NDArray

from desktop.audio.resample import StreamResampler
from desktop.audio.source import BLOCK_MS, SAMPLE_RATE_HZ, EndOfStream
from desktop.errors import UserError

_FORMATS_HINT = "give a wav, flac or ogg file"

# libsndfile reports its failures as RuntimeError subclasses; the OSError catches a file that
# disappears or becomes unreadable between the checks and the open.
_READ_ERRORS = (sf.SoundFileError, RuntimeError, OSError)


class FileSource:
    """An AudioSource that reads wav, flac or ogg (anything libsndfile reads) block by block.

    The file is streamed, never loaded whole, so a two-hour shift recording costs one block of
    memory. Any rate and channel count is accepted and converted by StreamResampler.

    With `realtime=True` a block is handed out only once the wall clock has reached the end
    of that block, counted from the first `read`, just as a microphone delivers it; that is
    for demos and for exercising the live code path. With `realtime=False` blocks come as
    fast as they can be decoded, for analysis and tests.
    """

    def __init__(
        self, path: str | os.PathLike[str], realtime: bool, channel: int | None = None
    ) -> None:
        self._path = Path(path)
        self._realtime = realtime
        self._channel = channel
        """One channel (0-based) of a multichannel file instead of the mono downmix."""
        self._file: sf.SoundFile | None = None
        self._resampler: StreamResampler | None = None
        self._frames_per_block = 0
        self._read_dtype = "float32"
        self._flushed = False
        self._pending: NDArray[np.int16] | None = None
        self._delivered_samples = 0
        self._clock_start_s: float | None = None

    @property
    def name(self) -> str:
        return self._path.name

    @property
    def dropped_blocks(self) -> int:
        """Always 0: a file waits for its reader, nothing is ever dropped."""
        return 0

    @property
    def duration_s(self) -> float:
        """Length of the file according to its header; 0.0 before `open`."""
        if self._file is None:
            return 0.0
        return float(self._file.frames) / float(self._file.samplerate)

    def open(self) -> None:
        """Open and check the file; raise UserError with one sentence if it is unusable."""
        self.close()
        self._file = _open_sound_file(self._path)
        rate_hz = int(self._file.samplerate)
        channels = int(self._file.channels)
        if self._channel is not None and not 0 <= self._channel < channels:
            self.close()
            raise UserError(
                f"Audio file {self._path} has {channels} channel(s), so it has no channel "
                f"{self._channel + 1}; give a stereo recording, or name the sides' files."
            )
        self._resampler = StreamResampler(rate_hz, 1 if self._channel is not None else channels)
        self._frames_per_block = max(1, round(rate_hz * BLOCK_MS / 1000))
        # 16-bit files are read as int16 so a 16 kHz mono file passes through bit for bit;
        # everything else as float so libsndfile never wraps over-range float samples.
        self._read_dtype = "int16" if self._file.subtype == "PCM_16" else "float32"
        self._flushed = False
        self._pending = None
        self._delivered_samples = 0
        self._clock_start_s = None

    def read(self, timeout_s: float) -> NDArray[np.int16] | None:
        """Next block (mono int16 16 kHz); None only when pacing holds it beyond `timeout_s`."""
        if self._pending is None:
            self._pending = self._decode_next_block()
        if self._realtime and not self._wait_until_due(len(self._pending), timeout_s):
            return None
        block, self._pending = self._pending, None
        self._delivered_samples += len(block)
        return block

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self._resampler = None

    def __enter__(self) -> "FileSource":
        self.open()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _wait_until_due(self, block_samples: int, timeout_s: float) -> bool:
        now_s = time.monotonic()
        if self._clock_start_s is None:
            self._clock_start_s = now_s
        due_s = self._clock_start_s + (self._delivered_samples + block_samples) / SAMPLE_RATE_HZ
        wait_s = due_s - now_s
        if wait_s > timeout_s:
            time.sleep(max(0.0, timeout_s))
            return False
        if wait_s > 0:
            time.sleep(wait_s)
        return True

    def _decode_next_block(self) -> NDArray[np.int16]:
        if self._file is None or self._resampler is None:
            raise RuntimeError("FileSource.read called before open")
        while not self._flushed:
            position_s = self._file.tell() / self._file.samplerate
            try:
                frames = self._file.read(
                    self._frames_per_block,
                    dtype=self._read_dtype,
                    always_2d=self._file.channels > 1,
                )
            except _READ_ERRORS as exc:
                raise UserError(
                    f"Audio file {self._path} could not be read past {position_s:.1f} s; "
                    "the file may be damaged, so export or copy it again."
                ) from exc
            if self._channel is not None and frames.ndim == 2:
                frames = frames[:, self._channel]
            if len(frames) == 0:
                self._flushed = True
                block = self._resampler.flush()
            else:
                block = self._resampler.process(frames)
            # The resampler's filter delay can make the first blocks empty; a source never
            # hands out an empty block.
            if len(block) > 0:
                return block
        raise EndOfStream(str(self._path))


def _open_sound_file(path: Path) -> sf.SoundFile:
    if not path.exists():
        raise UserError(f"Audio file {path} does not exist; check the path and try again.")
    if path.is_dir():
        raise UserError(f"{path} is a folder, not an audio file; {_FORMATS_HINT}.")
    try:
        sound_file = sf.SoundFile(str(path))
    except _READ_ERRORS as exc:
        raise UserError(f"{path} is not an audio file that can be read; {_FORMATS_HINT}.") from exc
    if sound_file.frames == 0:
        sound_file.close()
        raise UserError(f"Audio file {path} contains no sound; record or export it again.")
    return sound_file


def read_whole_file(path: str | os.PathLike[str]) -> NDArray[np.int16]:
    """The whole file as mono int16 at 16 kHz, decoded by the same code as FileSource.

    For tests and for comparing live analysis with whole-file analysis; it holds the whole
    result in memory (about 2 MB per minute).
    """
    blocks: list[NDArray[np.int16]] = []
    with FileSource(path, realtime=False) as source:
        while True:
            try:
                block = source.read(timeout_s=0.0)
            except EndOfStream:
                break
            if block is not None:
                blocks.append(block)
    return np.concatenate(blocks) if blocks else np.zeros(0, dtype=np.int16)
