"""Fixtures shared by every test package."""

import os
from collections.abc import Iterator

import pytest

import pulse

# Qt widgets in unit tests render offscreen (no display, no tray: the tray branch has its own
# end-to-end test under Xvfb). Set before anything imports Qt.
os.environ["QT_QPA_PLATFORM"] = "offscreen"


@pytest.fixture(scope="session")
def pulse_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[pulse.PulseServer]:
    """A private PulseAudio server with the virtual microphone `virt_mic` as default source.

    XDG_RUNTIME_DIR points at it for the rest of the session, so PortAudio (through ALSA's
    pulse plugin), pactl and paplay all reach it; PortAudio is re-scanned so that its `pulse`
    and `default` devices exist even if sounddevice was imported before the server started.
    """
    missing = pulse.missing_programs()
    if missing:
        pytest.skip(
            f"{', '.join(missing)} not installed (apt-get install pulseaudio pulseaudio-utils); "
            "the real-microphone tests need a virtual PulseAudio microphone"
        )
    runtime_dir = tmp_path_factory.mktemp("pulse-runtime")
    previous_runtime_dir = os.environ.get("XDG_RUNTIME_DIR")
    server = pulse.start_pulse(runtime_dir)
    os.environ["XDG_RUNTIME_DIR"] = str(runtime_dir)
    try:
        pulse.rescan_portaudio()
        yield server
    finally:
        pulse.stop_pulse(server)
        if previous_runtime_dir is None:
            os.environ.pop("XDG_RUNTIME_DIR", None)
        else:
            os.environ["XDG_RUNTIME_DIR"] = previous_runtime_dir
