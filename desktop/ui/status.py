"""What the agent should know at a glance, as a value: the app's status and its tray state.

Qt-free on purpose: the tray, the overlay and the fallback window all render the same
`AppStatus`, and the rules that turn engine notices into status are plain functions that
tests can call directly.
"""

from dataclasses import dataclass, replace
from enum import Enum
from typing import Literal

from desktop.audio.call_source import CustomerStatus
from desktop.events import Notice

MicState = Literal["listening", "lost"]
ModelState = Literal["loading", "ready", "missing", "error"]


class TrayState(Enum):
    """The tray icon's states, most urgent first (`tray_state` picks the first that holds)."""

    MIC_LOST = "mic-lost"
    PAUSED = "paused"
    CONFIG_PROBLEM = "config-problem"
    CUE_SHOWN = "cue-shown"
    MODEL_FAILED = "model-failed"
    NO_MODEL = "no-model"
    LISTENING = "listening"


@dataclass(frozen=True, slots=True)
class AppStatus:
    """Everything the tray and the overlay show about the app itself (not the cues)."""

    paused: bool = False
    mic: MicState = "listening"
    mic_name: str = ""
    model: ModelState = "loading"
    model_label: str = ""
    """The model's folder name when ready; the reason when missing or broken."""
    config_problem: str | None = None
    """The full text of the supervisor file's problems while the last edit is broken."""
    cue_visible: bool = False
    call_label: int = 0
    """The call in progress as the summary names it (`CallLabeller`); 0 before the first."""
    snoozed: bool = False
    """No more tips in this call."""
    customer: CustomerStatus | None = None
    """The customer channel's state; None when none was ever reported (not configured)."""
    customer_reason: str = ""
    """Why the customer channel is not heard, as the capture said it (for the log and IT)."""
    on_hold: bool = False
    """The agent put the customer on hold; speech or the menu ends it."""


def tray_state(status: AppStatus) -> TrayState:
    """The one state the tray icon shows: what the agent most needs to know now.

    A lost microphone first (no coaching at all), then paused (the agent chose it), then a
    broken supervisor file (coaching goes on with the last good policy), then a card on
    screen, then a speech model that failed to load (damaged, unreadable: the agent and IT
    must see it did not simply go missing), then running without a speech model (tempo and
    pause cues only, in both cases).
    """
    if status.mic == "lost" and not status.paused:
        return TrayState.MIC_LOST
    if status.paused:
        return TrayState.PAUSED
    if status.config_problem is not None:
        return TrayState.CONFIG_PROBLEM
    if status.cue_visible:
        return TrayState.CUE_SHOWN
    if status.model == "error":
        return TrayState.MODEL_FAILED
    if status.model == "missing":
        return TrayState.NO_MODEL
    return TrayState.LISTENING


def status_after_notice(status: AppStatus, notice: Notice) -> AppStatus:
    """The status once the engine said `notice` (microphone lost or back, paused...)."""
    if notice.kind == "source-lost":
        return replace(status, mic="lost")
    if notice.kind in ("source-back", "source-switched", "resumed"):
        return replace(status, mic="listening", paused=False)
    if notice.kind == "paused":
        return replace(status, paused=True)
    return status
