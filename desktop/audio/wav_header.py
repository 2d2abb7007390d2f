"""Where a WAV file's samples really are, when its header says otherwise.

A recorder that crashes, or a program that streams a WAV and never goes back to fill in the
length, leaves a `data` chunk whose size is 0, or the size of the first buffer it wrote, while
the file holds minutes of audio. libsndfile believes the header and reads 0 or a handful of
frames; the user would be told the file is empty. The opposite, a header announcing more than
the file holds, is a file cut off (a copy or download that stopped); libsndfile then quietly
reads what is there.

`find_data_chunk` walks the RIFF chunks (the layout of Microsoft's RIFF/WAVE specification) to
the `data` chunk and says how many bytes its header claims and how many follow it in the file.
`DataWindow` shows just those bytes to libsndfile (through soundfile's virtual I/O) so they
can be read as headerless (RAW) samples in the format the `fmt ` chunk gave.
"""

import os
import string
from dataclasses import dataclass
from typing import BinaryIO

UNKNOWN_SIZE = 0xFFFFFFFF
"""The size streaming writers (ffmpeg to a pipe, sox) put in the header; libsndfile then
reads to the end of the file by itself."""

_MAX_CHUNKS = 1000
_CHUNK_ID_CHARACTERS = frozenset((string.ascii_letters + string.digits + " _-").encode())


@dataclass(frozen=True, slots=True)
class DataChunk:
    """The `data` chunk of a RIFF/WAVE file.

    offset: first byte of the samples. claimed_bytes: the size in the chunk header.
    present_bytes: bytes from `offset` to the end of the file. followed: whether a well-formed
    chunk starts where the claimed size ends (then the size is honest, whatever follows).
    """

    offset: int
    claimed_bytes: int
    present_bytes: int
    followed: bool

    @property
    def too_short(self) -> bool:
        """The header claims less than the file holds, and nothing but samples follows."""
        return (
            self.claimed_bytes != UNKNOWN_SIZE
            and self.claimed_bytes < self.present_bytes
            and not self.followed
        )

    @property
    def cut_off(self) -> bool:
        """The header claims more than the file holds: the end of the file is missing."""
        return self.claimed_bytes != UNKNOWN_SIZE and self.claimed_bytes > self.present_bytes


def find_data_chunk(handle: BinaryIO) -> DataChunk | None:
    """The data chunk of a little-endian RIFF/WAVE file; None for anything else (other
    formats, RF64, damaged chunk lists: libsndfile judges those)."""
    size = handle.seek(0, os.SEEK_END)
    handle.seek(0)
    head = handle.read(12)
    if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        return None
    position = 12
    for _ in range(_MAX_CHUNKS):
        handle.seek(position)
        header = handle.read(8)
        if len(header) < 8:
            return None
        chunk_id, chunk_bytes = header[:4], int.from_bytes(header[4:], "little")
        if chunk_id == b"data":
            offset = position + 8
            end = offset + chunk_bytes + (chunk_bytes & 1)
            return DataChunk(offset, chunk_bytes, size - offset, _chunk_at(handle, end, size))
        position += 8 + chunk_bytes + (chunk_bytes & 1)
    return None


def _chunk_at(handle: BinaryIO, position: int, size: int) -> bool:
    """Whether a plausible chunk header (an id of letters, a size that fits) is at `position`."""
    if position + 8 > size:
        return False
    handle.seek(position)
    header = handle.read(8)
    chunk_bytes = int.from_bytes(header[4:], "little")
    return set(header[:4]) <= _CHUNK_ID_CHARACTERS and position + 8 + chunk_bytes <= size


class DataWindow:
    """A read-only file-like view of `length` bytes from `offset` of `handle`, for soundfile's
    virtual I/O (it needs read, seek and tell)."""

    def __init__(self, handle: BinaryIO, offset: int, length: int) -> None:
        self._handle = handle
        self._offset = offset
        self._length = length
        self._position = 0

    def seek(self, position: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._position, os.SEEK_END: self._length}[whence]
        self._position = min(max(base + position, 0), self._length)
        return self._position

    def tell(self) -> int:
        return self._position

    def read(self, count: int = -1) -> bytes:
        left = self._length - self._position
        count = left if count < 0 else min(count, left)
        self._handle.seek(self._offset + self._position)
        data = self._handle.read(count)
        self._position += len(data)
        return data

    def close(self) -> None:
        self._handle.close()
