"""Generated, labelled coaching scenarios: precision and recall per cue.

    .venv/bin/python tests/benchmarks/bench_scenarios.py [--splits dev,held-out]
        [--paths words,prosody]

Everything is made here: Dutch agent speech from espeak-ng (three synthetic agents with
their own voice and calm tempo), sped up with sox `tempo` (pitch kept), silences and room
noise (-65 dBFS) laid in between. The words come from tests/scripted.py's ScriptedRecognizer
(the known text at the times the real prosody found, vosk-like utterances), so every rule
runs on the real engine, prosody and coach. Rule proposals are counted before the gate
(cooldowns would hide repeats); what the gate shows is reported for the calm sessions.
Each recording runs on two paths: "words" (the scripted recognizer, with partial words
during an utterance and final words after it, as vosk gives them) and "prosody" (no speech
model). Per path: precision and recall, and the detection delay of every proposal in stream
time, `t_s - evidence_end_s` (latency.py), per cue and overall (p50, p95).

Agents and sentences come in two splits: "dev" (agent A, sentence set dev) was used while
building the scenarios and looking for defects; "held-out" (agents B and C, sentence set
held-out, scenario_text.py) only for reporting.

Scenarios per agent:
- haste: a 3 minute calm warm-up (the baseline is learned), then 16 labelled stretches of
  20 s of speech, four each at 1.00× (calm), 1.15×, 1.25× and 1.35× the agent's tempo,
  each followed by 40 s of calm talk with a customer turn. A stretch is caught when a haste
  proposal's evidence (the start of the hasty stretch the rule saw) lies in it (or up to
  5 s after). Positives: 1.25× and 1.35×; 1.15× sits at the 1.15 threshold and is reported
  apart; haste evidence anywhere else is a false proposal.
- key-point pause: an amount, a date, a number and a key phrase, each said in one breath
  (positive) and after a 0.6 s pause (negative).
- missing acknowledgement: a 7 s customer turn (agent silent), then a reply that goes
  straight to the procedure (positive) or acknowledges first (negative); and a 3.5 s turn
  with a straight reply (negative: too short a turn).
- policy shield / blame: sentences with a listed phrase (positive for that cue), and near
  misses ("daar kan ik iets aan doen") that must give nothing.
- monologue: 50 s of talk with only short pauses (positive), and with a 2 s break every
  three or four sentences (negative).
- calm: a 10 minute session of calm, well-paused talk (customer turns answered with an
  acknowledgement, key points after a pause, breaks): no cue at all.
Every scenario is a negative for every cue it is not labelled with.
"""

import argparse
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import scenario_text as text  # noqa: E402
from latency import Delays, first_of_each_stretch  # noqa: E402

from desktop.audio.file_source import read_whole_file  # noqa: E402
from desktop.audio.source import SAMPLE_RATE_HZ  # noqa: E402
from desktop.coaching.coach import build_coach  # noqa: E402
from desktop.coaching.cue import CUE_NAMES, Cue  # noqa: E402
from desktop.coaching.settings import Policy  # noqa: E402
from desktop.engine import StreamAnalysis  # noqa: E402
from desktop.prosody.analyzer import analyze_samples  # noqa: E402

from scripted import ScriptedRecognizer, utterances_in  # noqa: E402

BLOCK = SAMPLE_RATE_HZ // 10
FACTORS = (1.0, 1.15, 1.25, 1.35)
HASTY = (1.25, 1.35)
LATE_S = 5.0


@dataclass(frozen=True)
class Agent:
    name: str
    voice: str
    rate_wpm: int
    split: str


AGENTS = (
    Agent("A", "nl", 165, "dev"),
    Agent("B", "nl+f3", 160, "held-out"),
    Agent("C", "nl+m3", 175, "held-out"),
)


class Voice:
    """Speaks sentences as an agent, cached: espeak-ng, trimmed, optionally sped up."""

    def __init__(self, agent: Agent, folder: Path) -> None:
        self._agent = agent
        self._folder = folder
        self._cache: dict[tuple[str, float], NDArray[np.int16]] = {}

    def say(self, sentence: str, factor: float = 1.0) -> NDArray[np.int16]:
        key = (sentence, factor)
        if key not in self._cache:
            stem = self._folder / f"{self._agent.name}-{len(self._cache)}"
            raw, plain = stem.with_suffix(".raw.wav"), stem.with_suffix(".wav")
            a = self._agent
            run(["espeak-ng", "-v", a.voice, "-s", str(a.rate_wpm), "-w", str(raw), sentence])
            trim = ["silence", "1", "0.01", "0.5%", "reverse", "silence", "1", "0.01", "0.5%"]
            rate = ["-r", str(SAMPLE_RATE_HZ), "-c", "1", "-b", "16"]
            tempo = ["tempo", "-s", f"{factor:g}"] if factor != 1.0 else []
            # -R: sox's dither repeatable, so that every run hears the very same audio.
            run(["sox", "-R", str(raw), *rate, str(plain), *trim, "reverse", *tempo])
            self._cache[key] = read_whole_file(plain)
        return self._cache[key]


def run(command: list[str]) -> None:
    subprocess.run(command, check=True, capture_output=True)


@dataclass
class Recording:
    """Speech and silences laid out, with what was said where."""

    name: str
    labels: frozenset[str] = frozenset()
    parts: list[NDArray[np.float64]] = field(default_factory=list)
    pieces: list[tuple[str, float, float]] = field(default_factory=list)
    t_s: float = 0.0
    stretches: list[tuple[float, float, float]] = field(default_factory=list)
    """(start_s, end_s, tempo factor) of labelled haste stretches."""

    def speak(self, samples: NDArray[np.int16], sentence: str, pause_s: float) -> None:
        seconds = len(samples) / SAMPLE_RATE_HZ
        self.parts.append(samples + noise(seconds))
        self.pieces.append((sentence, self.t_s, self.t_s + seconds))
        self.t_s += seconds
        self.wait(pause_s)

    def wait(self, seconds: float) -> None:
        self.parts.append(noise(seconds))
        self.t_s += seconds

    def audio(self) -> NDArray[np.int16]:
        return np.clip(np.concatenate(self.parts), -32768, 32767).astype(np.int16)


RNG = np.random.default_rng(11)


def noise(seconds: float) -> NDArray[np.float64]:
    return RNG.normal(0.0, 10 ** (-65 / 20) * 32768, int(round(seconds * SAMPLE_RATE_HZ)))


class Talk:
    """Calm talk of one agent: sentences in turn from its split's pool."""

    def __init__(self, voice: Voice, split: str) -> None:
        self.voice = voice
        self.split = split
        self._next = 0

    def sentence(self) -> str:
        pool = text.CALM[self.split]
        self._next += 1
        return pool[(self._next - 1) % len(pool)]

    def calm(self, rec: Recording, sentences: int) -> None:
        """A few sentences with short pauses, then a breath of 1.8 s."""
        for i in range(sentences):
            pause_s = 1.8 if i == sentences - 1 else float(RNG.uniform(0.5, 0.9))
            said = self.sentence()
            rec.speak(self.voice.say(said), said, pause_s)

    def turn(self, rec: Recording, seconds: float, reply: str) -> None:
        """The customer talks (the agent is silent), then the agent replies."""
        rec.wait(seconds - 1.8)  # the breath before counts as part of the turn
        rec.speak(self.voice.say(reply), reply, float(RNG.uniform(0.5, 0.9)))

    def key_point(self, rec: Recording, k: int, pause_s: float) -> None:
        _, lead, item = text.KEY_POINTS[self.split][k % len(text.KEY_POINTS[self.split])]
        rec.speak(self.voice.say(lead), lead, pause_s)
        rec.speak(self.voice.say(item), item, 1.8)

    def acknowledgement(self, k: int) -> str:
        pool = text.ACKNOWLEDGING[self.split]
        return pool[k % len(pool)]


def calm_call(talk: Talk, rec: Recording, k: int) -> None:
    """About 40 s of calm, well-paused talk: explanation, customer turn, acknowledging
    reply, a key point after a pause."""
    talk.calm(rec, 3)
    talk.turn(rec, float(RNG.uniform(6.0, 9.0)), talk.acknowledgement(k))
    talk.calm(rec, 2)
    if k % 2 == 0:
        talk.key_point(rec, k // 2, pause_s=0.7)


def haste_session(talk: Talk, agent: Agent) -> Recording:
    rec = Recording(f"haste-{agent.name}")
    rec.wait(1.0)
    k = 0
    while rec.t_s < 200.0:
        calm_call(talk, rec, k)
        k += 1
    order = [f for _ in range(4) for f in FACTORS]
    RNG.shuffle(order)
    for factor in order:
        start_s, spoken_s = rec.t_s, 0.0
        while spoken_s < 20.0:
            said = talk.sentence()
            samples = talk.voice.say(said, factor)
            rec.speak(samples, said, float(RNG.uniform(0.3, 0.5)))
            spoken_s += len(samples) / SAMPLE_RATE_HZ
        rec.stretches.append((start_s, rec.t_s, factor))
        rec.wait(1.5)
        calm_call(talk, rec, k)
        k += 1
    return rec


def short_scenarios(talk: Talk, agent: Agent) -> list[Recording]:
    out = []

    def start(name: str, *labels: str) -> Recording:
        rec = Recording(f"{name}-{agent.name}", frozenset(labels))
        rec.wait(1.0)
        talk.calm(rec, 2)
        out.append(rec)
        return rec

    for k, (kind, _, _) in enumerate(text.KEY_POINTS[talk.split]):
        talk.key_point(start(f"key point {kind}, one breath", "key_pause"), k, pause_s=0.0)
        talk.key_point(start(f"key point {kind}, paused"), k, pause_s=0.6)
    for k, reply in enumerate(text.STRAIGHT_TO_PROCEDURE[talk.split]):
        talk.turn(start("customer turn, straight reply", "acknowledgement"), 7.0, reply)
        talk.calm(out[-1], 2)
        ack = talk.acknowledgement(k)
        rec = start("customer turn, acknowledged")
        talk.turn(rec, 7.0, ack)
        rec.speak(talk.voice.say(reply), reply, 0.7)
        talk.calm(rec, 1)
    reply = text.STRAIGHT_TO_PROCEDURE[talk.split][0]
    talk.turn(start("short customer turn, straight reply"), 3.5, reply)
    for cue, sentence in text.PHRASES[talk.split]:
        rec = start(f"phrase {cue or 'near miss'}", *([cue] if cue else []))
        rec.speak(talk.voice.say(sentence), sentence, 0.8)
        talk.calm(rec, 1)
    for breaks, labels in ((False, ("monologue",)), (True, ())):
        rec = start("monologue" if not breaks else "long talk with breaks", *labels)
        first_s = rec.t_s
        i = 0
        while rec.t_s - first_s < 55.0:
            said = talk.sentence()
            pause_s = 2.0 if breaks and i % 4 == 3 else float(RNG.uniform(0.4, 0.9))
            rec.speak(talk.voice.say(said), said, pause_s)
            i += 1
    for rec in out:
        rec.wait(2.0)
    return out


def calm_session(talk: Talk, agent: Agent) -> Recording:
    rec = Recording(f"calm-{agent.name}")
    rec.wait(1.0)
    k = 0
    while rec.t_s < 600.0:
        calm_call(talk, rec, k)
        k += 1
    return rec


PATHS = ("words", "prosody")
"""words: the scripted recognizer (partial and final words, as vosk gives them); prosody:
no speech model (haste counts acoustic nuclei, word cues are off)."""


def coach_run(rec: Recording, path: str) -> tuple[list[Cue], list[Cue]]:
    """(rule proposals before the gate, cues shown) with the default policy."""
    audio = rec.audio()
    recognizer = None
    if path == "words":
        events, _ = analyze_samples(audio, SAMPLE_RATE_HZ)
        recognizer = ScriptedRecognizer(utterances_in(events, rec.pieces, rec.name))
    coach = build_coach(Policy())
    name = "scripted" if recognizer else "none"
    analysis = StreamAnalysis(rec.name, recognizer, name, coach=coach)  # type: ignore[arg-type]
    shown: list[Cue] = []
    for i in range(0, len(audio), BLOCK):
        shown += [e for e in analysis.feed(audio[i : i + BLOCK]) if isinstance(e, Cue)]
    shown += [e for e in analysis.finish() if isinstance(e, Cue)]
    return sorted(shown + [h.cue for h in coach.held], key=lambda c: c.t_s), shown


@dataclass
class Tally:
    tp: int = 0
    fn: int = 0
    fp: int = 0

    def row(self) -> str:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else float("nan")
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else float("nan")
        return (
            f"{self.tp + self.fn:9d} {self.tp:4d} {self.fn:4d} {self.fp:4d}"
            f"   {100 * precision:9.0f} % {100 * recall:6.0f} %"
        )


@dataclass
class Score:
    """Everything counted for one split over one path."""

    tallies: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    recall: dict[float, list[int]] = field(default_factory=lambda: defaultdict(list))
    misses: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    delays: Delays = field(default_factory=Delays)

    def print(self, split: str, path: str) -> None:
        print(f"== split {split}, path {path}")
        print("\n".join(self.notes))
        print(f"  {'cue':16s} positives   TP   FN   FP   precision   recall")
        for name in CUE_NAMES:
            if name != "fillers":
                print(f"  {name:16s} {self.tallies[name].row()}")
        for factor in FACTORS:
            hits = self.recall[factor]
            what = "false haste" if factor == 1.0 else "recall"
            print(
                f"  haste stretches at {factor:.2f}×: {what} {sum(hits)}/{len(hits)}"
                f" = {100 * sum(hits) / len(hits):.0f} %"
            )
        print("  detection delay t_s - evidence_end_s of every proposal (stream time)")
        print("\n".join(self.delays.table()))
        for miss in self.misses:
            print(f"  - {miss}")


def score_instances(rec: Recording, proposals: list[Cue], score: Score) -> None:
    fired = {c.name for c in proposals}
    for name in CUE_NAMES:
        tally = score.tallies[name]
        if name in rec.labels:
            tally.tp += name in fired
            tally.fn += name not in fired
        elif name in fired:
            tally.fp += 1
    if fired != set(rec.labels):
        score.misses.append(f"{rec.name}: expected {sorted(rec.labels)}, proposed {sorted(fired)}")


def score_haste(rec: Recording, proposals: list[Cue], score: Score) -> None:
    tallies, misses = score.tallies, score.misses
    haste = [c for c in proposals if c.name == "haste"]
    evidence = sorted({c.evidence_t_s for c in haste})
    caught = [s for s in rec.stretches if any(s[0] <= t <= s[1] + LATE_S for t in evidence)]
    for start_s, end_s, factor in rec.stretches:
        hit = (start_s, end_s, factor) in caught
        score.recall[factor].append(int(hit))
        if factor in HASTY:
            tallies["haste"].tp += hit
            tallies["haste"].fn += not hit
        elif hit and factor == 1.0:
            tallies["haste"].fp += 1
            misses.append(f"{rec.name}: haste on the calm stretch at {start_s:.0f} s")
        if not hit and factor != 1.0:
            misses.append(f"{rec.name}: {factor}× stretch at {start_s:.0f} s missed")
    for t in evidence:
        if not any(s[0] <= t <= s[1] + LATE_S for s in rec.stretches):
            tallies["haste"].fp += 1
            misses.append(f"{rec.name}: haste evidence at {t:.0f} s outside the stretches")
    delays = [c.t_s - c.evidence_t_s for c in haste]
    first = [c.t_s - c.evidence_t_s for c in first_of_each_stretch(haste)]
    if delays:
        score.notes.append(
            f"  {rec.name}: haste proposed {np.median(delays):.1f} s (median) after its start,"
            f" the first of each stretch {np.median(first):.1f} s"
        )
    for name in sorted({c.name for c in proposals} - {"haste"}):
        tallies[name].fp += 1
        misses.append(f"{rec.name}: unexpected {name}")


def score_calm(rec: Recording, path: str, score: Score) -> None:
    proposals, shown = coach_run(rec, path)
    score.delays.add(proposals)
    for cue in proposals:
        score.tallies[cue.name].fp += 1
        score.misses.append(f"{rec.name}: {cue.name} at {cue.t_s:.0f} s")
    score.notes.append(
        f"  {rec.name}: {rec.t_s / 60:.1f} min calm session: "
        f"{len(proposals)} proposals, {len(shown)} cues shown"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--splits", default="dev,held-out")
    parser.add_argument("--paths", default=",".join(PATHS), help="words, prosody or both")
    args = parser.parse_args()
    paths = args.paths.split(",")
    overall = {path: Delays() for path in paths}
    with tempfile.TemporaryDirectory() as folder:
        for split in args.splits.split(","):
            scores = {path: Score() for path in paths}
            for agent in (a for a in AGENTS if a.split == split):
                talk = Talk(Voice(agent, Path(folder)), split)
                # Made in this order (the noise comes from one generator), run on each path.
                rec = haste_session(talk, agent)
                for path in paths:
                    proposals, _ = coach_run(rec, path)
                    scores[path].delays.add(proposals)
                    score_haste(rec, proposals, scores[path])
                for rec in short_scenarios(talk, agent):
                    for path in paths:
                        proposals, _ = coach_run(rec, path)
                        scores[path].delays.add(proposals)
                        score_instances(rec, proposals, scores[path])
                rec = calm_session(talk, agent)
                for path in paths:
                    score_calm(rec, path, scores[path])
            for path in paths:
                scores[path].print(split, path)
                overall[path].extend(scores[path].delays)
    for path in paths:
        print(f"== all splits, path {path}: detection delay t_s - evidence_end_s (stream time)")
        print("\n".join(overall[path].table()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
