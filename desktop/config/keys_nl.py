"""The key table's help in Dutch, for the commented default file a Dutch team lead reads.

Keyed by the same section names and key paths as `keys.py`; a test checks that every section
and key has its Dutch line, so the two tables cannot drift apart. Keys made by the helpers in
`keys.py` (enabled, cooldown, titles, messages, phrase lists) get their line from
`key_doc_nl`.
"""

SECTIONS_NL: dict[str, str] = {
    "general": "Taal en spraakmodel.",
    "gate": "Rustig coachen: één kaart tegelijk, een pauze tussen kaarten, een maximum per "
    "gesprek.",
    "calls": 'Hoe gesprekken worden gescheiden als de medewerker niet op "Nieuw gesprek" drukt.',
    "cues.haste": "Te snel praten: het tempo ligt boven de ondergrens ÉN boven het eigen tempo "
    "van de medewerker x factor, of boven het plafond, gedurende sustain_s.",
    "cues.key_pause": "Geen pauze vóór belangrijke informatie (kernzinnen, getallen, bedragen, "
    "datums, codes).",
    "cues.acknowledgement": "Na een langere beurt van de klant begint het antwoord zonder "
    "erkenning (‘Ik begrijp dat …’).",
    "cues.monologue": "De medewerker praat lang zonder pauze: vraag of het duidelijk is.",
    "cues.policy_shield": "De medewerker verwijst naar het beleid (‘dat is ons beleid’).",
    "cues.blame": "De medewerker geeft de klant de schuld (‘u had moeten …’).",
    "cues.raised_voice": "De medewerker praat luider dan het eigen normale volume.",
    "cues.fillers": "Veel stopwoordjes (‘eh’, ‘ehm’). Staat standaard uit.",
    "cues.interrupting": "Klantkanaal: de medewerker begint te praten terwijl de klant nog "
    "spreekt, en praat door.",
    "cues.dead_air": "Klantkanaal: een tijd lang spreekt niemand in een gesprek, buiten een "
    "wachtstand (‘Klant in de wacht’).",
    "cues.pace_matching": "Klantkanaal: het tempo van de medewerker blijft ruim boven het "
    "tempo van de klant in dit gesprek.",
    "customer": "Het klantkanaal: wat de medewerker via de softphone hoort, zodat de coach weet "
    "wanneer de klant spreekt. Alleen aantallen en duur worden bewaard, nooit geluid of "
    "woorden.",
    "privacy": "Wat op deze computer wordt bewaard. Geluid wordt nooit opgeslagen.",
    "agent": "Wat het eigen bestand van de medewerker mag wijzigen, ook als het "
    "systeembrede bestand het vastlegt. Wordt alleen uit het systeembrede bestand gelezen.",
}

KEYS_NL: dict[str, str] = {
    "general.language": "Taal van de kaarten en de zinnenlijsten.",
    "general.model_path": 'Map van het Vosk-spraakmodel; "" = de eigen modellenmap van de app. '
    "Een relatief pad geldt vanaf de map van dit bestand.",
    "general.start_at_login": 'Speech Coach starten bij het inloggen: "agent" laat elke '
    'medewerker kiezen in het menu; "always" en "never" beslissen voor hen.',
    "gate.global_cooldown_s": "Kortste tijd tussen twee kaarten.",
    "gate.max_cues_per_call": "Hoeveel kaarten één gesprek hoogstens krijgt (0 = geen).",
    "gate.shift_warmup_s": "Geen kaarten aan het begin van een dienst.",
    "gate.card_visible_s": "Hoe lang een kaart blijft staan voordat hij vervaagt.",
    "gate.sounds": "Een zacht geluid bij een kaart.",
    "calls.new_call_after_silence_s": "Stilte die een gesprek beëindigt.",
    "calls.customer_turn_silence_s": "Stilte van de medewerker die telt als ‘de klant "
    "spreekt’ (zonder klantkanaal).",
    "cues.haste.window_s": "Stuk spraak waarover het tempo wordt gemeten.",
    "cues.haste.floor_syl_s": "Nooit te snel onder dit tempo.",
    "cues.haste.baseline_factor": "Te snel boven het eigen tempo maal dit getal (1.15 = 15 % "
    "sneller).",
    "cues.haste.ceiling_syl_s": "Altijd te snel boven dit tempo.",
    "cues.haste.sustain_s": "Hoe lang het tempo hoog moet blijven.",
    "cues.haste.baseline_warmup_s": "Spraak die nodig is voordat het eigen tempo van de "
    "medewerker telt; tot dan gelden alleen ondergrens en plafond.",
    "cues.key_pause.min_pause_ms": "Kortste stilte die je wilt horen vóór belangrijke informatie.",
    "cues.key_pause.auto_key_points": "Getallen, bedragen, datums en codes ook als belangrijke "
    "informatie behandelen.",
    "cues.acknowledgement.min_customer_turn_s": "Kortste beurt van de klant die om erkenning "
    "vraagt.",
    "cues.acknowledgement.reply_window_s": "Begin van het antwoord waarin de erkenning moet "
    "vallen.",
    "cues.monologue.max_speech_s": "Langste stuk praten zonder pauze.",
    "cues.monologue.min_break_s": "Kortste stilte die als pauze telt.",
    "cues.raised_voice.above_baseline_db": "Volume boven het eigen normale volume van de "
    "medewerker.",
    "cues.raised_voice.sustain_s": "Hoe lang het volume hoog moet blijven.",
    "cues.fillers.max_per_min": "Aantal stopwoordjes per minuut dat een kaart oplevert.",
    "cues.fillers.window_s": "Tijd waarover dat aantal wordt gemeten.",
    "cues.interrupting.min_overtalk_s": "Hoe lang beiden tegelijk moeten praten nadat de "
    "medewerker begon.",
    "cues.interrupting.backchannel_max_s": "Langste ‘ja’ of ‘hm’ dat luisteren is, geen "
    "beurt nemen.",
    "cues.dead_air.min_silence_s": "Stilte aan beide kanten die een kaart oplevert.",
    "cues.pace_matching.factor": "Hoeveel sneller dan de klant telt als niet aangepast.",
    "cues.pace_matching.window_s": "Stuk spraak van de medewerker waarover het tempo wordt "
    "gemeten.",
    "cues.pace_matching.min_customer_speech_s": "Spraak van de klant die nodig is voordat "
    "diens tempo bekend is.",
    "customer.source": 'Wat de medewerker hoort: "auto" (het standaard-uitvoerapparaat), "off" '
    "(uit), of een deel van de naam van een uitvoerapparaat.",
    "privacy.store_transcripts": "De herkende woorden van gesprekken bewaren (kaarten en "
    "cijfers worden altijd bewaard).",
    "privacy.retention_days": "Gespreksgegevens ouder dan dit worden gewist.",
    "agent.may_change": "Instellingen die de medewerker in het eigen bestand mag wijzigen "
    '(namen als "sectie.sleutel"; een sectienaam geeft al haar sleutels vrij).',
}

UNITS_NL: dict[str, str] = {
    "seconds": "seconden",
    "seconds of speech": "seconden spraak",
    "syllables per second": "lettergrepen per seconde",
    "times the baseline": "keer het eigen tempo",
    "milliseconds": "milliseconden",
    "cards": "kaarten",
    "decibels": "decibel",
    "fillers per minute": "stopwoordjes per minuut",
    "times the customer's tempo": "keer het tempo van de klant",
    "days": "dagen",
}

_PHRASE_WHAT_NL = {
    "cues.key_pause": ("kernzinnen", "noteer even"),
    "cues.acknowledgement": ("erkenningszinnen", "helemaal terecht"),
    "cues.policy_shield": ("beleidszinnen", "dat zijn de regels"),
    "cues.blame": ("verwijtende zinnen", "had u maar eerder gebeld"),
    "cues.fillers": ("stopwoordjes", "zeg maar"),
}


def key_doc_nl(path: str) -> str:
    """The Dutch help line of the key at `path` (KeyError for a key without one)."""
    if path in KEYS_NL:
        return KEYS_NL[path]
    section, _, name = path.rpartition(".")
    if name == "enabled":
        return "Deze kaart tonen."
    if name == "cooldown_s":
        return "Kortste tijd tussen twee kaarten van deze soort."
    for prefix, what in (("title", "Titel"), ("message", "Tekst")):
        for language, words in (("nl", "Nederlands"), ("en", "Engels")):
            if name == f"{prefix}_{language}":
                return f"{what} van de kaart ({words})."
    for language, words in (("nl", "Nederlandse"), ("en", "Engelse")):
        if name == f"extra_phrases_{language}":
            what, example = _PHRASE_WHAT_NL[section]
            return f'Extra {words} {what}, bovenop de ingebouwde lijst, bv. ["{example}"].'
    raise KeyError(path)
