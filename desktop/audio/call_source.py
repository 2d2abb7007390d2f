"""Both sides of a call as one stream: the agent's microphone and what the agent hears.

A `CallSource` delivers `CallBlock`s: the agent's samples and, when a customer channel is
heard, the customer's samples of the same length, so both sides share one stream clock (the
count of agent samples delivered). The customer side never stops the agent side: when the
customer channel is off, unavailable or lost, `customer` is None (or zeros padded by the
clock) and `customer_state` says why.
"""

from dataclasses import dataclass
from typing import Literal, Protocol

import numpy as np
from numpy.typing import NDArray

from desktop.audio.source import AudioSource, EndOfStream

CustomerStatus = Literal["off", "unavailable", "listening", "lost"]
"""off: the policy or the agent switched it off; unavailable: this system cannot capture
what the agent hears (e.g. macOS without a capture route); listening: the customer channel
is heard; lost: the output device vanished or failed, being reopened."""


@dataclass(frozen=True, slots=True)
class CustomerState:
    """Whether the customer channel is heard, and a sentence saying why not.

    device: the output device whose playback is captured (None when none is).
    """

    status: CustomerStatus
    reason: str = ""
    device: str | None = None


CUSTOMER_OFF = CustomerState("off", "The customer channel is switched off.")


@dataclass(frozen=True, slots=True)
class CallBlock:
    """One block of a call: mono int16 at SAMPLE_RATE_HZ per side.

    customer: exactly as many samples as `agent`, or None when no customer channel is
    heard for this block.
    """

    agent: NDArray[np.int16]
    customer: NDArray[np.int16] | None


class CallSource(Protocol):
    """A stream of CallBlocks; the same contract as AudioSource (see source.py) for the
    agent side: `read` returns None when nothing came within `timeout_s`, raises
    EndOfStream at the end of a finite source and SourceLost when the agent's microphone
    stops. Customer-side trouble is never raised: it shows in `customer_state`.
    """

    @property
    def name(self) -> str: ...

    @property
    def dropped_blocks(self) -> int: ...

    @property
    def customer_state(self) -> CustomerState: ...

    def open(self) -> None: ...

    def read(self, timeout_s: float) -> CallBlock | None: ...

    def close(self) -> None: ...


class AgentOnlyCall:
    """A CallSource over the agent's side alone (a microphone or a mono recording)."""

    def __init__(self, agent: AudioSource, state: CustomerState = CUSTOMER_OFF) -> None:
        self._agent = agent
        self._state = state

    @property
    def name(self) -> str:
        return self._agent.name

    @property
    def dropped_blocks(self) -> int:
        return self._agent.dropped_blocks

    @property
    def customer_state(self) -> CustomerState:
        return self._state

    def open(self) -> None:
        self._agent.open()

    def read(self, timeout_s: float) -> CallBlock | None:
        block = self._agent.read(timeout_s)
        return None if block is None else CallBlock(block, None)

    def close(self) -> None:
        self._agent.close()


class TwoStreamCall:
    """A CallSource over two finite sources of the same call (the two channels of a stereo
    recording, or two mono files): blocks are paired sample for sample; the shorter side is
    padded with silence until the longer one ends."""

    def __init__(self, agent: AudioSource, customer: AudioSource) -> None:
        self._agent = agent
        self._customer = customer
        self._buffers: dict[str, NDArray[np.int16]] = {}
        self._ended: dict[str, bool] = {}

    @property
    def name(self) -> str:
        return self._agent.name

    @property
    def dropped_blocks(self) -> int:
        return self._agent.dropped_blocks + self._customer.dropped_blocks

    @property
    def customer_state(self) -> CustomerState:
        return CustomerState("listening", "", self._customer.name)

    def open(self) -> None:
        self._agent.open()
        try:
            self._customer.open()
        except BaseException:
            self._agent.close()
            raise
        empty = np.zeros(0, dtype=np.int16)
        self._buffers = {"agent": empty, "customer": empty}
        self._ended = {"agent": False, "customer": False}

    def read(self, timeout_s: float) -> CallBlock | None:
        for side, source in (("agent", self._agent), ("customer", self._customer)):
            if self._ended[side] or len(self._buffers[side]):
                continue
            try:
                block = source.read(timeout_s)
            except EndOfStream:
                self._ended[side] = True
                continue
            if block is not None:
                self._buffers[side] = block
        if all(self._ended.values()) and not any(len(b) for b in self._buffers.values()):
            raise EndOfStream
        lengths = [len(self._buffers[s]) for s in ("agent", "customer") if not self._ended[s]]
        n = min(lengths) if lengths else max(len(b) for b in self._buffers.values())
        if n == 0:
            return None
        agent = self._take("agent", n)
        customer = self._take("customer", n)
        return CallBlock(agent, customer)

    def close(self) -> None:
        self._agent.close()
        self._customer.close()

    def _take(self, side: str, n: int) -> NDArray[np.int16]:
        buffer = self._buffers[side]
        taken, self._buffers[side] = buffer[:n], buffer[n:]
        if len(taken) < n:
            taken = np.concatenate([taken, np.zeros(n - len(taken), dtype=np.int16)])
        return taken


def as_call_source(source: AudioSource | CallSource) -> CallSource:
    """`source` itself when it already delivers both sides, else its agent-only view."""
    if hasattr(source, "customer_state"):
        return source  # type: ignore[return-value]
    return AgentOnlyCall(source)
