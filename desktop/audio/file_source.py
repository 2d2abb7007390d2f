"""Replay a recording as if it were a microphone, in real time or as fast as possible."""

import os
import time
from collections import deque
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from desktop.audio.file_open import READ_ERRORS, OpenedFile, open_sound_file, shown
from desktop.audio.resample import StreamResampler
from desktop.audio.source import BLOCK_MS, SAMPLE_RATE_HZ, EndOfStream, SourceNotice
from desktop.errors import UserError


class FileSource:
    """An AudioSource that reads wav, flac or ogg (anything libsndfile reads) block by block.

    The file is streamed, never loaded whole, so a two-hour shift recording costs one block of
    memory. Any rate and channel count is accepted and converted by StreamResampler: the
    channels are mixed, or `channel` (0-based) alone is taken.

    With `realtime=True` a block is handed out only once the wall clock has reached the end
    of that block, counted from the first `read`, just as a microphone delivers it; that is
    for demos and for exercising the live code path. With `realtime=False` blocks come as
    fast as they can be decoded, for analysis and tests.

    What went wrong with the audio itself without making it unusable (a wrong header, a file
    cut short or unreadable part way, NaN samples, channels that cancel) is said once each by
    `take_notices`; a file that cannot be read further ends the stream.
    """

    def __init__(
        self, path: str | os.PathLike[str], realtime: bool, channel: int | None = None
    ) -> None:
        self._path = Path(path)
        self._realtime = realtime
        self._channel = channel
        self._opened: OpenedFile | None = None
        self._resampler: StreamResampler | None = None
        self._frames_per_block = 0
        self._read_dtype = "float32"
        self._flushed = False
        self._pending: NDArray[np.int16] | None = None
        self._delivered_samples = 0
        self._frames_read = 0
        self._clock_start_s: float | None = None
        self._cancel_told = False
        self._incomplete_told = False
        # Appended on the engine's thread, taken on the reader's: deque's ends are atomic.
        self._notices: deque[SourceNotice] = deque()

    @property
    def name(self) -> str:
        return shown(self._path.name)

    @property
    def dropped_blocks(self) -> int:
        """Always 0: a file waits for its reader, nothing is ever dropped."""
        return 0

    @property
    def duration_s(self) -> float:
        """Length of the file according to its header; 0.0 before `open`."""
        if self._opened is None:
            return 0.0
        sound_file = self._opened.sound_file
        return float(sound_file.frames) / float(sound_file.samplerate)

    def open(self) -> None:
        """Open and check the file; raise UserError with one sentence if it is unusable."""
        self.close()
        opened = open_sound_file(self._path)
        sound_file = opened.sound_file
        channels = int(sound_file.channels)
        if self._channel is not None and not 0 <= self._channel < channels:
            opened.close()
            there = "0" if channels == 1 else f"0 to {channels - 1}"
            raise UserError(
                f"Audio file {shown(self._path)} has {channels} channel"
                f"{'s' if channels != 1 else ''}, so there is no channel {self._channel}; "
                f"channels count from 0, so choose {there}."
            )
        self._opened = opened
        rate_hz = int(sound_file.samplerate)
        self._resampler = StreamResampler(rate_hz, channels, self._channel)
        self._frames_per_block = max(1, round(rate_hz * BLOCK_MS / 1000))
        # 16-bit files are read as int16 so a 16 kHz mono file passes through bit for bit;
        # everything else as float so libsndfile never wraps over-range float samples.
        self._read_dtype = "int16" if sound_file.subtype == "PCM_16" else "float32"
        self._flushed = False
        self._pending = None
        self._delivered_samples = 0
        self._frames_read = 0
        self._clock_start_s = None
        self._cancel_told = False
        self._incomplete_told = False
        self._notices.clear()
        for notice in opened.notices:
            self._tell(notice.kind, notice.message, notice.incomplete)

    def take_notices(self) -> list[SourceNotice]:
        """The notices since the last call, oldest first; safe from another thread."""
        taken: list[SourceNotice] = []
        while self._notices:
            taken.append(self._notices.popleft())
        return taken

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
        if self._opened is not None:
            self._opened.close()
            self._opened = None
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
        if self._opened is None or self._resampler is None:
            raise RuntimeError("FileSource.read called before open")
        sound_file = self._opened.sound_file
        while not self._flushed:
            try:
                frames = sound_file.read(
                    self._frames_per_block,
                    dtype=self._read_dtype,
                    always_2d=sound_file.channels > 1,
                )
            except READ_ERRORS:
                self._tell(
                    "read-failed",
                    f"Audio file {shown(self._path)} could not be read past "
                    f"{self._frames_read / sound_file.samplerate:.1f} s (it may be damaged), "
                    "so only the audio before was analysed; export or copy it again.",
                    incomplete=True,
                )
                frames = np.zeros(0, dtype=self._read_dtype)
            if len(frames) == 0:
                self._flushed = True
                self._tell_about_the_end()
                block = self._resampler.flush()
            else:
                self._frames_read += len(frames)
                block = self._resampler.process(frames)
                self._tell_about_cancelling()
            # The resampler's filter delay can make the first blocks empty; a source never
            # hands out an empty block.
            if len(block) > 0:
                return block
        raise EndOfStream(str(self._path))

    def _tell(self, kind: str, message: str, incomplete: bool = False) -> None:
        t_s = self._delivered_samples / SAMPLE_RATE_HZ
        self._incomplete_told = self._incomplete_told or incomplete
        self._notices.append(SourceNotice(t_s, kind, message, incomplete))

    def _tell_about_cancelling(self) -> None:
        assert self._resampler is not None
        if self._cancel_told or self._resampler.cancelling_since_frame is None:
            return
        self._cancel_told = True
        self._tell(
            "channels-cancel",
            f"The channels of {shown(self._path)} cancel each other out (one is the other "
            "inverted, as from a mis-wired headset), so only channel "
            f"{self._resampler.channel} (counting from 0) is analysed.",
        )

    def _tell_about_the_end(self) -> None:
        assert self._opened is not None and self._resampler is not None
        sound_file = self._opened.sound_file
        rate_hz = float(sound_file.samplerate)
        expected_frames = int(sound_file.frames)
        if self._frames_read < expected_frames and not self._incomplete_told:
            self._tell(
                "cut-short",
                f"Audio file {shown(self._path)} ended early, at "
                f"{self._frames_read / rate_hz:.1f} s of {expected_frames / rate_hz:.1f} s: it "
                "was cut short while it was read, so only that part was analysed.",
                incomplete=True,
            )
        repaired = self._resampler.non_finite_samples
        clipped = self._resampler.clipped_samples
        if repaired or clipped:
            parts: list[str] = []
            if repaired:
                parts.append(f"{repaired} samples that are not numbers (NaN or infinite)")
            if clipped:
                parts.append(f"{clipped} beyond full scale")
            self._tell(
                "samples-repaired",
                f"Audio file {shown(self._path)} has {' and '.join(parts)}; NaN was read as "
                "silence and the rest clipped to full scale, so it may be damaged.",
            )


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
