"""The policy the tray app runs with, whatever state the files are in.

`load_policy` refuses a configuration with any error, which suits `config check` and the
command line. The tray app cannot refuse to coach, and a broken file must never weaken a
sound one: an agent could otherwise undo every lock by breaking their own file. So:

- The agent's own file: a broken key is ignored; a file that cannot be used at all (not
  readable, a TOML syntax error, not UTF-8, a newer schema) is ignored whole. The
  supervisor's settings and locks stay.
- A file with a syntax error is unusable even though its other lines may parse: without the
  broken line a key can land in the wrong section, and a setting the supervisor meant may be
  the very line that broke. Its other problems are still listed (`desktop.config.recovery`),
  so one round of fixing is enough.
- The supervisor's file (the system-wide one, or the one named by `--config` or
  SPEECH_COACH_CONFIG): its valid keys apply and stay locked. A broken key stays locked, its
  default standing in; a file that cannot be used locks every key except those the default
  `[agent] may_change` frees. A broken supervisor file never unlocks anything.
- `[privacy] retention_days`: when a file that could set it cannot be used, or has it wrong,
  nothing is deleted until it is fixed (the longest retention, 3650 days, stands in).
  Deleting cannot be undone; keeping shifts a few days longer is undone by the first start
  with a repaired file.

The result lists what was ignored or replaced (`errors`) and says whether the supervisor's
file was sound (`supervisor_ok`); a running app keeps its last good policy rather than move
to stand-ins (`desktop.ui.config_watcher`).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.coaching.settings import Policy
from desktop.config.check_file import check_file
from desktop.config.keys import KEYS_BY_PATH, RELATIONS
from desktop.config.load import (
    Layer,
    LoadResult,
    build_policy,
    layer_values,
    locked_keys,
    relation_errors,
)
from desktop.config.locate import ENV_VAR, FILE_NAME, ConfigDirs, locate_config_files
from desktop.config.problems import ConfigError, Problem, display_path
from desktop.config.schema import policy_value

RETENTION = "privacy.retention_days"
KEEP_EVERYTHING_DAYS = int(KEYS_BY_PATH[RETENTION].high)


@dataclass(frozen=True, slots=True)
class _File:
    """One file as read: its valid values (None when nothing in it can be used) and problems."""

    path: str
    values: dict[str, Any] | None
    errors: list[Problem]
    warnings: list[Problem]


def load_running_policy(
    cli_path: Path | str | None, env: Mapping[str, str], dirs: ConfigDirs | None = None
) -> LoadResult:
    """The app's policy from the files `locate_config_files` finds; never raises ConfigError.

    A file named by `--config` or SPEECH_COACH_CONFIG is the supervisor's; otherwise the
    system-wide file is the supervisor's and the user's file the agent's.
    """
    explicit = any(
        given is not None and str(given).strip() for given in (cli_path, env.get(ENV_VAR))
    )
    try:
        located = locate_config_files(cli_path, env, dirs)
    except ConfigError as error:  # a named file that does not exist
        (problem,) = error.problems
        return _load_layered(_File(problem.file, None, [problem], []), None, ())
    if explicit:
        return _load_layered(_read(located[0]), None, located)
    dirs = dirs or ConfigDirs.from_platform()
    system, user = dirs.system / FILE_NAME, dirs.user / FILE_NAME
    return _load_layered(
        _read(system) if system in located else None,
        _read(user) if user in located else None,
        located,
    )


def _load_layered(
    supervisor: _File | None, agent: _File | None, sources: list[Path] | tuple[Path, ...]
) -> LoadResult:
    """Layer the supervisor's and the agent's file as the module docstring says."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    layers: list[Layer] = []
    locked: frozenset[str] = frozenset()
    for file, make in ((supervisor, _supervisor_layer), (agent, _agent_layer)):
        if file is not None:
            errors += file.errors
            warnings += file.warnings
            layer, dropped = make(file)
            errors += dropped
            layers.append(layer)
            if file is supervisor:
                locked = locked_keys(layer)
    values, origin = _layer_in_order(layers, errors, warnings)
    source = origin.get(RETENTION)
    if source is not None and RETENTION in source.stand_ins:
        errors.append(
            Problem(
                source.file,
                RETENTION,
                "cannot be trusted while this file is broken, so nothing is deleted: shifts "
                f"are kept for up to {KEEP_EVERYTHING_DAYS} days until the file is fixed",
            )
        )
    supervisor_ok = supervisor is None or (supervisor.values is not None and not supervisor.errors)
    unusable = tuple(f.path for f in (supervisor, agent) if f is not None and f.values is None)
    return LoadResult(
        build_policy(values),
        tuple(warnings),
        tuple(sources),
        tuple(errors),
        supervisor_ok,
        locked,
        unusable,
    )


def _read(path: Path) -> _File:
    checked = check_file(path)
    values = checked.values if checked.usable else None
    return _File(str(path), values, checked.errors, checked.warnings)


def _stand_in(path: str) -> Any:
    """What replaces a broken value: the default, but never a shorter retention."""
    if path == RETENTION:
        return KEEP_EVERYTHING_DAYS
    return policy_value(Policy(), KEYS_BY_PATH[path].attr)


def _supervisor_layer(file: _File) -> tuple[Layer, list[Problem]]:
    """Valid keys, plus locked stand-ins for the broken ones (for every key when the file
    cannot be used at all: then only the default may_change frees anything)."""
    if file.values is None:
        stand_ins = {path: _stand_in(path) for path in KEYS_BY_PATH}
        return Layer(file.path, stand_ins, frozenset(stand_ins)), []
    bad, dropped = _broken_keys(file)
    values = {path: value for path, value in file.values.items() if path not in bad}
    stand_ins = {path: _stand_in(path) for path in bad}
    return Layer(file.path, values | stand_ins, frozenset(stand_ins)), dropped


def _agent_layer(file: _File) -> tuple[Layer, list[Problem]]:
    """Valid keys only; a retention that cannot be read keeps everything."""
    if file.values is None:
        return Layer(file.path, {RETENTION: KEEP_EVERYTHING_DAYS}, frozenset({RETENTION})), []
    bad, dropped = _broken_keys(file)
    values = {path: value for path, value in file.values.items() if path not in bad}
    if RETENTION in bad:
        return Layer(file.path, values | {RETENTION: KEEP_EVERYTHING_DAYS},
                     frozenset({RETENTION})), dropped  # fmt: skip
    return Layer(file.path, values), dropped


def _broken_keys(file: _File) -> tuple[set[str], list[Problem]]:
    """Keys with an error (a section error counts for all its keys), and keys that must go
    too because they break an order with a key that went (floor over ceiling), with the
    problems saying so for the latter."""
    assert file.values is not None
    named = {problem.key_path for problem in file.errors} - {"", "schema_version"}
    bad = {key for key in KEYS_BY_PATH if any(key == p or key.startswith(p + ".") for p in named)}
    dropped: list[Problem] = []
    for relation in RELATIONS:
        pair = (relation.smaller, relation.larger)
        kept = {path: file.values[path] for path in pair if path in file.values and path not in bad}
        values = {path: kept.get(path, policy_value(Policy(), KEYS_BY_PATH[path].attr))
                  for path in pair}  # fmt: skip
        if relation.holds(values):
            continue
        for path in kept:
            if path not in named:
                other = relation.larger if path == relation.smaller else relation.smaller
                dropped.append(
                    Problem(
                        file.path,
                        path,
                        f"is ignored too: it must keep its order with "
                        f"{display_path(other)}, which is broken",
                    )  # fmt: skip
                )
        bad |= set(pair)
    return bad, dropped


def _layer_in_order(
    layers: list[Layer], errors: list[Problem], warnings: list[Problem]
) -> tuple[dict[str, Any], dict[str, Layer]]:
    """Layer, then settle order checks between files (a freed agent floor above the
    supervisor's ceiling) by dropping the pair from the file charged with it."""
    for _ in range(len(RELATIONS) + 1):
        attempt: list[Problem] = []
        values, origin = layer_values(layers, attempt)
        broken = relation_errors(layers, values)
        if not broken:
            warnings += attempt
            return values, origin
        errors += broken
        for problem in broken:
            relation = next(r for r in RELATIONS if r.smaller == problem.key_path)
            layers = [_without(layer, relation.smaller, relation.larger, first=index == 0)
                      if layer.file == problem.file else layer
                      for index, layer in enumerate(layers)]  # fmt: skip
    raise AssertionError("order checks did not settle")  # each round removes a pair


def _without(layer: Layer, *paths: str, first: bool) -> Layer:
    """`layer` without `paths`; the first (supervisor's) layer keeps them locked as
    stand-ins instead, so dropping never unlocks a key."""
    values = {path: value for path, value in layer.values.items() if path not in paths}
    if not first:
        return Layer(layer.file, values, layer.stand_ins - set(paths))
    stand_ins = {path: _stand_in(path) for path in paths}
    return Layer(layer.file, values | stand_ins, layer.stand_ins | set(stand_ins))


def outcome_lines(result: LoadResult) -> list[str]:
    """For the log: what the app does about the problems, the files it ignores whole, then
    each problem (file, key, allowed, found), one per line; [] when there are none."""
    if not result.errors:
        return []
    if result.supervisor_ok:
        head = "settings file has problems; what is named below is ignored, the rest applies"
    else:
        head = (
            "the supervisor's settings file has problems; its valid settings apply and stay "
            "locked, safe stand-ins replace the rest"
        )
    whole = [f"{file}: cannot be used until it is fixed, so none of its settings apply"
             for file in result.unusable]  # fmt: skip
    return [head + ":", *whole, *map(str, result.errors)]
