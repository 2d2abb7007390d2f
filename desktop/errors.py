"""Errors that reach a person: one clear sentence, never a traceback."""


class UserError(Exception):
    """A problem the user can fix (a missing file, a wrong model folder).

    The message is one sentence that names the thing and says what to do. The CLI prints it
    to stderr and exits with `exit_status`.
    """

    def __init__(self, message: str, exit_status: int = 2) -> None:
        super().__init__(message)
        self.exit_status = exit_status
