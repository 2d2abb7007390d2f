"""The commented default supervisor file, generated from the key table and the defaults.

`resources/config/default.toml` is this text, committed; a test keeps the two equal. After
changing `keys.py` or the defaults in `desktop/coaching/settings.py`, regenerate it with
`python -m desktop.config.default_file`.
"""

import json
import textwrap
from typing import Any

from desktop.coaching.lexicon import ALTERNATIVE_KINDS
from desktop.config.keys import KEYS, RELATIONS, SECTIONS
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


def render_default_file() -> str:
    """The whole default file: a header, then every section and key with its comment."""
    parts = [HEADER]
    for section, doc in SECTIONS:
        parts += ["", ""]
        parts.extend(_comment(doc))
        parts.append(f"[{section}]")
        for index, key in enumerate(key for key in KEYS if key.section == section):
            if index:
                parts.append("")
            parts.extend(_comment(f"{key.doc} {_allowed(key)}"))
            parts.append(f"{key.name} = {_toml_value(toml_default(key))}")
    return "\n".join(parts) + "\n"


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
    target = resource_path("config", "default.toml")
    target.write_text(render_default_file(), encoding="utf-8", newline="\n")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
