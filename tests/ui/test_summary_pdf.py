"""The one-page PDF report, read back as a reader would: poppler's pdfinfo (pages, size),
pdftotext (the words on the page) and pdftoppm (the picture), and `speech-coach summary
--pdf` through the real entry point, headless.

Set SPEECH_COACH_SCREENSHOTS to a folder (e.g. docs/screenshots) to also save the rendered
page there as summary-pdf.png.
"""

import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.__main__ import main
from desktop.report.headless import needs_offscreen
from desktop.report.pdf import write_shift_pdf
from desktop.report.texts import long_date
from desktop.report.tiles import headline_tiles
from desktop.store import HistoryStore, default_history_path, open_history, open_in_memory
from desktop.summary import load_summary, load_trend
from desktop.summary.listening import listening_sentences
from desktop.summary.numbers import duration

from screen_checks import pixels_like

# tests/store's helpers are on the path only when pytest collects that folder too
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from workday import Workday, record_script, record_week, record_workday, workday_script  # noqa: E402

from shiftscript import ShiftScript  # noqa: E402

MONDAY = datetime(2025, 5, 5, 7, 0, tzinfo=UTC)
TODAY = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
SHORT_DAY = Workday(calls=3, hurried_calls=(2,), monologue_call=None, call_s=(120.0, 150.0))
POPPLER = ("pdfinfo", "pdftotext", "pdftoppm")
WHITE = (255, 255, 255)
TEAL = (0x2F, 0x9E, 0x8F)
AMBER = (0xE0, 0xA0, 0x30)


@pytest.fixture(autouse=True)
def poppler() -> None:
    """The checks read the PDF with poppler-utils (scripts/dev installs it): in CI a missing
    program fails, elsewhere it skips."""
    missing = [p for p in POPPLER if shutil.which(p) is None]
    if missing:
        message = f"{', '.join(missing)} not installed (apt-get install poppler-utils)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    pairs = (line.split(":", 1) for line in out.stdout.splitlines() if ":" in line)
    return {key.strip(): value.strip() for key, value in pairs}


def pdf_text(path: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(done.stdout.split())


def render_png(path: Path, dpi: int = 60) -> Path:
    prefix = path.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-singlefile", str(path), str(prefix)],
        check=True,
        capture_output=True,
    )
    return prefix.with_suffix(".png")


def assert_one_a4_page(path: Path) -> None:
    info = pdf_info(path)
    assert info["Pages"] == "1"
    assert info["Page size"].endswith("(A4)")


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    return open_history(tmp_path / "history.sqlite", retention_days=3650).store


def test_the_report_is_one_a4_page_that_tells_the_shift(
    qapp: QApplication, store: HistoryStore, tmp_path: Path
) -> None:
    """Title, date, the feedback's sentences, the tiles' figures and the chart titles are on
    one A4 page; the page is a picture (not blank) with teal and amber in it."""
    record_workday(store, Workday(calls=2, seed=3), started_utc=MONDAY)
    script, _ = workday_script(SHORT_DAY)
    shift_id = record_workday(store, SHORT_DAY, started_utc=MONDAY + timedelta(days=1))
    summary = load_summary(store, shift_id)
    assert summary is not None
    target = tmp_path / "report.pdf"
    write_shift_pdf(summary, load_trend(store), target, "nl")
    assert_one_a4_page(target)
    words = pdf_text(target)
    assert "Dienst van dinsdag 6 mei 2025" in words
    assert "Wat goed ging".upper() in words
    for sentence in summary.feedback.nl.split(". "):
        assert " ".join(sentence.split()[:6]) in words
    tiles = headline_tiles(summary.figures, "nl", summary.feedback.tip)
    assert tiles[0].value == duration(script.talk_s(), "nl")
    for tile in tiles:
        assert tile.label in words and f" {tile.value} " in f" {words} "
    assert "Tempo door de dienst" in words and "Laatste diensten" in words
    assert f"Dienst {shift_id}." in words
    assert_a_picture(render_png(target))


def assert_a_picture(page: Path) -> None:
    """Not blank: far from all white, with teal (feedback, calm bars) and amber (haste)."""
    total = 496 * 702  # A4 at 60 dpi
    assert pixels_like(page, WHITE, tolerance=6) < total * 0.93
    assert pixels_like(page, TEAL) > 500
    assert pixels_like(page, AMBER) > 50


def test_screenshot_of_the_report_of_a_realistic_week(
    qapp: QApplication, store: HistoryStore, tmp_path: Path
) -> None:
    """The report of the week's last shift: what docs/screenshots/summary-pdf.png shows."""
    last = record_week(store, MONDAY)
    summary = load_summary(store, last)
    assert summary is not None
    target = tmp_path / "week.pdf"
    write_shift_pdf(summary, load_trend(store), target, "nl")
    assert_one_a4_page(target)
    words = pdf_text(target)
    assert "Het meest gehaast in gesprekken 4 (21%) en 7 (36%)" in words
    # The week's last day heard the customer: how the calls were shared, in a few sentences,
    # and the customer's tempo in the chart's legend.
    assert "Jij en de klant" in words and "tempo van de klant per gesprek" in words
    for sentence in listening_sentences(summary.figures, summary.calls, "nl"):
        assert sentence in words
    assert "Je tempo lag in gesprek 7 duidelijk boven dat van de klant." in words
    assert_a_picture(render_png(target))
    target_dir = os.environ.get("SPEECH_COACH_SCREENSHOTS")
    if target_dir:
        Path(target_dir).mkdir(parents=True, exist_ok=True)
        shutil.copy(render_png(target, dpi=110), Path(target_dir) / "summary-pdf.png")


def test_a_shift_without_speech_is_still_one_readable_page(
    qapp: QApplication, tmp_path: Path
) -> None:
    store = open_in_memory()
    record_script(store, ShiftScript(), 30.0, MONDAY)
    summary = load_summary(store)
    assert summary is not None
    target = tmp_path / "quiet.pdf"
    write_shift_pdf(summary, load_trend(store), target, "en")
    assert_one_a4_page(target)
    words = pdf_text(target)
    assert "No speech was recorded in this shift." in words
    assert "Too little speech for a tempo line" in words
    assert "The customer channel was not heard in this shift" in words
    store.close()


def test_an_unwritable_place_raises_oserror(
    qapp: QApplication, store: HistoryStore, tmp_path: Path
) -> None:
    record_workday(store, SHORT_DAY, started_utc=MONDAY)
    summary = load_summary(store)
    assert summary is not None
    with pytest.raises(OSError):
        write_shift_pdf(summary, (), tmp_path / "missing" / "x.pdf", "nl")
    with pytest.raises(OSError):
        write_shift_pdf(summary, (), tmp_path, "nl")


@pytest.mark.parametrize(
    ("environ", "platform", "offscreen"),
    [
        ({}, "linux", True),
        ({"DISPLAY": ":0"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", False),
        ({}, "win32", False),
        ({}, "darwin", False),
    ],
)
def test_offscreen_only_where_there_is_no_display(
    environ: dict[str, str], platform: str, offscreen: bool
) -> None:
    assert needs_offscreen(environ, platform) is offscreen


# `speech-coach summary --pdf`


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Private data and config folders with one shift recorded today (older ones may fall to
    the policy's retention), and an English policy."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "system-config"))
    policy = tmp_path / "policy.toml"
    policy.write_text('schema_version = 1\n[general]\nlanguage = "en"\n')
    monkeypatch.setenv("SPEECH_COACH_CONFIG", str(policy))
    opened = open_history(default_history_path(), retention_days=3650)
    record_workday(opened.store, SHORT_DAY, started_utc=TODAY)
    opened.store.close()
    return tmp_path


def test_the_command_writes_the_report_headless(home: Path) -> None:
    """Through the installed entry point, with no display and no QT_QPA_PLATFORM: exit 0, the
    summary on stdout, one English page."""
    target = home / "report.pdf"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "summary", "--pdf", str(target)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Shift ")
    assert f"to {target}" in done.stderr and "Traceback" not in done.stderr
    assert_one_a4_page(target)
    assert f"Shift of {long_date(TODAY, 'en')}" in pdf_text(target)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["summary", "--pdf", "{home}/missing/folder/x.pdf"], "Cannot write"),
        (["summary", "--pdf", "{home}"], "Cannot write"),
        (["summary", "--list", "--pdf", "x.pdf"], "--pdf exports one shift"),
        (["summary", "--shift", "999", "--pdf", "{home}/x.pdf"], "There is no shift 999"),
    ],
    ids=["missing folder", "onto a folder", "with --list", "unknown shift"],
)
def test_bad_pdf_requests_are_one_sentence_and_exit_2(
    qapp: QApplication,
    home: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    fragment: str,
) -> None:
    assert main([a.replace("{home}", str(home)) for a in args]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0]
    assert captured.out == ""
    assert not (home / "x.pdf").exists()
