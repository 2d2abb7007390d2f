"""Generated two-party calls with known turns: two espeak-ng voices on two tracks.

Each utterance is synthesised, trimmed, and placed at a chosen start on its speaker's track,
so the truth is exact: where each side speaks. The customer's track can go through the
telephone band (300-3400 Hz, 8 kHz), and each track can carry the other's voice weakly:
bleed (the customer in the agent's microphone, from an open headset or speakers) and
sidetone (the agent's own voice in what the agent hears).
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf
from numpy.typing import NDArray

from synth import RATE_HZ, _run, espeak, trim_silence

AGENT_VOICE = "nl+m3"
CUSTOMER_VOICE = "nl+f2"


@dataclass(frozen=True, slots=True)
class Utterance:
    """`text` said by `speaker`, starting `offset_s` after the start or end (`edge`) of
    utterance number `ref` (-1: the start of the call)."""

    speaker: str
    text: str
    offset_s: float
    ref: int = -1
    edge: str = "end"


@dataclass(frozen=True, slots=True)
class Placed:
    """An utterance as placed: its speech runs from start_s to end_s on its track."""

    speaker: str
    start_s: float
    end_s: float


@dataclass(frozen=True, slots=True)
class Call:
    agent: NDArray[np.int16]
    customer: NDArray[np.int16]
    placed: tuple[Placed, ...]

    def write_stereo(self, path: Path, order: tuple[str, str] = ("agent", "customer")) -> Path:
        tracks = {"agent": self.agent, "customer": self.customer}
        sf.write(path, np.stack([tracks[order[0]], tracks[order[1]]], axis=1), RATE_HZ)
        return path


def _spoken(text: str, voice: str, folder: Path, index: int, telephone: bool) -> NDArray[np.int16]:
    raw = espeak(text, folder / f"u{index}.wav", voice=voice)
    trimmed = trim_silence(raw, folder / f"u{index}_trim.wav")
    if telephone:
        band = folder / f"u{index}_tel.wav"
        _run(
            "sox", str(trimmed), "-r", "8000", str(folder / f"u{index}_8k.wav"), "sinc", "300-3400"
        )
        _run("sox", str(folder / f"u{index}_8k.wav"), "-r", str(RATE_HZ), str(band))
        trimmed = band
    samples, _ = sf.read(trimmed, dtype="int16")
    return np.asarray(samples, dtype=np.int16)


def make_call(
    utterances: list[Utterance],
    folder: Path,
    tail_s: float = 2.0,
    bleed_db: float | None = None,
    sidetone_db: float | None = None,
    telephone: bool = True,
) -> Call:
    """Place each utterance at its start on its speaker's track (agent: AGENT_VOICE, customer:
    CUSTOMER_VOICE, telephone band); add the other side's voice at `bleed_db` (customer into
    the agent's track) and `sidetone_db` (agent into the customer's track)."""
    folder.mkdir(parents=True, exist_ok=True)
    pieces = []
    for k, u in enumerate(utterances):
        voice = AGENT_VOICE if u.speaker == "agent" else CUSTOMER_VOICE
        pieces.append(_spoken(u.text, voice, folder, k, telephone and u.speaker == "customer"))
    placed: list[Placed] = []
    for u, piece in zip(utterances, pieces, strict=True):
        anchor_s = 0.0
        if u.ref >= 0:
            anchor_s = placed[u.ref].start_s if u.edge == "start" else placed[u.ref].end_s
        start_s = round((anchor_s + u.offset_s) * RATE_HZ) / RATE_HZ
        placed.append(Placed(u.speaker, start_s, start_s + len(piece) / RATE_HZ))
    n = int((max(p.end_s for p in placed) + tail_s) * RATE_HZ)
    tracks = {"agent": np.zeros(n), "customer": np.zeros(n)}
    for p, piece in zip(placed, pieces, strict=True):
        i = int(round(p.start_s * RATE_HZ))
        tracks[p.speaker][i : i + len(piece)] += piece
    agent, customer = tracks["agent"].copy(), tracks["customer"].copy()
    if bleed_db is not None:
        agent += tracks["customer"] * 10 ** (bleed_db / 20)
    if sidetone_db is not None:
        customer += tracks["agent"] * 10 ** (sidetone_db / 20)
    rng = np.random.default_rng(7)
    # A little noise, as every real line has: a digital-zero track is not what a VAD meets.
    agent += rng.normal(0, 3, n)
    customer += rng.normal(0, 3, n)
    return Call(_int16(agent), _int16(customer), tuple(placed))


def _int16(track: NDArray[np.float64]) -> NDArray[np.int16]:
    return np.clip(np.round(track), -32768, 32767).astype(np.int16)


CUSTOMER_COMPLAINT = (
    "Ik heb al drie keer gebeld over mijn factuur en niemand heeft mij teruggebeld, "
    "dat vind ik echt niet normaal."
)
CUSTOMER_DETAIL = "Het gaat om de rekening van oktober, die is veel te hoog uitgevallen."
AGENT_REPLY = "Dat begrijp ik, vervelend dat u zo lang moest wachten. Ik kijk het nu voor u na."
AGENT_SHORT = "Ja."
AGENT_CUT_IN = "Maar meneer, daar kan ik helemaal niets aan doen, dat zegt het systeem."
AGENT_CLOSING = "Ik heb de rekening aangepast, u krijgt het verschil terug op uw rekening."
CUSTOMER_THANKS = "Dank u wel, fijn dat het nu geregeld is."


def standard_call_script() -> list[Utterance]:
    """A call with every situation the turn tracker must tell apart: a customer turn with a
    backchannel "ja" inside it; a reply that starts 0.3 s before the customer finishes (a
    normal change of turn, not an interruption); an agent who cuts in 2 s before the customer
    finishes; a 12 s silence; a closing exchange."""
    return [
        Utterance("agent", "Goedemiddag, u spreekt met de klantenservice.", 0.5),  # 0
        Utterance("customer", CUSTOMER_COMPLAINT, 1.0, ref=0),  # 1
        Utterance("agent", AGENT_SHORT, 2.5, ref=1, edge="start"),  # 2: backchannel
        Utterance("agent", AGENT_REPLY, -0.3, ref=1),  # 3: 0.3 s overlap at the change
        Utterance("customer", CUSTOMER_DETAIL, 0.6, ref=3),  # 4
        Utterance("agent", AGENT_CUT_IN, -2.0, ref=4),  # 5: cuts in, 2 s over the customer
        Utterance("customer", CUSTOMER_THANKS, 0.5, ref=5),  # 6
        Utterance("agent", AGENT_CLOSING, 0.4, ref=6),  # 7: then 12 s of silence
        Utterance("customer", "Hallo? Bent u er nog?", 12.0, ref=7),  # 8
        Utterance("agent", "Ja, ik ben er nog. Fijne dag verder.", 0.5, ref=8),  # 9
    ]
