"""What a cue card says: a title, the supervisor's message, and one line of evidence.

Title and message come from the policy in the agent's chosen language (the supervisor may
have rewritten both). The card's evidence line says in words what was heard, relative to the
agent's own normal ("Duidelijk sneller dan je normaal"): a number with a unit means little in
the middle of a call. The numbers, with their units written out, are for the summary
(`measured_line`). Dutch quotes are ‘…’, English ones “…”, everywhere. Qt-free so it can be
tested on its own.

No line names or guesses a feeling of anyone (EU AI Act Art. 5(1)(f)): they describe tempo,
pauses, loudness, who spoke and what was said.
"""

from dataclasses import dataclass

from desktop.coaching.cue import Cue
from desktop.coaching.settings import CueSettings, Language

MUCH_FASTER_RATIO = 1.3
"""A rate this many times the agent's normal is "much faster" (the haste cue starts at 1.15)."""
MUCH_LOUDER_DB = 10.0
"""Ten decibels above the normal sounds about twice as loud: "much louder"."""
NO_PAUSE_MS = 100.0
"""Below this the pause before a key point is not heard as a pause at all."""


@dataclass(frozen=True, slots=True)
class CardText:
    title: str
    message: str
    evidence: str


def card_text(cue: Cue, cues: CueSettings, language: Language) -> CardText:
    settings = getattr(cues, cue.name)
    return CardText(
        title=settings.title.text(language),
        message=settings.message.text(language),
        evidence=evidence_line(cue, language),
    )


def quoted(phrase: str, language: Language) -> str:
    """`phrase` in the language's one quotation style: ‘…’ in Dutch, “…” in English."""
    return f"‘{phrase}’" if language == "nl" else f"“{phrase}”"


def evidence_line(cue: Cue, language: Language) -> str:
    """What was heard, in words; empty when there is nothing to add to the message."""
    e = cue.evidence
    nl = language == "nl"
    if cue.name == "haste" and _is_number(e.get("rate_syl_s")):
        return _haste_words(e, nl)
    if cue.name == "key_pause" and _is_number(e.get("pause_ms")):
        phrase = quoted(str(e.get("phrase", "…")), language)
        if float(e["pause_ms"]) < NO_PAUSE_MS:
            return f"Geen pauze vóór {phrase}" if nl else f"No pause before {phrase}"
        return (
            f"Maar een korte pauze vóór {phrase}" if nl else f"Only a short pause before {phrase}"
        )
    if cue.name == "acknowledgement" and e.get("expected"):
        example = quoted(str(e["expected"]), language)
        return f"Bijvoorbeeld: {example}" if nl else f"For example: {example}"
    if cue.name in ("policy_shield", "blame") and e.get("alternative"):
        alternative = quoted(str(e["alternative"]), language)
        return f"Probeer: {alternative}" if nl else f"Try: {alternative}"
    if cue.name == "raised_voice" and _is_number(e.get("above_baseline_db")):
        much = float(e["above_baseline_db"]) >= MUCH_LOUDER_DB
        if nl:
            return "Veel luider dan je normaal" if much else "Luider dan je normaal"
        return "Much louder than your normal" if much else "Louder than your normal"
    if cue.name == "monologue" and _is_number(e.get("speech_s")):
        return _monologue_words(float(e["speech_s"]), nl)
    if cue.name == "interrupting":
        return "Je begon terwijl de klant nog sprak" if nl else "You began while the customer spoke"
    if cue.name == "pace_matching":
        return "Duidelijk sneller dan de klant" if nl else "Clearly faster than the customer"
    if cue.name == "dead_air":
        return "Al een tijdje stil aan beide kanten" if nl else "Silent on both sides for a while"
    if cue.name == "fillers" and _is_number(e.get("per_min")):
        count = round(float(e["per_min"]))
        return f"Ongeveer {count} keer per minuut" if nl else f"About {count} times a minute"
    return ""


def _haste_words(e: dict[str, float | str], nl: bool) -> str:
    rate = float(e["rate_syl_s"])
    baseline = e.get("baseline_syl_s")
    if isinstance(baseline, int | float) and baseline > 0:
        if rate >= baseline * MUCH_FASTER_RATIO:
            return "Veel sneller dan je normaal" if nl else "Much faster than your normal"
        return "Duidelijk sneller dan je normaal" if nl else "Clearly faster than your normal"
    if nl:
        return "Sneller dan een klant makkelijk volgt"
    return "Faster than a customer follows easily"


def _monologue_words(speech_s: float, nl: bool) -> str:
    if speech_s < 120:
        seconds = int(speech_s // 5 * 5)
        if nl:
            return f"Al {seconds} seconden aan het woord zonder pauze"
        return f"Talking for {seconds} seconds without a pause"
    minutes = int(speech_s // 60)
    if nl:
        return f"Al {minutes} minuten aan het woord zonder pauze"
    return f"Talking for {minutes} minutes without a pause"


def measured_line(cue: Cue, language: Language) -> str:
    """The numbers behind a cue with their units written out, for the summary (where there is
    time to read them); falls back to the card's words where there are no numbers."""
    e = cue.evidence
    nl = language == "nl"
    if cue.name == "haste" and _is_number(e.get("rate_syl_s")):
        unit = "lettergrepen per seconde" if nl else "syllables per second"
        line = f"{_num(e['rate_syl_s'], nl)} {unit}"
        if _is_number(e.get("baseline_syl_s")):
            line += f"; {'jouw normaal' if nl else 'your normal'} {_num(e['baseline_syl_s'], nl)}"
        elif _is_number(e.get("threshold_syl_s")):
            line += f"; {'grens' if nl else 'limit'} {_num(e['threshold_syl_s'], nl)}"
        return line
    if cue.name == "key_pause" and _is_number(e.get("pause_ms")):
        pause = _num(e["pause_ms"], nl, 0)
        phrase = quoted(str(e.get("phrase", "…")), language)
        if nl:
            return f"pauze van {pause} milliseconden vóór {phrase}"
        return f"a pause of {pause} milliseconds before {phrase}"
    if cue.name == "raised_voice" and _is_number(e.get("above_baseline_db")):
        above = _num(e["above_baseline_db"], nl, 0)
        if nl:
            return f"{above} decibel boven je normale volume"
        return f"{above} decibels above your normal loudness"
    if cue.name == "monologue" and _is_number(e.get("speech_s")):
        seconds = _num(e["speech_s"], nl, 0)
        return f"{seconds} seconden zonder pauze" if nl else f"{seconds} seconds without a pause"
    return evidence_line(cue, language)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _num(value: float | str, nl: bool, decimals: int = 1) -> str:
    if isinstance(value, str):
        return value
    shown = f"{value:.{decimals}f}"
    return shown.replace(".", ",") if nl else shown
