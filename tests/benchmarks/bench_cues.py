"""Cue benchmark on real Dutch speech: precision and recall of the prosody-driven cues.

    .venv/bin/python tests/benchmarks/bench_cues.py [--corpus ../shared/corpus]
        [--words none|transcripts|both]

Run twice by default: without a speech model (syllables from acoustic nuclei) and with the
corpus transcripts standing in for a perfect recogniser (tests/scripted.py: each stretch of
speech without a pause of 0.5 s is one utterance, final 0.5 s after it, its words spread over
the speech the prosody found), so that haste counts the syllables of the words.

Scenarios are built from the corpus's real recorded Dutch sentences (nathalie clips), with
pauses between sentences and customer turns (agent silence) in between, and room noise:
- calm: 10 minutes at the speaker's own tempo, well paused. Target: no cue at all.
- hasty stretches: the agent's baseline is learned from 3 minutes of calm speech, then
  stretches of 20 s of speech sped up (sox tempo, pitch kept) alternate with 40 s of calm
  speech. Recall = stretches with a haste proposal whose evidence (the start of the hasty
  stretch the rule saw) lies in them (or within 5 s after); false = haste proposals whose
  evidence lies outside. Reported for several speed-ups; the target is ≥ 90 %
  recall at 1.25×.
Rule proposals are counted before the gate (the gate's cooldowns would otherwise cap the
count); what the gate shows is reported too.
"""

import argparse
import csv
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.audio.file_source import read_whole_file  # noqa: E402
from desktop.audio.source import SAMPLE_RATE_HZ  # noqa: E402
from desktop.coaching.coach import build_coach  # noqa: E402
from desktop.coaching.cue import Cue  # noqa: E402
from desktop.coaching.settings import Policy  # noqa: E402
from desktop.engine import StreamAnalysis  # noqa: E402
from desktop.prosody.analyzer import analyze_samples  # noqa: E402

from scripted import ScriptedRecognizer, utterances_in  # noqa: E402

BLOCK = SAMPLE_RATE_HZ // 10
RNG = np.random.default_rng(7)


@dataclass(frozen=True)
class Stretch:
    start_s: float
    end_s: float


@dataclass(frozen=True)
class Clip:
    samples: NDArray[np.int16]
    text: str


def noise(seconds: float) -> NDArray[np.float64]:
    return RNG.normal(0.0, 10 ** (-65 / 20) * 32768, int(seconds * SAMPLE_RATE_HZ))


def tempo(clip: Path, text: str, factor: float, folder: Path) -> Clip:
    out = folder / f"{clip.stem}-{factor:.2f}.wav"
    if not out.exists():
        # -R: sox's dither repeatable, so that every run hears the very same audio.
        command = ["sox", "-R", str(clip), str(out), "tempo", "-s", f"{factor:.2f}"]
        subprocess.run(command, check=True)
    return Clip(read_whole_file(out), text)


class Builder:
    """Lays out speech and silences, remembering where the hasty stretches are."""

    def __init__(self) -> None:
        self.parts: list[NDArray[np.float64]] = [noise(1.0)]
        self.t_s = 1.0
        self.stretches: list[Stretch] = []
        self.pieces: list[tuple[str, float, float]] = []

    def say(self, clip: Clip, pause_s: float) -> None:
        seconds = len(clip.samples) / SAMPLE_RATE_HZ
        self.parts.append(clip.samples.astype(np.float64) + noise(seconds))
        self.parts.append(noise(pause_s))
        self.pieces.append((clip.text, self.t_s, self.t_s + seconds))
        self.t_s += seconds + pause_s

    def audio(self) -> NDArray[np.int16]:
        return np.clip(np.concatenate(self.parts), -32768, 32767).astype(np.int16)


def calm_speech(builder: Builder, clips: list[Clip], speech_s: float) -> None:
    """Sentences with 0.5–1.0 s pauses, and a 6 s customer turn after every 5 sentences."""
    spoken_s = 0.0
    i = 0
    while spoken_s < speech_s:
        clip = clips[i % len(clips)]
        pause_s = 6.0 if i % 5 == 4 else float(RNG.uniform(0.5, 1.0))
        builder.say(clip, pause_s)
        spoken_s += len(clip.samples) / SAMPLE_RATE_HZ
        i += 1


def run(builder: Builder, policy: Policy, words: bool) -> tuple[list[Cue], list[Cue]]:
    audio = builder.audio()
    coach = build_coach(policy)
    recognizer = None
    if words:
        events, _ = analyze_samples(audio, SAMPLE_RATE_HZ)
        recognizer = ScriptedRecognizer(utterances_in(events, builder.pieces))
    analysis = StreamAnalysis("bench", recognizer, "scripted", coach=coach)  # type: ignore[arg-type]
    shown: list[Cue] = []
    for i in range(0, len(audio), BLOCK):
        shown += [e for e in analysis.feed(audio[i : i + BLOCK]) if isinstance(e, Cue)]
    shown += [e for e in analysis.finish() if isinstance(e, Cue)]
    proposed = sorted(shown + [h.cue for h in coach.held], key=lambda c: c.t_s)
    return proposed, shown


def calm_scenario(clips: list[Clip], words: bool) -> None:
    builder = Builder()
    calm_speech(builder, clips, speech_s=480.0)
    proposed, shown = run(builder, Policy(), words)
    minutes = builder.t_s / 60
    names = sorted({c.name for c in proposed})
    print(f"calm, well-paused speech: {minutes:.1f} min of audio")
    print(f"  cues shown: {len(shown)}   proposals before the gate: {len(proposed)} {names}")
    for cue in (c for c in proposed if c.name == "haste"):
        e = cue.evidence
        print(
            f"  haste at {cue.t_s:.0f} s: {e['rate_syl_s']} syll/s over {e['window_s']} s"
            f" vs threshold {e['threshold_syl_s']} (baseline {e['baseline_syl_s']})"
        )


def haste_scenario(
    clips: list[Clip], clip_paths: list[Path], factor: float, folder: Path, words: bool
) -> None:
    builder = Builder()
    calm_speech(builder, clips, speech_s=180.0)
    fast = [tempo(p, c.text, factor, folder) for p, c in zip(clip_paths, clips, strict=True)]
    k = 0
    for _ in range(10):
        start_s = builder.t_s
        spoken_s = 0.0
        while spoken_s < 20.0:
            clip = fast[k % len(fast)]
            builder.say(clip, float(RNG.uniform(0.3, 0.6)))
            spoken_s += len(clip.samples) / SAMPLE_RATE_HZ
            k += 1
        builder.stretches.append(Stretch(start_s, builder.t_s))
        calm_speech(builder, clips[k % len(clips) :] + clips, speech_s=40.0)
    proposed, shown = run(builder, Policy(), words)
    haste = [c for c in proposed if c.name == "haste"]

    def inside(cue: Cue, s: Stretch) -> bool:
        # The evidence (where the hasty stretch the rule saw began), not the decision time:
        # with words, the decision waits for the utterance's final result.
        return s.start_s <= cue.evidence_t_s <= s.end_s + 5.0

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
    parser.add_argument("--words", choices=("none", "transcripts", "both"), default="both")
    args = parser.parse_args()
    clip_paths = sorted(args.corpus.glob("nl_nathalie_*.wav"))
    if not clip_paths:
        print(f"no nl_nathalie_*.wav clips in {args.corpus}; pass --corpus DIR", file=sys.stderr)
        return 2
    texts = {
        r["file"]: r["transcript"] for r in csv.DictReader((args.corpus / "manifest.csv").open())
    }
    clips = [Clip(read_whole_file(p), texts[p.name]) for p in clip_paths]
    modes = {"none": [False], "transcripts": [True], "both": [False, True]}[args.words]
    with tempfile.TemporaryDirectory() as folder:
        for words in modes:
            label = "transcripts as recognised words" if words else "no speech model (nuclei)"
            print(f"== {label}")
            calm_scenario(clips, words)
            for factor in (1.15, 1.25, 1.35):
                haste_scenario(clips, clip_paths, factor, Path(folder), words)
    return 0


if __name__ == "__main__":
    sys.exit(main())
