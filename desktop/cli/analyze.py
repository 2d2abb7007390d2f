"""`speech-coach analyze FILE...`: the live engine, run over recordings."""

import sys
from pathlib import Path

from desktop.audio.call_source import CallSource, TwoStreamCall
from desktop.audio.file_source import FileSource
from desktop.audio.source import AudioSource
from desktop.cli.models import find_model
from desktop.cli.output import human_line, json_lines
from desktop.coaching.coach import build_coach, turn_settings
from desktop.coaching.settings import Policy
from desktop.engine import StreamAnalysis, run_to_end
from desktop.errors import UserError
from desktop.events import StreamEnded
from desktop.recognition.recognizer import StreamingRecognizer

SIDES = ("agent", "customer")


def parse_channels(spec: str) -> tuple[int, int]:
    """`--channels agent,customer` → (agent's channel, customer's channel), 0-based."""
    names = [part.strip() for part in spec.split(",")]
    if sorted(names) != sorted(SIDES):
        raise UserError(
            f"--channels takes the two sides in channel order, 'agent,customer' or "
            f"'customer,agent'; got '{spec}'."
        )
    return names.index("agent"), names.index("customer")


def analyze(
    files: list[str],
    model_dir: str | None,
    as_json: bool,
    realtime: bool,
    policy: Policy,
    channels: str | None = None,
    customer_file: str | None = None,
) -> int:
    """Analyse each file in turn under `policy`; a bad file is reported and skipped. Exit
    status 2 if any file could not be analysed, else 0.

    With `channels` every file is a call with one side per channel; with `customer_file`
    the (single) file is the agent's side and `customer_file` the customer's. Both sides are
    then analysed, with turns, and the customer's words are never recognised.

    Every file starts with a fresh baseline (nothing is learned from or saved to the agent's
    own baseline), so a recording gives the same cues every run and on every machine.
    """
    channel_order = parse_channels(channels) if channels is not None else None
    if customer_file is not None and (len(files) != 1 or channel_order is not None):
        raise UserError("--customer FILE goes with exactly one agent FILE and no --channels.")
    loaded = find_model(model_dir, policy.model_path)
    two_sided = channel_order is not None or customer_file is not None
    status = 0
    for name in files:
        recognizer = StreamingRecognizer(loaded.model) if loaded else None
        analysis = StreamAnalysis(
            Path(name).name,
            recognizer,
            loaded.label if loaded else "none",
            coach=build_coach(policy),
            turns=turn_settings(policy) if two_sided else None,
        )
        source: AudioSource | CallSource = FileSource(name, realtime=realtime)
        if channel_order is not None:
            agent_channel, customer_channel = channel_order
            source = TwoStreamCall(
                FileSource(name, realtime, channel=agent_channel),
                FileSource(name, realtime, channel=customer_channel),
            )
        elif customer_file is not None:
            source = TwoStreamCall(source, FileSource(customer_file, realtime))
        try:
            for event in run_to_end(source, analysis):
                _write(event, as_json)
                if isinstance(event, StreamEnded) and event.summary.syllables == 0:
                    print(
                        f"{name}: no speech found; check that the recording is not silent "
                        "or far too quiet.",
                        file=sys.stderr,
                    )
        except UserError as error:
            print(error, file=sys.stderr)
            status = max(status, error.exit_status)
    return status


def _write(event: object, as_json: bool) -> None:
    if as_json:
        for line in json_lines(event):  # type: ignore[arg-type]
            print(line, flush=False)
    else:
        line = human_line(event)  # type: ignore[arg-type]
        if line is not None:
            print(line)
