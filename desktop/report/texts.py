"""Every word the summary window and the PDF report show, in Dutch and English.

One table, as `desktop/ui/texts.py` is for the tray, so a translator finds them in one place.
Cue titles and evidence lines are the cue cards' own (`desktop/ui/texts.py`, `cue_text.py`);
cue names in legends are the command line's (`desktop.summary.headline.cue_name`).
"""

from datetime import datetime

from desktop.coaching.settings import Language

_TEXTS: dict[str, tuple[str, str]] = {
    "window.title": ("Dienstoverzicht", "Shift summary"),
    "window.more_figures": ("Meer cijfers", "More figures"),
    "report.kicker": ("Speech Coach · dienstoverzicht", "Speech Coach · shift summary"),
    "report.title": ("Dienst van {date}", "Shift of {date}"),
    "report.footer": (
        "Gemaakt door Speech Coach, op de computer van de medewerker. Er is nooit geluid "
        "opgeslagen. Dienst {shift}.",
        "Made by Speech Coach on the agent's own computer. No sound was ever stored. "
        "Shift {shift}.",
    ),
    "subtitle": (
        "{clock} · {recorded} opgenomen · {calls}",
        "{clock} · {recorded} recorded · {calls}",
    ),
    "calls.one": ("1 gesprek", "1 call"),
    "calls.many": ("{n} gesprekken", "{n} calls"),
    "and": ("en", "and"),
    "haste.one": ("Het meest gehaast in gesprek {calls}", "Most hurried in call {calls}"),
    "haste.many": ("Het meest gehaast in gesprekken {calls}", "Most hurried in calls {calls}"),
    "feedback.well": ("Wat goed ging", "What went well"),
    "feedback.try": ("Eén ding om te proberen", "One thing to try"),
    "tile.talk": ("Spreektijd", "Talk time"),
    "tile.talk.detail": ("van {recorded} opgenomen", "of {recorded} recorded"),
    "tile.calls": ("Gesprekken", "Calls"),
    "tile.calls.detail": ("waarin je sprak", "in which you spoke"),
    "tile.average": ("Gemiddeld tempo", "Average tempo"),
    "tile.peak": ("Piektempo", "Peak tempo"),
    "tile.vs_normal": ("{ratio} × jouw normaal ({normal})", "{ratio} × your normal ({normal})"),
    "tile.no_normal": ("jouw normaal is nog niet bekend", "your normal is not known yet"),
    "tile.hasty": ("Gehaast", "Hurried"),
    "tile.hasty.detail": ("van je spreektijd boven {threshold}", "of talk time above {threshold}"),
    "tile.key_points": ("Pauze vóór kernpunt", "Pause before key points"),
    "tile.key_points.detail": (
        "bedragen, datums, nummers: {percent}",
        "amounts, dates, numbers: {percent}",
    ),
    "tile.acknowledged": ("Klant eerst erkend", "Acknowledged first"),
    "tile.acknowledged.detail": (
        "antwoorden die begonnen met erkenning: {percent}",
        "replies that acknowledged first: {percent}",
    ),
    "tile.none_heard": ("geen gehoord in deze dienst", "none heard in this shift"),
    "tile.cues": ("Tips per gesprek", "Cues per call"),
    "tile.cues.detail": ("{count} in totaal", "{count} in all"),
    "tile.cues.most": ("vooral", "mostly"),
    "tile.cues.none": ("geen enkele tip nodig", "no cues needed"),
    "not_measured": ("—", "—"),
    "hint.no_words": (
        "niet gemeten: geen spraakmodel, of de tip staat uit",
        "not measured: no speech model, or the cue is off",
    ),
    "hint.too_little_speech": ("te weinig spraak om te meten", "too little speech to measure"),
    "hint.no_calls": ("geen gesprekken met spraak", "no calls with speech"),
    "unit.rate": ("lg/s", "syl/s"),
    "unit.rate.long": ("lettergrepen per seconde", "syllables per second"),
    "chart.tempo": (
        "Tempo door de dienst, in lettergrepen per seconde (lg/s)",
        "Tempo through the shift, in syllables per second (syl/s)",
    ),
    "chart.tempo.call": ("Tempo in gesprek {call}", "Tempo in call {call}"),
    "chart.normal": ("jouw normaal {rate}", "your normal {rate}"),
    "chart.threshold": ("gehaast boven {rate}", "hurried above {rate}"),
    "chart.hasty": ("gehaast", "hurried"),
    "chart.tempo_line": ("jouw tempo per {step}", "your tempo per {step}"),
    "chart.customer_tempo": ("tempo van de klant per gesprek", "the customer's tempo per call"),
    "chart.hours": ("uur in de dienst", "hours into the shift"),
    "chart.minutes": ("minuten in het gesprek", "minutes into the call"),
    "chart.no_tempo": ("Te weinig spraak voor een tempolijn", "Too little speech for a tempo line"),
    "listening.heading": ("Jij en de klant", "You and the customer"),
    "chart.calls": ("Per gesprek", "Per call"),
    "chart.calls.axis": ("minuten spreektijd", "minutes of talk"),
    "chart.calls.calm": ("rustig", "calm"),
    "chart.calls.customer": ("klant", "customer"),
    "chart.calls.cue_count": ("getal boven de staaf: tips", "number above a bar: cues"),
    "chart.no_calls": ("Nog geen gesprekken met spraak", "No calls with speech yet"),
    "chart.trend": ("Laatste diensten", "Recent shifts"),
    "chart.trend.one": (
        "De trend verschijnt na een paar diensten",
        "The trend appears after a few shifts",
    ),
    "trend.hasty": ("Gehaast", "Hurried"),
    "trend.key_points": ("Pauze vóór kernpunt", "Key-point pause"),
    "trend.acknowledged": ("Erkenning", "Acknowledged"),
    "trend.cues": ("Tips per gesprek", "Cues per call"),
}

_WINDOW_TEXTS: dict[str, tuple[str, str]] = {
    "window.shift": ("Dienst", "Shift"),
    "window.export_csv": ("CSV exporteren…", "Export CSV…"),
    "window.export_pdf": ("PDF-rapport…", "PDF report…"),
    "window.csv_title": (
        "Cijfers van de dienst opslaan als CSV",
        "Save the shift's figures as CSV",
    ),
    "window.pdf_title": ("Rapport van de dienst opslaan als PDF", "Save the shift report as PDF"),
    "window.saved": ("Opgeslagen: {path}", "Saved: {path}"),
    "window.not_saved": (
        "Opslaan lukte niet ({reason}). Kies een andere map.",
        "Could not save ({reason}). Choose another folder.",
    ),
    "window.picker": (
        "{date}, {clock} · {talk} spreektijd · {calls}",
        "{date}, {clock} · {talk} talk · {calls}",
    ),
    "window.in_memory": (
        "Deze dienst wordt niet bewaard: de geschiedenis staat alleen in het geheugen.",
        "This shift is not being kept: the history lives in memory only.",
    ),
    "empty.title": ("Nog geen diensten opgenomen", "No shifts recorded yet"),
    "empty.body": (
        "Zodra je met Speech Coach een dienst hebt gewerkt, zie je hier hoe het ging: je "
        "tempo, je pauzes, je gesprekken en een tip voor de volgende keer. Alles blijft op "
        "deze computer.",
        "Once you have worked a shift with Speech Coach, you will see here how it went: your "
        "tempo, your pauses, your calls and a tip for next time. Everything stays on this "
        "computer.",
    ),
    "calls.heading": ("Gesprekken", "Calls"),
    "calls.item": ("Gesprek {call}", "Call {call}"),
    "calls.facts": ("{talk} spreektijd · {rate} · {cues}", "{talk} talk · {rate} · {cues}"),
    "calls.cues.none": ("geen tips", "no cues"),
    "calls.cues.one": ("1 tip", "1 cue"),
    "calls.cues.many": ("{n} tips", "{n} cues"),
    "calls.hurried": ("{share} gehaast", "{share} hurried"),
    "calls.share": (
        "jij {agent}, klant {customer} aan het woord",
        "you {agent}, customer {customer} of the talk",
    ),
    "calls.interruptions": ("klant {n}× onderbroken", "cut in on the customer {n}×"),
    "calls.dead_air": ("{seconds} s stilte", "{seconds} s silence"),
    "calls.acknowledged": ("{part} van {whole} erkend", "{part} of {whole} acknowledged"),
    "detail.not_heard": (
        "klantkanaal niet gehoord: spreektijd van de klant niet gemeten",
        "customer channel not heard: the customer's talk time not measured",
    ),
    "detail.choose": (
        "Kies een gesprek om te zien welke tips je kreeg en waarom.",
        "Choose a call to see which cues you got, and why.",
    ),
    "detail.title": ("Gesprek {call}", "Call {call}"),
    "detail.facts": (
        "begon na {at} · duurde {length} · {talk} spreektijd",
        "began after {at} · lasted {length} · {talk} of talk",
    ),
    "detail.cues": ("Tips in dit gesprek", "Cues in this call"),
    "detail.no_cues": ("Geen tips nodig in dit gesprek.", "No cues needed in this call."),
}
_TEXTS.update(_WINDOW_TEXTS)

DAYS = {
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
MONTHS = {
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),  # fmt: skip
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),  # fmt: skip
}


def text(key: str, language: Language) -> str:
    """The text for `key` in `language` (KeyError for an unknown key: a typo is a bug)."""
    nl, en = _TEXTS[key]
    return nl if language == "nl" else en


def all_keys() -> list[str]:
    return list(_TEXTS)


def calls_text(calls: int, language: Language) -> str:
    return (
        text("calls.one", language) if calls == 1 else text("calls.many", language).format(n=calls)
    )


def long_date(moment: datetime, language: Language) -> str:
    """ "dinsdag 6 mei 2025" / "Tuesday 6 May 2025", in the computer's time zone."""
    local = moment.astimezone()
    day = DAYS[language][local.weekday()]
    return f"{day} {local.day} {MONTHS[language][local.month - 1]} {local.year}"


def short_date(moment: datetime, language: Language) -> str:
    """ "di 6 mei" / "Tue 6 May": for axis labels and the shift picker."""
    local = moment.astimezone()
    day = DAYS[language][local.weekday()][: 2 if language == "nl" else 3]
    return f"{day} {local.day} {MONTHS[language][local.month - 1][:3]}"


def clock_time(moment: datetime) -> str:
    """ "08:05", local time."""
    return moment.astimezone().strftime("%H:%M")


def elapsed(seconds: float) -> str:
    """Time into a shift or call: "1:05:30" (h:mm:ss) from an hour on, else "12:30" (m:ss)."""
    total_s = max(0, round(seconds))
    hours, rest = divmod(total_s, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
