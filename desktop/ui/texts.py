"""Every word the tray and the overlay show, in Dutch and English.

One table, so a translator (or a supervisor asking "what does it say when...") finds them in
one place. Cue *messages* are not here: they come from the supervisor's policy.
"""

from desktop.coaching.settings import Language
from desktop.ui.status import TrayState

_TEXTS: dict[str, tuple[str, str]] = {
    # tray states: (nl, en)
    "state.mic-lost": ("Microfoon kwijt of gedempt", "Microphone lost or muted"),
    "state.paused": ("Gepauzeerd — de microfoon is uit", "Paused — the microphone is off"),
    "state.config-problem": (
        "Probleem in het instellingenbestand — de vorige instellingen blijven gelden",
        "Problem in the settings file — the previous settings stay in force",
    ),
    "state.cue-shown": ("Tip op het scherm", "Tip on screen"),
    "state.no-model": (
        "Geen spraakmodel: tempo, pauzes en volume",
        "No speech model: tempo, pauses, loudness",
    ),
    "state.model-failed": (
        "Spraakmodel werkt niet: alleen tempo, pauzes en volume",
        "Speech model failed to load: tempo, pauses, loudness only",
    ),
    "state.listening": ("Luistert mee", "Listening"),
    "model.loading": ("Spraakmodel laden…", "Loading the speech model…"),
    # menu
    "menu.pause": ("Pauzeren", "Pause"),
    "menu.resume": ("Hervatten", "Resume"),
    "menu.new_call": ("Nieuw gesprek", "New call"),
    "menu.snooze": ("Geen tips meer dit gesprek", "No more tips this call"),
    "menu.microphone": ("Microfoon", "Microphone"),
    "menu.default_microphone": ("Standaardmicrofoon van het systeem", "System default microphone"),
    "menu.no_microphones": ("Geen microfoon gevonden", "No microphone found"),
    "menu.show_overlay": ("Tempometer tonen", "Show tempo meter"),
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
    "overlay.snoozed": ("Tips gepauzeerd dit gesprek", "Tips snoozed this call"),
    # cue card titles
    "cue.haste": ("Rustiger aan", "Slow down a little"),
    "cue.key_pause": ("Pauze voor belangrijke info", "Pause before key information"),
    "cue.acknowledgement": ("Eerst erkennen", "Acknowledge first"),
    "cue.monologue": ("Check begrip", "Check understanding"),
    "cue.policy_shield": ("Beleid als schild", "Policy as a shield"),
    "cue.blame": ("Geen verwijt", "No blame"),
    "cue.raised_voice": ("Stem omhoog", "Voice raised"),
    "cue.fillers": ("Stopwoordjes", "Filler words"),
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
    "window.title": ("Speech Coach", "Speech Coach"),
    "window.more": ("Meer", "More"),
}


def text(key: str, language: Language) -> str:
    """The text for `key` in `language` (KeyError for an unknown key: a typo is a bug)."""
    nl, en = _TEXTS[key]
    return nl if language == "nl" else en


def state_text(state: TrayState, language: Language) -> str:
    return text(f"state.{state.value}", language)


def all_keys() -> list[str]:
    return list(_TEXTS)
