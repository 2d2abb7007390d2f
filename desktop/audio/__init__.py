"""Audio in: microphone and file sources that deliver mono int16 blocks at 16 kHz."""

from desktop.audio.devices import InputDevice, format_device_table, list_input_devices
from desktop.audio.file_source import FileSource, read_whole_file
from desktop.audio.mic_source import MicSource
from desktop.audio.source import (
    BLOCK_MS,
    SAMPLE_RATE_HZ,
    AudioSource,
    EndOfStream,
    SourceLost,
    SourceSilent,
)

__all__ = [
    "BLOCK_MS",
    "SAMPLE_RATE_HZ",
    "AudioSource",
    "EndOfStream",
    "FileSource",
    "InputDevice",
    "MicSource",
    "SourceLost",
    "SourceSilent",
    "format_device_table",
    "list_input_devices",
    "read_whole_file",
]
