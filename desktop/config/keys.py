"""THE table of supervisor settings: every key, its type, unit and allowed range.

Validation (`validate.py`) and the commented default file (`default_file.py`) both read this
table, so the documentation cannot drift from what is accepted. Defaults are not repeated
here: they are the dataclass defaults in `desktop/coaching/settings.py`. Ranges are what is
physically sensible for a phone agent's speech, not what the code could survive.
"""

from desktop.config.schema import Key, Relation

# fmt: off
SECTIONS: tuple[tuple[str, str], ...] = (
    ("general", "Language and speech model."),
    ("gate", "Gentleness: one card at a time, a pause between cards, a cap per call."),
    ("calls", 'How calls are told apart when the agent does not press "new call".'),
    ("cues.haste", "Speaking too fast: the rate must exceed the floor AND the agent's own "
                   "baseline x factor, or the ceiling, for sustain_s."),
    ("cues.key_pause", "No pause before key information (key phrases, numbers, amounts, "
                       "dates, reference codes)."),
    ("cues.acknowledgement", "After the customer has spoken, the agent's reply does not "
                             'acknowledge them ("Ik begrijp dat ...").'),
    ("cues.monologue", "The agent talks a long time without a break: check understanding."),
    ("cues.policy_shield", 'The agent hides behind policy ("dat is ons beleid").'),
    ("cues.blame", 'The agent blames the customer ("u had moeten ...").'),
    ("cues.raised_voice", "The agent's voice gets louder than their own normal level."),
    ("cues.fillers", 'Too many filler words ("eh", "ehm"). Off by default.'),
    ("cues.interrupting", "Customer channel: the agent starts talking while the customer "
                          "is still speaking and keeps on."),
    ("cues.dead_air", "Customer channel: nobody speaks for a while during a call, outside "
                      'a hold ("Klant in de wacht").'),
    ("cues.pace_matching", "Customer channel: the agent's tempo stays well above the "
                           "customer's own tempo in this call."),
    ("customer", "The customer channel: what the agent hears from the softphone, so the "
                 "coach knows when the customer speaks. Only counts and durations of it are "
                 "kept; never its sound or words."),
    ("privacy", "What is kept on this computer. Audio is never stored."),
    ("agent", "What the agent's own file may change although the system-wide file sets it. "
              "Read from the system-wide file only."),
)
# fmt: on
KNOWN_SECTIONS = frozenset(name for name, _ in SECTIONS) | {"cues"}


def _num(path: str, unit: str, low: float, high: float, doc: str) -> Key:
    """A float key; ints are accepted for it."""
    return Key(path, "float", doc, unit, low, high)


def _enabled(section: str) -> Key:
    return Key(f"{section}.enabled", "bool", "Show this cue at all.")


def _cooldown(section: str) -> Key:
    doc = "Least time between two cards of this cue."
    return _num(f"{section}.cooldown_s", "seconds", 0, 3600, doc)


def _phrases(section: str, what: str, example_nl: str, example_en: str) -> tuple[Key, ...]:
    doc = 'Extra {} {}, added to the built-in list, e.g. ["{}"].'
    return (
        Key(f"{section}.extra_phrases_nl", "phrases", doc.format("Dutch", what, example_nl)),
        Key(f"{section}.extra_phrases_en", "phrases", doc.format("English", what, example_en)),
    )


def _messages(section: str) -> tuple[Key, ...]:
    return (
        Key(f"{section}.title_nl", "text", "Card title shown to the agent (Dutch)."),
        Key(f"{section}.title_en", "text", "Card title shown to the agent (English)."),
        Key(f"{section}.message_nl", "text", "Card text shown to the agent (Dutch)."),
        Key(f"{section}.message_en", "text", "Card text shown to the agent (English)."),
    )


SYL_S = "syllables per second"
# fmt: off
KEYS: tuple[Key, ...] = (
    Key("general.language", "choice", "Language of the cards and the phrase lists.",
        choices=("nl", "en")),
    Key("general.model_path", "path", "Folder of the vosk speech model; \"\" = the app's own "
        "models folder. A relative path is relative to this file's folder."),
    Key("general.start_at_login", "choice", "Start Speech Coach when the agent logs in: "
        "\"agent\" lets each agent choose in the menu; \"always\" and \"never\" decide for them.",
        choices=("agent", "always", "never")),
    _num("gate.global_cooldown_s", "seconds", 0, 3600, "Least time between any two cards."),
    Key("gate.max_cues_per_call", "int", "Most cards in one call (0 = none).", "cards", 0, 100),
    _num("gate.shift_warmup_s", "seconds", 0, 3600, "No cards at the start of a shift."),
    _num("gate.card_visible_s", "seconds", 1, 60, "How long a card stays before it fades."),
    Key("gate.sounds", "bool", "Play a soft sound with a card."),
    _num("calls.new_call_after_silence_s", "seconds", 10, 3600, "Silence that ends a call."),
    _num("calls.customer_turn_silence_s", "seconds", 1, 30,
         "Agent silence that counts as the customer speaking."),
    _enabled("cues.haste"),
    _num("cues.haste.window_s", "seconds of speech", 2, 30,
         "Stretch of speech the rate is measured over."),
    _num("cues.haste.floor_syl_s", SYL_S, 2, 10, "Never hasty below this rate."),
    _num("cues.haste.baseline_factor", "times the baseline", 1.0, 2.0,
         "Hasty above the agent's own rate times this (1.15 = 15 % faster)."),
    _num("cues.haste.ceiling_syl_s", SYL_S, 3, 10, "Always hasty above this rate."),
    _num("cues.haste.sustain_s", "seconds", 0.5, 60, "How long the rate must stay high."),
    _num("cues.haste.baseline_warmup_s", "seconds of speech", 0, 1800, "Speech needed "
         "before the agent's own rate is trusted; until then only floor and ceiling apply."),
    _cooldown("cues.haste"),
    *_messages("cues.haste"),
    _enabled("cues.key_pause"),
    _num("cues.key_pause.min_pause_ms", "milliseconds", 50, 2000,
         "Shortest silence wanted before key information."),
    Key("cues.key_pause.auto_key_points", "bool",
        "Also treat numbers, amounts, dates and reference codes as key information."),
    *_phrases("cues.key_pause", "key phrases", "noteer even", "please note"),
    _cooldown("cues.key_pause"),
    *_messages("cues.key_pause"),
    _enabled("cues.acknowledgement"),
    _num("cues.acknowledgement.min_customer_turn_s", "seconds", 1, 120,
         "Shortest customer turn that needs an acknowledgement."),
    _num("cues.acknowledgement.reply_window_s", "seconds", 2, 60,
         "Start of the agent's reply that should hold it."),
    *_phrases("cues.acknowledgement", "acknowledgement phrases", "helemaal terecht",
              "that must be frustrating"),
    _cooldown("cues.acknowledgement"),
    *_messages("cues.acknowledgement"),
    _enabled("cues.monologue"),
    _num("cues.monologue.max_speech_s", "seconds", 10, 600,
         "Longest stretch of talking without a break."),
    _num("cues.monologue.min_break_s", "seconds", 0.3, 10,
         "Shortest silence that counts as a break."),
    _cooldown("cues.monologue"),
    *_messages("cues.monologue"),
    _enabled("cues.policy_shield"),
    *_phrases("cues.policy_shield", "policy-shield phrases", "dat zijn de regels",
              "those are the rules"),
    _cooldown("cues.policy_shield"),
    *_messages("cues.policy_shield"),
    _enabled("cues.blame"),
    *_phrases("cues.blame", "blame phrases", "had u maar eerder gebeld",
              "you should have called earlier"),
    _cooldown("cues.blame"),
    *_messages("cues.blame"),
    _enabled("cues.raised_voice"),
    _num("cues.raised_voice.above_baseline_db", "decibels", 1, 30,
         "Loudness above the agent's own normal level."),
    _num("cues.raised_voice.sustain_s", "seconds", 0.5, 60,
         "How long the voice must stay raised."),
    _cooldown("cues.raised_voice"),
    *_messages("cues.raised_voice"),
    _enabled("cues.fillers"),
    _num("cues.fillers.max_per_min", "fillers per minute", 1, 60,
         "Filler rate that earns a card."),
    _num("cues.fillers.window_s", "seconds", 10, 600,
         "Stretch of time the rate is measured over."),
    *_phrases("cues.fillers", "filler words", "zeg maar", "you know"),
    _cooldown("cues.fillers"),
    *_messages("cues.fillers"),
    _enabled("cues.interrupting"),
    _num("cues.interrupting.min_overtalk_s", "seconds", 0.5, 30,
         "How long both must talk at once after the agent came in."),
    _num("cues.interrupting.backchannel_max_s", "seconds", 0.2, 3,
         'Longest "ja", "hm" that is listening, not taking the turn.'),
    _cooldown("cues.interrupting"),
    *_messages("cues.interrupting"),
    _enabled("cues.dead_air"),
    _num("cues.dead_air.min_silence_s", "seconds", 3, 300,
         "Silence of both sides that earns a card."),
    _cooldown("cues.dead_air"),
    *_messages("cues.dead_air"),
    _enabled("cues.pace_matching"),
    _num("cues.pace_matching.factor", "times the customer's tempo", 1.05, 3.0,
         "How much faster than the customer counts as not matching."),
    _num("cues.pace_matching.window_s", "seconds of speech", 5, 120,
         "Stretch of the agent's speech the tempo is measured over."),
    _num("cues.pace_matching.min_customer_speech_s", "seconds of speech", 5, 300,
         "Customer speech needed before their tempo is known."),
    _cooldown("cues.pace_matching"),
    *_messages("cues.pace_matching"),
    Key("customer.source", "text", 'What the agent hears: "auto" (the default output), '
        '"off", or part of an output device\'s name.'),
    Key("privacy.store_transcripts", "bool",
        "Keep the recognised words of calls (cards and numbers are always kept)."),
    Key("privacy.retention_days", "int", "Delete stored call data older than this.",
        "days", 1, 3650),
    Key("agent.may_change", "key_paths", "Settings the agent may change in their own file "
        '(names as "section.key"; a section name frees all its keys).'),
)
# fmt: on
KEYS_BY_PATH = {key.path: key for key in KEYS}

MOST_CHANGED: tuple[str, ...] = (
    "general.language",
    "gate.max_cues_per_call",
    "cues.haste.floor_syl_s",
    "cues.fillers.enabled",
    "privacy.retention_days",
)
"""The five keys most teams change first: listed at the top of the default file."""

NEEDS_SPEECH_MODEL = frozenset(
    {"cues.key_pause", "cues.acknowledgement", "cues.policy_shield", "cues.blame", "cues.fillers"}
)
"""Cues that listen for words: without a speech model they are silent (the others need
only tempo, pauses, loudness and who speaks)."""

RELATIONS: tuple[Relation, ...] = (
    Relation("cues.haste.floor_syl_s", "cues.haste.ceiling_syl_s"),
    Relation("calls.customer_turn_silence_s", "calls.new_call_after_silence_s", strict=True),
    Relation("cues.monologue.min_break_s", "cues.monologue.max_speech_s", strict=True),
    Relation("cues.interrupting.backchannel_max_s", "cues.interrupting.min_overtalk_s"),
    Relation("cues.dead_air.min_silence_s", "calls.new_call_after_silence_s", strict=True),
)
