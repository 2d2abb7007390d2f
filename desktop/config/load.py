"""Turn supervisor files into one `Policy`: read, validate, layer, build.

Files are layered in order (system-wide first, then the agent's own): a later file may set
any key no earlier file sets, and keys an earlier file frees in `[agent] may_change`; every
other key an earlier file sets is locked, and a later value for it is ignored with a warning.

`load_policy` refuses any error (for `config check` and the command line); the tray app's
loader, which must run on whatever it finds without letting a broken file weaken a sound one,
is `desktop.config.running`.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from desktop.coaching.settings import Policy
from desktop.config.check_file import check_file
from desktop.config.keys import KEYS_BY_PATH, RELATIONS
from desktop.config.locate import ConfigDirs, locate_config_files
from desktop.config.problems import ConfigError, Problem, describe
from desktop.config.schema import policy_value
from desktop.config.validate import CheckedFile, relation_problem


@dataclass(frozen=True, slots=True)
class LoadResult:
    """The policy to run with, what the supervisor should know, and the files it came from."""

    policy: Policy
    warnings: tuple[Problem, ...]
    sources: tuple[Path, ...]
    errors: tuple[Problem, ...] = ()
    """What was wrong and therefore ignored or replaced (only `load_running_policy` gives a
    result with errors; `load_policy` raises them)."""
    supervisor_ok: bool = True
    """False when the supervisor's (system-wide or named) file is broken, so the policy
    holds stand-ins for what it meant to say: a running app keeps its last good policy."""
    locked: frozenset[str] = frozenset()
    """Key paths the agent cannot change (in their own file or from the menu): the ones the
    supervisor's file sets (or stands in for) and its `[agent] may_change` does not free."""
    unusable: tuple[str, ...] = ()
    """Files nothing of which applies (unreadable, a syntax error, a newer schema), although
    `errors` may name single keys in them (`load_running_policy` only)."""


@dataclass(frozen=True, slots=True)
class Layer:
    """What one file contributes to the layering."""

    file: str
    values: dict[str, Any]
    stand_ins: frozenset[str] = field(default_factory=frozenset)
    """Keys in `values` that hold a safe stand-in for a value the file has but that is
    broken: they lock like real values, but are not the supervisor's word."""


def load_policy(*paths: Path | str) -> LoadResult:
    """Read, validate and layer `paths` (none at all gives the product defaults).

    Raises ConfigError listing every error in every file (it carries the warnings too);
    never anything else for a bad file.
    """
    checked: list[CheckedFile] = []
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for path in map(Path, paths):
        result = check_file(path)
        checked.append(result)
        errors += result.errors
        warnings += result.warnings
    if errors:
        raise ConfigError(errors, warnings)
    layers = [Layer(file.file, file.values) for file in checked]
    values, _ = layer_values(layers, warnings)
    errors = relation_errors(layers, values)
    if errors:
        raise ConfigError(errors, warnings)
    return LoadResult(build_policy(values), tuple(warnings), tuple(map(Path, paths)))


def load_configured_policy(
    cli_path: Path | str | None, env: Mapping[str, str], dirs: ConfigDirs | None = None
) -> LoadResult:
    """The app's policy: `load_policy(*locate_config_files(cli_path, env, dirs))`."""
    return load_policy(*locate_config_files(cli_path, env, dirs))


def build_policy(values: Mapping[str, Any]) -> Policy:
    """`Policy()` with each key path in `values` set to its (already validated) value."""
    policy = Policy()
    for path, value in values.items():
        policy = _with_value(policy, KEYS_BY_PATH[path].attr, value)
    return policy


def _with_value(obj: Any, attr: str, value: Any) -> Any:
    head, _, rest = attr.partition(".")
    inner = _with_value(getattr(obj, head), rest, value) if rest else value
    return replace(obj, **{head: inner})


def layer_values(
    layers: list[Layer], warnings: list[Problem]
) -> tuple[dict[str, Any], dict[str, Layer]]:
    """The merged key values, and the layer each one came from."""
    merged: dict[str, Any] = {}
    origin: dict[str, Layer] = {}
    locked_by: dict[str, Layer] = {}
    for position, layer in enumerate(layers):
        freed = layer.values.get("agent.may_change", Policy().agent_may_change)
        for path, value in layer.values.items():
            if path in locked_by:
                if path not in layer.stand_ins:
                    warnings.append(_locked(layer.file, path, value, locked_by[path]))
                continue
            if path == "agent.may_change" and position > 0:
                warnings.append(
                    Problem(
                        layer.file,
                        path,
                        "is ignored: only the system-wide "
                        f"file ({layers[0].file}) decides what may change",
                    )
                )
                continue
            merged[path] = value
            origin[path] = layer
        for path in layer.values:
            if path not in locked_by and not _is_freed(path, freed):
                locked_by[path] = layer
    return merged, origin


def _locked(file: str, path: str, value: Any, by: Layer) -> Problem:
    why = f"is locked by {by.file}"
    if path in by.stand_ins:
        why += " (whose own value for it cannot be used, so a safe stand-in applies)"
    return Problem(file, path, f"{why}; the value {_shown(value)} here is ignored")


def locked_keys(supervisor: Layer) -> frozenset[str]:
    """What the supervisor's layer locks for the agent."""
    freed = supervisor.values.get("agent.may_change", Policy().agent_may_change)
    return frozenset(path for path in supervisor.values if not _is_freed(path, freed))


def _is_freed(path: str, freed: tuple[str, ...]) -> bool:
    """A key is freed by its own name or by any section that holds it ("cues.fillers")."""
    parts = path.split(".")
    return any(".".join(parts[:end]) in freed for end in range(1, len(parts) + 1))


def _shown(value: Any) -> str:
    return describe(list(value) if isinstance(value, tuple) else value)


def relation_errors(files: list[Layer], values: dict[str, Any]) -> list[Problem]:
    """Order checks on the layered result (each file alone was already checked); each error
    is charged to the last file that sets one of the two keys."""
    if len(files) < 2:
        return []
    errors = []
    for relation in RELATIONS:
        pair = {
            path: values.get(path, policy_value(Policy(), KEYS_BY_PATH[path].attr))
            for path in (relation.smaller, relation.larger)
        }
        if not relation.holds(pair):
            setters = [f.file for f in files if set(pair) & set(f.values)]
            errors.append(relation_problem(setters[-1], relation, pair))
    return errors
