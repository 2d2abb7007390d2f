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
from bench_cues import Builder, Clip, Stretch, calm_speech, run

from desktop.audio.file_source import read_whole_file
from desktop.coaching.settings import Policy

HASTE_SPEAKERS = ("voxforge-Eelco", "rhasspy-nathalie", "espeak nl+m3", "espeak nl+f2")
HASTE_FACTOR = 1.8


def load(path: Path) -> Clip:
    return Clip(read_whole_file(path), "")


def haste_report(clips: list, args: argparse.Namespace) -> None:  # type: ignore[type-arg]
    from bench_speakers import variant

    for condition in args.conditions:
        print(f"\n== condition {condition}: haste without a model (cards shown by the gate)")
        print(f"{'speaker':24s} first card after a 1.8x stretch starts (s)   cards in 10 min calm")
        for speaker in HASTE_SPEAKERS:
            own = [c for c in clips if c.speaker == speaker]
            if speaker.startswith("espeak"):
                own = [c for c in own if "_135_" in c.path.name]
            if not own:
                continue

            calm = [load(variant(args.cache, c.path, 1.0, condition)) for c in own]
            fast = [load(variant(args.cache, c.path, HASTE_FACTOR, condition)) for c in own]
            delays = haste_delays(calm, fast)
            calm_cards = calm_haste_cards(calm)
            text = " ".join("miss" if d is None else f"{d:.1f}" for d in delays)
            print(f"{speaker[:24]:24s} {text:44s} {calm_cards}")


def haste_delays(calm: list[Clip], fast: list[Clip]) -> list[float | None]:
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
    _, shown = run(builder, Policy(), words=False)
    haste = [c.t_s for c in shown if c.name == "haste"]
    delays: list[float | None] = []
    for stretch in builder.stretches:
        first = [t for t in haste if stretch.start_s <= t <= stretch.end_s + 5.0]
        delays.append(first[0] - stretch.start_s if first else None)
    return delays


def calm_haste_cards(calm: list[Clip]) -> int:
    builder = Builder()
    calm_speech(builder, calm, speech_s=480.0)
    _, shown = run(builder, Policy(), words=False)
    return sum(c.name == "haste" for c in shown)
