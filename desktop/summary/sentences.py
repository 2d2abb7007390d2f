"""The feedback's sentences, in Dutch and English. Praise carries this shift's numbers; a
tip is an invitation ("Probeer …"), never a reproach, and carries no number."""

from desktop.coaching.settings import Language
from desktop.summary.figures import ShiftFigures
from desktop.summary.numbers import decimal, percent, talk_minutes

TIPS: dict[str, tuple[str, str]] = {
    "tempo": (
        "Probeer bij uitleg na elke zin even adem te halen, zodat de klant je kan volgen.",
        "When you explain something, try a breath after each sentence so the customer can keep up.",
    ),
    "key_points": (
        "Probeer vlak vóór een bedrag, datum of nummer een korte pauze te laten vallen, zodat "
        "het blijft hangen.",
        "Try a short pause just before an amount, a date or a number, so that it sticks.",
    ),
    "acknowledgement": (
        "Probeer na een lang verhaal van de klant je antwoord te beginnen met ‘Ik begrijp dat …’.",
        "After a customer has talked for a while, try starting your reply with “I understand "
        "that …”.",
    ),
    "monologue": (
        "Probeer tijdens een lange uitleg even te vragen of de klant je nog kan volgen.",
        "During a long explanation, try asking whether the customer can still follow you.",
    ),
    "raised_voice": (
        "Probeer, als de klant luider gaat praten, je eigen stem juist laag en rustig te houden.",
        "When the customer gets louder, try keeping your own voice low and steady.",
    ),
    "policy_shield": (
        "Probeer te zeggen wat je wél kunt doen, in plaats van naar het beleid te verwijzen.",
        "Try saying what you can do, rather than pointing to the policy.",
    ),
    "blame": (
        "Probeer de oplossing te beschrijven in plaats van wat de klant fout deed.",
        "Try describing the way forward rather than what the customer did wrong.",
    ),
    "fillers": (
        "Probeer een korte stilte te laten vallen in plaats van ‘eh’.",
        "Try letting a short silence do the work instead of “uh”.",
    ),
    "interrupting": (
        "Probeer de klant eerst helemaal te laten uitpraten, ook als je het antwoord al weet.",
        "Try letting the customer finish first, even when you already know the answer.",
    ),
    "dead_air": (
        "Probeer tijdens het opzoeken even te zeggen wat je aan het doen bent.",
        "While you look something up, try saying briefly what you are doing.",
    ),
    "pace_matching": (
        "Probeer je tempo af te stemmen op de klant: spreekt de klant rustig, vertraag dan mee.",
        "Try matching the customer's pace: when they speak slowly, slow down with them.",
    ),
}


def tip_sentence(key: str, language: Language) -> str:
    nl, en = TIPS[key]
    return nl if language == "nl" else en


def praise_sentence(key: str, f: ShiftFigures, language: Language) -> str:
    nl = language == "nl"
    if key == "no_speech":
        return (
            "In deze dienst is geen spraak opgenomen."
            if nl
            else "No speech was recorded in this shift."
        )
    if key == "tempo":
        return _calm_tempo(f, nl)
    if key == "key_points" and f.key_points is not None:
        part, whole = f.key_points.part, f.key_points.whole
        if nl:
            return (
                f"Je liet {part} van de {whole} kernpunten (bedragen, datums, nummers) goed "
                "landen met een korte pauze ervoor."
            )
        return f"You paused before {part} of {whole} key points (amounts, dates, numbers)."
    if key == "acknowledgement" and f.acknowledged is not None:
        part, whole = f.acknowledged.part, f.acknowledged.whole
        if nl:
            return (
                f"Als de klant lang aan het woord was geweest, erkende je de klant eerst: "
                f"in {part} van de {whole} antwoorden."
            )
        return (
            f"When a customer had talked for a while, you acknowledged them first in {part} "
            f"of {whole} replies."
        )
    if key == "listening":
        return _listening(f, nl)
    if key == "few_cues":
        return _few_cues(f, nl)
    return _effort(f, nl)


def _calm_tempo(f: ShiftFigures, nl: bool) -> str:
    share = f.hasty_share or 0.0
    if round(share * 100) == 0:
        return (
            "Je sprak de hele dienst in een rustig tempo."
            if nl
            else "You spoke at a calm pace all shift."
        )
    if nl:
        return f"Je sprak in een rustig tempo: maar {percent(share)} van je spreektijd was gehaast."
    return f"Your pace was calm: only {percent(share)} of your talk time was hurried."


def _listening(f: ShiftFigures, nl: bool) -> str:
    cut_ins = f.conversation.interruptions or 0
    calls = f.calls_heard
    if cut_ins == 0:
        if nl:
            return (
                f"Je liet de klant in alle {calls} gesprekken uitpraten: je begon nooit terwijl "
                "de klant nog sprak."
            )
        return f"You let the customer finish in all {calls} calls: you never cut in."
    times = "1 keer" if cut_ins == 1 else f"{cut_ins} keer"
    if nl:
        return (
            f"Je liet de klant bijna altijd uitpraten: in {calls} gesprekken begon je maar "
            f"{times} terwijl de klant nog sprak."
        )
    times = "once" if cut_ins == 1 else f"{cut_ins} times"
    return f"You nearly always let the customer finish: in {calls} calls you cut in only {times}."


def _few_cues(f: ShiftFigures, nl: bool) -> str:
    if f.cues == 0:
        return "Je had deze dienst geen enkele tip nodig." if nl else "You needed no nudges at all."
    per_call = decimal(f.cues_per_call or 0.0, "nl" if nl else "en")
    if nl:
        return f"Je had weinig tips nodig: gemiddeld {per_call} per gesprek."
    return f"You needed few nudges: {per_call} per call on average."


def _effort(f: ShiftFigures, nl: bool) -> str:
    minutes = talk_minutes(f.talk_s, "nl" if nl else "en")
    if nl:
        calls = f"{f.calls} gesprek" if f.calls == 1 else f"{f.calls} gesprekken"
        return f"Je voerde {calls} met samen {minutes} spreektijd."
    calls = f"{f.calls} call" if f.calls == 1 else f"{f.calls} calls"
    return f"You handled {calls} with {minutes} of talk time in all."
