"""Child process of the read-only-folder test: opens the history at the given path, records a
little, and prints what happened as JSON. Run as a user who cannot write the folder.

    python readonly_child.py HISTORY_FILE
"""

import json
import sys
from pathlib import Path

from desktop.coaching.settings import Policy
from desktop.store import ShiftRecorder, open_history

from shiftscript import ShiftScript


def main() -> None:
    opened = open_history(Path(sys.argv[1]), retention_days=90)
    recorder = ShiftRecorder(opened.store, Policy(), "mic")
    for event in ShiftScript().speak(1.0, 5.0).events(10.0):
        recorder.observe(event)
    history = opened.store.load_shift(recorder.shift_id)
    notice = opened.notice
    print(
        json.dumps(
            {
                "in_memory": opened.store.in_memory,
                "kind": notice.kind if notice else None,
                "message": notice.message.en if notice else None,
                "talk_s": sum(i.talk_s for i in history.intervals) if history else None,
            }
        )
    )


if __name__ == "__main__":
    main()
