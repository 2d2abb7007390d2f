"""How fast the nucleus-to-words calibration converges (desktop/coaching/nucleus_scale.py).

    .venv/bin/python tests/benchmarks/bench_nucleus_scale.py --corpus ../shared/corpus
        [--speakers voxforge-Eelco,rhasspy-nathalie] [--conditions clean,tel] [--factors 1.0,1.8]

With a speech model the tempo meter counts the last second or few of speech, whose words are
not known yet, as acoustic nuclei times the syllables one nucleus stood for in the agent's
last 60 s of speech counted both ways (`NucleusScale`, trusted after 10 nuclei). Here a
speaker's corpus clips (cut to their speech as in the haste benchmark, sped up by sox tempo
for factors other than 1.0, clean or telephone band) are laid out as calm speech (0.5-1.0 s
pauses, a 6 s customer turn after every five sentences, room noise; bench_cues) and run
through the real engine and coach with a scripted recogniser giving the transcripts' words at
the prosody's segment times (tests/scripted.py, as vosk delivers them); a speaker with less
than MIN_SPEECH_S of clips is looped. Every segment the
meter settles in words goes into the ratio; after 5, 10, 20, 30 and 60 s of such speech the
ratio is printed, with the tempo error the nuclei scaled by it would have on all of the
speaker's later speech in the stream (scaled nuclei / word syllables - 1; the same for the
unscaled nuclei beside it, for the ratio the stream ends with, and "live": each later
segment's nuclei scaled by the ratio as it stood before that segment, as the meter does).
"""

import argparse
import csv
import sys
from pathlib import Path

from bench_cues import BLOCK, Builder, Clip, calm_speech
from bench_haste_speakers import speech_only
from bench_speakers import corpus_clips, load_reference, variant

from desktop.audio.file_source import read_whole_file
from desktop.audio.source import SAMPLE_RATE_HZ
from desktop.coaching.coach import build_coach
from desktop.coaching.settings import Policy
from desktop.engine import StreamAnalysis
from desktop.prosody.analyzer import analyze_samples

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripted import ScriptedRecognizer, utterances_in  # noqa: E402

CHECKPOINTS_S = (5.0, 10.0, 20.0, 30.0, 60.0)
MIN_SPEECH_S = 150.0
"""A speaker with less speech (Eelco: 10 clips, about 30 s) is looped to this much."""


def transcripts(corpus: Path) -> dict[str, str]:
    rows = csv.DictReader((corpus / "manifest.csv").open(encoding="utf-8"))
    return {row["file"]: row["transcript"] for row in rows}


def load(path: Path, text: str) -> Clip:
    """The clip's speech (bench_haste_speakers.speech_only), cut to whole samples per second
    as bench_cues.Builder.say assumes, with its transcript."""
    samples = speech_only(read_whole_file(path))
    n = len(samples)
    while int(n / SAMPLE_RATE_HZ * SAMPLE_RATE_HZ) != n:
        n -= 1
    return Clip(samples[:n], text)


def scale_history(clips: list[Clip]) -> list[tuple[float, int, int, float]]:
    """(speech s counted both ways so far, word syllables, nuclei, ratio after it) per segment
    the tempo meter settled in words, in order."""
    builder = Builder()
    total_s = sum(len(c.samples) for c in clips) / SAMPLE_RATE_HZ
    calm_speech(builder, clips, speech_s=max(total_s - 0.01, MIN_SPEECH_S))
    audio = builder.audio()
    events, _ = analyze_samples(audio, SAMPLE_RATE_HZ)
    recognizer = ScriptedRecognizer(utterances_in(events, builder.pieces))
    coach = build_coach(Policy())
    scale = coach._meter._scale  # noqa: SLF001 (a benchmark's look inside)
    add = scale.add
    history: list[tuple[float, int, int, float]] = []
    counted_s = [0.0]

    def recording(speech_s: float, word_syllables: int, nuclei: int) -> None:
        add(speech_s, word_syllables, nuclei)
        counted_s[0] += speech_s
        history.append((counted_s[0], word_syllables, nuclei, scale.syllables_per_nucleus))

    scale.add = recording  # type: ignore[method-assign]
    analysis = StreamAnalysis("bench", recognizer, "scripted", coach=coach)  # type: ignore[arg-type]
    for i in range(0, len(audio), BLOCK):
        analysis.feed(audio[i : i + BLOCK])
    analysis.finish()
    return history


def report(history: list[tuple[float, int, int, float]], label: str) -> None:
    def later_error(index: int, ratio: float) -> tuple[float, float]:
        words = sum(h[1] for h in history[index + 1 :])
        nuclei = sum(h[2] for h in history[index + 1 :])
        if words == 0:
            return float("nan"), float("nan")
        return 100 * (ratio * nuclei / words - 1), 100 * (nuclei / words - 1)

    total_words = sum(h[1] for h in history)
    total_nuclei = sum(h[2] for h in history)
    overall = total_words / total_nuclei if total_nuclei else float("nan")
    final = history[-1][3] if history else float("nan")
    print(
        f"{label}: {history[-1][0] if history else 0:.0f} s of speech counted both ways,"
        f" {total_words} word syllables, {total_nuclei} nuclei (all: {overall:.3f}"
        f" syllables per nucleus; the stream ends with {final:.3f})"
    )
    for checkpoint_s in CHECKPOINTS_S:
        at = [i for i, h in enumerate(history) if h[0] >= checkpoint_s]
        if not at:
            print(f"  after {checkpoint_s:4.0f} s: stream too short")
            continue
        i = at[0]
        ratio = history[i][3]
        scaled, unscaled = later_error(i, ratio)
        final_scaled, _ = later_error(i, final)
        later = history[i + 1 :]
        live = sum(h[2] * before[3] for before, h in zip(history[i:], later, strict=False))
        live_error = 100 * (live / max(sum(h[1] for h in later), 1) - 1)
        print(
            f"  after {checkpoint_s:4.0f} s ({history[i][0]:5.1f} s): {ratio:.3f} syllables per"
            f" nucleus; later speech: scaled {scaled:+5.1f} %, unscaled {unscaled:+5.1f} %,"
            f" with the final ratio {final_scaled:+5.1f} %, live {live_error:+5.1f} %"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--tools", type=Path, default=None, help="folder of rate_reference.py")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/bench_speakers"))
    parser.add_argument("--speakers", default="voxforge-Eelco,rhasspy-nathalie")
    parser.add_argument("--conditions", default="clean,tel")
    parser.add_argument("--factors", default="1.0,1.8")
    args = parser.parse_args()
    tools = args.tools or args.corpus.parent / "tools"
    if not (args.corpus / "manifest.csv").exists() or not (tools / "rate_reference.py").exists():
        print(f"need {args.corpus}/manifest.csv and {tools}/rate_reference.py", file=sys.stderr)
        return 2
    args.cache.mkdir(parents=True, exist_ok=True)
    texts = transcripts(args.corpus)
    clips = corpus_clips(args.corpus, load_reference(tools))
    for speaker in args.speakers.split(","):
        own = [c for c in clips if c.speaker.startswith(speaker)]
        for condition in args.conditions.split(","):
            for factor in (float(f) for f in args.factors.split(",")):
                laid = [
                    load(variant(args.cache, c.path, factor, condition), texts[c.path.name])
                    for c in own
                ]
                report(scale_history(laid), f"{speaker} {condition} {factor:g}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
