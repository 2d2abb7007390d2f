"""Child process of the crash test: records a scripted shift up to a stream time, says how far
it got, then waits to be killed (it never exits on its own).

    python crash_child.py HISTORY_FILE STOP_S
"""

import sys
from pathlib import Path

from desktop.coaching.settings import Policy
from desktop.store import ShiftRecorder, open_history

from shiftscript import steady_shift


def main() -> None:
    path, stop_s = Path(sys.argv[1]), float(sys.argv[2])
    opened = open_history(path, retention_days=90)
    recorder = ShiftRecorder(opened.store, Policy(), "scripted")
    fed_s = 0.0
    for known_s, event in steady_shift().timed_events(300.0):
        if known_s > stop_s:
            break
        recorder.observe(event)
        fed_s = known_s
    print(f"fed {fed_s}", flush=True)
    sys.stdin.read()  # wait for SIGKILL


if __name__ == "__main__":
    main()
