"""Haste timing per speaker without a speech model (part of bench_speakers.py --haste).

For a speaker's clips (looped), built with bench_cues.Builder (room noise, 0.5-1.0 s pauses, a
6 s customer turn after every five sentences): 3 minutes of calm speech to learn the baseline,
then 5 stretches of 20 s of speech at 1.8x (sox tempo, pitch kept; 0.3-0.6 s pauses), each
followed by 40 s of calm speech. Reported: the delay from each stretch's start to the first
haste card the gate shows (stream time; goal <= 15 s), and the haste cards shown in 10
minutes of calm speech of the same speaker (goal 0). Per condition (clean, telephone band).
"""

import argparse
from pathlib import Path

import numpy as np
from bench_cues import BLOCK, Builder, Clip, Stretch, calm_speech
from numpy.typing import NDArray

from desktop.audio.file_source import read_whole_file
from desktop.audio.source import SAMPLE_RATE_HZ
from desktop.coaching.coach import build_coach
from desktop.coaching.cue import Cue
from desktop.coaching.settings import Policy
from desktop.engine import StreamAnalysis
from desktop.prosody.analyzer import ProsodySettings

HASTE_SPEAKERS = ("voxforge-Eelco", "rhasspy-nathalie", "espeak nl+m3", "espeak nl+f2")
HASTE_FACTOR = 1.8


def load(path: Path) -> Clip:
    """The clip's speech (see `speech_only`), cut to a length whose seconds times the rate
    give back its samples, as bench_cues.Builder.say assumes (int(n / rate * rate) can be
    n - 1)."""
    samples = speech_only(read_whole_file(path))
    n = len(samples)
    while int(n / SAMPLE_RATE_HZ * SAMPLE_RATE_HZ) != n:
        n -= 1
    return Clip(samples[:n], "")


def speech_only(samples: NDArray[np.int16]) -> NDArray[np.int16]:
    """The clip from 100 ms before its first to 100 ms after its last run of >= 100 ms within
    30 dB of its 0.99 level quantile. Laptop-mic clips (Eelco) carry 1-1.5 s of their own
    noise (about -44 dBFS) at each end; spliced into the -65 dBFS room noise of the scenario,
    that noise is 20 dB above the floor the VAD learns and bridges the pauses between
    sentences into one long segment, which no real microphone does (its noise is everywhere)."""
    hop = SAMPLE_RATE_HZ // 100
    n = len(samples) // hop
    x = samples[: n * hop].astype(np.float64).reshape(n, hop)
    level_db = 10 * np.log10(np.mean(x**2, axis=1) + 1e-3)
    above = np.flatnonzero(level_db > np.quantile(level_db, 0.99) - 30)
    runs = [r for r in np.split(above, np.flatnonzero(np.diff(above) > 1) + 1) if len(r) >= 10]
    if not runs:
        return samples
    start = max(int(runs[0][0]) - 10, 0) * hop
    end = min(int(runs[-1][-1]) + 11, n) * hop
    return samples[start:end]


def run(builder: Builder, settings: ProsodySettings) -> tuple[list[Cue], list[Cue]]:
    """(rule proposals before the gate, cards shown): bench_cues.run without words, with the
    prosody settings of this run."""
    audio = builder.audio()
    coach = build_coach(Policy())
    analysis = StreamAnalysis("bench", settings=settings, coach=coach)
    shown: list[Cue] = []
    for i in range(0, len(audio), BLOCK):
        shown += [e for e in analysis.feed(audio[i : i + BLOCK]) if isinstance(e, Cue)]
    shown += [e for e in analysis.finish() if isinstance(e, Cue)]
    proposed = sorted(shown + [h.cue for h in coach.held], key=lambda c: c.t_s)
    return proposed, shown


def haste_report(clips: list, args: argparse.Namespace) -> None:  # type: ignore[type-arg]
    from bench_speakers import variant

    for condition in args.conditions:
        print(f"\n== condition {condition}: haste without a model (cards shown by the gate)")
        print(
            f"{'speaker':24s} first card   first proposal in each 1.8x stretch (s)"
            "   cards in 10 min calm"
        )
        for speaker in HASTE_SPEAKERS:
            own = [c for c in clips if c.speaker == speaker]
            if speaker.startswith("espeak"):
                own = [c for c in own if "_135_" in c.path.name]
            if not own:
                continue

            calm = [load(variant(args.cache, c.path, 1.0, condition)) for c in own]
            fast = [load(variant(args.cache, c.path, HASTE_FACTOR, condition)) for c in own]
            card_s, delays = haste_delays(calm, fast, args.settings)
            calm_cards = calm_haste_cards(calm, args.settings)
            card = "none" if card_s is None else f"{card_s:.1f}"
            text = " ".join("miss" if d is None else f"{d:.1f}" for d in delays)
            print(f"{speaker[:24]:24s} {card:>10s}   {text:36s} {calm_cards}")


def haste_delays(
    calm: list[Clip], fast: list[Clip], settings: ProsodySettings
) -> tuple[float | None, list[float | None]]:
    """(delay from the first hasty stretch's start to the first haste card shown, delays from
    each stretch's start to the rule's first haste proposal in it; None: none). Proposals,
    not cards, per stretch: haste's own 120 s cooldown holds back every other card here."""
    builder = Builder()
    calm_speech(builder, calm, speech_s=180.0)
    k = 0
    for _ in range(5):
        start_s = builder.t_s
        spoken_s = 0.0
        while spoken_s < 20.0:
            clip = fast[k % len(fast)]
            builder.say(clip, float(np.random.default_rng(k).uniform(0.3, 0.6)))
            spoken_s += len(clip.samples) / 16000
            k += 1
        builder.stretches.append(Stretch(start_s, builder.t_s))
        calm_speech(builder, calm[k % len(calm) :] + calm, speech_s=40.0)
    proposed, shown = run(builder, settings)
    delays: list[float | None] = []
    for stretch in builder.stretches:
        first = [
            c.t_s
            for c in proposed
            if c.name == "haste" and stretch.start_s <= c.t_s <= stretch.end_s + 5.0
        ]
        delays.append(first[0] - stretch.start_s if first else None)
    first_stretch = builder.stretches[0]
    cards = [c.t_s for c in shown if c.name == "haste" and c.t_s >= first_stretch.start_s]
    card_s = cards[0] - first_stretch.start_s if cards else None
    return card_s, delays


def calm_haste_cards(calm: list[Clip], settings: ProsodySettings) -> int:
    builder = Builder()
    calm_speech(builder, calm, speech_s=480.0)
    _, shown = run(builder, settings)
    return sum(c.name == "haste" for c in shown)
