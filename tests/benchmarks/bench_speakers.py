"""Acoustic syllable rate per speaker: the project's nuclei and a peer, side by side.

    .venv/bin/python tests/benchmarks/bench_speakers.py --corpus ../shared/corpus
        [--conditions clean,tel] [--factors 1.15,1.3,1.5,1.8] [--no-peer] [--haste [--haste-trace]]
        [--fixed-scale | --fast-above 9 --slow-below 5.5 --scale-exponent 3 --min-scale 0.7]
        [--speakers PREFIX,...] [--no-table] [--no-tempo] [--no-espeak] [--stream-tempo]

Speakers: every Dutch speaker of the corpus with a transcript (manifest `speaker`), and
espeak-ng voices (`nl`, `nl+m3`, `nl+f2`, ...) reading the scenario sentences at three rates
as extra speakers, those also with room echo and noise (`room`). Truth per clip: the
transcript's syllables (Dutch vowel groups, `rate_reference.truth_syllables`) over the
energy-trimmed speech span (`rate_reference.speech_span_s`), as in issue 12. Project: the
syllable nuclei of `analyze_samples` over the same span, so that the table compares counts;
the product's rate (nuclei over the analyzer's own speech span, against the truth over the
span without edge clicks) is printed beside it. Peer: the nuclei of De Jong & Wempe (2009) via
Praat (`rate_reference.peer_rate`), judged the same way as a count, cached in --cache (default
/tmp/bench_speakers) with the sox-made variants, since Praat is the slow part.

Per speaker and condition (`clean`; `tel`: 300-3400 Hz band-pass, 8 kHz and back, as a
telephone gives it): clips, mean absolute % error and mean % bias of the rate, for both.
Pooled Pearson r over the real Dutch clips. Tempo response: pooled nuclei per second of the
speaker's clips sped up with `sox tempo` (pitch kept) over the originals, as an exponent of
the factor (1.0 = follows exactly; the goal is >= 0.9). --haste adds the haste timing
without a model: calm speech of a speaker, then stretches at 1.8x (delay to the first card),
and 10 minutes of calm speech (cards shown); --haste-trace adds the meter's rate against the
true rate over the first fast stretch and at each calm card (bench_haste_speakers).
"""

import argparse
import copy
import csv
import hashlib
import json
import math
import re
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scenario_text import CALM  # noqa: E402

from desktop.audio.file_source import read_whole_file  # noqa: E402
from desktop.audio.source import SAMPLE_RATE_HZ  # noqa: E402
from desktop.prosody.analyzer import (  # noqa: E402
    ProsodyAnalyzer,
    ProsodySettings,
    SyllableNucleus,
    analyze_samples,
)
from desktop.prosody.syllables import DEFAULT_RATE_SCALING, RateScaling  # noqa: E402

ESPEAK_VOICES = ("nl", "nl+m3", "nl+m1", "nl+f2", "nl+f4")
ESPEAK_WPM = (135, 170, 210)
FACTORS = (1.15, 1.3, 1.5, 1.8)
SKIP_FILES = {"nl_forcedalignment2_eentweedrie.wav"}
"""Its transcript is alignment tags, not the words spoken."""


@dataclass(frozen=True)
class Clip:
    speaker: str
    path: Path
    syllables: int
    real: bool
    """Recorded speech of a person (not espeak-ng)."""


def load_reference(tools: Path) -> object:
    sys.path.insert(0, str(tools))
    import rate_reference

    return rate_reference


def sox(args: Iterable[str]) -> None:
    subprocess.run(["sox", "-R", *args], check=True, capture_output=True)


def cached(cache: Path, source: Path, tag: str, effects: list[str]) -> Path:
    """`source` through sox `effects`, made once into `cache` (sox -R: same audio every run)."""
    out = cache / f"{source.stem}.{tag}.wav"
    if not out.exists():
        fmt = ["-r", str(SAMPLE_RATE_HZ), "-c", "1", "-b", "16", "-e", "signed-integer"]
        sox([str(source), *fmt, str(out), *effects])
    return out


def variant(cache: Path, source: Path, factor: float, condition: str) -> Path:
    """`source` sped up by `factor` (sox tempo, pitch kept), then through `condition`."""
    if factor != 1.0:
        source = cached(cache, source, f"tempo{factor:g}", ["tempo", "-s", f"{factor:g}"])
    return cached(cache, source, condition, CONDITIONS[condition])


CONDITIONS = {
    "clean": [],
    "tel": ["sinc", "300-3400", "rate", "8000", "rate", str(SAMPLE_RATE_HZ)],
}


def corpus_clips(corpus: Path, ref: object) -> list[Clip]:
    clips = []
    for row in csv.DictReader((corpus / "manifest.csv").open(encoding="utf-8")):
        if row["language"] != "nl" or not row["transcript"] or row["file"] in SKIP_FILES:
            continue
        speaker = re.split(r"[ (]", row["speaker"])[0]
        if speaker == "FLEURS":
            speaker = f"fleurs-{row['file'].split('_')[-1][:4]}"
        count = ref.truth_syllables(row["transcript"], "nl")  # type: ignore[attr-defined]
        clips.append(Clip(speaker, corpus / row["file"], count, True))
    return clips


def espeak_clips(cache: Path, ref: object) -> list[Clip]:
    """Each voice reads 8 sentences (half of each sentence set) at each of ESPEAK_WPM;
    `room` copies add a small room's echo and noise 30 dB under the speech."""
    sentences = CALM["dev"][::3] + CALM["held-out"][::6]
    clips = []
    for voice in ESPEAK_VOICES:
        for wpm in ESPEAK_WPM:
            for k, text in enumerate(sentences):
                raw = cache / f"espeak_{voice.replace('+', '-')}_{wpm}_{k}.raw.wav"
                if not raw.exists():
                    subprocess.run(
                        ["espeak-ng", "-v", voice, "-s", str(wpm), "-w", str(raw), text],
                        check=True,
                    )
                count = ref.truth_syllables(text, "nl")  # type: ignore[attr-defined]
                clean = cached(cache, raw, "16k", [])
                clips.append(Clip(f"espeak {voice}", clean, count, False))
                room = cache / f"{clean.stem}.room.wav"
                if not room.exists():
                    with_echo = cached(
                        cache, clean, "echo", ["reverb", "40", "50", "60", "pad", "0.2", "0.2"]
                    )
                    noise = cache / f"{clean.stem}.noise.wav"
                    seconds = len(read_whole_file(with_echo)) / SAMPLE_RATE_HZ
                    sox(
                        [
                            "-n",
                            "-r",
                            str(SAMPLE_RATE_HZ),
                            "-c",
                            "1",
                            "-b",
                            "16",
                            str(noise),
                            "synth",
                            f"{seconds}",
                            "pinknoise",
                            "vol",
                            "0.01",
                        ]
                    )
                    sox(["-m", str(with_echo), str(noise), str(room)])
                clips.append(Clip(f"espeak {voice} room", room, count, False))
    return clips


class PeerCache:
    """Praat results by file content hash, kept in a JSON file between runs."""

    def __init__(self, path: Path, ref: object) -> None:
        self._path = path
        self._ref = ref
        self._data: dict[str, list[float]] = json.loads(path.read_text()) if path.exists() else {}
        self._dirty = 0

    def rate(self, clip: Path) -> tuple[int, float]:
        key = hashlib.sha1(clip.read_bytes()).hexdigest()
        if key not in self._data:
            nuclei, span = self._ref.peer_rate(str(clip))  # type: ignore[attr-defined]
            self._data[key] = [nuclei, span]
            self._dirty += 1
            if self._dirty % 50 == 0:
                self.save()
        nuclei, span = self._data[key]
        return int(nuclei), float(span)

    def save(self) -> None:
        self._path.write_text(json.dumps(self._data))


SETTINGS = ProsodySettings()
"""The analyzer's settings for this run (--fixed-scale turns the nucleus rate scaling off)."""


def project_count(path: Path) -> tuple[int, float]:
    """(nuclei, the analyzer's own speech span in seconds)."""
    _, summary = analyze_samples(read_whole_file(path), SAMPLE_RATE_HZ, SETTINGS)
    return summary.syllables, summary.speech_span_s


def click_free_span_s(path: Path) -> float:
    """The truth's energy-trimmed span without edge bursts: runs of frames above its
    threshold shorter than 100 ms and at least 300 ms away from the rest are clicks (the
    record button on a laptop mic), not speech."""
    x = read_whole_file(path).astype(np.float64) / 32768.0
    hop = SAMPLE_RATE_HZ // 100
    n = len(x) // hop
    level_db = 20 * np.log10(np.sqrt(np.mean(x[: n * hop].reshape(n, hop) ** 2, axis=1)) + 1e-9)
    above = np.flatnonzero(level_db > np.quantile(level_db, 0.99) - 30)
    if not len(above):
        return 0.0
    runs = np.split(above, np.flatnonzero(np.diff(above) > 30) + 1)
    while len(runs) > 1 and len(runs[0]) < 10:
        runs = runs[1:]
    while len(runs) > 1 and len(runs[-1]) < 10:
        runs = runs[:-1]
    return (runs[-1][-1] - runs[0][0] + 1) * 0.01


@dataclass
class Row:
    """One clip: syllables by the transcript, the project, the peer; spans in seconds."""

    truth: int
    project: int
    peer: int | None
    span_s: float
    """The truth's energy-trimmed span (rate_reference.speech_span_s)."""
    clean_span_s: float
    """The same without edge clicks (click_free_span_s)."""
    own_span_s: float
    """The analyzer's own speech span: what the product divides by."""


def errors(rows: list[Row], which: str) -> tuple[float, float]:
    """Mean absolute and mean signed relative error of a count (= of its rate over the
    common span), in %."""
    ratio = np.array([getattr(r, which) / r.truth for r in rows])
    return float(np.mean(np.abs(ratio - 1)) * 100), float(np.mean(ratio - 1) * 100)


def product_errors(rows: list[Row]) -> tuple[float, float]:
    """The same for the product's speech rate (its nuclei over its own span) against the
    truth over the click-free span."""
    ratio = np.array([(r.project / r.own_span_s) / (r.truth / r.clean_span_s) for r in rows])
    return float(np.mean(np.abs(ratio - 1)) * 100), float(np.mean(ratio - 1) * 100)


def pooled_r(rows: list[Row], which: str) -> float:
    est = np.array([getattr(r, which) / r.span_s for r in rows])
    return float(np.corrcoef(est, [r.truth / r.span_s for r in rows])[0, 1])


def table(clips: list[Clip], args: argparse.Namespace, ref: object, peer: PeerCache | None) -> None:
    for condition in args.conditions:
        print(
            f"\n== condition {condition}: syllable count error per speaker (= rate error "
            "over the truth's span); product rate = nuclei / own span vs truth / click-free span"
        )
        print(
            f"{'speaker':24s} clips  truth syl/s   count: MAE   bias    peer: MAE   bias"
            "    product rate: MAE   bias"
        )
        rows: dict[str, list[Row]] = defaultdict(list)
        for clip in clips:
            path = cached(args.cache, clip.path, condition, CONDITIONS[condition])
            span_s = ref.speech_span_s(str(path))  # type: ignore[attr-defined]
            peer_count = peer.rate(path)[0] if peer is not None else None
            count, own_span_s = project_count(path)
            rows[clip.speaker].append(
                Row(clip.syllables, count, peer_count, span_s, click_free_span_s(path), own_span_s)
            )
        real = {c.speaker for c in clips if c.real}
        for speaker, speaker_rows in rows.items():
            e, b = errors(speaker_rows, "project")
            pe, pb = errors(speaker_rows, "peer") if peer is not None else (math.nan, math.nan)
            re_, rb = product_errors(speaker_rows)
            truth = np.mean([r.truth / r.clean_span_s for r in speaker_rows])
            print(
                f"{speaker[:24]:24s} {len(speaker_rows):5d}  {truth:11.2f}  "
                f"{e:6.1f} % {b:+6.1f} %   {pe:6.1f} % {pb:+6.1f} %   {re_:13.1f} % {rb:+6.1f} %"
            )
        pooled = [r for s in real for r in rows[s]]
        r_project = pooled_r(pooled, "project")
        line = f"pooled real Dutch clips ({len(pooled)}): project r = {r_project:.3f}"
        if peer is not None:
            line += f", peer r = {pooled_r(pooled, 'peer'):.3f}"
        print(line)
        if peer is not None:
            peer.save()


def clips_by_speaker(clips: list[Clip]) -> dict[str, list[Clip]]:
    by_speaker: dict[str, list[Clip]] = defaultdict(list)
    for clip in clips:
        by_speaker[clip.speaker].append(clip)
    return by_speaker


def tempo_response(clips: list[Clip], args: argparse.Namespace, peer: PeerCache | None) -> None:
    """Pooled nuclei / span of the sped-up clips over the originals, as factor**exponent."""
    for condition in args.conditions:
        print(f"\n== condition {condition}: tempo response (exponent of the sox tempo factor)")
        header = "  ".join(f"{f:>11.2f}" for f in args.factors)
        print(f"{'speaker':24s} {header}     (project / peer)")
        for speaker, speaker_clips in clips_by_speaker(clips).items():
            if len(speaker_clips) < 2 and not args.all_tempo:
                continue
            base_proj, base_peer = rate_pooled(speaker_clips, 1.0, condition, args, peer)
            cells = []
            for factor in args.factors:
                proj, pr = rate_pooled(speaker_clips, factor, condition, args, peer)
                cell = f"{math.log(proj / base_proj) / math.log(factor):.2f}"
                if peer is not None and pr and base_peer:
                    cell += f"/{math.log(pr / base_peer) / math.log(factor):.2f}"
                cells.append(f"{cell:>11s}")
            print(f"{speaker[:24]:24s} " + "  ".join(cells))
        if peer is not None:
            peer.save()


STREAM_HISTORY_S = 60.0
"""Seconds of a speaker's own clips heard before each clip in the streamed tempo response."""


def stream_tempo_response(clips: list[Clip], args: argparse.Namespace) -> None:
    """The tempo response as in the product: each clip (sped up, or not) heard after the
    speaker's own clips at their own tempo (up to STREAM_HISTORY_S, 0.5 s apart) in one
    stream, so the analyzer knows the speaker's typical rate; nuclei of that clip only."""
    gap = np.zeros(SAMPLE_RATE_HZ // 2, dtype=np.int16)
    for condition in args.conditions:
        print(f"\n== condition {condition}: tempo response after {STREAM_HISTORY_S:g} s of the")
        print("   speaker's own speech in the same stream (exponent of the sox tempo factor)")
        header = "  ".join(f"{f:>6.2f}" for f in args.factors)
        print(f"{'speaker':24s} {header}   count bias at 1.0")
        for speaker, speaker_clips in clips_by_speaker(clips).items():
            if len(speaker_clips) < 5:
                continue
            history = []
            for clip in speaker_clips:
                history += [read_whole_file(variant(args.cache, clip.path, 1.0, condition)), gap]
                if sum(len(h) for h in history) >= STREAM_HISTORY_S * SAMPLE_RATE_HZ:
                    break
            heard = ProsodyAnalyzer(SAMPLE_RATE_HZ, SETTINGS)
            heard.process(np.concatenate(history))
            rates = {}
            counts = []
            for factor in [1.0, *args.factors]:
                nuclei, span_s = 0, 0.0
                for clip in speaker_clips:
                    after = copy.deepcopy(heard)
                    samples = read_whole_file(variant(args.cache, clip.path, factor, condition))
                    events = after.process(np.concatenate([gap, samples])) + after.finish()
                    found = sum(isinstance(e, SyllableNucleus) for e in events)
                    nuclei += found
                    if factor == 1.0:
                        counts.append(found / clip.syllables - 1)
                    span_s += len(read_whole_file(clip.path)) / SAMPLE_RATE_HZ / factor
                rates[factor] = nuclei / span_s
            cells = [f"{math.log(rates[f] / rates[1.0]) / math.log(f):6.2f}" for f in args.factors]
            bias = f"{np.mean(counts) * 100:+.1f} %"
            print(f"{speaker[:24]:24s} " + "  ".join(cells) + f"   {bias:>8s}")


def rate_pooled(
    clips: list[Clip],
    factor: float,
    condition: str,
    args: argparse.Namespace,
    peer: PeerCache | None,
) -> tuple[float, float | None]:
    """(project nuclei per second of original span / factor, peer's the same)."""
    nuclei = 0
    peer_nuclei = 0
    span_s = 0.0
    for clip in clips:
        path = variant(args.cache, clip.path, factor, condition)
        nuclei += project_count(path)[0]
        if peer is not None:
            peer_nuclei += peer.rate(path)[0]
        span_s += len(read_whole_file(clip.path)) / SAMPLE_RATE_HZ / factor
    return nuclei / span_s, (peer_nuclei / span_s if peer is not None else None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--tools", type=Path, default=None, help="folder of rate_reference.py")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/bench_speakers"))
    parser.add_argument("--conditions", default="clean,tel")
    parser.add_argument("--factors", default=",".join(map(str, FACTORS)))
    parser.add_argument("--no-peer", action="store_true")
    parser.add_argument("--no-espeak", action="store_true")
    parser.add_argument("--no-table", action="store_true")
    parser.add_argument("--no-tempo", action="store_true")
    parser.add_argument("--all-tempo", action="store_true", help="also speakers with one clip")
    parser.add_argument("--speakers", default="", help="comma-separated name prefixes to keep")
    parser.add_argument("--haste", action="store_true")
    parser.add_argument(
        "--haste-trace",
        action="store_true",
        help="with --haste: meter vs true rate over the first stretch, truth at calm cards",
    )
    parser.add_argument(
        "--stream-tempo", action="store_true", help="tempo response after the speaker's speech"
    )
    parser.add_argument(
        "--fixed-scale", action="store_true", help="nuclei without the rate scaling"
    )
    default = DEFAULT_RATE_SCALING
    parser.add_argument("--fast-above", type=float, default=default.fast_above_syl_s)
    parser.add_argument("--slow-below", type=float, default=default.slow_below_syl_s)
    parser.add_argument("--scale-exponent", type=float, default=default.exponent)
    parser.add_argument("--min-scale", type=float, default=default.scale_range[0])
    args = parser.parse_args()
    global SETTINGS
    scaling = RateScaling(
        args.fast_above,
        args.slow_below,
        args.scale_exponent,
        (args.min_scale, DEFAULT_RATE_SCALING.scale_range[1]),
    )
    SETTINGS = ProsodySettings(nucleus_rate_scaling=None if args.fixed_scale else scaling)
    args.settings = SETTINGS
    print(f"nucleus picker: {'fixed time scale' if args.fixed_scale else scaling}")
    args.conditions = args.conditions.split(",")
    args.factors = [float(f) for f in args.factors.split(",")]
    tools = args.tools or args.corpus.parent / "tools"
    if not (args.corpus / "manifest.csv").exists() or not (tools / "rate_reference.py").exists():
        print(f"need {args.corpus}/manifest.csv and {tools}/rate_reference.py", file=sys.stderr)
        return 2
    args.cache.mkdir(parents=True, exist_ok=True)
    ref = load_reference(tools)
    clips = corpus_clips(args.corpus, ref)
    if not args.no_espeak:
        clips += espeak_clips(args.cache, ref)
    if args.speakers:
        keep = tuple(args.speakers.split(","))
        clips = [c for c in clips if c.speaker.startswith(keep)]
    peer = None if args.no_peer else PeerCache(args.cache / "peer.json", ref)
    if not args.no_table:
        table(clips, args, ref, peer)
    if not args.no_tempo:
        tempo_response(clips, args, peer)
    if args.stream_tempo:
        stream_tempo_response(clips, args)
    if args.haste:
        from bench_haste_speakers import haste_report

        haste_report(clips, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
