"""Standard output and error that may close or fill up under the command line.

`speech-coach analyze --json a.wav b.wav | head -1` closes the pipe after one line; `> /dev/full`
or a full disk makes every write fail. Python raises BrokenPipeError or OSError from whichever
print met it, and again when it flushes its buffers at exit ("Exception ignored ..."). Both
are the command line's business, not a bug: `guarded_output` marks every failure of writing to
stdout or stderr as OutputFailed (still an OSError, so code that expects one from a write is
unchanged), and `settle_failed_output` ends the run quietly on a closed pipe and with one
sentence on a full disk, after pointing the failed stream at the null device so the final
flush at exit has nothing left to complain about.
"""

import errno
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

CLOSED_PIPE_STATUS = 141
"""128 + SIGPIPE: what a shell reports for `cat` and friends whose reader went away."""

OUTPUT_FAILED_STATUS = 2


class OutputFailed(OSError):
    """Writing to stdout or stderr failed; `stream` says which."""

    def __init__(self, stream: str, error: OSError) -> None:
        super().__init__(error.errno, error.strerror)
        self.stream = stream


class _Guarded:
    """Delegates everything to a stream; turns an OSError from write or flush into
    OutputFailed. Its `buffer` (the bytes underneath a text stream) is guarded the same way."""

    def __init__(self, stream: Any, name: str) -> None:
        self._stream = stream
        self._name = name

    def write(self, data: Any) -> Any:
        try:
            return self._stream.write(data)
        except OutputFailed:
            raise
        except OSError as error:
            raise OutputFailed(self._name, error) from error

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OutputFailed:
            raise
        except OSError as error:
            raise OutputFailed(self._name, error) from error

    @property
    def buffer(self) -> "_Guarded":
        return _Guarded(self._stream.buffer, self._name)

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._stream, attribute)


@contextmanager
def guarded_output() -> Iterator[None]:
    """Guard sys.stdout and sys.stderr while the command runs; restore them after.

    Both also write what the encoding cannot hold as backslash escapes: a file or folder
    name with bytes that are not UTF-8 reaches Python as lone surrogates, which a strict
    stdout refuses with UnicodeEncodeError.
    """
    saved = sys.stdout, sys.stderr
    for stream in saved:
        try:
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            pass  # not a text file of io's (a test's capture), or already closed
    sys.stdout = _Guarded(sys.stdout, "stdout")  # type: ignore[assignment]
    sys.stderr = _Guarded(sys.stderr, "stderr")  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def settle_failed_output(failure: OutputFailed) -> int:
    """The exit status after a failed write, having said so on stderr when that can help:
    141 and silence when the reader closed the pipe (nothing is wrong, it had enough), else
    one sentence and status 2."""
    stream = sys.__stdout__ if failure.stream == "stdout" else sys.__stderr__
    _point_at_null_device(stream)
    if failure.errno == errno.EPIPE:
        return CLOSED_PIPE_STATUS
    if failure.stream == "stdout":
        try:
            print(
                f"speech-coach: the output could not be written ({failure.strerror}); "
                "free some space or write it somewhere else.",
                file=sys.stderr,
                flush=True,
            )
        except OSError:
            pass  # stderr is gone too: the exit status is all that is left to say it
    return OUTPUT_FAILED_STATUS


def _point_at_null_device(stream: Any) -> None:
    """Let the unwritten rest of `stream` go to the null device: Python flushes the standard
    streams once more at exit, which would fail and print "Exception ignored" again."""
    try:
        descriptor = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real file (a test's capture): nothing is flushed at exit
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, descriptor)
    finally:
        os.close(null)
