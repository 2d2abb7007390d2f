"""`speech-coach analyze FILE...`: the live engine, run over recordings."""

import sys
from pathlib import Path

from desktop.audio.call_source import CallSource, TwoStreamCall
from desktop.audio.file_open import shown
from desktop.audio.file_source import FileSource
from desktop.audio.source import AudioSource
from desktop.cli.models import find_model
from desktop.cli.output import human_line, json_lines
from desktop.coaching.coach import build_coach, turn_settings
from desktop.coaching.settings import Policy
from desktop.engine import StreamAnalysis, TimelineEvent, run_to_end
from desktop.errors import UserError
from desktop.events import Notice, StreamEnded
from desktop.recognition.recognizer import StreamingRecognizer

INTERRUPTED_STATUS = 130
"""128 + SIGINT, what a shell reports for a program stopped by Ctrl-C."""

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
    status 2 if any file could not be analysed, or only in part (cut short, unreadable part
    way), else 0.

    With `channels` every file is a call with one side per channel; with `customer_file`
    the (single) file is the agent's side and `customer_file` the customer's. Both sides are
    then analysed, with turns, and the customer's words are never recognised.

    Every file starts with a fresh baseline (nothing is learned from or saved to the agent's
    own baseline), so a recording gives the same cues every run and on every machine.
    What the file source noticed about the audio (a repaired header, damaged samples,
    channels that cancel, an early end) is written as a notice line and said on stderr.
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
            shown(Path(name).name),
            recognizer,
            loaded.label if loaded else "none",
            coach=build_coach(policy),
            turns=turn_settings(policy) if two_sided else None,
        )
        files_read = [FileSource(name, realtime=realtime)]
        source: AudioSource | CallSource = files_read[0]
        if channel_order is not None:
            files_read = [FileSource(name, realtime, channel=k) for k in channel_order]
            source = TwoStreamCall(*files_read)
        elif customer_file is not None:
            files_read.append(FileSource(customer_file, realtime))
            source = TwoStreamCall(*files_read)
        try:
            for event in run_to_end(source, analysis):
                if any([_tell_notices(read, as_json) for read in files_read]):
                    status = max(status, 2)
                _write(event, as_json, flush=realtime)
                if isinstance(event, StreamEnded) and event.summary.syllables == 0:
                    print(
                        f"{shown(name)}: no speech found; check that the recording is not "
                        "silent or far too quiet.",
                        file=sys.stderr,
                    )
        except UserError as error:
            print(error, file=sys.stderr)
            status = max(status, error.exit_status)
        except KeyboardInterrupt as interrupt:
            raise UserError(
                f"Stopped by Ctrl-C; {shown(name)} was not analysed to the end.",
                INTERRUPTED_STATUS,
            ) from interrupt
    return status


def _tell_notices(source: FileSource, as_json: bool) -> bool:
    """Write the source's new notices (and say each on stderr); True if one of them means
    the result lacks audio."""
    incomplete = False
    for notice in source.take_notices():
        _write(Notice(notice.t_s, notice.kind, notice.message), as_json, flush=False)
        print(notice.message, file=sys.stderr)
        incomplete = incomplete or notice.incomplete
    return incomplete


def _write(event: TimelineEvent, as_json: bool, flush: bool) -> None:
    """Write one event; `flush` (for --realtime) so its lines come as live as `listen`'s."""
    lines = json_lines(event) if as_json else [human_line(event)]
    for line in lines:
        if line is not None:
            print(line, flush=flush)
