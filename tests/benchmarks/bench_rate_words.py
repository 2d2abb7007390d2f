"""Articulation and speech rate from recognised words vs acoustic nuclei, on real Dutch.

    .venv/bin/python tests/benchmarks/bench_rate_words.py [--corpus ../shared/corpus]

The 80 aligned nathalie clips (`speech_rate_truth_nathalie.csv`) are played as one stream,
each clip followed by 1 s of room noise (-65 dBFS), after one lead-in clip (not scored: the
stream's first segment is over before any word is known). The corpus transcripts stand in
for a perfect recogniser: tests/scripted.py's ScriptedRecognizer gives each clip's words as
one final utterance, spread over the speech the prosody found, 0.5 s after it ends. The
coach's tempo meter counts the syllables per speech segment (words, or nuclei where a word
cannot be read); the clip's rates divide by its acoustic speech span / phonation time.

Prints Pearson r, mean absolute % error and bias against the alignment, all clips and
even/odd halves, for both estimators; then the tempo response: the pooled articulation rate
of the clips sped up with sox `tempo` (1.15, 1.25, 1.35) over that of the originals.
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
from desktop.coaching.tempo import TempoMeter  # noqa: E402
from desktop.coaching.tempo_events import SegmentTempo  # noqa: E402
from desktop.engine import StreamAnalysis  # noqa: E402
from desktop.prosody.analyzer import SpeechSegment, analyze_samples  # noqa: E402

from scripted import ScriptedRecognizer, utterances_in  # noqa: E402

BLOCK = SAMPLE_RATE_HZ // 10
GAP_S = 1.0
FACTORS = (1.15, 1.25, 1.35)


@dataclass(frozen=True)
class ClipCount:
    word_syllables: int
    nucleus_syllables: int
    words_share: float
    span_s: float
    phonation_s: float


def noise(rng: np.random.Generator, seconds: float) -> NDArray[np.float64]:
    return rng.normal(0.0, 10 ** (-65 / 20) * 32768, int(seconds * SAMPLE_RATE_HZ))


def stream_counts(clips: list[NDArray[np.int16]], texts: list[str]) -> list[ClipCount]:
    """Play the clips as one stream (clip 0 is the lead-in) and count each scored clip."""
    rng = np.random.default_rng(7)
    parts, pieces, t_s = [noise(rng, 1.0)], [], 1.0
    for clip, text in zip(clips, texts, strict=True):
        seconds = len(clip) / SAMPLE_RATE_HZ
        parts += [clip + noise(rng, seconds), noise(rng, GAP_S)]
        pieces.append((text, t_s, t_s + seconds))
        t_s += seconds + GAP_S
    audio = np.clip(np.concatenate(parts), -32768, 32767).astype(np.int16)
    recognizer = ScriptedRecognizer(
        utterances_in(analyze_samples(audio, SAMPLE_RATE_HZ)[0], pieces)
    )
    analysis = StreamAnalysis("bench", recognizer, "scripted")  # type: ignore[arg-type]
    meter = TempoMeter(8.0, "nl", keep_speech_s=12.0)
    counted: list[SegmentTempo] = []
    acoustic: list[SpeechSegment] = []
    events = [e for i in range(0, len(audio), BLOCK) for e in analysis.feed(audio[i : i + BLOCK])]
    for event in [*events, *analysis.finish()]:
        acoustic += [event] if isinstance(event, SpeechSegment) else []
        counted += [e for e in meter.observe(event, 0.0) if isinstance(e, SegmentTempo)]  # type: ignore[arg-type]
    out = []
    for _, start_s, end_s in pieces[1:]:
        inside = [s for s in acoustic if start_s - 0.1 < s.start_s < end_s + 0.1]
        mine = [s for s in counted if start_s - 0.1 < s.start_s < end_s + 0.1]
        phonation_s = sum(s.end_s - s.start_s for s in inside)
        worded_s = sum(s.end_s - s.start_s for s in mine if s.source == "words")
        out.append(
            ClipCount(
                sum(s.syllables for s in mine),
                sum(s.syllables for s in inside),
                worded_s / phonation_s,
                inside[-1].end_s - inside[0].start_s,
                phonation_s,
            )
        )
    return out


def report(label: str, est: NDArray[np.float64], true: NDArray[np.float64]) -> None:
    for part, idx in (
        ("all", slice(None)),
        ("even", slice(0, None, 2)),
        ("odd", slice(1, None, 2)),
    ):
        e, t = est[idx], true[idx]
        r = np.corrcoef(e, t)[0, 1]
        mape = 100 * np.mean(np.abs(e - t) / t)
        bias = 100 * np.mean((e - t) / t)
        print(
            f"  {label:34s} {part:4s}  r = {r:.3f}   MAPE = {mape:4.1f} %   bias = {bias:+5.1f} %"
        )


def sped_up(paths: list[Path], factor: float, folder: Path) -> list[NDArray[np.int16]]:
    out = []
    for path in paths:
        target = folder / f"{path.stem}-{factor:.2f}.wav"
        # -R: sox's dither repeatable, so that every run hears the very same audio.
        command = ["sox", "-R", str(path), str(target), "tempo", "-s", f"{factor:.2f}"]
        subprocess.run(command, check=True)
        out.append(read_whole_file(target))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    args = parser.parse_args()
    truth_csv = args.corpus / "speech_rate_truth_nathalie.csv"
    if not truth_csv.exists():
        print(
            f"{args.corpus} has no speech_rate_truth_nathalie.csv; pass --corpus DIR",
            file=sys.stderr,
        )
        return 2
    rows = list(csv.DictReader(truth_csv.open()))
    texts = {
        r["file"]: r["transcript"] for r in csv.DictReader((args.corpus / "manifest.csv").open())
    }
    paths = [args.corpus / r["file"] for r in rows]
    paths, row_texts = (
        [paths[-1], *paths],
        [texts[rows[-1]["file"]], *(texts[r["file"]] for r in rows)],
    )
    counts = stream_counts([read_whole_file(p) for p in paths], row_texts)
    true_speech = np.array([float(r["speech_rate_syl_per_s"]) for r in rows])
    true_art = np.array([float(r["articulation_rate_syl_per_s"]) for r in rows])
    span = np.array([c.span_s for c in counts])
    phon = np.array([c.phonation_s for c in counts])
    words = np.array([c.word_syllables for c in counts], dtype=np.float64)
    nuclei = np.array([c.nucleus_syllables for c in counts], dtype=np.float64)
    share = np.mean([c.words_share for c in counts])
    print(f"rate accuracy on {len(rows)} aligned Dutch clips, transcripts as recognised words")
    print(f"  ({100 * share:.1f} % of the scored speech counted in words, the rest in nuclei)")
    report("speech rate, words", words / span, true_speech)
    report("speech rate, nuclei", nuclei / span, true_speech)
    report("articulation rate, words", words / phon, true_art)
    report("articulation rate, nuclei", nuclei / phon, true_art)
    print("tempo response (pooled articulation rate, sped up / original):")
    with tempfile.TemporaryDirectory() as folder:
        for factor in FACTORS:
            fast = stream_counts(sped_up(paths, factor, Path(folder)), row_texts)
            fast_phon = sum(c.phonation_s for c in fast)
            ratios = [
                (sum(c.word_syllables for c in fast) / fast_phon) / (words.sum() / phon.sum()),
                (sum(c.nucleus_syllables for c in fast) / fast_phon) / (nuclei.sum() / phon.sum()),
            ]
            exponents = [np.log(r) / np.log(factor) for r in ratios]
            print(
                f"  sox tempo {factor:.2f}:  words {ratios[0]:.3f} (true^{exponents[0]:.2f})"
                f"   nuclei {ratios[1]:.3f} (true^{exponents[1]:.2f})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
