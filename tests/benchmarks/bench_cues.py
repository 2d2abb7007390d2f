"""Cue benchmark on real Dutch speech: precision and recall of the prosody-driven cues.

    .venv/bin/python tests/benchmarks/bench_cues.py [--corpus ../shared/corpus]

Scenarios are built from the corpus's real recorded Dutch sentences (nathalie clips), with
pauses between sentences and customer turns (agent silence) in between, and room noise:
- calm: 10 minutes at the speaker's own tempo, well paused. Target: no cue at all.
- hasty stretches: the agent's baseline is learned from 3 minutes of calm speech, then
  stretches of 20 s of speech sped up (sox tempo, pitch kept) alternate with 40 s of calm
  speech. Recall = stretches with a haste proposal during them (or within 5 s after);
  false = haste proposals outside. Reported for several speed-ups; the target is ≥ 90 %
  recall at 1.25×.
Rule proposals are counted before the gate (the gate's cooldowns would otherwise cap the
count); what the gate shows is reported too.
"""

import argparse
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from desktop.audio.file_source import read_whole_file
from desktop.audio.source import SAMPLE_RATE_HZ
from desktop.coaching.coach import build_coach
from desktop.coaching.cue import Cue
from desktop.coaching.settings import Policy
from desktop.engine import StreamAnalysis

BLOCK = SAMPLE_RATE_HZ // 10
RNG = np.random.default_rng(7)


@dataclass(frozen=True)
class Stretch:
    start_s: float
    end_s: float


def noise(seconds: float) -> NDArray[np.float64]:
    return RNG.normal(0.0, 10 ** (-65 / 20) * 32768, int(seconds * SAMPLE_RATE_HZ))


def tempo(clip: Path, factor: float, folder: Path) -> NDArray[np.int16]:
    out = folder / f"{clip.stem}-{factor:.2f}.wav"
    if not out.exists():
        subprocess.run(["sox", str(clip), str(out), "tempo", "-s", f"{factor:.2f}"], check=True)
    return read_whole_file(out)


class Builder:
    """Lays out speech and silences, remembering where the hasty stretches are."""

    def __init__(self) -> None:
        self.parts: list[NDArray[np.float64]] = [noise(1.0)]
        self.t_s = 1.0
        self.stretches: list[Stretch] = []

    def say(self, samples: NDArray[np.int16], pause_s: float) -> None:
        self.parts.append(samples.astype(np.float64) + noise(len(samples) / SAMPLE_RATE_HZ))
        self.parts.append(noise(pause_s))
        self.t_s += len(samples) / SAMPLE_RATE_HZ + pause_s

    def audio(self) -> NDArray[np.int16]:
        return np.clip(np.concatenate(self.parts), -32768, 32767).astype(np.int16)


def calm_speech(builder: Builder, clips: list[NDArray[np.int16]], speech_s: float) -> None:
    """Sentences with 0.5–1.0 s pauses, and a 6 s customer turn after every 5 sentences."""
    spoken_s = 0.0
    i = 0
    while spoken_s < speech_s:
        clip = clips[i % len(clips)]
        pause_s = 6.0 if i % 5 == 4 else float(RNG.uniform(0.5, 1.0))
        builder.say(clip, pause_s)
        spoken_s += len(clip) / SAMPLE_RATE_HZ
        i += 1


def run(audio: NDArray[np.int16], policy: Policy) -> tuple[list[Cue], list[Cue]]:
    coach = build_coach(policy)
    analysis = StreamAnalysis("bench", coach=coach)
    shown: list[Cue] = []
    for i in range(0, len(audio), BLOCK):
        shown += [e for e in analysis.feed(audio[i : i + BLOCK]) if isinstance(e, Cue)]
    shown += [e for e in analysis.finish() if isinstance(e, Cue)]
    proposed = sorted(shown + [h.cue for h in coach.held], key=lambda c: c.t_s)
    return proposed, shown


def calm_scenario(clips: list[NDArray[np.int16]]) -> None:
    builder = Builder()
    calm_speech(builder, clips, speech_s=480.0)
    audio = builder.audio()
    proposed, shown = run(audio, Policy())
    minutes = len(audio) / SAMPLE_RATE_HZ / 60
    names = sorted({c.name for c in proposed})
    print(f"calm, well-paused speech: {minutes:.1f} min of audio")
    print(f"  cues shown: {len(shown)}   proposals before the gate: {len(proposed)} {names}")


def haste_scenario(
    clips: list[NDArray[np.int16]], clip_paths: list[Path], factor: float, folder: Path
) -> None:
    builder = Builder()
    calm_speech(builder, clips, speech_s=180.0)
    fast = [tempo(p, factor, folder) for p in clip_paths]
    k = 0
    for _ in range(10):
        start_s = builder.t_s
        spoken_s = 0.0
        while spoken_s < 20.0:
            clip = fast[k % len(fast)]
            builder.say(clip, float(RNG.uniform(0.3, 0.6)))
            spoken_s += len(clip) / SAMPLE_RATE_HZ
            k += 1
        builder.stretches.append(Stretch(start_s, builder.t_s))
        calm_speech(builder, clips[k % len(clips) :] + clips, speech_s=40.0)
    proposed, shown = run(builder.audio(), Policy())
    haste = [c for c in proposed if c.name == "haste"]

    def inside(cue: Cue, s: Stretch) -> bool:
        return s.start_s <= cue.t_s <= s.end_s + 5.0

    caught = sum(any(inside(c, s) for c in haste) for s in builder.stretches)
    false = [c for c in haste if not any(inside(c, s) for s in builder.stretches)]
    shown_haste = [c for c in shown if c.name == "haste"]
    rates = [float(c.evidence["rate_syl_s"]) for c in haste]
    baseline = {str(c.evidence["baseline_syl_s"]) for c in haste}
    print(f"hasty stretches at {factor:.2f}× tempo (10 stretches of 20 s after 3 min calm):")
    print(
        f"  recall {caught}/10 = {10 * caught:.0f} %   false haste proposals {len(false)}"
        f"   shown by the gate {len(shown_haste)}"
    )
    if rates:
        print(f"  measured rate {min(rates):.2f}–{max(rates):.2f} syll/s, baseline {baseline}")
    others = sorted({c.name for c in proposed if c.name != "haste"})
    print(f"  other proposals: {others or 'none'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    args = parser.parse_args()
    clip_paths = sorted(args.corpus.glob("nl_nathalie_*.wav"))
    if not clip_paths:
        print(f"no nl_nathalie_*.wav clips in {args.corpus}; pass --corpus DIR", file=sys.stderr)
        return 2
    clips = [read_whole_file(p) for p in clip_paths]
    calm_scenario(clips)
    with tempfile.TemporaryDirectory() as folder:
        for factor in (1.15, 1.25, 1.35):
            haste_scenario(clips, clip_paths, factor, Path(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
