"""`speech-coach summary`: the last shift's figures and feedback (or shift --shift ID), the
list of shifts (--list), one shift's raw figures and cues as CSV (--csv FILE), and its
one-page report as PDF (--pdf FILE).

The PDF is drawn with Qt (`desktop.report`), imported only when --pdf is given, so the other
commands stay Qt-free and start fast; without a display it draws offscreen.

Output is in the policy's language, like everything the agent reads. A problem the user can
fix (no history yet, an unknown shift, a CSV path that cannot be written, a history that is
locked, damaged or from a newer version) is a UserError: one sentence on stderr, exit status 2.

It only reads: the history is opened read-only (`desktop.store.reading`), so a report never
deletes old shifts (retention is the recorder's), migrates or moves the file. Shifts or rows
that cannot be read are left out and named on stderr (the store's warnings, or the list's
lines), never a traceback.
"""

import sys
from pathlib import Path

from desktop.coaching.settings import Language, Policy
from desktop.errors import UserError
from desktop.store import HistoryStore, ShiftOverview, default_history_path
from desktop.store.history import UnreadableShift, UnreadableShiftError
from desktop.store.reading import HistoryUnavailable, open_for_reading
from desktop.summary import MIN_CALL_TALK_S, ShiftSummary, TrendPoint, load_trend
from desktop.summary.export import write_csv
from desktop.summary.headline import headline_rows
from desktop.summary.load import read_summary
from desktop.summary.numbers import duration


def summary(
    shift_id: int | None,
    csv_path: str | None,
    list_shifts: bool,
    policy: Policy,
    history_path: Path | None = None,
    pdf_path: str | None = None,
) -> int:
    path = history_path or default_history_path()
    for option, value in (("--csv", csv_path), ("--pdf", pdf_path)):
        if list_shifts and value is not None:
            raise UserError(f"{option} exports one shift; use it without --list.")
    try:
        opened = open_for_reading(path)
    except HistoryUnavailable as error:
        raise UserError(str(error)) from error
    with opened as store:
        if list_shifts:
            return _print_list(store, policy.language)
        try:
            found = read_summary(store, shift_id)
        except UnreadableShiftError as error:
            raise UserError(
                f"Shift {error.unreadable.shift_id} cannot be read ({error.unreadable.reason}); "
                "`speech-coach summary --list` lists the others."
            ) from error
        trend = load_trend(store) if pdf_path is not None and found is not None else ()
        unreadable = store.shift_listing(0.0).unreadable if found is None else ()
    if found is None:
        if shift_id is None and unreadable:
            raise UserError(
                f"None of the {len(unreadable)} shift(s) in {path} can be read; "
                "`speech-coach summary --list` says why."
            )
        if shift_id is None:
            raise UserError(f"No shifts have been recorded yet in {path}.")
        raise UserError(f"There is no shift {shift_id}; `speech-coach summary --list` lists them.")
    if csv_path is not None:
        _export(found, Path(csv_path))
    if pdf_path is not None:
        _export_pdf(found, trend, Path(pdf_path), policy.language)
    print(format_summary(found, policy.language))
    return 0


def format_summary(found: ShiftSummary, language: Language) -> str:
    figures = found.figures
    started = figures.started_utc.astimezone().strftime("%Y-%m-%d %H:%M")
    title = "Dienst" if language == "nl" else "Shift"
    recorded = duration(figures.recorded_s, language)
    recorded += " opgenomen" if language == "nl" else " recorded"
    lines = [f"{title} {figures.shift_id} — {started}, {recorded}"]
    rows = headline_rows(figures, language)
    width = max(len(label) for label, _ in rows)
    lines += [f"  {label:<{width}}  {value}" for label, value in rows]
    lines += ["", found.feedback.text(language)]
    return "\n".join(lines)


def _export(found: ShiftSummary, path: Path) -> None:
    try:
        write_csv(found.history, path)
    except OSError as error:
        reason = error.strerror or str(error)
        raise UserError(f"Cannot write {path} ({reason}); choose another file.") from error
    print(f"Wrote shift {found.figures.shift_id} to {path}.", file=sys.stderr)


def _export_pdf(
    found: ShiftSummary, trend: tuple[TrendPoint, ...], path: Path, language: Language
) -> None:
    try:
        from desktop.report.headless import ensure_gui_application
        from desktop.report.pdf import write_shift_pdf
    except ImportError as error:  # e.g. a server without Qt's graphics libraries
        raise UserError(f"Cannot draw the PDF here: Qt could not be loaded ({error}).") from error
    _application = ensure_gui_application()  # held while the page is drawn
    try:
        write_shift_pdf(found, trend, path, language)
    except OSError as error:
        reason = error.strerror or str(error)
        raise UserError(f"Cannot write {path} ({reason}); choose another file.") from error
    print(f"Wrote the report of shift {found.figures.shift_id} to {path}.", file=sys.stderr)


def _print_list(store: HistoryStore, language: Language) -> int:
    listing = store.shift_listing(MIN_CALL_TALK_S)
    overviews = listing.overviews
    for shift in listing.unreadable:
        print(_unreadable_line(shift), file=sys.stderr)
    if not overviews:
        if listing.unreadable:
            raise UserError("No shift in the history can be read.")
        raise UserError("No shifts have been recorded yet.")
    nl = language == "nl"
    header = (
        ("Dienst", "Begonnen", "Opgenomen", "Spreektijd", "Gesprekken", "Tips")
        if nl
        else ("Shift", "Started", "Recorded", "Talk time", "Calls", "Cues")
    )
    table = [header] + [_list_row(o, language) for o in overviews]
    widths = [max(len(row[k]) for row in table) for k in range(len(header))]
    for row in table:
        print(
            "  ".join(
                cell.rjust(w) if k != 1 else cell.ljust(w)
                for k, (cell, w) in enumerate(zip(row, widths, strict=True))
            ).rstrip()
        )
    return 0


def _list_row(o: ShiftOverview, language: Language) -> tuple[str, ...]:
    return (
        str(o.shift.shift_id),
        o.shift.started_utc.astimezone().strftime("%Y-%m-%d %H:%M"),
        duration(o.shift.recorded_s, language),
        duration(o.talk_s, language),
        str(o.calls),
        str(o.cues),
    )


def _unreadable_line(shift: UnreadableShift) -> str:
    return f"Shift {shift.shift_id} cannot be read and is left out: {shift.reason}."
