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
