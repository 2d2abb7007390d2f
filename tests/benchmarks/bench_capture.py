"""CPU and latency of the customer-channel capture (LoopbackSource on soundcard).

    .venv/bin/python tests/benchmarks/bench_capture.py [--seconds 60] [--fragments 320,800]

A private PulseAudio server (tests/pulse.py) gets a null sink `call_out`, the default output.
For each PulseAudio fragment size, a LoopbackSource records its monitor while
(a) espeak-ng Dutch speech plays into the sink for --seconds, and (b) nothing plays for
--seconds. CPU is user+system time, of the reader thread alone (/proc/self/task) and of the
whole process (the main thread reading blocks as the engine would), per second of audio.
Latency: a click played in-process through soundcard with a 20 ms buffer, from the call to
`play` until the click's first sample leaves `LoopbackSource.read` (playback + capture; an
upper bound for capture alone), median of 20.
"""

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import soundfile as sf

TESTS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TESTS))

import desktop.audio.soundcard_backend as soundcard_backend  # noqa: E402
from desktop.audio.loopback_source import LoopbackSource  # noqa: E402
from desktop.audio.source import SAMPLE_RATE_HZ  # noqa: E402

import pulse  # noqa: E402
from synth import espeak  # noqa: E402

TEXT = (
    "Goedemiddag, u spreekt met de klantenservice. Ik zie dat uw rekening van vorige maand "
    "hoger was dan normaal. Dat komt door de eenmalige kosten voor de installatie."
)


def process_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def thread_cpu_s(native_id: int) -> float:
    fields = Path(f"/proc/self/task/{native_id}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks  # utime, stime


def speech_wav(work: Path, seconds: float) -> Path:
    clip = sf.read(espeak(TEXT, work / "clip.wav"), dtype="int16")[0]
    repeats = int(np.ceil(seconds * SAMPLE_RATE_HZ / len(clip)))
    path = work / "speech.wav"
    sf.write(path, np.tile(clip, repeats)[: round(seconds * SAMPLE_RATE_HZ)], SAMPLE_RATE_HZ)
    return path


def measure(source: LoopbackSource, seconds: float) -> tuple[float, float, int]:
    """(reader-thread CPU s, process CPU s, samples read) over `seconds` of reading."""
    assert source._thread is not None and source._thread.native_id is not None
    tid = source._thread.native_id
    thread_0, process_0 = thread_cpu_s(tid), process_cpu_s()
    samples = 0
    end_s = time.monotonic() + seconds
    while time.monotonic() < end_s:
        block = source.read(0.2)
        if block is not None:
            samples += len(block)
    return thread_cpu_s(tid) - thread_0, process_cpu_s() - process_0, samples


def click_latency_s(source: LoopbackSource, repeats: int = 20) -> float:
    import soundcard

    speaker = soundcard.get_speaker("call_out")
    click = np.zeros(1600, dtype=np.float32)
    click[:80] = 0.8
    delays = []
    with speaker.player(SAMPLE_RATE_HZ, channels=1, blocksize=320) as player:
        for _ in range(repeats):
            source.read(0.3)  # empty what waits
            while source.read(0.01) is not None:
                pass
            start_s = time.monotonic()
            player.play(click)
            while time.monotonic() - start_s < 2.0:
                block = source.read(0.05)
                if block is not None and np.abs(block).max() > 10_000:
                    delays.append(time.monotonic() - start_s)
                    break
            time.sleep(0.3)
    return float(np.median(delays)) if delays else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--fragments", default="800,320", help="PulseAudio fragment frames")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-capture-"))
    server = pulse.start_pulse(work / "pulse")
    os.environ["XDG_RUNTIME_DIR"] = str(server.runtime_dir)
    try:
        server.load_module(
            "module-null-sink", "sink_name=call_out", "sink_properties=device.description=Call"
        )
        server.pactl("set-default-sink", "call_out")
        speech = speech_wav(work, args.seconds + 5)
        print(
            f"{'fragment':>9} {'state':>8} {'thread ms/s':>12} {'process ms/s':>13} {'audio s':>8}"
        )
        for fragment in [int(f) for f in args.fragments.split(",")]:
            soundcard_backend.FRAGMENT_FRAMES = fragment
            source = LoopbackSource("auto")
            source.open()
            try:
                while source.state.status != "listening":
                    time.sleep(0.05)
                measure(source, 3.0)  # the first stream on a new source starts late
                player = server.play(speech, sink="call_out")
                playing = measure(source, args.seconds)
                player.terminate()
                player.wait(timeout=5)
                idle = measure(source, args.seconds)
                for label, (thread_s, process_s, samples) in (("playing", playing), ("idle", idle)):
                    audio_s = samples / SAMPLE_RATE_HZ
                    print(
                        f"{fragment:>9} {label:>8} {1000 * thread_s / audio_s:>12.2f} "
                        f"{1000 * process_s / audio_s:>13.2f} {audio_s:>8.1f}"
                    )
                latency_s = click_latency_s(source)
                print(
                    f"{fragment:>9} latency (play + capture, median of 20): "
                    f"{1000 * latency_s:.0f} ms"
                )
            finally:
                source.close()
    finally:
        pulse.stop_pulse(server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
