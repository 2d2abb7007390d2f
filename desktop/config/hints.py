"""Every hint a configuration problem can carry, in English and Dutch, in one place.

A Dutch team lead edits the file; `config check` and the log speak English. So each hint is
written in both languages here, and the code that finds a problem picks the hint.
"""

import re

from desktop.config.problems import Hint

_WINDOWS_PATH = Hint(
    'a backslash starts an escape in "..."; write Windows paths in single quotes '
    "('C:\\models\\nl') or with forward slashes",
    'een backslash begint een escape binnen "..."; zet Windows-paden tussen enkele '
    "aanhalingstekens ('C:\\models\\nl') of schrijf ze met gewone schuine strepen (/)",
)
_GIVEN_TWICE = Hint(
    "this key or section is given twice",
    "deze instelling of sectie staat er twee keer in",
)
SYNTAX_HINTS = {
    "Invalid value": Hint(
        'text must be in quotes, e.g. language = "en"',
        'tekst moet tussen aanhalingstekens staan, bijvoorbeeld language = "nl"',
    ),
    "Cannot overwrite a value": _GIVEN_TWICE,
    "Unescaped '\\' in a string": _WINDOWS_PATH,
    "Invalid hex value": _WINDOWS_PATH,
    "Unterminated string": Hint(
        "a closing quote is missing",
        "er ontbreekt een afsluitend aanhalingsteken",
    ),
    "Illegal character '\\n'": Hint(
        "a closing quote is missing at the end of the line",
        "aan het eind van de regel ontbreekt een afsluitend aanhalingsteken",
    ),
    "Expected '=' after a key in a key/value pair": Hint(
        "write each setting as key = value",
        "schrijf elke instelling als naam = waarde",
    ),
    "Unclosed array": Hint(
        "a ']' is missing at the end of a list",
        "aan het eind van een lijst ontbreekt een ']'",
    ),
    "Expected ']' at the end of a table declaration": Hint(
        "a ']' is missing at the end of the section name",
        "achter de naam van de sectie ontbreekt een ']'",
    ),
}
"""tomllib's message (without its position) → what a supervisor should do about it."""
SECTION_GIVEN_TWICE = Hint("this section is given twice", "deze sectie staat er twee keer in")

_DECIMAL_COMMA_VALUE = re.compile(r"=\s*(-?\d+),(\d+)\s*(#.*)?$")
"""`floor_syl_s = 5,5`: the Dutch way to write 5.5, and a TOML syntax error."""


def did_you_mean(guess: str) -> Hint:
    """For a mistyped name or a text with characters that cannot be shown: the likely one."""
    return Hint(f"did you mean {guess}?", f"bedoelde je {guess}?")


def decimal_comma_line(line: str) -> Hint | None:
    """The hint for a line that gives a number the Dutch way (`floor_syl_s = 5,5`), or None."""
    found = _DECIMAL_COMMA_VALUE.search(line)
    if found is None:
        return None
    point, comma = f"{found[1]}.{found[2]}", f"{found[1]},{found[2]}"
    return Hint(
        f"a decimal number takes a point, not a comma: write {point}, not {comma}",
        f"schrijf een decimaal getal met een punt, dus {point} en niet {comma}",
    )


def number_in_quotes(text: str) -> Hint | None:
    """For a number setting given as text: "6.5" (drop the quotes) or "5,5" (and the comma)."""
    stripped = text.strip()
    comma = re.fullmatch(r"(-?\d+),(\d+)", stripped)
    if comma:
        point = f"{comma[1]}.{comma[2]}"
        return Hint(
            f'a number takes a point, not a comma, and no quotes: write {point}, not "{stripped}"',
            f"schrijf een decimaal getal met een punt, dus {point} en niet {stripped}, en zonder "
            "aanhalingstekens",
        )
    if re.fullmatch(r"-?\d+(\.\d+)?", stripped):
        return Hint(
            f'a number is written without quotes: {stripped}, not "{stripped}"',
            f'schrijf een getal zonder aanhalingstekens, dus {stripped} en niet "{stripped}"',
        )
    return None


def section_skipped(hint: Hint | None) -> Hint:
    """`hint` plus: the settings under this broken section header were not checked."""
    en = "the settings in this section are checked once it is fixed"
    nl = "de instellingen in deze sectie worden gecontroleerd zodra dit is opgelost"
    if hint is None:
        return Hint(en, nl)
    return Hint(f"{hint.en}; {en}", f"{hint.nl}; {nl}")
