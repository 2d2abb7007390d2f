"""Output devices (speakers, headsets) whose playback can be captured as the customer channel."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class OutputDevice:
    """One playback device as the sound system names it.

    id: the backend's stable key (a PulseAudio sink name, a WASAPI endpoint id);
    name: what a person reads in a menu ("Jabra Evolve2 40", "Speakers (Realtek)").
    """

    id: str
    name: str
    is_default: bool = False


def choose_output(devices: list[OutputDevice], wanted: str) -> OutputDevice | None:
    """The device the policy means by `wanted`: its exact id or name, else the first whose
    name contains `wanted` (ignoring case), else None.

    Exact matches win so that "Speakers" picks "Speakers" and not "Speakers 2" when both
    exist; the substring rule lets a supervisor write "Jabra" for every Jabra headset.
    """
    needle = wanted.strip().casefold()
    if not needle:
        return None
    for device in devices:
        if needle in (device.id.casefold(), device.name.casefold()):
            return device
    for device in devices:
        if needle in device.name.casefold():
            return device
    return None
