"""The overlay: never takes focus, the card lets clicks through, one card at a time that
fades, and the pill remembers where the agent put it."""

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QGuiApplication

from desktop.ui.cue_text import CardText
from desktop.ui.overlay import Overlay
from desktop.ui.status import AppStatus, tray_state
from desktop.ui.tempo import tempo_view
from desktop.ui.texts import state_text
from desktop.ui.texts import status_line as menu_status_line

CARD = CardText(
    "Rustiger aan", "Je spreekt snel — neem even de tijd.", "Veel sneller dan je normaal"
)
OTHER = CardText("Vraag of het duidelijk is", "Vraag even of de klant je nog kan volgen.", "")


def make_overlay(qtbot, tmp_path) -> Overlay:
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    overlay = Overlay(settings, "nl")
    qtbot.addWidget(overlay.pill)
    qtbot.addWidget(overlay.card)
    return overlay


def test_overlay_windows_never_take_focus_and_the_card_is_click_through(qtbot, tmp_path) -> None:
    """Both windows are frameless, on top, focus-less; the card is transparent for input."""
    overlay = make_overlay(qtbot, tmp_path)
    for widget in (overlay.pill, overlay.card):
        flags = widget.windowFlags()
        assert flags & Qt.WindowType.WindowDoesNotAcceptFocus
        assert flags & Qt.WindowType.WindowStaysOnTopHint
        assert flags & Qt.WindowType.FramelessWindowHint
        assert widget.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    assert overlay.card.windowFlags() & Qt.WindowType.WindowTransparentForInput
    assert not overlay.pill.windowFlags() & Qt.WindowType.WindowTransparentForInput


def test_a_card_appears_then_fades_and_hides(qtbot, tmp_path) -> None:
    """A card is visible at once, fades after its time, and is gone afterwards."""
    overlay = make_overlay(qtbot, tmp_path)
    overlay.show()
    overlay.show_card(CARD, visible_s=0.2, fade_s=0.2)
    assert overlay.card.isVisible() and overlay.card.opacity == 1.0
    qtbot.waitUntil(lambda: 0.0 < overlay.card.opacity < 1.0, timeout=3000)
    qtbot.waitUntil(lambda: not overlay.card.isVisible(), timeout=3000)
    assert overlay.card.card is None


def test_a_new_card_replaces_the_one_on_screen(qtbot, tmp_path) -> None:
    """One card at a time: the second replaces the first and gets the full time again."""
    overlay = make_overlay(qtbot, tmp_path)
    overlay.show()
    overlay.show_card(CARD, visible_s=5.0)
    overlay.show_card(OTHER, visible_s=5.0)
    assert overlay.card.card == OTHER
    assert overlay.card.opacity == 1.0


def test_snoozing_removes_the_card_and_says_so(qtbot, tmp_path) -> None:
    """Snooze for this call: the card goes, the pill's status line says tips are snoozed."""
    overlay = make_overlay(qtbot, tmp_path)
    overlay.show()
    overlay.show_card(CARD, visible_s=5.0)
    overlay.set_snoozed(True)
    assert not overlay.card.isVisible()
    assert overlay.pill.status_line() == "Geen tips meer in dit gesprek"


def test_the_card_sits_right_under_the_pill(qtbot, tmp_path) -> None:
    """The card is placed next to the pill, aligned with it, not somewhere else on screen."""
    overlay = make_overlay(qtbot, tmp_path)
    overlay.show()
    overlay.show_card(CARD, visible_s=5.0)
    pill, card = overlay.pill.geometry(), overlay.card.geometry()
    assert card.left() == pill.left()
    assert card.top() > pill.bottom() or card.bottom() < pill.top()


def test_the_pill_remembers_where_it_was_dropped(qtbot, tmp_path) -> None:
    """After a drag, a new overlay (next start) opens at the same place on that screen."""
    overlay = make_overlay(qtbot, tmp_path)
    overlay.show()
    area = QGuiApplication.primaryScreen().availableGeometry()
    target = area.topLeft() + QPoint(40, 50)
    overlay.pill.move(target)
    overlay.pill.dropped.emit(target)
    again = make_overlay(qtbot, tmp_path)
    again.show()
    assert again.pill.pos() == target


def test_status_line_tells_paused_and_lost_microphone(qtbot, tmp_path) -> None:
    """The pill's quiet line says when coaching is off, in the chosen language."""
    overlay = make_overlay(qtbot, tmp_path)
    overlay.set_status(AppStatus(mic="lost"))
    assert "Geen microfoon" in overlay.pill.status_line()
    overlay.set_language("en")
    overlay.set_status(AppStatus(paused=True))
    assert overlay.pill.status_line().startswith("Paused")


def test_the_meter_needle_moves_towards_the_reading(qtbot, tmp_path) -> None:
    """A hasty reading pulls the drawn needle up over a few repaints."""
    overlay = make_overlay(qtbot, tmp_path)
    overlay.show()
    overlay.pill.set_tempo(tempo_view(4.8, 4.8, 5.5))
    start = overlay.pill._needle
    overlay.pill.set_tempo(tempo_view(6.5, 4.8, 5.5))
    qtbot.waitUntil(lambda: overlay.pill._needle > start + 0.1, timeout=3000)


def test_the_meter_rests_when_no_reading_came_for_a_while(qtbot, tmp_path, monkeypatch) -> None:
    """Speech over (the customer talks): after a few seconds the meter stops judging it."""
    monkeypatch.setattr("desktop.ui.overlay.READING_STALE_S", 0.3)
    overlay = make_overlay(qtbot, tmp_path)
    overlay.show()
    overlay.pill.set_tempo(tempo_view(6.5, 4.8, 5.5))
    assert overlay.pill.status_line() == "Snel tempo"
    qtbot.waitUntil(lambda: overlay.pill.view is None, timeout=3000)
    assert overlay.pill.status_line() == "Luistert mee"


def test_a_model_that_failed_is_told_apart_from_no_model(qtbot, tmp_path) -> None:
    """A model that failed to load reads differently from no model at all, in the tray's
    state and the menu's status line, in both languages: the agent (and IT) must see that
    something is broken. The pill keeps its tempo verdict either way (tempo needs no model)."""
    overlay = make_overlay(qtbot, tmp_path)
    failed, missing = AppStatus(model="error", model_label="damaged"), AppStatus(model="missing")
    assert state_text(tray_state(failed), "nl") == "Spraakmodel werkt niet: tempo en pauzes"
    assert state_text(tray_state(missing), "nl").startswith("Zonder spraakmodel")
    assert menu_status_line(failed, "nl") == "Luistert mee · spraakmodel werkt niet"
    assert menu_status_line(failed, "en") == "Listening · speech model failed"
    overlay.set_status(failed)
    assert "Spraakmodel" not in overlay.pill.status_line()
