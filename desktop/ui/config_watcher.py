"""Re-read the supervisor's policy when its file changes on disk, while the app runs.

Editors save in different ways: in place, or by writing a temporary file and renaming it
over the old one (the watched file is then a new file, which a file watch alone loses). A
file may also not exist yet and appear later. So each file AND its folder are watched, the
watch is renewed after every change, and a burst of events (one save can give several) is
debounced into one reload.

A broken file never replaces a good policy: the app keeps running with the last good one
and says what is wrong.
"""

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from desktop.config import ConfigError, LoadResult

DEBOUNCE_MS = 300
"""Quiet time after the last change before reloading: one save is often several events."""


class ConfigWatcher(QObject):
    """Calls `load()` after `paths` change and reports the outcome.

    `policy_changed(LoadResult)` when the result differs from the last good one in policy or
    warnings; `config_problem(str)` with `str(error)` (every problem, one per line) when
    `load()` raises ConfigError, once per distinct text; the first good result after a
    problem is always emitted, so the app can clear it. `current` stays the last good
    result (None until the first one: pass it as `current`, or call `reload()`).
    """

    policy_changed = Signal(object)
    config_problem = Signal(str)

    def __init__(
        self,
        load: Callable[[], LoadResult],
        paths: Sequence[Path],
        parent: QObject | None = None,
        *,
        current: LoadResult | None = None,
        debounce_ms: int = DEBOUNCE_MS,
    ) -> None:
        super().__init__(parent)
        self._load = load
        self._paths = tuple(Path(path).absolute() for path in paths)
        self._current = current
        self._problem: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self.reload)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._changed)
        self._watcher.directoryChanged.connect(self._changed)
        self._watch()

    @property
    def current(self) -> LoadResult | None:
        """The last good result: what the app should be running with."""
        return self._current

    @property
    def watched(self) -> tuple[str, ...]:
        """The files and folders being watched right now (for diagnostics)."""
        return tuple(self._watcher.files()) + tuple(self._watcher.directories())

    def reload(self) -> None:
        """Load now and emit what changed (the debounce timer calls this)."""
        self._timer.stop()
        self._watch()
        try:
            result = self._load()
        except ConfigError as error:
            text = str(error)
            if text != self._problem:
                self._problem = text
                self.config_problem.emit(text)
            return
        recovered = self._problem is not None
        self._problem = None
        previous = self._current
        self._current = result
        if (
            previous is None
            or recovered  # the app shows the problem until it hears that it is gone
            or (result.policy, result.warnings) != (previous.policy, previous.warnings)
        ):
            self.policy_changed.emit(result)

    def _changed(self, _path: str) -> None:
        self._watch()  # a file replaced by rename is a new file: watch it again at once
        self._timer.start()

    def _watch(self) -> None:
        """Watch every existing file and the nearest existing folder of each path."""
        wanted: list[str] = []
        for path in self._paths:
            if path.is_file():
                wanted.append(str(path))
            folder = path.parent
            while not folder.is_dir() and folder != folder.parent:
                folder = folder.parent  # the config folder itself may be created later
            wanted.append(str(folder))
        watched = set(self.watched)
        stale = watched - set(wanted)
        if stale:
            self._watcher.removePaths(sorted(stale))
        new = [path for path in dict.fromkeys(wanted) if path not in watched]
        if new:
            self._watcher.addPaths(new)
