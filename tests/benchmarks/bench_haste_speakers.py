"""Haste timing per speaker without a speech model (part of bench_speakers.py --haste).

For a speaker's clips (looped), built with bench_cues.Builder (room noise, 0.5-1.0 s pauses, a
6 s customer turn after every five sentences): 3 minutes of calm speech to learn the baseline,
then 5 stretches of 20 s of speech at 1.8x (sox tempo, pitch kept; 0.3-0.6 s pauses), each
followed by 40 s of calm speech. Reported: the delay from each stretch's start to the first
haste card the gate shows (stream time; goal <= 15 s), and the haste cards shown in 10
minutes of calm speech of the same speaker (goal 0). Per condition (clean, telephone band).
"""

import argparse
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from bench_cues import BLOCK, Builder, Clip, Stretch, calm_speech
from numpy.typing import NDArray

from desktop.audio.file_source import read_whole_file
from desktop.audio.source import SAMPLE_RATE_HZ
from desktop.coaching.coach import TempoReading, build_coach
from desktop.coaching.cue import Cue
from desktop.coaching.settings import HasteSettings, Policy
from desktop.coaching.tempo_events import TempoEvent, TempoMeasured
from desktop.engine import StreamAnalysis
from desktop.events import EngineEvent
from desktop.prosody.analyzer import ProsodySettings, SyllableNucleus

HASTE_SPEAKERS = ("voxforge-Eelco", "rhasspy-nathalie", "espeak nl+m3", "espeak nl+f2")
HASTE_FACTOR = 1.8


def load(path: Path, syllables: int, clean: Path) -> Clip:
    """The clip's speech (see `speech_only`), cut to a length whose seconds times the rate
    give back its samples, as bench_cues.Builder.say assumes (int(n / rate * rate) can be
    n - 1). No words are recognised here, so its text holds the truth for --haste-trace: the
    transcript's syllables and the seconds of speech they span, both taken from the `clean`
    version of the clip (the telephone band moves the energy-trimmed span of a clip with its
    own mic noise, as Eelco's, by up to half a second)."""
    samples = speech_only(read_whole_file(path))
    n = len(samples)
    while int(n / SAMPLE_RATE_HZ * SAMPLE_RATE_HZ) != n:
        n -= 1
    span_s = len(speech_only(read_whole_file(clean))) / SAMPLE_RATE_HZ - 0.2
    return Clip(samples[:n], f"{syllables} {span_s:.3f} {path.stem.split('.')[0]}")


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


@dataclass
class Trace:
    """What the tempo meter measured (every TempoMeasured) and the haste threshold in force
    (from the coach's TempoReadings), for --haste-trace."""

    measured: list[TempoMeasured] = field(default_factory=list)
    thresholds: list[tuple[float, float]] = field(default_factory=list)
    """(stream time, threshold syll/s)."""
    nuclei_s: list[float] = field(default_factory=list)

    def threshold_at(self, t_s: float) -> float:
        before = [th for at_s, th in self.thresholds if at_s <= t_s]
        return before[-1] if before else float("nan")


def run(
    builder: Builder, settings: ProsodySettings, trace: Trace | None = None
) -> tuple[list[Cue], list[Cue]]:
    """(rule proposals before the gate, cards shown): bench_cues.run without words, with the
    prosody settings of this run; `trace` collects the meter's measurements."""
    audio = builder.audio()
    coach = build_coach(Policy())
    if trace is not None:
        meter = coach._meter  # noqa: SLF001 (a benchmark's look inside)
        observe = meter.observe

        def recording(event: EngineEvent, call_start_s: float) -> list[TempoEvent]:
            out = observe(event, call_start_s)
            if isinstance(event, SyllableNucleus):
                trace.nuclei_s.append(event.t_s)
            trace.measured += [e for e in out if isinstance(e, TempoMeasured)]
            return out

        meter.observe = recording  # type: ignore[method-assign]
    analysis = StreamAnalysis("bench", settings=settings, coach=coach)
    shown: list[Cue] = []
    for i in range(0, len(audio), BLOCK):
        events = analysis.feed(audio[i : i + BLOCK])
        shown += [e for e in events if isinstance(e, Cue)]
        if trace is not None:
            trace.thresholds += [
                (e.t_s, e.hasty_above_syl_s) for e in events if isinstance(e, TempoReading)
            ]
    shown += [e for e in analysis.finish() if isinstance(e, Cue)]
    proposed = sorted(shown + [h.cue for h in coach.held], key=lambda c: c.t_s)
    return proposed, shown


def true_speech(builder: Builder) -> list[tuple[float, float, float]]:
    """(start_s, end_s, syllables) of each spoken clip's speech: the clean clip's
    energy-trimmed span (as rate_reference's: within 30 dB of its 0.99 level quantile, which
    `speech_only` keeps with 100 ms either side), centred on the clip as laid out, with the
    transcript's syllables (both from the clip's text, see `load`)."""
    out = []
    for text, a, b in builder.pieces:
        syllables, span_s = (float(x) for x in text.split()[:2])
        middle_s, half_s = (a + b) / 2, min(span_s, b - a) / 2
        out.append((middle_s - half_s, middle_s + half_s, syllables))
    return out


def true_rate(speech: list[tuple[float, float, float]], end_s: float, window_s: float) -> float:
    """The TRUE articulation rate over the last `window_s` s of speech up to `end_s`, as the
    tempo meter's window: transcript syllables spread evenly over each clip's speech."""
    need_s = window_s
    syllables = 0.0
    for start_s, stop_s, count in reversed(speech):
        if start_s >= end_s:
            continue
        stop = min(stop_s, end_s)
        take_s = min(stop - start_s, need_s)
        syllables += count * take_s / (stop_s - start_s)
        need_s -= take_s
        if need_s <= 1e-9:
            break
    return syllables / window_s


def first_perfect_card(
    trace: Trace, speech: list[tuple[float, float, float]], from_s: float, to_s: float
) -> float | None:
    """When the haste rule (threshold as the run had it, 8 s window, 4 s of speech sustained)
    would have proposed if the meter had read the true rate at each of its measurements."""
    settings = HasteSettings()
    stretch_clock: float | None = None
    for m in trace.measured:
        if not from_s <= m.end_s <= to_s:
            continue
        if true_rate(speech, m.end_s, settings.window_s) <= trace.threshold_at(m.t_s):
            stretch_clock = None
            continue
        if stretch_clock is None:
            stretch_clock = m.speech_clock_s
        if m.speech_clock_s - stretch_clock >= settings.sustain_s:
            return m.t_s
    return None


def print_stretch_trace(
    trace: Trace, speech: list[tuple[float, float, float]], start_s: float, end_s: float
) -> None:
    """Meter rate and true rate every 0.5 s over the first hasty stretch."""
    window_s = HasteSettings().window_s
    print(
        f"    first 1.8x stretch {start_s:.1f}-{end_s:.1f} s:"
        " time from start, meter, true, threshold"
    )
    next_s = start_s
    for m in trace.measured:
        if m.end_s < next_s or m.end_s > end_s + 5.0:
            continue
        next_s = m.end_s + 0.5
        truth = true_rate(speech, m.end_s, window_s)
        th = trace.threshold_at(m.t_s)
        print(
            f"    {m.end_s - start_s:5.1f} s  meter {m.rate_syl_s:4.2f}  true {truth:4.2f}"
            f"  threshold {th:4.2f}"
        )
    perfect = first_perfect_card(trace, speech, start_s, end_s + 5.0)
    text = "none" if perfect is None else f"{perfect - start_s:.1f} s"
    print(f"    a perfect count's first proposal: {text} after the stretch start")


def print_card_truth(
    cards: list[Cue],
    trace: Trace,
    speech: list[tuple[float, float, float]],
    pieces: list[tuple[str, float, float]],
) -> None:
    """For each haste card: the meter's rate and the threshold it used, and the true rate over
    the same window of speech, at the card and over the 4 s of speech it was sustained."""
    window_s = HasteSettings().window_s
    for cue in cards:
        e = cue.evidence
        end_s = cue.evidence_end_s if cue.evidence_end_s is not None else cue.t_s
        sustained = [m for m in trace.measured if cue.evidence_t_s <= m.end_s <= end_s]
        truths = [true_rate(speech, m.end_s, window_s) for m in sustained]
        meters = [m.rate_syl_s for m in sustained]
        print(
            f"    card at {cue.t_s:.1f} s: meter {e['rate_syl_s']} vs threshold"
            f" {e['threshold_syl_s']} (baseline {e['baseline_syl_s']}); TRUE rate at the card"
            f" {true_rate(speech, end_s, window_s):.2f}; over the sustain"
            f" {cue.evidence_t_s:.1f}-{end_s:.1f} s meter {min(meters):.2f}-{max(meters):.2f},"
            f" true {min(truths):.2f}-{max(truths):.2f}"
        )
        for (a, b, n), (text, start_s, stop_s) in zip(speech, pieces, strict=True):
            if b > end_s - 16.0 and a < end_s:
                nuclei = sum(start_s <= t < stop_s for t in trace.nuclei_s)
                print(
                    f"      clip {text.split()[2]} at {a:.1f}-{b:.1f} s: {n:.0f} syllables,"
                    f" {nuclei} nuclei, true {n / (b - a):.2f} syll/s"
                )


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

            calm = [
                load(
                    variant(args.cache, c.path, 1.0, condition),
                    c.syllables,
                    variant(args.cache, c.path, 1.0, "clean"),
                )
                for c in own
            ]
            fast = [
                load(
                    variant(args.cache, c.path, HASTE_FACTOR, condition),
                    c.syllables,
                    variant(args.cache, c.path, HASTE_FACTOR, "clean"),
                )
                for c in own
            ]
            card_s, delays = haste_delays(calm, fast, args.settings, args.haste_trace)
            calm_cards = calm_haste_cards(calm, args.settings, args.haste_trace)
            card = "none" if card_s is None else f"{card_s:.1f}"
            text = " ".join("miss" if d is None else f"{d:.1f}" for d in delays)
            print(f"{speaker[:24]:24s} {card:>10s}   {text:36s} {calm_cards}")


def haste_delays(
    calm: list[Clip], fast: list[Clip], settings: ProsodySettings, show_trace: bool = False
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
    trace = Trace() if show_trace else None
    proposed, shown = run(builder, settings, trace)
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
    if trace is not None:
        print_stretch_trace(trace, true_speech(builder), first_stretch.start_s, first_stretch.end_s)
    return card_s, delays


def calm_haste_cards(calm: list[Clip], settings: ProsodySettings, show_trace: bool = False) -> int:
    builder = Builder()
    calm_speech(builder, calm, speech_s=480.0)
    trace = Trace() if show_trace else None
    _, shown = run(builder, settings, trace)
    cards = [c for c in shown if c.name == "haste"]
    if trace is not None and cards:
        print_card_truth(cards, trace, true_speech(builder), builder.pieces)
    return len(cards)
