""" "Did you mean ...?" for mistyped settings and sections."""

from difflib import get_close_matches

from desktop.config.hints import did_you_mean
from desktop.config.keys import KEYS_BY_PATH, KNOWN_SECTIONS
from desktop.config.problems import Hint, describe, display_path

FREEABLE = frozenset(KEYS_BY_PATH) - {"agent.may_change"} | (KNOWN_SECTIONS - {"agent"})
"""What `[agent] may_change` may name: any setting but itself, or a whole section."""

_KNOWN = sorted(set(KEYS_BY_PATH) | KNOWN_SECTIONS | {"schema_version"})


def suggest(path: str, section: bool | None = None) -> str | None:
    """The known key path or section closest to a mistyped one (only sections when `section`
    is True, only settings when False: `[calls] x = 1` is not "[calls]" mistyped).

    First a close name in the same section ("enabeld" → "enabled"), then a (nearly) equal
    name in another section (`langauge` at the top → "general.language"), then the closest
    whole path.
    """
    known = [k for k in _KNOWN if section is None or (k in KNOWN_SECTIONS) == section]
    prefix, _, name = path.rpartition(".")
    siblings = {k.rpartition(".")[2]: k for k in known if k.rpartition(".")[0] == prefix}
    close = get_close_matches(name, list(siblings), n=1, cutoff=0.6)
    if close:
        return siblings[close[0]]
    by_name = {k.rpartition(".")[2]: k for k in reversed(known)}
    close = get_close_matches(name, list(by_name), n=1, cutoff=0.8)
    if close:
        return by_name[close[0]]
    close = get_close_matches(path, known, n=1, cutoff=0.75)
    return close[0] if close else None


def shown(path: str) -> str:
    """A key path as written in the file: "[cues.haste]" or "[cues.haste].enabled"."""
    return f"[{path}]" if path in KNOWN_SECTIONS else display_path(path)


def unknown_name(item: str) -> tuple[str, Hint | None]:
    """Why an `[agent] may_change` entry is refused, with a suggestion when there is one."""
    guess = suggest(item)
    hint = did_you_mean(describe(guess)) if guess is not None and guess in FREEABLE else None
    return f"names {describe(item)}, which is not a setting", hint
