"""The live call: the agent's microphone and what the agent hears, on one stream clock.

The microphone is the clock master. For each microphone block of N samples the customer side
gives exactly N samples from the loopback's CustomerBuffer (zeros while it lags, the oldest
dropped when it runs ahead; see customer_buffer.py), so both sides stay aligned within a
block. Losing the microphone raises SourceLost as MicSource does (the engine reopens);
customer-side trouble only changes `customer_state`.
"""

from collections.abc import Callable

from desktop.audio.call_source import CUSTOMER_OFF, CallBlock, CustomerState
from desktop.audio.loopback_backends import BackendUnavailable, LoopbackBackend, load_backend
from desktop.audio.loopback_source import AUTO, LoopbackSource
from desktop.audio.output_devices import OutputDevice
from desktop.audio.source import AudioSource

__all__ = ["AUTO", "OFF", "LiveCallSource", "list_output_devices"]

OFF = "off"
"""The policy's value for no customer channel; None means the same."""


class LiveCallSource:
    """A CallSource on a microphone (any AudioSource) and an optional loopback.

    customer_device: the policy's `[customer] source` as a plain value: None (or "off")
    means off, "auto" the default output, anything else a device name (substring).
    `loopback` replaces the LoopbackSource that would be made (tests pass fakes).
    """

    def __init__(
        self,
        mic: AudioSource,
        customer_device: str | None = AUTO,
        loopback: LoopbackSource | None = None,
    ) -> None:
        self._mic = mic
        if customer_device is not None and customer_device.strip().casefold() == OFF:
            customer_device = None  # the policy's own word for it, passed on as it stands
        if loopback is None and customer_device is not None:
            loopback = LoopbackSource(customer_device)
        self._loopback = loopback
        self._synced = False
        self._opens_seen = 0

    @property
    def name(self) -> str:
        return self._mic.name

    @property
    def dropped_blocks(self) -> int:
        """The microphone's dropped blocks (the agent side is what the clock counts)."""
        return self._mic.dropped_blocks

    @property
    def customer_dropped_samples(self) -> int:
        """Customer samples dropped because the loopback ran ahead of the microphone."""
        return 0 if self._loopback is None else self._loopback.buffer.dropped_samples

    @property
    def customer_padded_samples(self) -> int:
        """Zeros given to the customer side because the loopback was late or idle."""
        return 0 if self._loopback is None else self._loopback.buffer.padded_samples

    @property
    def customer_state(self) -> CustomerState:
        if self._loopback is None:
            return CUSTOMER_OFF
        return self._loopback.state

    def open(self) -> None:
        """Open the microphone (UserError/SourceLost as MicSource) and start the loopback."""
        self._synced = False
        if self._loopback is not None:
            self._loopback.open()
        try:
            self._mic.open()
        except BaseException:
            if self._loopback is not None:
                self._loopback.close()
            raise

    def read(self, timeout_s: float) -> CallBlock | None:
        """The next agent block with as many customer samples, or None within `timeout_s`."""
        agent = self._mic.read(timeout_s)
        if agent is None:
            return None
        if self._loopback is None or self._loopback.state.status != "listening":
            self._synced = False
            return CallBlock(agent=agent, customer=None)
        buffer = self._loopback.buffer
        if self._loopback.opens != self._opens_seen:
            # A new recorder (device change): start its samples on this block.
            self._opens_seen = self._loopback.opens
            self._synced = False
        if self._synced:
            customer = buffer.take(len(agent))
        else:
            customer = buffer.sync(len(agent))
            self._synced = True
        return CallBlock(agent=agent, customer=customer)

    def close(self) -> None:
        """Close both sides (pausing must really stop listening to the customer too)."""
        if self._loopback is not None:
            self._loopback.close()
        self._mic.close()

    def __enter__(self) -> "LiveCallSource":
        self.open()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def list_output_devices(
    backend_factory: Callable[[], LoopbackBackend] = load_backend,
) -> list[OutputDevice]:
    """Every output device whose playback can be the customer channel, for a menu.

    Empty when this system cannot capture playback (macOS, no sound server). Call it off
    the UI thread on Linux: the first call connects to the sound server.
    """
    try:
        return backend_factory().output_devices()
    except BackendUnavailable:
        return []
