"""`speech-coach listen`: the engine and the coach on the microphone, until Ctrl-C.

The microphone opens first and prosody starts at once; the speech model loads on a helper
thread and recognition joins in when it is ready, so no speech is lost while it loads. The
agent's baseline (their normal tempo and loudness) is loaded at the start and saved at the
end, in the user data dir.
"""

import queue
import sys
import threading

from desktop.audio.devices import parse_device
from desktop.audio.mic_source import MicSource
from desktop.cli.models import LoadedModel, find_model
from desktop.cli.output import human_line, json_lines
from desktop.coaching.baseline import BaselineLearner
from desktop.coaching.coach import build_coach
from desktop.coaching.settings import Policy
from desktop.engine import Engine, StreamAnalysis, TimelineEvent
from desktop.errors import UserError
from desktop.paths import baseline_path
from desktop.recognition.recognizer import StreamingRecognizer


def listen(device: str | None, model_dir: str | None, as_json: bool, policy: Policy) -> int:
    source = MicSource(parse_device(device))
    source.open()  # fail fast, with a clear message, when the microphone is missing
    source.close()
    learner = BaselineLearner(policy.cues.haste.baseline_warmup_s)
    learner.load(baseline_path())
    outbox: queue.Queue[TimelineEvent | None] = queue.Queue()
    analysis = StreamAnalysis(source.name, coach=build_coach(policy, learner))
    engine = Engine(source, analysis, outbox)
    engine.start()
    loader_errors: list[UserError] = []
    threading.Thread(
        target=_load_model_into,
        args=(engine, model_dir, policy.model_path, loader_errors),
        daemon=True,
    ).start()
    print(f"Listening on {source.name}. Press Ctrl-C to stop.", file=sys.stderr)
    try:
        _print_until_closed(outbox, as_json)
    except KeyboardInterrupt:
        engine.stop()
        _print_until_closed(outbox, as_json)
    engine.join()
    if engine.error is not None:
        raise engine.error
    learner.save(baseline_path())
    for error in loader_errors:
        print(error, file=sys.stderr)
    return 0


def _print_until_closed(outbox: "queue.Queue[TimelineEvent | None]", as_json: bool) -> None:
    while (event := outbox.get()) is not None:
        lines = json_lines(event) if as_json else [human_line(event)]
        for line in lines:
            if line is not None:
                print(line, flush=True)


def _load_model_into(
    engine: Engine, model_dir: str | None, config_model: str | None, errors: list[UserError]
) -> None:
    try:
        loaded: LoadedModel | None = find_model(model_dir, config_model)
    except UserError as error:
        print(f"{error} Continuing without recognition.", file=sys.stderr)
        errors.append(error)
        return
    if loaded is not None:
        engine.attach_recognizer(StreamingRecognizer(loaded.model), loaded.label)
