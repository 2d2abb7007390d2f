"""Re-read the supervisor's policy when its file changes on disk, while the app runs.

Editors save in different ways: in place, or by writing a temporary file and renaming it
over the old one (the watched file is then a new file, which a file watch alone loses). A
file may also not exist yet and appear later. So each file AND its folder are watched, the
watch is renewed after every change, and a burst of events (one save can give several) is
debounced into one reload.

A broken file never weakens a good policy. With `load_running_policy` the agent's broken
settings are simply left out (the result is the same as at start); when the supervisor's own
file is broken, the app keeps running with the last good policy. Either way the log gets
every problem (file, key, allowed, found): IT is told to send the log.
"""

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from desktop.config import ConfigError, LoadResult, ProblemReport, outcome_lines

logger = logging.getLogger(__name__)

DEBOUNCE_MS = 300
"""Quiet time after the last change before reloading: one save is often several events."""


class ConfigWatcher(QObject):
    """Calls `load()` after `paths` change and reports the outcome.

    `policy_changed(LoadResult)` when the result in force changes in policy or warnings, or
    after a problem (so the app can clear it); then `config_problem(str)` when that result
    has `errors` (parts ignored), one per line. A result whose supervisor file is broken
    (`supervisor_ok` False), or a ConfigError from `load()`, does not replace a result whose
    supervisor file was sound: only `config_problem` is emitted. A problem text is emitted
    once until it changes or a policy_changed clears it. `current` is the result in force
    (None until the first one: pass it as `current`, or call `reload()`); `report` holds the
    problems behind the text last emitted, as records with their hints (for the dialog).
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
        self._problem: str | None = _problem_text(current) if current is not None else None
        self._report = ProblemReport()
        if current is not None and self._problem is not None:
            self._report = _report(current)
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
    def report(self) -> ProblemReport:
        """The errors and warnings behind the problem last reported (empty when none is)."""
        return self._report

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
            self._keep(str(error), ProblemReport(tuple(error.problems), tuple(error.warnings)))
            return
        current = self._current
        if not result.supervisor_ok and current is not None and current.supervisor_ok:
            self._keep(_problem_text(result) or "", _report(result))
            return
        problem = _problem_text(result)
        changed = current is None or (result.policy, result.warnings) != (
            current.policy,
            current.warnings,
        )
        self._current = result
        if changed or (self._problem is not None and problem != self._problem):
            # policy_changed clears the app's problem: say the new one (if any) after it
            self._problem = None
            self._report = ProblemReport()
            self.policy_changed.emit(result)
        if problem is not None:
            self._report = _report(result)  # the warnings may change under the same errors
        if problem is not None and problem != self._problem:
            self._problem = problem
            for line in outcome_lines(result):
                logger.warning("%s", line)
            self.config_problem.emit(problem)

    def _keep(self, problem: str, report: ProblemReport) -> None:
        """The last good result stays; report `problem` unless it is already reported."""
        self._report = report
        if problem == self._problem:
            return
        self._problem = problem
        logger.warning("settings file has problems; keeping the last good settings:")
        for line in report.errors:
            logger.warning("%s", line)
        self.config_problem.emit(problem)

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


def _report(result: LoadResult) -> ProblemReport:
    return ProblemReport(result.errors, result.warnings)


def _problem_text(result: LoadResult) -> str | None:
    """What the app shows: every ignored problem, one per line; None without any."""
    return "\n".join(map(str, result.errors)) or None
