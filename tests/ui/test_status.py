"""The app's status as a value: which tray state wins, and what engine notices change."""

import pytest

from desktop.events import Notice
from desktop.ui.status import AppStatus, TrayState, status_after_notice, tray_state
from desktop.ui.texts import all_keys, state_text, text


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (AppStatus(model="ready"), TrayState.LISTENING),
        (AppStatus(model="loading"), TrayState.LISTENING),
        (AppStatus(model="missing"), TrayState.NO_MODEL),
        (AppStatus(model="error"), TrayState.MODEL_FAILED),
        (AppStatus(model="missing", cue_visible=True), TrayState.CUE_SHOWN),
        (AppStatus(cue_visible=True, config_problem="bad"), TrayState.CONFIG_PROBLEM),
        (AppStatus(paused=True, config_problem="bad"), TrayState.PAUSED),
        (AppStatus(mic="lost", paused=False, config_problem="bad"), TrayState.MIC_LOST),
        (AppStatus(mic="lost", paused=True), TrayState.PAUSED),
    ],
)
def test_the_most_urgent_state_is_the_one_the_tray_shows(
    status: AppStatus, expected: TrayState
) -> None:
    """Mic lost beats paused beats config problem beats a card beats no model."""
    assert tray_state(status) == expected


def test_engine_notices_move_the_microphone_and_pause_state() -> None:
    """source-lost → lost; source-back → listening; paused/resumed follow the engine."""
    status = AppStatus()
    status = status_after_notice(status, Notice(1.0, "source-lost", "gone"))
    assert tray_state(status) == TrayState.MIC_LOST
    status = status_after_notice(status, Notice(2.0, "source-back", "back"))
    assert status.mic == "listening"
    status = status_after_notice(status, Notice(3.0, "paused", ""))
    assert tray_state(status) == TrayState.PAUSED
    status = status_after_notice(status, Notice(4.0, "resumed", ""))
    assert tray_state(status) == TrayState.LISTENING
    unchanged = status_after_notice(status, Notice(5.0, "dropped-blocks", "3 dropped"))
    assert unchanged == status


def test_every_text_exists_in_both_languages_and_differs_where_it_should() -> None:
    """Each key has a Dutch and an English text; the states read differently per language."""
    for key in all_keys():
        assert text(key, "nl").strip() and text(key, "en").strip()
    for state in TrayState:
        assert state_text(state, "nl") != state_text(state, "en")
