"""The live microphone: a sounddevice stream, a bounded queue and a watchdog."""

import queue
import time
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import numpy as np
from numpy.typing import NDArray

from desktop.audio.devices import import_sounddevice, rescan_portaudio
from desktop.audio.resample import StreamResampler
from desktop.audio.source import BLOCK_MS, SAMPLE_RATE_HZ, SourceLost, SourceSilent
from desktop.errors import UserError

_POLL_S = 0.1
"""How often `read` looks at the stream's health while the queue stays empty."""


@dataclass(frozen=True, slots=True)
class StreamFormat:
    """What the device was opened with; StreamResampler turns it into 16 kHz mono."""

    rate_hz: int
    channels: int


class MicSource:
    """An AudioSource on a PortAudio input device.

    The PortAudio callback only copies each 100 ms block into a bounded queue. Drop policy:
    when the queue is full (the reader is more than `queue_blocks` blocks behind), the NEWEST
    block is dropped and counted in `dropped_blocks`; the blocks already queued stay, so what
    the reader gets is always a contiguous run followed by a gap, never a reordering. Input
    overflows that PortAudio reports itself are counted in `input_overflows`.

    Format negotiation: 16 kHz mono if the device accepts it, otherwise the device's default
    rate (mono, then stereo); the conversion happens in `read`, on the reader's thread.

    Watchdog, in `read`: SourceLost when the stream is no longer active, when it has delivered
    nothing for `stall_timeout_s` (or nothing at all within `start_timeout_s` of opening: the
    first stream on a PulseAudio source can take 2 s to start), and
    SourceSilent (a SourceLost) once a run of exact-zero input reaches `silence_timeout_s`.
    The last case is how a lost device shows up under PulseAudio: the server moves the
    recording to another source instead of ending it (see tests/audio/test_mic_pulse.py).
    After SourceLost, `reopen()` (close and open) starts again.
    """

    def __init__(
        self,
        device: int | str | None = None,
        queue_blocks: int = 50,
        stall_timeout_s: float = 1.5,
        start_timeout_s: float = 3.0,
        silence_timeout_s: float | None = 2.0,
    ) -> None:
        if queue_blocks < 1:
            raise ValueError(f"queue_blocks must be at least 1, got {queue_blocks}")
        self._device = device
        self._queue_blocks = queue_blocks
        self._stall_timeout_s = stall_timeout_s
        self._start_timeout_s = start_timeout_s
        self._silence_timeout_s = silence_timeout_s
        self._name = "default microphone" if device is None else str(device)
        self._sd: ModuleType | None = None
        self._stream: Any = None
        self._format: StreamFormat | None = None
        self._resampler: StreamResampler | None = None
        self._queue: queue.Queue[bytes] = queue.Queue(maxsize=queue_blocks)
        # Written only by the PortAudio callback thread, read by anyone.
        self._dropped_blocks = 0
        self._input_overflows = 0
        self._opened_at_s = 0.0
        self._last_block_at_s: float | None = None
        self._silent_frames = 0
        self._silence_reported = False
        self._held_block: NDArray[np.int16] | None = None

    @property
    def name(self) -> str:
        """The device's name as PortAudio reports it once open, else what was asked for."""
        return self._name

    @property
    def dropped_blocks(self) -> int:
        """Blocks dropped because the queue was full, since this object was made."""
        return self._dropped_blocks

    @property
    def input_overflows(self) -> int:
        """Callbacks in which PortAudio reported that the device's own buffer overflowed."""
        return self._input_overflows

    @property
    def stream_format(self) -> StreamFormat | None:
        """The negotiated device format while open, for diagnostics."""
        return self._format

    def open(self) -> None:
        """Open and start the device; UserError if it is missing or refuses every format."""
        self.close()
        sd = import_sounddevice()
        index, info = _resolve_device(sd, self._device)
        self._name = str(info["name"])
        stream_format = _negotiate_format(sd, index, info)
        self._queue = queue.Queue(maxsize=self._queue_blocks)
        try:
            stream = sd.RawInputStream(
                device=index,
                samplerate=stream_format.rate_hz,
                channels=stream_format.channels,
                dtype="int16",
                blocksize=round(stream_format.rate_hz * BLOCK_MS / 1000),
                # PortAudio's default ("high") input latency: the queue absorbs the delay,
                # and a larger host buffer overflows less on a busy machine.
                callback=self._callback,
            )
        except (sd.PortAudioError, ValueError) as exc:
            raise UserError(
                f"Microphone '{self._name}' could not be opened; close other programs that "
                "use it or choose another one with `speech-coach devices`."
            ) from exc
        try:
            stream.start()
        except sd.PortAudioError as exc:
            stream.close(ignore_errors=True)
            raise UserError(
                f"Microphone '{self._name}' could not be opened; close other programs that "
                "use it or choose another one with `speech-coach devices`."
            ) from exc
        self._sd = sd
        self._stream = stream
        self._format = stream_format
        self._resampler = StreamResampler(stream_format.rate_hz, stream_format.channels)
        self._opened_at_s = time.monotonic()
        self._last_block_at_s = None
        self._silent_frames = 0
        self._silence_reported = False
        self._held_block = None

    def reopen(self) -> None:
        """Close and open again, the way back after SourceLost."""
        self.close()
        self.open()

    def read(self, timeout_s: float) -> NDArray[np.int16] | None:
        """Next block (mono int16 16 kHz), None if none came within `timeout_s`.

        Raises SourceLost (or SourceSilent) as described in the class docstring. Blocks that
        were queued before a loss are returned before the loss is reported.
        """
        if self._held_block is not None:
            block, self._held_block = self._held_block, None
            return block
        if self._stream is None:
            raise RuntimeError("MicSource.read called before open")
        deadline_s = time.monotonic() + timeout_s
        while True:
            wait_s = max(0.0, min(deadline_s - time.monotonic(), _POLL_S))
            try:
                raw = self._queue.get(timeout=wait_s)
            except queue.Empty:
                self._check_alive()
                if time.monotonic() >= deadline_s:
                    return None
                continue
            self._last_block_at_s = time.monotonic()
            block = self._convert(raw)
            if len(block) > 0:
                return block

    def close(self) -> None:
        """Stop and close the stream; safe to call twice and after the device vanished."""
        stream, self._stream = self._stream, None
        if stream is not None and self._sd is not None:
            try:
                stream.stop()
                stream.close()
            except self._sd.PortAudioError:
                # A stream whose device is gone may fail to stop; it is closed regardless.
                pass
        self._format = None
        self._resampler = None
        self._held_block = None

    def __enter__(self) -> "MicSource":
        self.open()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _callback(self, indata: Any, frames: int, time_info: Any, status: Any) -> None:
        # Runs on PortAudio's real-time thread: copy and count, nothing else. put_nowait
        # never blocks; on Full the newest block (this one) is the one dropped.
        if status.input_overflow:
            self._input_overflows += 1
        try:
            self._queue.put_nowait(bytes(indata))
        except queue.Full:
            self._dropped_blocks += 1

    def _convert(self, raw: bytes) -> NDArray[np.int16]:
        assert self._format is not None and self._resampler is not None
        samples = np.frombuffer(raw, dtype=np.int16)
        if self._format.channels > 1:
            samples = samples.reshape(-1, self._format.channels)
        # Copy: np.frombuffer on bytes is read-only, and a consumer may reasonably write.
        block = self._resampler.process(samples).copy()
        self._track_silence(samples, block)
        return block

    def _track_silence(self, samples: NDArray[np.int16], block: NDArray[np.int16]) -> None:
        if self._silence_timeout_s is None or self._format is None:
            return
        if samples.any():
            self._silent_frames = 0
            self._silence_reported = False
            return
        # Counted in frames, not seconds: ten 0.1 s blocks must make exactly 1.0 s.
        self._silent_frames += len(samples)
        silent_s = self._silent_frames / self._format.rate_hz
        if silent_s >= self._silence_timeout_s and not self._silence_reported:
            self._silence_reported = True
            # Keep the block for the next read, so the stream clock loses no samples.
            self._held_block = block if len(block) > 0 else None
            raise SourceSilent(
                f"Microphone '{self._name}' has delivered only digital silence for "
                f"{silent_s:.1f} s; it is muted, unplugged or blocked by the "
                "system's privacy settings, so check it and its access rights."
            )

    def _check_alive(self) -> None:
        assert self._sd is not None
        try:
            active = bool(self._stream.active)
        except self._sd.PortAudioError as exc:
            raise SourceLost(f"Microphone '{self._name}' failed ({exc}); reconnect it.") from exc
        if not active:
            raise SourceLost(
                f"Microphone '{self._name}' stopped delivering audio; it was unplugged or the "
                "sound system stopped, so reconnect it or choose another one."
            )
        now_s = time.monotonic()
        if self._last_block_at_s is None:
            if now_s - self._opened_at_s > self._start_timeout_s:
                raise SourceLost(
                    f"Microphone '{self._name}' delivered no audio within "
                    f"{self._start_timeout_s:.1f} s of opening; reconnect it or choose another."
                )
        elif now_s - self._last_block_at_s > self._stall_timeout_s:
            raise SourceLost(
                f"Microphone '{self._name}' delivered nothing for "
                f"{now_s - self._last_block_at_s:.1f} s; reconnect it or choose another one."
            )


def _resolve_device(sd: ModuleType, device: int | str | None) -> tuple[int, dict[str, Any]]:
    """PortAudio index and info of the requested input device.

    If the device is not found, PortAudio is re-scanned once before giving up, because
    PortAudio only lists devices at initialisation: a headset plugged in since, or a sound
    server that (re)started, is otherwise invisible. Nothing of ours is open at this point.
    """
    try:
        return _query_input_device(sd, device)
    except (ValueError, sd.PortAudioError):
        rescan_portaudio(sd)
    try:
        return _query_input_device(sd, device)
    except ValueError as exc:
        if device is not None and "multiple" in str(exc).lower():
            raise UserError(
                f"Microphone name '{device}' matches several devices; use its number from "
                "`speech-coach devices` instead."
            ) from exc
        raise UserError(_not_found_message(device)) from exc
    except sd.PortAudioError as exc:
        raise UserError(_not_found_message(device)) from exc


def _query_input_device(sd: ModuleType, device: int | str | None) -> tuple[int, dict[str, Any]]:
    info = dict(sd.query_devices(device, kind="input"))
    index = info.get("index")
    if index is None:
        # Older sounddevice versions leave the index out; find it by name.
        names = [str(raw["name"]) for raw in sd.query_devices()]
        index = names.index(str(info["name"]))
    return int(index), info


def _not_found_message(device: int | str | None) -> str:
    if device is None:
        return (
            "No microphone found; plug one in, check that the sound system is running "
            "and run `speech-coach devices` to list them."
        )
    return f"Microphone '{device}' not found; run `speech-coach devices` to list them."


def _negotiate_format(sd: ModuleType, index: int, info: dict[str, Any]) -> StreamFormat:
    """The first format the device accepts: 16 kHz mono, else its own rate, mono or stereo."""
    default_rate_hz = round(float(info["default_samplerate"]))
    max_channels = int(info["max_input_channels"])
    candidates = [
        StreamFormat(SAMPLE_RATE_HZ, 1),
        StreamFormat(default_rate_hz, 1),
        StreamFormat(default_rate_hz, min(2, max_channels)),
    ]
    for candidate in dict.fromkeys(candidates):
        try:
            sd.check_input_settings(
                device=index,
                samplerate=candidate.rate_hz,
                channels=candidate.channels,
                dtype="int16",
            )
        except (sd.PortAudioError, ValueError):
            continue
        return candidate
    raise UserError(
        f"Microphone '{info['name']}' accepts none of the usual recording formats; "
        "choose another one with `speech-coach devices`."
    )
