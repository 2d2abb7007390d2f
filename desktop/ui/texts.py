"""Every word the tray and the overlay show, in Dutch and English.

One table, so a translator (or a supervisor asking "what does it say when...") finds them in
one place. Cue *messages* are not here: they come from the supervisor's policy.
"""

from desktop.coaching.settings import Language
from desktop.ui.status import AppStatus, TrayState, tray_state

_TEXTS: dict[str, tuple[str, str]] = {
    # tray states: (nl, en)
    "state.mic-lost": (
        "Geen microfoon · controleer je headset",
        "No microphone · check your headset",
    ),
    "state.paused": ("Gepauzeerd — de microfoon is uit", "Paused — the microphone is off"),
    "state.config-problem": (
        "Fout in de instellingen · werkt gewoon door",
        "Error in the settings · carries on as before",
    ),
    "state.cue-shown": ("Luistert mee · tip op het scherm", "Listening · tip on screen"),
    "state.no-model": (
        "Zonder spraakmodel: tempo, pauzes en volume",
        "Without speech model: tempo, pauses, loudness",
    ),
    "state.model-failed": (
        "Spraakmodel werkt niet: tempo en pauzes",
        "Speech model failed: tempo, pauses only",
    ),
    "state.listening": ("Luistert mee", "Listening"),
    "model.loading": ("Spraakmodel laden…", "Loading the speech model…"),
    # menu
    "menu.pause": ("Pauzeren", "Pause"),
    "menu.resume": ("Hervatten", "Resume"),
    "menu.new_call": ("Nieuw gesprek", "New call"),
    "menu.snooze": ("Geen tips meer in dit gesprek", "No more tips in this call"),
    "menu.microphone": ("Microfoon", "Microphone"),
    "menu.default_microphone": ("Standaardmicrofoon van het systeem", "System default microphone"),
    "menu.no_microphones": ("Geen microfoon gevonden", "No microphone found"),
    "menu.show_overlay": ("Tempometer tonen", "Show tempo meter"),
    "menu.hold": ("Klant in de wacht", "Customer on hold"),
    "menu.customer_off": ("Klantkanaal uit", "Customer channel off"),
    "menu.status_call": ("gesprek", "call"),
    "menu.status_snoozed": ("geen tips", "no tips"),
    "menu.status_no_model": ("zonder spraakmodel", "without speech model"),
    "menu.status_model_failed": ("spraakmodel werkt niet", "speech model failed"),
    "menu.summary": ("Dienstoverzicht…", "Shift summary…"),
    "menu.model_setup": ("Spraakmodel instellen…", "Speech model set-up…"),
    "menu.config_problem": ("Probleem in instellingen bekijken…", "View settings problem…"),
    "menu.language": ("Taal", "Language"),
    "menu.autostart": ("Starten bij inloggen", "Start at login"),
    "menu.about": ("Over Speech Coach…", "About Speech Coach…"),
    "menu.end_shift": ("Dienst afsluiten en overzicht tonen…", "End shift and show summary…"),
    "menu.quit": ("Afsluiten", "Quit"),
    # overlay
    "overlay.tempo": ("Tempo", "Tempo"),
    "overlay.learning": ("leert je tempo nog", "still learning your tempo"),
    "overlay.your_normal": ("jouw normaal", "your normal"),
    "overlay.calm": ("Rustig tempo", "Calm tempo"),
    "overlay.brisk": ("Vlot tempo", "Brisk tempo"),
    "overlay.hasty": ("Snel tempo", "Fast tempo"),
    "overlay.snoozed": ("Geen tips meer in dit gesprek", "No more tips in this call"),
    "overlay.customer_heard": ("Klant hoorbaar", "Customer audible"),
    "overlay.customer_not_heard": ("Klant niet hoorbaar", "Customer not audible"),
    "overlay.customer_on_hold": ("Klant in de wacht", "Customer on hold"),
    # about and dialogs
    "about.title": ("Over Speech Coach", "About Speech Coach"),
    "about.version": ("Versie", "Version"),
    "about.microphone": ("Microfoon", "Microphone"),
    "about.model": ("Spraakmodel", "Speech model"),
    "about.config": ("Instellingenbestand", "Settings file"),
    "about.no_config": (
        "geen (standaardinstellingen)",
        "none (default settings)",
    ),
    "about.private": (
        "Alles blijft op deze computer. Er wordt nooit geluid opgeslagen.",
        "Everything stays on this computer. Sound is never stored.",
    ),
    "config_problem.title": ("Probleem in het instellingenbestand", "Problem in the settings file"),
    "config_problem.agent": (
        "Speech Coach werkt door met de vorige instellingen; meld dit aan je teamleider.",
        "Speech Coach carries on with the previous settings; please tell your team lead.",
    ),
    "config_problem.file": ("Bestand", "File"),
    "config_problem.details": ("Details voor IT", "Details for IT"),
    "config_problem.close": ("Sluiten", "Close"),
    "config_problem.position": ("regel {line}, kolom {column}", "line {line}, column {column}"),
    "config_problem.hint": ("Tip", "Hint"),
    "config_problem.also": ("Ook opgemerkt", "Also noticed"),
    "model.offer": (
        "Er is nog geen spraakmodel. Klik hier om het in te stellen; Speech Coach coacht "
        "intussen op tempo, pauzes en volume.",
        "There is no speech model yet. Click here to set it up; meanwhile Speech Coach coaches "
        "on tempo, pauses and loudness.",
    ),
    "window.title": ("Speech Coach", "Speech Coach"),
    "window.more": ("Meer", "More"),
}


def text(key: str, language: Language) -> str:
    """The text for `key` in `language` (KeyError for an unknown key: a typo is a bug)."""
    nl, en = _TEXTS[key]
    return nl if language == "nl" else en


def state_text(state: TrayState, language: Language) -> str:
    return text(f"state.{state.value}", language)


_CUSTOMER_REASONS: dict[str, tuple[str, str]] = {
    "off": ("uitgezet", "switched off"),
    "unavailable": ("kan niet op deze pc", "not possible on this PC"),
    "lost": ("geluid weg, zoekt opnieuw", "sound gone, retrying"),
}


def customer_text(status: AppStatus, language: Language) -> str:
    """The pill's quiet line about the customer channel; "" when there is none configured."""
    if status.customer is None:
        return ""
    if status.on_hold and status.customer == "listening":
        return text("overlay.customer_on_hold", language)
    if status.customer == "listening":
        return text("overlay.customer_heard", language)
    nl, en = _CUSTOMER_REASONS.get(status.customer, ("", ""))
    reason = nl if language == "nl" else en
    heading = text("overlay.customer_not_heard", language)
    return f"{heading}: {reason}" if reason else heading


def status_line(status: AppStatus, language: Language) -> str:
    """The menu's one-line status: the tray state, and while listening the call number and
    whether tips are off for this call ("Luistert mee · gesprek 3")."""
    state = tray_state(status)
    if state in (TrayState.MIC_LOST, TrayState.PAUSED, TrayState.CONFIG_PROBLEM):
        return state_text(state, language)
    parts = [text("state.listening", language)]
    if status.call_label:
        parts.append(f"{text('menu.status_call', language)} {status.call_label}")
    if status.snoozed:
        parts.append(text("menu.status_snoozed", language))
    if state is TrayState.NO_MODEL:
        parts.append(text("menu.status_no_model", language))
    if state is TrayState.MODEL_FAILED:
        parts.append(text("menu.status_model_failed", language))
    return " · ".join(parts)


def all_keys() -> list[str]:
    return list(_TEXTS)
