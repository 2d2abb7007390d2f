"""What a cue card says: a title, the supervisor's message, and one line of evidence.

The message comes from the policy in the agent's chosen language (the supervisor may have
rewritten it); the evidence line puts the cue's numbers in words ("6,4 lettergrepen/s — jouw
normaal 4,9"). Qt-free so it can be tested on its own.
"""

from dataclasses import dataclass

from desktop.coaching.cue import Cue
from desktop.coaching.settings import CueSettings, Language, Message
from desktop.ui.texts import text


@dataclass(frozen=True, slots=True)
class CardText:
    title: str
    message: str
    evidence: str


def card_text(cue: Cue, cues: CueSettings, language: Language) -> CardText:
    message: Message = getattr(cues, cue.name).message
    return CardText(
        title=text(f"cue.{cue.name}", language),
        message=message.text(language),
        evidence=evidence_line(cue, language),
    )


def evidence_line(cue: Cue, language: Language) -> str:
    """One short line of the numbers behind the cue; empty when there is nothing to say."""
    e = cue.evidence
    nl = language == "nl"
    if cue.name == "haste" and "rate_syl_s" in e:
        line = f"{_num(e['rate_syl_s'], nl)} {'lettergrepen/s' if nl else 'syllables/s'}"
        if isinstance(e.get("baseline_syl_s"), float):
            line += f" — {'jouw normaal' if nl else 'your normal'} {_num(e['baseline_syl_s'], nl)}"
        elif isinstance(e.get("threshold_syl_s"), float):
            line += f" — {'grens' if nl else 'limit'} {_num(e['threshold_syl_s'], nl)}"
        return line
    if cue.name == "key_pause" and "pause_ms" in e:
        pause = f"{'pauze van' if nl else 'a pause of'} {_num(e['pause_ms'], nl, 0)} ms"
        return f"{pause} {'vóór' if nl else 'before'} “{e.get('phrase', '…')}”"
    if cue.name == "acknowledgement" and "expected" in e:
        return f"{'Bijvoorbeeld' if nl else 'For example'}: “{e['expected']}”"
    if cue.name in ("policy_shield", "blame") and e.get("alternative"):
        return f"{'Probeer' if nl else 'Try'}: “{e['alternative']}”"
    if cue.name == "raised_voice" and "above_baseline_db" in e:
        above = "boven jouw normaal" if nl else "above your normal"
        return f"+{_num(e['above_baseline_db'], nl, 0)} dB {above}"
    if cue.name == "monologue" and "speech_s" in e:
        return f"{_num(e['speech_s'], nl, 0)} s {'zonder pauze' if nl else 'without a pause'}"
    if cue.name == "interrupting":
        return "Je begon terwijl de klant nog sprak" if nl else "You began while the customer spoke"
    if cue.name == "pace_matching":
        return "Duidelijk sneller dan de klant" if nl else "Clearly faster than the customer"
    if cue.name == "dead_air":
        return "Al een tijdje stil aan beide kanten" if nl else "Silent on both sides for a while"
    if cue.name == "fillers" and "per_min" in e:
        return f"{_num(e['per_min'], nl, 0)} {'per minuut' if nl else 'per minute'}"
    return ""


def _num(value: float | str, nl: bool, decimals: int = 1) -> str:
    if isinstance(value, str):
        return value
    shown = f"{value:.{decimals}f}"
    return shown.replace(".", ",") if nl else shown
