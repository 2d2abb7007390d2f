"""The commented default supervisor file, generated from the key table and the defaults.

`resources/config/default.toml` is this text, committed; a test keeps the two equal. After
changing `keys.py` or the defaults in `desktop/coaching/settings.py`, regenerate it with
`python -m desktop.config.default_file`.
"""

import json
import textwrap
from typing import Any

from desktop.coaching.lexicon import ALTERNATIVE_KINDS
from desktop.coaching.settings import Language
from desktop.config.keys import (
    KEYS,
    KEYS_BY_PATH,
    MOST_CHANGED,
    NEEDS_SPEECH_MODEL,
    RELATIONS,
    SECTIONS,
)
from desktop.config.keys_nl import SECTIONS_NL, UNITS_NL, key_doc_nl
from desktop.config.problems import display_path
from desktop.config.schema import (
    MAX_KEY_PATHS,
    MAX_PATH_CHARS,
    MAX_PHRASES,
    MAX_TEXT_CHARS,
    SCHEMA_VERSION,
    Key,
    toml_default,
)
from desktop.resources import resource_path

WIDTH = 96

HEADER = f"""\
# Speech Coach: supervisor configuration (schema {SCHEMA_VERSION})
#
# This file sets the coaching policy for the agents on this computer. Every key is
# optional: leave a key or a whole section out and the default shown here applies.
# Check a file after editing it:  speech-coach config check supervisor.toml
#
# Where the app looks: `--config FILE`, else the SPEECH_COACH_CONFIG variable, else the
# system-wide file followed by the agent's own file:
#   Linux    /etc/xdg/speech-coach/supervisor.toml, ~/.config/speech-coach/supervisor.toml
#   Windows  C:\\ProgramData\\speech-coach\\supervisor.toml,
#            %LOCALAPPDATA%\\speech-coach\\supervisor.toml
#   macOS    /Library/Application Support/speech-coach/supervisor.toml,
#            ~/Library/Application Support/speech-coach/supervisor.toml
# A key set in the system-wide file is locked: the agent's file cannot change it unless
# it is listed in [agent] may_change.
#
# Text goes in "double quotes"; write Windows paths in 'single quotes' or with /.
# Rates are in syllables per second (calm Dutch on the phone: about 4 to 5).
# Card texts (title_nl, title_en, message_nl, message_en) are one line of at most
# {MAX_TEXT_CHARS} characters, without control characters, escape sequences or text-direction
# marks; the card wraps them and grows to show all of it. Dutch quotes are written ‘…’.
#
# Phrases (extra_phrases_nl, extra_phrases_en) are plain words, not patterns. A phrase is
# heard when its words are said in a row; capitals, accents and punctuation do not count
# ("Dat is óns beleid." = "dat is ons beleid"), small slips in long words are forgiven.
# Use letters (with or without accents), digits, spaces, ' and - only: no wildcards or
# other signs (* + ( ) [ ] $ | ...), no emoji, no #. A phrase of one letter or of one very
# common word alone ("a", "the", "de", "en") is refused: it would match almost every
# sentence. Only policy-shield and blame phrases may give the card a better wording after
# " => ", e.g. "dat regelt de afdeling => Ik zet het voor u door."

schema_version = {SCHEMA_VERSION}
"""

HEADER_NL = f"""\
# Speech Coach: instellingen van de teamleider (schema {SCHEMA_VERSION})
#
# Dit bestand bepaalt hoe Speech Coach de medewerkers op deze computer coacht. Elke sleutel
# is optioneel: laat een sleutel of een hele sectie weg en de standaardwaarde hieronder geldt.
# Controleer het bestand na het bewerken:  speech-coach config check supervisor.toml
#
# Waar de app zoekt: `--config BESTAND`, anders de variabele SPEECH_COACH_CONFIG, anders het
# systeembrede bestand en daarna het eigen bestand van de medewerker:
#   Linux    /etc/xdg/speech-coach/supervisor.toml, ~/.config/speech-coach/supervisor.toml
#   Windows  C:\\ProgramData\\speech-coach\\supervisor.toml,
#            %LOCALAPPDATA%\\speech-coach\\supervisor.toml
#   macOS    /Library/Application Support/speech-coach/supervisor.toml,
#            ~/Library/Application Support/speech-coach/supervisor.toml
# Een sleutel in het systeembrede bestand ligt vast: het bestand van de medewerker kan hem
# niet wijzigen, tenzij hij in [agent] may_change staat.
#
# Tekst staat tussen "dubbele aanhalingstekens"; schrijf Windows-paden tussen 'enkele' of
# met /. Schrijf decimale getallen met een punt: 5.5, niet 5,5.
# Tempo is in lettergrepen per seconde (rustig Nederlands aan de telefoon: ongeveer 4 tot 5).
# Kaartteksten (title_nl, title_en, message_nl, message_en) zijn één regel van hoogstens
# {MAX_TEXT_CHARS} tekens, zonder stuurtekens, escape-reeksen of tekens die de schrijfrichting
# wijzigen; de kaart breekt ze af en wordt zo hoog als nodig. Citeer in het Nederlands met ‘…’.
#
# Zinnen (extra_phrases_nl, extra_phrases_en) zijn gewone woorden, geen patronen. Een zin
# wordt gehoord als de woorden achter elkaar gezegd worden; hoofdletters, accenten en
# leestekens tellen niet ("Dat is óns beleid." = "dat is ons beleid"), kleine versprekingen in
# lange woorden worden vergeven. Gebruik alleen letters (met of zonder accent), cijfers,
# spaties, ' en -: geen jokers of andere tekens (* + ( ) [ ] $ | ...), geen emoji, geen #.
# Een zin van één letter of van één heel gewoon woord ("de", "en", "a", "the") wordt
# geweigerd: die zou in bijna elke zin passen. Alleen beleids- en verwijtzinnen mogen na
# " => " een betere zin voor de kaart geven, bv. "dat regelt de afdeling => Ik zet het voor u door."

schema_version = {SCHEMA_VERSION}
"""


def render_default_file(language: Language = "en") -> str:
    """The whole default file in `language`: a header, the five keys most teams change,
    then every section and key with its comment (cues that listen for words say that they
    need the speech model)."""
    nl = language == "nl"
    parts = [HEADER_NL if nl else HEADER, *_most_changed(nl)]
    for section, doc in SECTIONS:
        parts += ["", ""]
        doc = SECTIONS_NL[section] if nl else doc
        if section in NEEDS_SPEECH_MODEL:
            doc += " Werkt alleen met een spraakmodel." if nl else " Needs the speech model."
        parts.extend(_comment(doc))
        parts.append(f"[{section}]")
        for index, key in enumerate(key for key in KEYS if key.section == section):
            if index:
                parts.append("")
            help_line = (
                f"{key_doc_nl(key.path)} {_allowed_nl(key)}"
                if nl
                else (f"{key.doc} {_allowed(key)}")
            )
            parts.extend(_comment(help_line))
            parts.append(f"{key.name} = {_toml_value(toml_default(key))}")
    return "\n".join(parts) + "\n"


def _most_changed(nl: bool) -> list[str]:
    """A commented list of the keys most teams change, with their defaults and sections."""
    heading = (
        "De vijf instellingen die teams het vaakst aanpassen (ze staan verderop in hun sectie):"
        if nl
        else "The five settings teams change most (each is further down, in its section):"
    )
    lines = ["#", f"# {heading}"]
    for path in MOST_CHANGED:
        key = KEYS_BY_PATH[path]
        lines.append(f"#   [{key.section}] {key.name} = {_toml_value(toml_default(key))}")
    return lines


def _allowed_nl(key: Key) -> str:
    """`_allowed` in Dutch (numbers keep their decimal point: TOML needs it)."""
    if key.kind in ("int", "float"):
        unit = UNITS_NL.get(key.unit, key.unit)
        text = f"{unit[:1].upper()}{unit[1:]}, {key.low:g} tot {key.high:g}."
        for relation in RELATIONS:
            if relation.smaller == key.path:
                words = "kleiner dan" if relation.strict else "hoogstens"
                text += f" Moet {words} {display_path(relation.larger)} zijn."
        return text
    if key.kind == "bool":
        return "true of false."
    if key.kind == "choice":
        return "Een van " + ", ".join(f'"{choice}"' for choice in key.choices) + "."
    if key.kind == "text":
        return f"1 tot {MAX_TEXT_CHARS} tekens."
    if key.kind == "path":
        return f"Hoogstens {MAX_PATH_CHARS} tekens."
    if key.kind == "key_paths":
        return f"Hoogstens {MAX_KEY_PATHS} namen."
    text = f"Hoogstens {MAX_PHRASES} zinnen van 1 tot {MAX_TEXT_CHARS} tekens (zie bovenaan)."
    if key.section.rpartition(".")[2] in ALTERNATIVE_KINDS:
        text += ' Na " => " mag een betere zin voor de kaart volgen.'
    return text


def _allowed(key: Key) -> str:
    """The unit and range part of a key's comment, from the same table validation uses."""
    if key.kind in ("int", "float"):
        text = f"{key.unit.capitalize()}, {key.low:g} to {key.high:g}."
        for relation in RELATIONS:
            if relation.smaller == key.path:
                text += f" Must be {relation.words()} {display_path(relation.larger)}."
        return text
    if key.kind == "bool":
        return "True or false."
    if key.kind == "choice":
        return "One of " + ", ".join(f'"{choice}"' for choice in key.choices) + "."
    if key.kind == "text":
        return f"1 to {MAX_TEXT_CHARS} characters."
    if key.kind == "path":
        return f"At most {MAX_PATH_CHARS} characters."
    if key.kind == "key_paths":
        return f"At most {MAX_KEY_PATHS} names."
    text = f"At most {MAX_PHRASES} phrases of 1 to {MAX_TEXT_CHARS} characters (see the top)."
    if key.section.rpartition(".")[2] in ALTERNATIVE_KINDS:
        text += ' A better wording for the card may follow " => ".'
    return text


def _comment(text: str) -> list[str]:
    return textwrap.wrap(text.strip(), WIDTH, initial_indent="# ", subsequent_indent="# ")


def _toml_value(value: Any) -> str:
    """A TOML literal: JSON's string escapes are valid TOML basic-string escapes."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)


def main() -> None:
    for name, language in (("default.toml", "en"), ("default.nl.toml", "nl")):
        target = resource_path("config", name)
        target.write_text(render_default_file(language), encoding="utf-8", newline="\n")  # type: ignore[arg-type]
        print(f"wrote {target}")


if __name__ == "__main__":
    main()
