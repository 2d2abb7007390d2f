"""Child for test_devices: one thread logs numbered lines while the main thread re-scans
PortAudio again and again; the parent checks that every line reached stderr.

argv: log folder, number of rescans. Prints nothing itself: stderr carries the log only.
"""

import logging
import sys
import threading
from pathlib import Path

from desktop.audio.devices import list_input_devices
from desktop.logs import setup_logging

log_dir, rescans = Path(sys.argv[1]), int(sys.argv[2])
setup_logging(log_dir)
logger = logging.getLogger("speech_coach.stderr_child")
done = threading.Event()
started = threading.Event()


def chatter() -> None:
    number = 0
    while not done.is_set() or number < 100:
        logger.info("line %d", number)
        number += 1
        started.set()
    logger.info("lines logged: %d", number)


thread = threading.Thread(target=chatter)
thread.start()
started.wait()
for _ in range(rescans):
    list_input_devices(rescan=True)
logger.info("rescans done: %d", rescans)
done.set()
thread.join()
