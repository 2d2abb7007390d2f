"""`speech-coach analyze FILE...`: the live engine, run over recordings."""

import sys
from pathlib import Path

from desktop.audio.file_source import FileSource
from desktop.cli.models import find_model
from desktop.cli.output import human_line, json_lines
from desktop.coaching.coach import build_coach
from desktop.coaching.settings import Policy
from desktop.engine import StreamAnalysis, run_to_end
from desktop.errors import UserError
from desktop.events import StreamEnded
from desktop.recognition.recognizer import StreamingRecognizer


def analyze(
    files: list[str], model_dir: str | None, as_json: bool, realtime: bool, policy: Policy
) -> int:
    """Analyse each file in turn under `policy`; a bad file is reported and skipped. Exit
    status 2 if any file could not be analysed, else 0.

    Every file starts with a fresh baseline (nothing is learned from or saved to the agent's
    own baseline), so a recording gives the same cues every run and on every machine.
    """
    loaded = find_model(model_dir, policy.model_path)
    status = 0
    for name in files:
        recognizer = StreamingRecognizer(loaded.model) if loaded else None
        analysis = StreamAnalysis(
            Path(name).name,
            recognizer,
            loaded.label if loaded else "none",
            coach=build_coach(policy),
        )
        try:
            for event in run_to_end(FileSource(name, realtime=realtime), analysis):
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
