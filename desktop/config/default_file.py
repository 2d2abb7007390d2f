"""The commented default supervisor file, generated from the key table and the defaults.

`resources/config/default.toml` is this text, committed; a test keeps the two equal. After
changing `keys.py` or the defaults in `desktop/coaching/settings.py`, regenerate it with
`python -m desktop.config.default_file`.
"""

import json
import textwrap
from typing import Any

from desktop.config.keys import KEYS, RELATIONS, SECTIONS
from desktop.config.problems import display_path
from desktop.config.schema import MAX_TEXT_CHARS, SCHEMA_VERSION, Key, toml_default
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
    return ""  # lists: the doc gives an example


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
