"""One running Speech Coach per user: a second start asks the first to show itself and quits.

The primary instance holds a lock file and listens on a local socket (a Unix domain socket,
or a named pipe on Windows) whose name includes the user, so two people on one terminal
server each get their own coach. A later start finds the lock taken, connects and sends
`show`, and the primary emits `activation_requested`.

The lock decides who is primary, not the socket: two starts at the same moment (a
double-click) could otherwise both fail to connect, both remove the socket and both listen.
QLockFile notices a lock whose process is gone, so a crashed primary leaves nothing in the
way; its stale socket file is removed before listening.
"""

import getpass
import logging
import os
import re
import time
from pathlib import Path

from PySide6.QtCore import QDeadlineTimer, QDir, QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

logger = logging.getLogger(__name__)

SHOW = b"show"
CONNECT_TIMEOUT_MS = 2000
"""How long a second start keeps trying to reach a primary that holds the lock."""
RETRY_PAUSE_S = 0.05


class SingleInstance(QObject):
    """Decides whether this process is the user's primary instance of `name`.

    Call `try_become_primary()` once at start, before any window exists. In the primary,
    `activation_requested` is emitted each time another start asks it to show itself.
    """

    activation_requested = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server_name = per_user_name(name)
        self._lock = QLockFile(str(Path(QDir.tempPath()) / f"{self._server_name}.lock"))
        # Age never makes a lock stale: only a lock whose process is gone is.
        self._lock.setStaleLockTime(0)
        self._server: QLocalServer | None = None

    @property
    def server_name(self) -> str:
        """The per-user name of the local socket (also the lock file's stem)."""
        return self._server_name

    @property
    def is_primary(self) -> bool:
        return self._server is not None

    def try_become_primary(self) -> bool:
        """True: this is the primary and now listens. False: another instance runs (and was
        asked to show itself, if it could be reached within CONNECT_TIMEOUT_MS)."""
        if self._server is not None:
            return True
        if not self._lock.tryLock(0):
            if not self._ask_primary_to_show():
                logger.warning("another %s holds the lock but did not answer", self._server_name)
            return False
        QLocalServer.removeServer(self._server_name)  # a crashed primary's socket file
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self._server_name):
            # Still the only instance (the lock says so); it just cannot be reached.
            logger.warning("cannot listen on %s: %s", self._server_name, server.errorString())
        server.newConnection.connect(self._accept)
        self._server = server
        return True

    def close(self) -> None:
        """Stop listening and release the lock (at quit; also done when the process ends)."""
        if self._server is not None:
            self._server.close()
            self._server = None
            self._lock.unlock()

    def _ask_primary_to_show(self) -> bool:
        """Send `show`; retry while the primary is still starting. No answer is awaited:
        two instances in one thread (as in tests) could never see it."""
        deadline = QDeadlineTimer(CONNECT_TIMEOUT_MS)
        while not deadline.hasExpired():
            socket = QLocalSocket()
            socket.connectToServer(self._server_name)
            if socket.waitForConnected(max(1, deadline.remainingTime())):
                socket.write(SHOW + b"\n")
                sent = socket.waitForBytesWritten(max(1, deadline.remainingTime()))
                socket.disconnectFromServer()
                return sent
            if socket.error() not in (
                QLocalSocket.LocalSocketError.ServerNotFoundError,
                QLocalSocket.LocalSocketError.ConnectionRefusedError,
            ):
                return False
            time.sleep(RETRY_PAUSE_S)  # it took the lock a moment ago and is not listening yet
        return False

    def _accept(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            # A bound method and sender(), not a lambda holding the socket: with a lambda
            # PySide 6.12 crashed when the socket's deleteLater ran.
            socket.readyRead.connect(self._read_sender)
            socket.disconnected.connect(socket.deleteLater)
            self._read(socket)  # a quick sender's line may be here already

    def _read_sender(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        while socket.canReadLine():
            message = bytes(socket.readLine().data()).strip()
            if message == SHOW:
                self.activation_requested.emit()
            else:
                logger.warning("ignored message %r on %s", message[:40], self._server_name)


def per_user_name(name: str) -> str:
    """`name` made unique per user: "speech-coach-1000" (POSIX uid) or "speech-coach-alice".

    Local socket names are shared by every user of the machine (/tmp, or the global named
    pipe namespace on Windows), so the user must be part of the name.
    """
    if hasattr(os, "getuid"):
        return f"{name}-{os.getuid()}"
    try:
        user = getpass.getuser()  # USERNAME on Windows
    except (ImportError, KeyError, OSError):
        user = "user"
    return f"{name}-{re.sub(r'[^A-Za-z0-9_.-]', '_', user)}"
