"""The echo gate: a weak copy of the other side is explained; a side's own voice is not."""

import numpy as np

from desktop.conversation.echo_gate import EchoGate

RATE_HZ = 16_000


def speechlike(seconds: float, seed: int) -> np.ndarray:
    """Noise with a syllable-rate (4 Hz) envelope, loud: a stand-in for a voice."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * RATE_HZ)) / RATE_HZ
    envelope = 0.5 + 0.5 * np.sin(2 * np.pi * 4 * t + seed) ** 2
    return 6000 * envelope * rng.normal(0, 1, t.size)


def frames(gate: EchoGate, agent: np.ndarray, customer: np.ndarray) -> dict[str, np.ndarray]:
    as16 = [np.clip(x, -32768, 32767).astype(np.int16) for x in (agent, customer)]
    for i in range(0, len(as16[0]), 1600):
        gate.push(as16[0][i : i + 1600], as16[1][i : i + 1600])
    n = len(agent) // 160
    return {side: gate.frames_for(side, 0, n) for side in ("agent", "customer")}


def test_bleed_of_the_customer_into_the_microphone_is_explained() -> None:
    """The customer alone, heard at -20 dB in the agent's microphone: after the first
    seconds the mic's frames are the customer's echo, and the coupling is learned."""
    customer = speechlike(8.0, 1)
    agent = customer * 10 ** (-20 / 20)
    gate = EchoGate(RATE_HZ)
    allowed = frames(gate, agent, customer)
    assert abs(gate.coupling_db("agent") - (-20.0)) < 1.0
    assert allowed["agent"][200:].mean() < 0.02
    assert allowed["customer"][200:].mean() > 0.98


def test_double_talk_is_not_explained() -> None:
    """Both speak, each also carrying the other's echo: both stay each one's own speech."""
    agent_voice, customer_voice = speechlike(8.0, 2), speechlike(8.0, 3)
    agent = agent_voice + customer_voice * 10 ** (-20 / 20)
    customer = customer_voice + agent_voice * 10 ** (-15 / 20)
    allowed = frames(EchoGate(RATE_HZ), agent, customer)
    assert allowed["agent"].mean() > 0.9
    assert allowed["customer"].mean() > 0.9


def test_the_microphone_played_back_at_full_level_is_the_agents_echo() -> None:
    """What the agent hears is the microphone 30 ms later at the same level (Windows'
    "Listen to this device"): after the first second it is explained as the agent's echo,
    and the agent's vowels stay the agent's."""
    t_s = np.arange(8 * RATE_HZ) / RATE_HZ
    syllables = np.where((t_s % 0.25) < 0.15, 1.0, 0.1)  # 150 ms vowels, dips of -20 dB
    agent = speechlike(8.0, 6) * syllables * (t_s % 2.0 < 1.6)  # and a 0.4 s pause
    customer = np.concatenate([np.zeros(480), agent[:-480]])
    gate = EchoGate(RATE_HZ)
    allowed = frames(gate, agent, customer)
    assert -4.0 < gate.coupling_db("customer") < 1.0  # same-frame levels: the lag lowers it
    assert allowed["customer"][150:].mean() < 0.05
    vowels = (syllables * (t_s % 2.0 < 1.6))[::160][: allowed["agent"].size] == 1.0
    assert allowed["agent"][vowels].mean() > 0.95


def test_the_decision_does_not_depend_on_block_size() -> None:
    """Causal, frame by frame: any cut of the stream gives the same decisions."""
    customer = speechlike(4.0, 4)
    agent = customer * 0.1 + speechlike(4.0, 5) * (np.arange(customer.size) > 32000)
    a16, c16 = (np.clip(x, -32768, 32767).astype(np.int16) for x in (agent, customer))
    results = []
    for block in (160, 1000, 1600, 4321):
        gate = EchoGate(RATE_HZ)
        for i in range(0, a16.size, block):
            gate.push(a16[i : i + block], c16[i : i + block])
        results.append(gate.frames_for("agent", 0, a16.size // 160))
    for other in results[1:]:
        assert np.array_equal(results[0], other)
