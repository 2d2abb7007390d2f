"""Audio in: microphone, file and loopback sources that deliver mono int16 blocks at 16 kHz,
and the live call that pairs the microphone with what the agent hears."""

from desktop.audio.call_source import (
    CUSTOMER_OFF,
    CallBlock,
    CallSource,
    CustomerState,
    CustomerStatus,
)
from desktop.audio.customer_buffer import CustomerBuffer
from desktop.audio.devices import InputDevice, format_device_table, list_input_devices
from desktop.audio.file_source import FileSource, read_whole_file
from desktop.audio.live_call import LiveCallSource, list_output_devices
from desktop.audio.loopback_backends import BackendUnavailable, LoopbackBackend, load_backend
from desktop.audio.loopback_source import AUTO, LoopbackSource, LoopbackTiming
from desktop.audio.mic_source import MicSource
from desktop.audio.output_devices import OutputDevice
from desktop.audio.source import (
    BLOCK_MS,
    SAMPLE_RATE_HZ,
    AudioSource,
    EndOfStream,
    SourceLost,
    SourceSilent,
)

__all__ = [
    "AUTO",
    "BLOCK_MS",
    "CUSTOMER_OFF",
    "SAMPLE_RATE_HZ",
    "AudioSource",
    "BackendUnavailable",
    "CallBlock",
    "CallSource",
    "CustomerBuffer",
    "CustomerState",
    "CustomerStatus",
    "EndOfStream",
    "FileSource",
    "InputDevice",
    "LiveCallSource",
    "LoopbackBackend",
    "LoopbackSource",
    "LoopbackTiming",
    "MicSource",
    "OutputDevice",
    "SourceLost",
    "SourceSilent",
    "format_device_table",
    "list_input_devices",
    "list_output_devices",
    "load_backend",
    "read_whole_file",
]
