"""Who speaks, measured: customer turns, interruptions and dead air on two-sided calls.

    .venv/bin/python tests/benchmarks/bench_turns.py [--calls 12] [--corpus ../shared/corpus]

1. Generated Dutch calls (tests/two_party.py: two espeak-ng voices, the customer in the
   telephone band), each a random variation of one script: gaps and overlaps at the changes
   of turn drawn at random, with or without an agent who cuts in for 2 s, with or without a
   12 s silence. Half the calls carry bleed (customer into the microphone at -20 dB) and
   sidetone (agent into what the agent hears at -15 dB); another n/2 carry the bleed and
   the microphone played back at full level (Windows' "Listen to this device"). Truth:
   where each utterance was placed. Printed: precision and recall of customer turns (a found
   turn matches a true one whose start lies within 0.5 s), onset and end error p50/p95 of
   matched turns, and precision/recall of interruptions and of dead air.
2. With --corpus: the real customer channel en_spokenwoz_MUL1011_ch1_customer.wav (8 kHz
   telephone speech of a real call) cut at the turns of spokenwoz_MUL1011_turns.csv, with a
   synthesised agent reply (espeak-ng English) laid between every two customer turns: the
   customer turns found against the listed turn windows.
"""

import argparse
import csv
import sys
import tempfile
from pathlib import Path

import numpy as np
import soundfile as sf

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from two_party import (  # noqa: E402
    AGENT_CLOSING,
    AGENT_CUT_IN,
    AGENT_REPLY,
    CUSTOMER_COMPLAINT,
    CUSTOMER_DETAIL,
    CUSTOMER_THANKS,
    Call,
    Utterance,
    make_call,
)

from desktop.audio.call_source import CallBlock  # noqa: E402
from desktop.coaching.coach import build_coach, turn_settings  # noqa: E402
from desktop.coaching.settings import Policy  # noqa: E402
from desktop.conversation.turns import DeadAir, Interruption, Turn  # noqa: E402
from desktop.engine import StreamAnalysis, TimelineEvent  # noqa: E402

from synth import RATE_HZ, espeak, trim_silence  # noqa: E402

MATCH_S = 0.5


def analyse(agent: np.ndarray, customer: np.ndarray) -> list[TimelineEvent]:
    policy = Policy()
    analysis = StreamAnalysis("bench", coach=build_coach(policy), turns=turn_settings(policy))
    events: list[TimelineEvent] = []
    for i in range(0, len(agent), 1600):
        events += analysis.feed(CallBlock(agent[i : i + 1600], customer[i : i + 1600]))
    return events + analysis.finish()


def random_script(rng: np.random.Generator) -> tuple[list[Utterance], bool, bool]:
    cut_in = bool(rng.random() < 0.5)
    dead_air = bool(rng.random() < 0.5)
    gap = lambda: float(rng.uniform(-0.3, 1.0))  # noqa: E731  (a change of turn)
    script = [
        Utterance("agent", "Goedemiddag, u spreekt met de klantenservice.", 0.5),
        Utterance("customer", CUSTOMER_COMPLAINT, gap(), ref=0),
        Utterance("agent", AGENT_REPLY, gap(), ref=1),
        Utterance("customer", CUSTOMER_DETAIL, gap(), ref=2),
        Utterance("agent", AGENT_CUT_IN, -2.0 if cut_in else gap(), ref=3),
        Utterance("customer", CUSTOMER_THANKS, gap(), ref=4),
        Utterance("agent", AGENT_CLOSING, 12.0 if dead_air else gap(), ref=5),
        Utterance("customer", "Dank u wel, tot ziens.", gap(), ref=6),
    ]
    return script, cut_in, dead_air


def customer_truth(call: Call) -> list[tuple[float, float]]:
    return [(p.start_s, p.end_s) for p in call.placed if p.speaker == "customer"]


def match(found: list[tuple[float, float]], truth: list[tuple[float, float]]) -> list:
    pairs, used = [], set()
    for f in found:
        for k, t in enumerate(truth):
            if k not in used and abs(f[0] - t[0]) <= MATCH_S:
                pairs.append((f, t))
                used.add(k)
                break
    return pairs


def pr(true_pos: int, found: int, truth: int) -> str:
    p = true_pos / found if found else float("nan")
    r = true_pos / truth if truth else float("nan")
    return f"precision {p:.2f} ({true_pos}/{found}), recall {r:.2f} ({true_pos}/{truth})"


def pctl(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


CONDITIONS = (
    ("clean (headset)", None, None),
    ("bleed -20 dB + sidetone -15 dB", -20.0, -15.0),
    ("bleed -20 dB + the microphone played back at 0 dB", -20.0, 0.0),
)
"""(label, bleed_db, sidetone_db)"""


def generated(n_calls: int, folder: Path) -> None:
    rng = np.random.default_rng(11)
    for label, bleed_db, sidetone_db in CONDITIONS:
        found_n = truth_n = tp = 0
        onset_err: list[float] = []
        end_err: list[float] = []
        int_tp = int_found = int_truth = dead_tp = dead_found = dead_truth = 0
        for k in range(n_calls // 2):
            script, cut_in, dead_air = random_script(rng)
            call = make_call(
                script,
                folder / f"{bleed_db}_{sidetone_db}_{k}",
                bleed_db=bleed_db,
                sidetone_db=sidetone_db,
            )
            events = analyse(call.agent, call.customer)
            found = [
                (e.start_s, e.end_s)
                for e in events
                if isinstance(e, Turn) and e.speaker == "customer"
            ]
            truth = customer_truth(call)
            pairs = match(found, truth)
            found_n, truth_n, tp = found_n + len(found), truth_n + len(truth), tp + len(pairs)
            onset_err += [abs(f[0] - t[0]) for f, t in pairs]
            end_err += [abs(f[1] - t[1]) for f, t in pairs]
            interruptions = [e for e in events if isinstance(e, Interruption)]
            cut = call.placed[4]
            int_found += len(interruptions)
            int_truth += int(cut_in)
            int_tp += sum(1 for i in interruptions if cut_in and abs(i.start_s - cut.start_s) < 0.5)
            dead = [e for e in events if isinstance(e, DeadAir)]
            silence_start_s = call.placed[5].end_s
            dead_found += len(dead)
            dead_truth += int(dead_air)
            dead_tp += sum(1 for d in dead if dead_air and abs(d.start_s - silence_start_s) < 0.5)
        print(f"generated calls, {label}: {n_calls // 2} calls")
        print(f"  customer turns: {pr(tp, found_n, truth_n)}")
        print(
            f"  onset error p50 {1000 * pctl(onset_err, 50):.0f} ms, "
            f"p95 {1000 * pctl(onset_err, 95):.0f} ms; end error p50 "
            f"{1000 * pctl(end_err, 50):.0f} ms, p95 {1000 * pctl(end_err, 95):.0f} ms"
        )
        print(f"  interruptions: {pr(int_tp, int_found, int_truth)}")
        print(f"  dead air: {pr(dead_tp, dead_found, dead_truth)}")


def spokenwoz(corpus: Path, folder: Path) -> None:
    customer, rate = sf.read(corpus / "en_spokenwoz_MUL1011_ch1_customer.wav", dtype="int16")
    assert rate == RATE_HZ
    with open(corpus / "spokenwoz_MUL1011_turns.csv", newline="") as f:
        turns = [(float(r["start_s"]), float(r["end_s"])) for r in csv.DictReader(f)]
    reply = trim_silence(
        espeak("Sure, let me check that for you.", folder / "reply.wav", voice="en"),
        folder / "reply_trim.wav",
    )
    agent_voice, _ = sf.read(reply, dtype="int16")
    agent_track: list[np.ndarray] = []
    customer_track: list[np.ndarray] = []
    truth: list[tuple[float, float]] = []
    t_s = 0.0
    gap = np.zeros(int(0.4 * RATE_HZ), dtype=np.int16)
    for start_s, end_s in turns:
        piece = customer[int(start_s * RATE_HZ) : int(end_s * RATE_HZ)]
        truth.append((t_s, t_s + len(piece) / RATE_HZ))
        customer_track += [piece, gap, np.zeros(len(agent_voice), np.int16), gap]
        agent_track += [np.zeros(len(piece), np.int16), gap, agent_voice, gap]
        t_s += (len(piece) + 2 * len(gap) + len(agent_voice)) / RATE_HZ
    agent = np.concatenate(agent_track)
    customer_all = np.concatenate(customer_track)
    events = analyse(agent, customer_all)
    found = [
        (e.start_s, e.end_s) for e in events if isinstance(e, Turn) and e.speaker == "customer"
    ]
    inside = [f for f in found if any(_overlap(f, t) >= 0.5 * (f[1] - f[0]) for t in truth)]
    windows_hit = [t for t in truth if any(_overlap(f, t) > 0 for f in found)]
    per_window = [sum(1 for f in found if _overlap(f, t) > 0) for t in truth]
    print(f"real customer channel (SpokenWOZ MUL1011, {len(turns)} listed turn windows, 8 kHz):")
    print(
        f"  customer turns found {len(found)}: {len(inside)} inside a listed window "
        f"(precision {len(inside) / max(1, len(found)):.2f}); windows with a turn found "
        f"{len(windows_hit)}/{len(truth)} (recall {len(windows_hit) / len(truth):.2f}); "
        f"turns per window: {per_window}"
    )
    print(
        "  (the listed windows are the dialogue-state test's, not exact speech: they hold "
        "silence before the customer speaks, so onsets are not compared here)"
    )


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
    return max(0.0, min(a[1], b[1]) - max(a[0], b[0]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=12)
    parser.add_argument("--corpus", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        generated(args.calls, Path(tmp))
        if args.corpus is not None:
            spokenwoz(args.corpus, Path(tmp))


if __name__ == "__main__":
    main()
