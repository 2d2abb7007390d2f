"""The shift summary window, filled from a history that the real recorder wrote from scripted
shifts (tests/store/workday.py), driven through its widgets with the save dialog bypassed.

Set SPEECH_COACH_SCREENSHOTS to a folder (e.g. docs/screenshots) to also save the window's
screenshot there.
"""

import csv
import os
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QRectF, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.report.bars_paint import bar_slots
from desktop.report.ink import Ink
from desktop.report.tempo_legend import legend_items
from desktop.report.tiles import headline_tiles
from desktop.store import HistoryStore, open_history, open_in_memory
from desktop.store.records import CueRecord
from desktop.summary.numbers import decimal, duration
from desktop.ui.summary_evidence import stored_evidence_line
from desktop.ui.summary_tiles import TILE_SIZE_PX
from desktop.ui.summary_window import SummaryWindow

# tests/store's helpers are on the path only when pytest collects that folder too
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from workday import A_WEEK, Workday, record_script, record_week, record_workday, workday_script  # noqa: E402

from screen_checks import pixels_like  # noqa: E402
from shiftscript import ShiftScript  # noqa: E402

MONDAY = datetime(2025, 5, 5, 7, 0, tzinfo=UTC)
LAPTOP = QRect(0, 0, 1366, 768)
"""A screen still common on call-centre PCs (its whole area, as without a panel)."""
SHORT_DAY = Workday(calls=3, hurried_calls=(2,), monologue_call=None, call_s=(120.0, 150.0))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    opened = open_history(tmp_path / "history.sqlite", retention_days=3650)
    yield opened.store
    opened.store.close()


def no_dialog(parent: QWidget, title: str, suggested: Path) -> Path | None:
    raise AssertionError("the test did not expect a save dialog")


def make_window(qtbot: QtBot, store: HistoryStore, **kwargs: object) -> SummaryWindow:
    kwargs.setdefault("choose_csv_path", no_dialog)
    kwargs.setdefault("choose_pdf_path", no_dialog)
    window = SummaryWindow(store, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_tiles_show_the_latest_shifts_figures(qtbot: QtBot, store: HistoryStore) -> None:
    """Opened without a shift id, the window shows the newest shift: its talk time, calls and
    tempo as tiles, computed from what the recorder stored of the scripted speech."""
    record_workday(store, Workday(calls=2, seed=9), started_utc=MONDAY)
    script, _ = workday_script(SHORT_DAY)
    newest = record_workday(store, SHORT_DAY, started_utc=MONDAY + timedelta(days=1))
    window = make_window(qtbot, store)
    assert window.summary is not None and window.summary.figures.shift_id == newest
    tiles = {tile.tile.key: tile.tile for tile in window.tiles.tiles}
    assert tiles["talk"].value == duration(script.talk_s(), "nl")
    assert tiles["calls"].value == "3"
    average = script.syllables() / script.talk_s()
    assert tiles["average"].value == f"{decimal(average, 'nl')} lg/s"
    assert "jouw normaal (4,6)" in tiles["average"].detail
    expected = headline_tiles(window.summary.figures, "nl", window.summary.feedback.tip)
    assert tuple(tiles.values()) == expected
    assert " ".join(window.feedback.sentences) == window.summary.feedback.nl


def test_choosing_a_call_shows_its_cues_with_the_evidence(
    qtbot: QtBot, store: HistoryStore
) -> None:
    """Picking the hurried call in the list shows its cues in time order, each with its time
    in the call, title, message and evidence line, and marks the call on both charts."""
    record_workday(store, SHORT_DAY, started_utc=MONDAY)
    window = make_window(qtbot, store)
    summary = window.summary
    assert summary is not None
    hurried = next(c for c in summary.history.cues if c.name == "haste")
    call = next(b for b in summary.calls if b.number == hurried.call_number)
    window.choose_call(None)
    assert window.call_detail.call_number is None and window.call_list.currentRow() == -1
    window.call_list.setCurrentRow(window.call_list.numbers().index(call.number))
    assert window.chosen_call == call.number
    assert window.tempo_chart.chart is not None
    assert window.tempo_chart.chart.highlight_call == call.number
    assert window.call_bars.highlight_call == call.number
    rows = window.call_detail.rows
    in_call = sorted(
        (c for c in summary.history.cues if c.call_number == call.number), key=lambda c: c.t_s
    )
    assert [r.name for r in rows] == [c.name for c in in_call]
    haste = next(r for r in rows if r.name == "haste")
    seconds = round(hurried.t_s - call.start_s)
    assert haste.time_in_call == f"{seconds // 60}:{seconds % 60:02d}"
    assert haste.title == "Rustiger aan"
    assert haste.message == "Je spreekt snel — neem even de tijd."
    assert haste.evidence.endswith("lettergrepen per seconde; jouw normaal 4,6")
    shown = [view.title_label.text() for view in window.call_detail.row_views]
    assert shown == [r.title for r in rows]


def test_clicking_a_bar_chooses_its_call(qtbot: QtBot, store: HistoryStore) -> None:
    record_workday(store, SHORT_DAY, started_utc=MONDAY)
    window = make_window(qtbot, store)
    summary = window.summary
    assert summary is not None
    view = window.call_bars
    slots = bar_slots(QRectF(view.rect()).adjusted(4, 4, -4, -4), len(summary.calls), Ink())
    first = slots[0].center().toPoint()
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(first.x(), first.y()))
    assert window.chosen_call == summary.calls[0].number
    assert window.call_list.currentItem().text().startswith(f"Gesprek {summary.calls[0].number}")


def test_the_shift_picker_lists_shifts_newest_first_and_switches(
    qtbot: QtBot, store: HistoryStore
) -> None:
    older = record_workday(store, Workday(calls=2, seed=3), started_utc=MONDAY)
    newer = record_workday(store, SHORT_DAY, started_utc=MONDAY + timedelta(days=1))
    window = make_window(qtbot, store)
    picker = window.shift_picker
    assert [picker.itemData(k) for k in range(picker.count())] == [newer, older]
    assert picker.itemText(0).startswith("di 6 mei, ")
    assert window.tiles.tile("calls").tile.value == "3"
    with qtbot.waitSignal(window.shift_shown) as shown:
        picker.setCurrentIndex(1)
    assert shown.args == [older]
    assert window.summary is not None and window.summary.figures.shift_id == older
    assert window.tiles.tile("calls").tile.value == "2"
    assert window.title_label.text() == "Dienst van maandag 5 mei 2025"
    assert window.trend_view.current_shift == older


def test_an_empty_history_shows_a_friendly_empty_state(qtbot: QtBot) -> None:
    """No shifts: a calm message instead of empty charts, and nothing to export; once a shift
    is recorded, reload shows it."""
    store = open_in_memory()
    window = make_window(qtbot, store)
    assert window.showing_empty_state and window.summary is None
    assert window.empty_title.text() == "Nog geen diensten opgenomen"
    assert not window.csv_button.isVisible() and not window.pdf_button.isVisible()
    assert window.export_csv() is None and window.export_pdf() is None
    record_workday(store, SHORT_DAY, started_utc=MONDAY)
    window.reload()
    assert not window.showing_empty_state
    assert window.csv_button.isVisible()
    store.close()


def test_figures_that_were_not_measured_show_a_dash_and_say_why(
    qtbot: QtBot, store: HistoryStore
) -> None:
    """Without recognised words (no speech model) there are no key points or customer turns:
    those tiles show "—" with the reason, never 0; without a baseline, tempo says so."""
    script = ShiftScript().speak_steadily(5.0, 100.0, 4.0)
    record_script(store, script, 120.0, MONDAY)
    window = make_window(qtbot, store)
    assert window.summary is not None and window.summary.figures.key_points is None
    for key in ("key_points", "acknowledged"):
        tile = window.tiles.tile(key)
        assert tile.tile.value == "—"
        assert "niet gemeten" in tile.tile.detail and "spraakmodel" in tile.toolTip()
    assert window.tiles.tile("average").tile.detail == "jouw normaal is nog niet bekend"
    assert all(t.tile.value != "0" for t in window.tiles.tiles if t.tile.key != "cues")


def test_csv_export_through_the_button(qtbot: QtBot, store: HistoryStore, tmp_path: Path) -> None:
    """The CSV button asks where (with a suggested name) and writes every interval and cue."""
    shift_id = record_workday(store, SHORT_DAY, started_utc=MONDAY)
    asked: list[tuple[str, Path]] = []
    target = tmp_path / "dienst.csv"

    def choose(parent: QWidget, title: str, suggested: Path) -> Path:
        asked.append((title, suggested))
        return target

    window = make_window(qtbot, store, choose_csv_path=choose)
    with qtbot.waitSignal(window.exported) as exported:
        qtbot.mouseClick(window.csv_button, Qt.MouseButton.LeftButton)
    assert exported.args == ["csv", target]
    assert asked[0][1].name == f"speech-coach-dienst-{shift_id}-2025-05-05.csv"
    with target.open(encoding="utf-8-sig", newline="") as file:
        records = [row["record"] for row in csv.DictReader(file)]
    summary = window.summary
    assert summary is not None
    assert records.count("cue") == len(summary.history.cues) > 0
    assert records.count("interval") == len(summary.history.intervals)
    assert window.status_label.text() == f"Opgeslagen: {target}"


def test_pdf_export_through_the_button(qtbot: QtBot, store: HistoryStore, tmp_path: Path) -> None:
    record_workday(store, SHORT_DAY, started_utc=MONDAY)
    target = tmp_path / "rapport.pdf"
    window = make_window(qtbot, store, choose_pdf_path=lambda parent, title, suggested: target)
    with qtbot.waitSignal(window.exported) as exported:
        qtbot.mouseClick(window.pdf_button, Qt.MouseButton.LeftButton)
    assert exported.args == ["pdf", target]
    assert target.read_bytes().startswith(b"%PDF-")


def test_a_cancelled_export_writes_nothing(
    qtbot: QtBot, store: HistoryStore, tmp_path: Path
) -> None:
    record_workday(store, SHORT_DAY, started_utc=MONDAY)
    window = make_window(
        qtbot,
        store,
        choose_csv_path=lambda parent, title, suggested: None,
        choose_pdf_path=lambda parent, title, suggested: None,
    )
    with qtbot.assertNotEmitted(window.exported):
        qtbot.mouseClick(window.csv_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(window.pdf_button, Qt.MouseButton.LeftButton)
    assert window.status_label.isHidden()


def test_an_export_that_cannot_be_written_is_said_in_the_window(
    qtbot: QtBot, store: HistoryStore, tmp_path: Path
) -> None:
    """A folder that does not exist: the window says so and stays usable; no exception."""
    record_workday(store, SHORT_DAY, started_utc=MONDAY)
    missing = tmp_path / "missing" / "x.pdf"
    window = make_window(qtbot, store, choose_pdf_path=lambda parent, title, suggested: missing)
    with qtbot.assertNotEmitted(window.exported):
        qtbot.mouseClick(window.pdf_button, Qt.MouseButton.LeftButton)
    assert window.status_label.text().startswith("Opslaan lukte niet (")
    assert not missing.exists()


def test_the_window_speaks_english_on_request(qtbot: QtBot, store: HistoryStore) -> None:
    record_workday(store, SHORT_DAY, started_utc=MONDAY)
    window = make_window(qtbot, store)
    window.set_language("en")
    summary = window.summary
    assert summary is not None
    assert window.tiles.tile("talk").tile.label == "Talk time"
    assert " ".join(window.feedback.sentences) == summary.feedback.en
    assert window.pdf_button.text() == "PDF report…"
    assert window.shift_picker.itemText(0).startswith("Mon 5 May, ")


def test_a_key_point_cue_stored_without_its_words_still_has_evidence() -> None:
    """Transcripts off: the stored evidence lacks the phrase, so the line names the kind."""
    cue = CueRecord(
        2, "key_pause", 30.0, 29.0, "Las een pauze in.", {"kind": "amount", "pause_ms": 80.0}
    )
    assert stored_evidence_line(cue, "nl") == "pauze van 80 milliseconden vóór een bedrag"
    assert stored_evidence_line(cue, "en") == "a pause of 80 milliseconds before an amount"


def test_screenshot_of_a_realistic_shift(qtbot: QtBot, store: HistoryStore, tmp_path: Path) -> None:
    """A week of shifts; the window opens on the last one with its most hurried call chosen.
    The grab is what docs/screenshots/summary-window.png shows."""
    last = record_week(store, MONDAY)
    window = make_window(qtbot, store)
    window.fit_into(LAPTOP)
    qtbot.waitUntil(lambda: window.tiles.height() >= 2 * TILE_SIZE_PX[1])  # laid out
    qtbot.waitUntil(lambda: not window.scroll_area.horizontalScrollBar().isVisible())
    assert window.summary is not None and window.summary.figures.shift_id == last
    assert window.haste_caption.text() == "Het meest gehaast in gesprekken 4 (21%) en 7 (36%)"
    assert window.chosen_call == 7
    assert window.tiles.tile("acknowledged").tile.tone == "attention"  # the tip's skill
    assert len(window.trend_view.points) == len(A_WEEK)
    image = window.grab()
    assert not image.isNull() and image.width() >= 1300
    assert image.save(str(tmp_path / "summary-window.png"))
    target = os.environ.get("SPEECH_COACH_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        assert image.save(str(Path(target) / "summary-window.png"))


def _in_viewport(window: SummaryWindow, widget: QWidget) -> tuple[int, int]:
    """The widget's top and bottom in the scroll area's viewport coordinates."""
    viewport = window.scroll_area.viewport()
    top = widget.mapTo(viewport, QPoint(0, 0)).y()
    return top, top + widget.height()


def test_at_1366_by_768_the_story_is_above_the_fold_and_the_bottom_is_reachable(
    qtbot: QtBot, store: HistoryStore
) -> None:
    """On a 1366×768 screen the window fits; the feedback and the tempo chart are seen
    without scrolling; the rest is there once scrolled, down to the last chart's bottom."""
    record_week(store, MONDAY)
    window = make_window(qtbot, store)
    window.fit_into(LAPTOP)
    qtbot.waitUntil(lambda: window.tiles.height() >= 2 * TILE_SIZE_PX[1])
    frame = window.frameGeometry()
    assert frame.width() <= LAPTOP.width() and window.height() <= LAPTOP.height() - 40
    assert LAPTOP.contains(window.geometry().topLeft())
    viewport_h = window.scroll_area.viewport().height()
    for widget in (window.feedback, window.tempo_card):
        top, bottom = _in_viewport(window, widget)
        assert 0 <= top and bottom <= viewport_h, widget.objectName()
    qtbot.waitUntil(lambda: not window.scroll_area.horizontalScrollBar().isVisible())  # no sideways
    bar = window.scroll_area.verticalScrollBar()
    assert bar.maximum() > 0  # there is more, and the scroll bar shows it
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: _in_viewport(window, window.trend_card)[1] <= viewport_h)
    top, bottom = _in_viewport(window, window.trend_card)
    assert top >= 0 and bottom <= viewport_h


TWO_SIDED_DAY = Workday(two_sided=True)
"""The week's last day: the customer heard; 3 cut-ins (calls 4 and 7), 12 s of dead air in
call 3, a customer who says little in call 5 and one who speaks slowly in call 7."""


def _customer_pixels(view: QWidget, tmp_path: Path) -> int:
    shot = tmp_path / "chart.png"
    assert view.grab().save(str(shot))
    return pixels_like(shot, (0x8C, 0x9F, 0xB5), tolerance=12)


def test_the_window_tells_how_the_agent_and_the_customer_shared_the_calls(
    qtbot: QtBot, store: HistoryStore, tmp_path: Path
) -> None:
    """With the customer heard: the 'Jij en de klant' card says in a few sentences where the
    agent cut in, talked most, went faster than the customer and left the line silent; the
    call list shows each call's share, cut-ins, dead air and acknowledgements; the tempo
    chart draws the customer's tempo per call and names it in the legend."""
    record_workday(store, TWO_SIDED_DAY, started_utc=MONDAY)
    window = make_window(qtbot, store)
    window.fit_into(LAPTOP)
    summary = window.summary
    assert summary is not None
    assert window.listening_heading.text() == "Jij en de klant"
    assert window.listening.sentences == (
        "Je liet de klant meestal uitpraten: 3 keer begon je terwijl de klant nog sprak.",
        "In gesprek 5 sprak je 89% van de tijd; in de andere gesprekken rond de helft.",
        "Je tempo lag in gesprek 7 duidelijk boven dat van de klant.",
        "In gesprek 3 was het 12 seconden stil aan de lijn; zeg dan gerust even wat je aan "
        "het doen bent.",
    )
    lines = {
        int(window.call_list.item(k).data(Qt.ItemDataRole.UserRole)): window.call_list.item(k)
        for k in range(window.call_list.count())
    }
    seven = lines[7].text().replace("\u00a0", " ").splitlines()
    assert seven[2] == "jij 56%, klant 44% aan het woord · klant 2× onderbroken"
    assert "12 s stilte" in lines[3].text().replace("\u00a0", " ")
    window.choose_call(7)
    assert (
        window.call_detail.facts_label.text()
        .replace("\u00a0", " ")
        .endswith("\njij 56%, klant 44% aan het woord · klant 2× onderbroken · 5 van 7 erkend")
    )
    chart = window.tempo_chart.chart
    assert chart is not None
    legend = [label for _, label, _ in legend_items(chart, "30 s", "nl")]
    assert "tempo van de klant per gesprek" in legend
    slow = next(c for c in chart.calls if c.number == 7)
    assert slow.customer_rate_syl_s == pytest.approx(3.7, abs=0.1)
    assert _customer_pixels(window.tempo_chart, tmp_path) > 150
    assert _customer_pixels(window.call_bars, tmp_path) > 150  # the customer's bars


def test_without_the_customer_heard_the_window_says_not_measured(
    qtbot: QtBot, store: HistoryStore, tmp_path: Path
) -> None:
    """An agent-only shift: one sentence saying the customer channel was not heard, no
    customer line or legend entry, no share in the list, 'not measured' in the call's detail;
    never a 0% or 0 interruptions."""
    record_workday(store, SHORT_DAY, started_utc=MONDAY)
    window = make_window(qtbot, store)
    assert window.listening.sentences == (
        "Het klantkanaal is in deze dienst niet gehoord: wie hoeveel sprak is niet gemeten.",
    )
    chart = window.tempo_chart.chart
    assert chart is not None and chart.customer_rates() == []
    legend = [label for _, label, _ in legend_items(chart, "30 s", "nl")]
    assert not any("klant" in label for label in legend)
    assert _customer_pixels(window.tempo_chart, tmp_path) < 10
    assert _customer_pixels(window.call_bars, tmp_path) < 10
    for k in range(window.call_list.count()):
        assert len(window.call_list.item(k).text().splitlines()) == 2
        assert "aan het woord" not in window.call_list.item(k).text()
    first = window.call_list.numbers()[0]
    window.choose_call(first)
    assert "klantkanaal niet gehoord" in window.call_detail.facts_label.text()
    assert "0%" not in window.call_detail.facts_label.text()
