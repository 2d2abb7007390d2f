"""Run in a fresh process by test_loopback_pulse.py: a sound server that stops and starts again.

soundcard keeps one connection per process, made at import to the server XDG_RUNTIME_DIR
pointed at then. A test process has usually connected to the session's server already, which
stays up, so the restart has to happen to the server this process first connected to: this
script starts it, records a LoopbackSource through its restart and prints what it saw as JSON.

    python tests/audio/loopback_restart_probe.py WORK_DIR CLIP_WAV
"""

import json
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.audio.loopback_source import LoopbackSource  # noqa: E402

from pulse import PulseServer, start_pulse, stop_pulse  # noqa: E402


def wait_for_status(source: LoopbackSource, status: str, timeout_s: float) -> float | None:
    start_s = time.monotonic()
    while source.state.status != status:
        if time.monotonic() - start_s > timeout_s:
            return None
        source.read(0.1)
    return time.monotonic() - start_s


def load_call_out(server: PulseServer) -> None:
    server.load_module(
        "module-null-sink", "sink_name=call_out", "sink_properties=device.description=Call"
    )
    server.pactl("set-default-sink", "call_out")


def main(work: Path, clip: Path) -> dict[str, object]:
    server = start_pulse(work / "rt")
    os.environ["XDG_RUNTIME_DIR"] = str(server.runtime_dir)
    source = LoopbackSource("Call")
    result: dict[str, object] = {}
    try:
        load_call_out(server)
        source.open()
        result["first_listening_s"] = wait_for_status(source, "listening", 5.0)
        stop_pulse(server)
        result["lost_after_s"] = wait_for_status(source, "lost", 3.0)
        time.sleep(1.5)  # retries against no server at all
        result["state_while_down"] = [source.state.status, source.state.reason]
        server = start_pulse(work / "rt")
        load_call_out(server)
        # soundcard reconnects at most every 5 s; the monitor then opens within a second.
        result["back_after_s"] = wait_for_status(source, "listening", 12.0)
        player = server.play(clip, sink="call_out")
        peak = 0
        end_s = time.monotonic() + 4.0
        while time.monotonic() < end_s:
            block = source.read(0.2)
            if block is not None and len(block):
                peak = max(peak, int(np.abs(block.astype(np.int32)).max()))
        result["player_status"] = player.wait(timeout=10)
        result["peak_after_restart"] = peak
    finally:
        source.close()
        stop_pulse(server)
    return result


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), Path(sys.argv[2]))))
