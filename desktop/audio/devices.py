"""Which microphones PortAudio sees, for `speech-coach devices` and for opening one.

PortAudio's initialisation (at sounddevice's import and at every re-scan) makes ALSA and
JACK print dozens of lines of noise, so sounddevice points the process's stderr (fd 2) at
/dev/null meanwhile. That silences every thread, not only PortAudio: a log line another
thread wrote in that window was lost (measured: about 98 % of 24 000 lines logged during 20
re-scans). Calling PortAudio without the redirect lets the noise through (measured: 100
lines per re-scan on a machine without a sound card). So the redirect stays, and every log
handler's lock is held across it (`_logging_held`): another thread's record waits a few tens
of milliseconds and is written once stderr is back. Measured after: 0 of 24 000 lost.
"""

import importlib
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import ModuleType

from desktop.errors import UserError

_SOUNDDEVICE_DEPENDENCIES = ("ctypes.util", "platform", "sysconfig", "re", "_sounddevice")
"""What `import sounddevice` imports before it initialises PortAudio (sounddevice 0.5)."""

PORTAUDIO_MISSING = (
    "PortAudio, the sound library Speech Coach records with, is not installed; "
    "install it (Debian and Ubuntu: `sudo apt install libportaudio2`) and try again."
)


@dataclass(frozen=True, slots=True)
class InputDevice:
    """One PortAudio device that can record."""

    index: int
    name: str
    host_api: str
    default_samplerate_hz: int
    max_input_channels: int
    is_default: bool


def parse_device(device: str | None) -> int | str | None:
    """A device as the user wrote it: a number is PortAudio's index, anything else a name."""
    if device is None or not device.strip():
        return None
    return int(device) if device.isdigit() else device


def import_sounddevice() -> ModuleType:
    """Import sounddevice, turning a missing PortAudio library into a UserError.

    Imported late on purpose: sounddevice loads PortAudio at import, and PortAudio lists the
    devices once, when it initialises. A sound server (PulseAudio, PipeWire) that starts after
    that import stays invisible until `rescan_portaudio`.
    """
    try:
        # Its dependencies first, without the hold: a thread that imports one of them and
        # logs meanwhile must never wait for a handler lock this thread holds while this
        # thread waits for that import.
        for name in _SOUNDDEVICE_DEPENDENCIES:
            importlib.import_module(name)
        with _logging_held():
            import sounddevice
    except (OSError, ImportError) as exc:
        raise UserError(PORTAUDIO_MISSING) from exc
    module: ModuleType = sounddevice
    return module


def rescan_portaudio(sd: ModuleType) -> None:
    """Make PortAudio list devices again (a headset plugged in, a sound server restarted).

    PortAudio has no public re-scan; terminating and initialising it is the documented way
    round (python-sounddevice issue #47). It closes every PortAudio stream of this process,
    so call it only while no stream is open.
    """
    with _logging_held():
        sd._terminate()
        sd._initialize()


@contextmanager
def _logging_held() -> Iterator[None]:
    """Hold the lock of every log handler while fd 2 may point at /dev/null (see the
    module docstring), so no thread's log record is written into the void; flush stderr
    first, so nothing buffered is written there either. Handler locks are re-entrant: this
    thread may still log meanwhile (to no avail while the redirect lasts)."""
    handlers = _all_handlers()
    for handler in handlers:
        handler.acquire()
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
        yield
    finally:
        for handler in reversed(handlers):
            handler.release()


def _all_handlers() -> list[logging.Handler]:
    """Every handler of every logger, each once, in a fixed order (no lock-order cycles)."""
    loggers = [logging.getLogger()]
    loggers += [
        item
        for item in logging.Logger.manager.loggerDict.values()
        if isinstance(item, logging.Logger)
    ]
    seen: dict[int, logging.Handler] = {}
    for each in loggers:
        for handler in each.handlers:
            seen.setdefault(id(handler), handler)
    return sorted(seen.values(), key=id)


def list_input_devices(rescan: bool = False) -> list[InputDevice]:
    """Every device with at least one input channel, in PortAudio's order.

    Raises UserError when PortAudio is missing or cannot be queried; an empty list means
    PortAudio works but sees no microphone.
    """
    sd = import_sounddevice()
    try:
        if rescan:
            rescan_portaudio(sd)
        raw_devices = list(sd.query_devices())
        host_apis = list(sd.query_hostapis())
        default_input = int(sd.default.device[0])
    except sd.PortAudioError as exc:
        raise UserError(
            f"The sound system could not be asked for its microphones ({exc}); "
            "check that it is running and try again."
        ) from exc
    devices: list[InputDevice] = []
    for index, raw in enumerate(raw_devices):
        if int(raw["max_input_channels"]) < 1:
            continue
        devices.append(
            InputDevice(
                index=index,
                name=str(raw["name"]),
                host_api=str(host_apis[int(raw["hostapi"])]["name"]),
                default_samplerate_hz=round(float(raw["default_samplerate"])),
                max_input_channels=int(raw["max_input_channels"]),
                is_default=index == default_input,
            )
        )
    return devices


def format_device_table(devices: list[InputDevice]) -> str:
    """A plain-text table for the terminal; a hint instead of an empty table."""
    if not devices:
        return (
            "No microphones found; plug one in, check that the sound system is running "
            "and run `speech-coach devices` again."
        )
    name_width = max(len("name"), *(len(device.name) for device in devices))
    api_width = max(len("host API"), *(len(device.host_api) for device in devices))
    lines = [f"    {'#':>3}  {'name':<{name_width}}  {'host API':<{api_width}}  rate Hz  channels"]
    for device in devices:
        marker = "*" if device.is_default else " "
        lines.append(
            f"  {marker} {device.index:>3}  {device.name:<{name_width}}  "
            f"{device.host_api:<{api_width}}  {device.default_samplerate_hz:>7}  "
            f"{device.max_input_channels:>8}"
        )
    lines.append("* is the default microphone; choose another by its number or its name.")
    return "\n".join(lines)
