"""Check one parsed TOML document against the key table, reporting every problem at once.

The result holds only the keys the file sets, converted to what `Policy` stores (tuples for
lists, an absolute path or None for `model_path`), so files can be merged key by key.
"""

import math
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from desktop.coaching.settings import Policy
from desktop.config.hints import did_you_mean, number_in_quotes
from desktop.config.keys import KEYS_BY_PATH, KNOWN_SECTIONS, RELATIONS
from desktop.config.problems import Problem, describe, display_path
from desktop.config.schema import SCHEMA_VERSION, Key, Relation, policy_value
from desktop.config.suggest import shown, suggest
from desktop.config.values import Invalid, check_key_paths, check_path, check_phrases, check_text


@dataclass(frozen=True, slots=True)
class CheckedFile:
    """What one file sets (key path → Policy-ready value), and what is wrong with it."""

    file: str
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    """Every unknown setting or section; only the first MAX_UNKNOWN_REPORTED are warned of."""
    usable: bool = True
    """False when nothing in the file may be applied (it cannot be read, has a syntax error
    or is for a newer app); `values` is then empty, `errors` says why."""


MAX_UNKNOWN_REPORTED = 20
"""A file of thousands of unknown keys is the wrong file: twenty say so, the rest are
counted, and no time is spent guessing what they meant."""
MAX_GUESSED_NAME_CHARS = 100


def check_document(
    doc: dict[str, Any], file: str, folder: Path, left_out: frozenset[str] = frozenset()
) -> CheckedFile:
    """Validate `doc` (from `file`, whose relative paths resolve against `folder`).

    `left_out`: the words on lines that syntax recovery left out of `doc`; a key named there
    may be set there, so what depends on its absence (a missing `schema_version`, an order
    checked against a default) is not reported.
    """
    checked = CheckedFile(file)
    if not _check_schema(doc, checked, left_out):
        return replace(checked, usable=False)  # a newer schema: the rest would be noise
    _visit("", doc, folder, checked)
    if len(checked.unknown) > MAX_UNKNOWN_REPORTED:
        more = len(checked.unknown) - MAX_UNKNOWN_REPORTED
        checked.warnings.append(
            Problem(file, "", f"{more} more unknown settings or sections are ignored too")
        )
    _check_relations(checked, left_out)
    model = checked.values.get("general.model_path")
    if model is not None and not Path(model).exists():
        checked.warnings.append(
            Problem(file, "general.model_path", f"points to {model}, which does not exist")
        )
    return checked


def _check_schema(doc: dict[str, Any], checked: CheckedFile, left_out: frozenset[str]) -> bool:
    """Record schema_version problems; False when the file is for a newer app."""
    if "schema_version" not in doc and left_out:
        return True  # it may be on a broken line, however mangled (`schema_versio{n = 1`)
    if "schema_version" not in doc:
        checked.warnings.append(
            Problem(
                checked.file,
                "schema_version",
                "is missing; assuming 1 (put `schema_version = 1` at the top of the file)",
            )
        )
        return True
    version = doc["schema_version"]
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        checked.errors.append(
            Problem(
                checked.file,
                "",
                f"made for a newer Speech Coach (schema {version}); "
                f"upgrade the app (this version reads schema {SCHEMA_VERSION})",
            )
        )
        return False
    if version != SCHEMA_VERSION or isinstance(version, bool):
        checked.errors.append(
            Problem(
                checked.file,
                "schema_version",
                f"must be the whole number {SCHEMA_VERSION}, got {describe(version)}",
            )
        )
    return True


def _visit(prefix: str, table: dict[str, Any], folder: Path, checked: CheckedFile) -> None:
    for name, raw in table.items():
        path = f"{prefix}.{name}" if prefix else name
        if path == "schema_version":
            continue  # checked first, by _check_schema
        key = KEYS_BY_PATH.get(path)
        if key is not None:
            try:
                checked.values[path] = _convert(key, raw, folder)
            except Invalid as err:
                checked.errors.extend(
                    Problem(checked.file, path, text, hint=hint) for text, hint in err.reasons
                )
        elif path in KNOWN_SECTIONS and isinstance(raw, dict):
            _visit(path, raw, folder, checked)
        elif path in KNOWN_SECTIONS:
            checked.errors.append(
                Problem(
                    checked.file,
                    path,
                    f"must be a section ([{path}]), got {describe(raw)}",
                    section=True,
                )
            )
        else:
            checked.unknown.append(path)
            if len(checked.unknown) > MAX_UNKNOWN_REPORTED:
                continue
            is_section = isinstance(raw, dict)
            what = "section" if is_section else "setting"
            too_long = len(path) > MAX_GUESSED_NAME_CHARS
            guess = None if too_long else suggest(path, section=is_section)
            checked.warnings.append(
                Problem(
                    checked.file,
                    path,
                    f"is not a known {what}; it is ignored",
                    section=is_section,
                    hint=did_you_mean(shown(guess)) if guess is not None else None,
                )
            )


def _convert(key: Key, raw: Any, folder: Path) -> Any:
    """`raw` as Policy stores it, or raise Invalid saying what was expected and found."""
    hint = number_in_quotes(raw) if key.kind in ("int", "float") and isinstance(raw, str) else None
    wrong = Invalid((f"must be {key.expectation()}, got {describe(raw)}", hint))
    if key.kind == "bool":
        if not isinstance(raw, bool):
            raise wrong
        return raw
    if key.kind in ("int", "float"):
        # bool is an int in Python, but `true` is not a number to a supervisor.
        if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
            raise wrong
        if not key.low <= raw <= key.high or (key.kind == "int" and raw != int(raw)):
            raise wrong
        return int(raw) if key.kind == "int" else float(raw)
    if key.kind == "choice":
        if raw not in key.choices:
            raise wrong
        return raw
    if key.kind == "path":
        return check_path(key, raw, folder)
    if key.kind == "text":
        return check_text(key, raw)
    if key.kind == "phrases":
        return check_phrases(key, raw)
    return check_key_paths(key, raw)


def _check_relations(checked: CheckedFile, left_out: frozenset[str]) -> None:
    """Order checks between keys, on this file's values over the defaults."""
    failed = {problem.key_path for problem in checked.errors}
    for relation in RELATIONS:
        if {relation.smaller, relation.larger} & failed:
            continue  # the bad value itself is already reported
        pair = (relation.smaller, relation.larger)
        if any(p not in checked.values and p.rpartition(".")[2] in left_out for p in pair):
            continue  # the other value may be on a line left out for a syntax error
        values = {
            path: checked.values.get(path, policy_value(Policy(), KEYS_BY_PATH[path].attr))
            for path in (relation.smaller, relation.larger)
        }
        if not relation.holds(values):
            checked.errors.append(relation_problem(checked.file, relation, values))


def relation_problem(file: str, relation: Relation, values: dict[str, Any]) -> Problem:
    return Problem(
        file,
        relation.smaller,
        f"must be {relation.words()} {display_path(relation.larger)} "
        f"({values[relation.larger]:g}), got {values[relation.smaller]:g}",
    )
