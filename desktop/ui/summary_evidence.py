"""The cues of one call as the call detail lists them: time into the call, the card's title,
its message and its evidence line. Qt-free.

The evidence line is the measured one (`cue_text.measured_line`, units written out),
except where the store kept the evidence without the spoken words (transcripts not
allowed): a key-point pause then names the kind of key point instead of the phrase.
"""

from dataclasses import dataclass

from desktop.coaching.cue import CUE_NAMES, Cue
from desktop.coaching.settings import CueSettings, Language
from desktop.report.texts import elapsed
from desktop.store.records import CueRecord
from desktop.summary.numbers import decimal
from desktop.ui.cue_text import measured_line

KEY_POINT_KINDS: dict[str, tuple[str, str]] = {
    "amount": ("een bedrag", "an amount"),
    "date": ("een datum", "a date"),
    "weekday": ("een dag", "a day"),
    "number": ("een getal", "a number"),
    "code": ("een code", "a code"),
    "key_phrase": ("een kernzin", "a key phrase"),
}


@dataclass(frozen=True, slots=True)
class CueRow:
    name: str
    time_in_call: str
    """ "2:14": minutes and seconds since the call began."""
    title: str
    message: str
    evidence: str


def cue_rows(
    cues: tuple[CueRecord, ...], call_number: int, call_start_s: float, language: Language
) -> tuple[CueRow, ...]:
    """The cues shown in call `call_number`, in time order."""
    return tuple(
        CueRow(
            name=c.name,
            time_in_call=elapsed(c.t_s - call_start_s),
            title=_title(c.name, language),
            message=c.message,
            evidence=stored_evidence_line(c, language),
        )
        for c in sorted(cues, key=lambda c: c.t_s)
        if c.call_number == call_number
    )


def stored_evidence_line(cue: CueRecord, language: Language) -> str:
    evidence = dict(cue.evidence)
    pause_ms = evidence.get("pause_ms")
    if cue.name == "key_pause" and isinstance(pause_ms, float) and "phrase" not in evidence:
        nl = language == "nl"
        kind_nl, kind_en = KEY_POINT_KINDS.get(
            str(evidence.get("kind")), ("een kernpunt", "a key point")
        )
        pause = decimal(pause_ms, language, 0)
        if nl:
            return f"pauze van {pause} milliseconden vóór {kind_nl}"
        return f"a pause of {pause} milliseconds before {kind_en}"
    if cue.name not in CUE_NAMES:
        return ""
    try:
        return measured_line(
            Cue(cue.name, cue.t_s, cue.evidence_t_s, cue.message, evidence), language
        )
    except (KeyError, TypeError, ValueError):  # evidence from an older or newer version
        return ""


def _title(name: str, language: Language) -> str:
    """The card's default title (the summary has no policy; a stored name the app no longer
    knows is shown as it is)."""
    settings = getattr(CueSettings(), name, None) if name in CUE_NAMES else None
    return settings.title.text(language) if settings is not None else name
