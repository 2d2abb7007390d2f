"""The headline figures as (label, value) lines in the agent's language, for the command line
and any plain-text view."""

from desktop.coaching.settings import Language
from desktop.summary.figures import ShiftFigures
from desktop.summary.numbers import decimal, duration, percent
from desktop.summary.share import Share

CUE_NAMES: dict[str, tuple[str, str]] = {
    "interrupting": ("door de klant heen praten", "talking over the customer"),
    "dead_air": ("stilte aan de lijn", "silence on the line"),
    "pace_matching": ("tempo van de klant", "the customer's pace"),
    "haste": ("haast", "haste"),
    "key_pause": ("pauze voor kernpunt", "key-point pause"),
    "acknowledgement": ("erkenning", "acknowledgement"),
    "monologue": ("monoloog", "monologue"),
    "policy_shield": ("beleid als schild", "policy shield"),
    "blame": ("verwijt", "blame"),
    "raised_voice": ("stemverheffing", "raised voice"),
    "fillers": ("stopwoordjes", "fillers"),
}


def cue_name(name: str, language: Language) -> str:
    nl, en = CUE_NAMES.get(name, (name, name))
    return nl if language == "nl" else en


def headline_rows(f: ShiftFigures, language: Language) -> list[tuple[str, str]]:
    nl = language == "nl"
    not_measured = (
        "niet gemeten (geen spraakmodel of uitgeschakeld)"
        if nl
        else ("not measured (no speech model, or switched off)")
    )
    return [
        ("Spreektijd" if nl else "Talk time", duration(f.talk_s, language)),
        ("Gesprekken" if nl else "Calls", str(f.calls)),
        ("Tempo", _tempo(f, language)),
        ("Gehaast" if nl else "Hurried", _hurried(f, language)),
        (
            "Pauze voor kernpunten" if nl else "Pause before key points",
            _share(f.key_points, language) if f.key_points else not_measured,
        ),
        (
            "Erkenning na klantbeurt" if nl else "Acknowledged customers",
            _share(f.acknowledged, language) if f.acknowledged else not_measured,
        ),
        ("Tips" if nl else "Cues", _cues(f, language)),
        *_two_sided(f, language),
    ]


def _two_sided(f: ShiftFigures, language: Language) -> list[tuple[str, str]]:
    """Who spoke how much, cut-ins, dead air and the customer's tempo; one "not measured"
    line when the customer channel was not heard (never zeros)."""
    nl = language == "nl"
    c = f.conversation
    share, listen = c.talk_share, c.listen_share
    label = "Aan het woord" if nl else "Speaking"
    if not c.heard or share is None or listen is None:
        if nl:
            return [(label, "niet gemeten (klantkanaal niet gehoord)")]
        return [(label, "not measured (customer channel not heard)")]
    rows = [
        (
            label,
            f"jij {percent(share)}, klant {percent(listen)}"
            if nl
            else f"you {percent(share)}, customer {percent(listen)}",
        )
    ]
    if c.interruptions is not None:
        times = f"{c.interruptions} keer" if nl else f"{c.interruptions} times"
        rows.append(("Klant onderbroken" if nl else "Cut in", times))
    if c.dead_air_s is not None:
        rows.append(("Stilte aan de lijn" if nl else "Dead air", f"{round(c.dead_air_s)} s"))
    if c.customer_rate_syl_s is not None:
        unit = "lettergrepen/s" if nl else "syllables/s"
        theirs = f"{decimal(c.customer_rate_syl_s, language)} {unit}"
        if c.agent_rate_syl_s is not None:
            theirs += f" ({'jij' if nl else 'you'} {decimal(c.agent_rate_syl_s, language)})"
        rows.append(("Tempo van de klant" if nl else "Customer's tempo", theirs))
    return rows


def _tempo(f: ShiftFigures, language: Language) -> str:
    nl = language == "nl"
    unit = "lettergrepen/s" if nl else "syllables/s"
    if f.average_rate_syl_s is None:
        return "–"
    text = f"{decimal(f.average_rate_syl_s, language)} {unit} {'gemiddeld' if nl else 'on average'}"
    if f.baseline_rate_syl_s is not None and f.average_vs_baseline is not None:
        normal = "jouw normaal" if nl else "your normal"
        ratio = decimal(f.average_vs_baseline, language, 2)
        text += f" ({ratio} × {normal} {decimal(f.baseline_rate_syl_s, language)})"
    if f.peak_rate_syl_s is not None:
        text += f", {'piek' if nl else 'peak'} {decimal(f.peak_rate_syl_s, language)}"
        if f.peak_vs_baseline is not None:
            text += f" ({decimal(f.peak_vs_baseline, language, 2)} ×)"
    return text


def _hurried(f: ShiftFigures, language: Language) -> str:
    if f.hasty_share is None:
        return "–"
    nl = language == "nl"
    threshold = decimal(f.haste_threshold_syl_s, language)
    if nl:
        return f"{percent(f.hasty_share)} van de spreektijd (boven {threshold} lettergrepen/s)"
    return f"{percent(f.hasty_share)} of talk time (above {threshold} syllables/s)"


def _share(share: Share, language: Language) -> str:
    of = "van" if language == "nl" else "of"
    if share.fraction is None:
        return "geen gehoord" if language == "nl" else "none heard"
    return f"{share.part} {of} {share.whole} ({percent(share.fraction)})"


def _cues(f: ShiftFigures, language: Language) -> str:
    nl = language == "nl"
    text = str(f.cues)
    if f.cues_per_call is not None:
        text += f" ({decimal(f.cues_per_call, language)} {'per gesprek' if nl else 'per call'})"
    if f.cues_by_name:
        text += ": " + ", ".join(f"{cue_name(n, language)} {c}" for n, c in f.cues_by_name)
    return text
