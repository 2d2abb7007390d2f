"""What the menu and the pill say at a glance: a one-line status on top of the menu,
"Afsluiten" far from "Dienst afsluiten…", pausing as a word (never a ticked box), the meter
can be hidden; the pill's dot takes the state's colour and every line it can show fits."""

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QFontMetrics

from desktop.coaching.settings import Language
from desktop.config import ProblemReport, load_running_policy
from desktop.ui.config_problem import config_problem_box, problem_details
from desktop.ui.icons import GREY, ORANGE, RED
from desktop.ui.menu import CoachMenu
from desktop.ui.overlay import STATUS_WIDTH_PX, Overlay
from desktop.ui.status import AppStatus, TrayState
from desktop.ui.tempo import tempo_view
from desktop.ui.texts import customer_text, state_text, text


def labels(menu: CoachMenu) -> list[str]:
    return [a.text() if not a.isSeparator() else "—" for a in menu.menu.actions() if a.isVisible()]


def test_the_menu_starts_with_a_status_line_and_keeps_quit_away_from_end_shift(qtbot) -> None:
    """Top: "Luistert mee · gesprek 3" (not clickable); "Afsluiten" is last, several items
    and separators below "Dienst afsluiten en overzicht tonen…"."""
    menu = CoachMenu("nl", lambda: [])
    menu.set_status(AppStatus(model="ready", call_label=3))
    shown = labels(menu)
    assert shown[0] == "Luistert mee · gesprek 3"
    assert not menu.status_action.isEnabled()
    end, quit_ = shown.index("Dienst afsluiten en overzicht tonen…"), shown.index("Afsluiten")
    assert quit_ == len(shown) - 1
    assert quit_ - end >= 5 and shown[end + 1 : quit_].count("—") >= 2


def test_pausing_is_a_word_not_a_ticked_box(qtbot) -> None:
    """Paused, the item reads "Hervatten" without a tick, and resumes when triggered."""
    menu = CoachMenu("nl", lambda: [])
    menu.set_status(AppStatus(paused=True))
    assert menu.pause.text() == "Hervatten" and not menu.pause.isCheckable()
    with qtbot.waitSignal(menu.pause_toggled) as blocker:
        menu.pause.trigger()
    assert blocker.args == [False]
    assert labels(menu)[0] == "Gepauzeerd — de microfoon is uit"


def test_the_meter_can_be_hidden_and_shown_from_the_menu(qtbot) -> None:
    """ "Tempometer tonen" is ticked while shown; unticking asks to hide it."""
    menu = CoachMenu("nl", lambda: [])
    assert menu.overlay_action.isChecked()
    with qtbot.waitSignal(menu.hide_overlay):
        menu.overlay_action.trigger()
    with qtbot.waitSignal(menu.show_overlay):
        menu.overlay_action.trigger()


@pytest.mark.parametrize(
    ("status", "snoozed", "colour"),
    [
        (AppStatus(model="ready", mic="lost"), False, RED),
        (AppStatus(model="ready", paused=True), False, GREY),
        (AppStatus(model="ready", config_problem="x"), False, ORANGE),
        (AppStatus(model="ready"), True, GREY),
    ],
)
def test_the_dot_takes_the_states_colour(qtbot, tmp_path, status, snoozed, colour) -> None:
    """Microphone lost red, paused grey, settings problem orange, snoozed grey (not teal)."""
    overlay = Overlay(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat), "nl")
    qtbot.addWidget(overlay.pill)
    overlay.set_status(status)
    overlay.pill.snoozed = snoozed
    assert overlay.pill.dot_colour().rgb() == QColor(colour).rgb()


def test_without_a_model_the_pill_still_gives_its_tempo_verdict(qtbot, tmp_path) -> None:
    """No speech model: the tempo words show while the agent speaks; the no-model line
    only when the meter rests. A card on screen is not repeated in the pill."""
    overlay = Overlay(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat), "nl")
    qtbot.addWidget(overlay.pill)
    overlay.set_status(AppStatus(model="missing"))
    assert overlay.pill.status_line() == "Zonder spraakmodel: tempo, pauzes en volume"
    overlay.pill.set_tempo(tempo_view(6.3, 4.8, 5.52))
    assert overlay.pill.status_line() == "Snel tempo"
    overlay.set_status(AppStatus(model="ready", cue_visible=True))
    assert "tip" not in overlay.pill.status_line().lower()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_pill_line_fits_without_being_cut(qtbot, tmp_path, language: Language) -> None:
    """Each state, tempo and customer line fits the pill's line in the pill's font."""
    overlay = Overlay(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat), language)
    qtbot.addWidget(overlay.pill)
    metrics = QFontMetrics(overlay.pill.status_font())
    lines = [state_text(state, language) for state in TrayState]
    lines += [text("overlay.snoozed", language)]
    lines += [
        f"{text(f'overlay.{zone}', language)} · {text('overlay.learning', language)}"
        for zone in ("calm", "brisk", "hasty")
    ]
    lines += [
        customer_text(AppStatus(customer=status, on_hold=hold), language)  # type: ignore[arg-type]
        for status in ("listening", "off", "unavailable", "lost")
        for hold in (False, True)
    ]
    for line in lines:
        assert metrics.horizontalAdvance(line) <= STATUS_WIDTH_PX, line


def reported(tmp_path: Path, content: str) -> ProblemReport:
    """What the running app reports for `content` as its named supervisor file."""
    path = tmp_path / "supervisor.toml"
    path.write_text(content, encoding="utf-8")
    result = load_running_policy(str(path), {})
    return ProblemReport(result.errors, result.warnings)


def test_the_settings_problem_dialog_has_one_dutch_sentence_and_the_details_behind_it(
    qtbot, tmp_path: Path
) -> None:
    """The agent reads one Dutch sentence; the details name the file once, list every
    problem and hint at a decimal comma."""
    report = reported(tmp_path, "schema_version = 1\n[cues.haste]\nfloor_syl_s = '5,5'\n"
                      "[gate]\nmax_cues_per_call = 'veel'\n")  # fmt: skip
    box = config_problem_box(report, "nl")
    qtbot.addWidget(box)
    assert box.sentence.text() == (
        "Speech Coach werkt door met de vorige instellingen; meld dit aan je teamleider."
    )
    assert not box.details.isVisibleTo(box)
    box.details_button.click()
    assert box.details.isVisibleTo(box)
    assert [box.details_button.text(), box.close_button.text()] == ["Details voor IT", "Sluiten"]
    details = box.details.toPlainText()
    assert details == problem_details(report, "nl")
    assert details.count(str(tmp_path / "supervisor.toml")) == 1
    assert "floor_syl_s" in details and "max_cues_per_call" in details
    assert "5.5 en niet 5,5" in details
    assert not box.isModal()


@pytest.mark.parametrize(
    ("language", "comma_hint", "guess_hint"),
    [
        ("nl", "Tip: schrijf een decimaal getal met een punt, dus 6.5 en niet 6,5.",
         "Tip: bedoelde je [cues.haste].floor_syl_s?"),
        ("en", "Hint: a decimal number takes a point, not a comma: write 6.5, not 6,5.",
         "Hint: did you mean [cues.haste].floor_syl_s?"),
    ],
)  # fmt: skip
def test_the_details_give_each_problem_its_own_hint_as_config_check_does(
    qtbot, tmp_path: Path, language: Language, comma_hint: str, guess_hint: str
) -> None:
    """A syntax error (a decimal comma) and a mistyped key in one file: both are listed,
    each with its hint under it in the agent's language, the position in words of that
    language; and the English hint is the very one `config check` prints."""
    report = reported(tmp_path, "schema_version = 1\n[cues.haste]\nceiling_syl_s = 6,5\n"
                      "flor_syl_s = 5.0\n")  # fmt: skip
    box = config_problem_box(report, language)
    qtbot.addWidget(box)
    box.details_button.click()
    lines = box.details.toPlainText().splitlines()
    position = {"nl": "regel 3, kolom 18", "en": "line 3, column 18"}[language]
    syntax = lines.index(f"• {position}: TOML syntax error: Expected newline or end of "
                         "document after a statement")  # fmt: skip
    assert lines[syntax + 1] == f"  {comma_hint}"
    guess = lines.index("• [cues.haste].flor_syl_s is not a known setting; it is ignored")
    assert lines[guess + 1] == f"  {guess_hint}"
    assert lines[guess - 1] == {"nl": "Ook opgemerkt:", "en": "Also noticed:"}[language]
    # The same judgement as `config check`: its line ends in this hint, in English.
    for problem, hint in ((report.errors[0], comma_hint), (report.warnings[0], guess_hint)):
        english = problem.hint.en if problem.hint else None
        assert str(problem).endswith(f" ({english})")
        if language == "en":
            assert hint == f"Hint: {english}" + ("" if hint.endswith("?") else ".")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_screenshot_of_the_pill_in_every_state(qtbot, tmp_path, language: Language) -> None:
    """The pill as the agent sees it in each state (docs/screenshots/pill-states-nl.png)."""
    from test_card_fit import save_gallery

    listening = AppStatus(model="ready")
    states = [
        (listening, tempo_view(4.6, 4.8, 5.52), False),
        (listening, tempo_view(6.3, 4.8, 5.52), False),
        (AppStatus(model="missing"), tempo_view(5.3, None, 5.5), False),
        (AppStatus(model="missing"), None, False),
        (AppStatus(model="ready", customer="listening"), tempo_view(4.9, 4.8, 5.52), False),
        (AppStatus(model="ready", customer="listening", on_hold=True), None, False),
        (AppStatus(model="ready", customer="lost"), None, False),
        (listening, None, True),
        (AppStatus(model="ready", paused=True), None, False),
        (AppStatus(model="ready", mic="lost"), None, False),
        (AppStatus(model="ready", config_problem="x"), None, False),
    ]
    images = []
    for status, view, snoozed in states:
        overlay = Overlay(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat), language)
        qtbot.addWidget(overlay.pill)
        qtbot.addWidget(overlay.card)
        overlay.set_status(status)
        overlay.pill.snoozed = snoozed
        if view is not None:
            overlay.pill.set_tempo(view)
            overlay.pill.hear_voice()
            overlay.pill._needle = view.needle  # the eased needle, settled
        images.append(overlay.pill.grab().toImage())
    save_gallery(images, f"pill-states-{language}.png", tmp_path, columns=2)


def test_screenshot_of_the_settings_problem_dialog(qtbot, tmp_path: Path) -> None:
    """The dialog with its details open, for a file with a syntax error (a decimal comma)
    and a mistyped key (docs/screenshots/settings-problem.png)."""
    from test_card_fit import save_gallery

    report = reported(tmp_path, "schema_version = 1\n\n[cues.haste]\nceiling_syl_s = 6,5\n"
                      "flor_syl_s = 5.0\n\n[gate]\nmax_cues_per_call = 5\n")  # fmt: skip
    assert [e.line for e in report.errors] == [4, None]  # and: nothing deleted meanwhile
    assert [w.key_path for w in report.warnings] == ["cues.haste.flor_syl_s"]
    on_a_pc = "/etc/xdg/speech-coach/supervisor.toml"  # the file's name as IT would see it
    report = ProblemReport(
        *(
            tuple(replace(p, file=on_a_pc) for p in part)
            for part in (report.errors, report.warnings)
        )
    )
    box = config_problem_box(report, "nl")
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    box.details_button.click()
    save_gallery([box.grab().toImage()], "settings-problem.png", tmp_path, columns=1)
