"""The real loopback backend: the `soundcard` package (BSD-3, pure cffi) on Linux and Windows.

Linux: the monitor source of a PulseAudio (or pipewire-pulse) sink, through libpulse.
Windows: WASAPI loopback of a render endpoint, which soundcard opens with AUTOCONVERTPCM so
any rate works. sounddevice's PortAudio (v19.7) has no loopback at all, and its ALSA `pulse`
device follows only the default source, so it cannot hold the microphone and a monitor apart
in one process (see README, "Dependencies").

soundcard connects to PulseAudio when it is imported, so it is imported here, late, on the
first use, and never on macOS. Three places lean on soundcard's internals (pinned <0.5 in
pyproject.toml; exercised by tests/audio/test_*_pulse.py): a recorder that asks
PulseAudio not to move it (PA_STREAM_DONT_MOVE: without it a vanished monitor is silently
replaced by the default source, which is usually the agent's own microphone), a read that waits
at most `timeout_s`, and a reconnect after the sound server restarted.
"""

import sys
import time
from types import ModuleType
from typing import Any

import numpy as np
from numpy.typing import NDArray

from desktop.audio.loopback_backends import (
    NO_SERVER_REASON,
    NO_SOUNDCARD_REASON,
    BackendUnavailable,
    DeviceGone,
    LoopbackRecorder,
    NoSoundServer,
)
from desktop.audio.output_devices import OutputDevice
from desktop.audio.source import SAMPLE_RATE_HZ

FRAGMENT_FRAMES = 800
"""PulseAudio fragment: 50 ms at 16 kHz. Measured over 60 s (tests/benchmarks/bench_capture.py):
the reader thread costs 10 ms CPU per audio second at 800 frames and 24 at 320 (20 ms), with
a click latency (play + capture) of 88 vs 99 ms; the pairing's 0.1 s margin absorbs 50 ms."""

RECONNECT_S = 5.0
"""How often a lost PulseAudio connection is tried again."""

WINDOWS_CHANNELS = 2
"""Mono WASAPI loopback records garbage on some drivers (soundcard issues): take 2, downmix."""


class SoundcardBackend:
    """LoopbackBackend on soundcard; build it with `connect`."""

    def __init__(self, module: ModuleType, platform: str) -> None:
        self._sc = module
        self._platform = platform
        self._next_reconnect_s = 0.0

    @classmethod
    def connect(cls, platform: str = sys.platform) -> "SoundcardBackend":
        """Import soundcard (on Linux: connect to the sound server) or BackendUnavailable."""
        if platform == "win32":
            _init_com()
        try:
            # A plain import (not importlib) so that PyInstaller's analysis sees it.
            import soundcard
        except (ImportError, OSError) as exc:
            raise BackendUnavailable(NO_SOUNDCARD_REASON.format(error=exc)) from exc
        except Exception as exc:  # soundcard asserts a READY context at import: no server
            error = str(exc) or "the connection was refused"
            raise NoSoundServer(NO_SERVER_REASON.format(error=error)) from exc
        return cls(soundcard, platform)

    @property
    def name(self) -> str:
        return "wasapi" if self._platform == "win32" else "pulseaudio"

    def start_thread(self) -> None:
        if self._platform == "win32":
            _init_com()

    def output_devices(self) -> list[OutputDevice]:
        try:
            if self._platform == "win32":
                return self._wasapi_outputs()
            return self._pulse_outputs()
        except BackendUnavailable:
            raise
        except Exception as exc:
            raise NoSoundServer(NO_SERVER_REASON.format(error=exc)) from exc

    def _pulse_outputs(self) -> list[OutputDevice]:
        # Straight from the sink list: one round trip, and no per-device query that fails
        # when a device vanishes between the list and the query.
        self._reconnect_if_needed()
        pulse = self._sc.pulseaudio._pulse
        default_id = _default_sink_id(self._sc.pulseaudio, pulse)
        return [
            OutputDevice(id=str(s["id"]), name=str(s["name"]), is_default=s["id"] == default_id)
            for s in pulse.sink_list
        ]

    def _wasapi_outputs(self) -> list[OutputDevice]:
        default_id = self._sc.default_speaker().id
        return [
            OutputDevice(id=str(s.id), name=str(s.name), is_default=s.id == default_id)
            for s in self._sc.all_speakers()
        ]

    def default_output(self) -> OutputDevice | None:
        return next((d for d in self.output_devices() if d.is_default), None)

    def open(self, device: OutputDevice) -> LoopbackRecorder:
        try:
            if self._platform == "win32":
                return _WasapiLoopback(self._sc, device)
            return _PulseLoopback(self._sc, device)
        except DeviceGone:
            raise
        except Exception as exc:
            raise DeviceGone(f"'{device.name}' could not be recorded ({exc})") from exc

    def _reconnect_if_needed(self) -> None:
        """After a sound-server restart soundcard's one context is dead: make a new one.

        Tried at most every RECONNECT_S; a failed attempt frees its main loop (soundcard's
        constructor would leave its thread running).
        """
        if self._platform == "win32":
            return
        pa = self._sc.pulseaudio
        if pa._pulse._pa_context_get_state(pa._pulse.context) == pa._pa.PA_CONTEXT_READY:
            return
        now_s = time.monotonic()
        if now_s < self._next_reconnect_s:
            raise NoSoundServer(NO_SERVER_REASON.format(error="the connection failed"))
        self._next_reconnect_s = now_s + RECONNECT_S
        fresh = pa._PulseAudio.__new__(pa._PulseAudio)
        try:
            fresh.__init__()
        except Exception as exc:
            _free_main_loop(pa, fresh)
            error = str(exc) or "the connection failed"
            raise NoSoundServer(NO_SERVER_REASON.format(error=error)) from exc
        pa._pulse = fresh


def _default_sink_id(pa: ModuleType, pulse: Any) -> str | None:
    """The default sink's name, None when the server has none (every output unplugged).

    soundcard's own `server_info` reads it without a NULL check, so a server without any
    sink makes its callback raise inside cffi, which prints a traceback and answers nothing.
    """
    ffi = pa._ffi
    found: dict[str, str | None] = {}

    @ffi.callback("pa_server_info_cb_t")  # type: ignore[untyped-decorator]
    def callback(context: Any, server_info: Any, userdata: Any) -> None:
        name = server_info.default_sink_name if server_info != ffi.NULL else ffi.NULL
        found["id"] = None if name == ffi.NULL else ffi.string(name).decode("utf-8")

    pulse._pa_context_get_server_info(pulse.context, callback, ffi.NULL)
    return found.get("id")


def _free_main_loop(pa: ModuleType, failed: Any) -> None:
    try:
        pa._pa.pa_threaded_mainloop_stop(failed.mainloop)
        pa._pa.pa_context_unref(failed.context)
        pa._pa.pa_threaded_mainloop_free(failed.mainloop)
    except Exception:  # best effort: a half-built loop may lack these
        pass


class _PulseLoopback:
    """A record stream on a sink's monitor that PulseAudio may not move elsewhere."""

    def __init__(self, sc: ModuleType, device: OutputDevice) -> None:
        self._pa = sc.pulseaudio
        monitor_id = _monitor_of(self._pa, device)
        self._recorder: Any = _dont_move_recorder(self._pa)(
            monitor_id, SAMPLE_RATE_HZ, 1, FRAGMENT_FRAMES
        )
        self._recorder.__enter__()

    @property
    def rate_hz(self) -> int:
        return SAMPLE_RATE_HZ

    @property
    def channels(self) -> int:
        return 1

    def read(self, timeout_s: float) -> NDArray[np.float32] | None:
        recorder = self._recorder
        self._check_ready()
        if self._pa._pulse._pa_stream_readable_size(recorder.stream) == 0:
            recorder._record_event.wait(timeout_s)
            recorder._record_event.clear()
            self._check_ready()
            if self._pa._pulse._pa_stream_readable_size(recorder.stream) == 0:
                return None
        try:
            frames = recorder.record(None)
        except (RuntimeError, TypeError, ValueError) as exc:
            # A stream killed between the checks and the read: its size reads as (size_t)-1.
            raise DeviceGone(_VANISHED) from exc
        return np.asarray(frames, dtype=np.float32).reshape(-1, 1)

    def _check_ready(self) -> None:
        state = self._pa._pulse._pa_stream_get_state(self._recorder.stream)
        if state != self._pa._pa.PA_STREAM_READY:
            raise DeviceGone(_VANISHED)

    def close(self) -> None:
        try:
            self._recorder.__exit__(None, None, None)
        except Exception:  # a stream whose server or device is gone is closed regardless
            pass


class _WasapiLoopback:
    """WASAPI loopback of one render endpoint, through soundcard's mediafoundation module.

    soundcard already pads an idle endpoint (no packets) with zeros after four device
    periods, so `read` returns within about 40 ms; LoopbackSource pads by the clock as well.
    Not run on this project's CI (no Windows there); its callers' logic is tested through the
    fake backend in tests/audio/test_loopback_source.py.
    """

    def __init__(self, sc: ModuleType, device: OutputDevice) -> None:
        microphone = sc.get_microphone(id=device.id, include_loopback=True)
        self._recorder: Any = microphone.recorder(
            samplerate=SAMPLE_RATE_HZ, channels=WINDOWS_CHANNELS
        )
        self._recorder.__enter__()

    @property
    def rate_hz(self) -> int:
        return SAMPLE_RATE_HZ

    @property
    def channels(self) -> int:
        return WINDOWS_CHANNELS

    def read(self, timeout_s: float) -> NDArray[np.float32] | None:
        try:
            frames = self._recorder.record(None)
        except RuntimeError as exc:  # AUDCLNT_E_DEVICE_INVALIDATED and kin
            raise DeviceGone(f"the output device failed ({exc})") from exc
        if len(frames) == 0:
            return None
        return np.asarray(frames, dtype=np.float32).reshape(-1, WINDOWS_CHANNELS)

    def close(self) -> None:
        try:
            self._recorder.__exit__(None, None, None)
        except Exception:  # an invalidated endpoint may fail to stop; it is released anyway
            pass


def _monitor_of(pa: ModuleType, device: OutputDevice) -> str:
    """The PulseAudio source that carries `device`'s playback: `<sink>.monitor`."""
    wanted = f"{device.id}.monitor"
    if any(source["id"] == wanted for source in pa._pulse.source_list):
        return wanted
    raise DeviceGone(f"'{device.name}' has no monitor to record (it vanished)")


_VANISHED = "the output device vanished or its sound server stopped"

_RECORDER_CLASSES: dict[int, type] = {}


def _dont_move_recorder(pa: ModuleType) -> type:
    """soundcard's pulse _Recorder, connected with PA_STREAM_DONT_MOVE.

    PulseAudio moves a record stream whose source vanished to the default source; for a
    loopback that is the agent's microphone, which would then be heard as the customer. With
    DONT_MOVE the server kills the stream instead, `read` sees it fail, and the source reopens.
    """
    cached = _RECORDER_CLASSES.get(id(pa))
    if cached is not None:
        return cached

    class DontMoveRecorder(pa._Recorder):  # type: ignore[misc, name-defined]
        def _connect_stream(self, bufattr: Any) -> None:
            flags = pa._pa.PA_STREAM_ADJUST_LATENCY | pa._pa.PA_STREAM_DONT_MOVE
            pa._pulse._pa_stream_connect_record(self.stream, self._id.encode(), bufattr, flags)

            @pa._ffi.callback("pa_stream_request_cb_t")  # type: ignore[untyped-decorator]
            def read_callback(stream: Any, nbytes: int, userdata: Any) -> None:
                self._record_event.set()

            self._callback = read_callback
            pa._pulse._pa_stream_set_read_callback(self.stream, read_callback, pa._ffi.NULL)

    _RECORDER_CLASSES[id(pa)] = DontMoveRecorder
    return DontMoveRecorder


def _init_com() -> None:
    """Join this thread to COM's multithreaded apartment, as WASAPI calls need.

    soundcard initialises COM only on the thread that imports it; the reader thread and a Qt
    main thread (already STA: the call then fails harmlessly) need their own.
    """
    import ctypes

    ole32 = getattr(ctypes, "windll").ole32  # noqa: B009 (windll exists only on Windows)
    ole32.CoInitializeEx(None, 0)
