"""Turn supervisor files into one `Policy`: read, validate, layer, build.

Files are layered in order (system-wide first, then the agent's own): a later file may set
any key no earlier file sets, and keys an earlier file frees in `[agent] may_change`; every
other key an earlier file sets is locked, and a later value for it is ignored with a warning.
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from desktop.coaching.settings import Policy
from desktop.config.keys import KEYS_BY_PATH, RELATIONS
from desktop.config.locate import ConfigDirs, locate_config_files
from desktop.config.parse import read_document
from desktop.config.problems import ConfigError, Problem, describe
from desktop.config.schema import policy_value
from desktop.config.validate import CheckedFile, check_document, relation_problem


@dataclass(frozen=True, slots=True)
class LoadResult:
    """The policy to run with, what the supervisor should know, and the files it came from."""

    policy: Policy
    warnings: tuple[Problem, ...]
    sources: tuple[Path, ...]


def load_policy(*paths: Path | str) -> LoadResult:
    """Read, validate and layer `paths` (none at all gives the product defaults).

    Raises ConfigError listing every error in every file (it carries the warnings too);
    never anything else for a bad file.
    """
    checked: list[CheckedFile] = []
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for path in map(Path, paths):
        document = read_document(path)
        if isinstance(document, Problem):
            errors.append(document)
            continue
        result = check_document(document, str(path), path.absolute().parent)
        checked.append(result)
        errors += result.errors
        warnings += result.warnings
    if errors:
        raise ConfigError(errors, warnings)
    values = _layer(checked, warnings)
    errors = _relation_errors(checked, values)
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


def _layer(files: list[CheckedFile], warnings: list[Problem]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    locked_by: dict[str, str] = {}
    for position, checked in enumerate(files):
        freed = checked.values.get("agent.may_change", Policy().agent_may_change)
        for path, value in checked.values.items():
            if path in locked_by:
                warnings.append(
                    Problem(
                        checked.file,
                        path,
                        f"is locked by {locked_by[path]}; "
                        f"the value {_shown(value)} here is ignored",
                    )
                )
                continue
            if path == "agent.may_change" and position > 0:
                warnings.append(
                    Problem(
                        checked.file,
                        path,
                        "is ignored: only the system-wide "
                        f"file ({files[0].file}) decides what may change",
                    )
                )
                continue
            merged[path] = value
        for path in checked.values:
            if path not in locked_by and not _is_freed(path, freed):
                locked_by[path] = checked.file
    return merged


def _is_freed(path: str, freed: tuple[str, ...]) -> bool:
    """A key is freed by its own name or by any section that holds it ("cues.fillers")."""
    parts = path.split(".")
    return any(".".join(parts[:end]) in freed for end in range(1, len(parts) + 1))


def _shown(value: Any) -> str:
    return describe(list(value) if isinstance(value, tuple) else value)


def _relation_errors(files: list[CheckedFile], values: dict[str, Any]) -> list[Problem]:
    """Order checks on the layered result (each file alone was already checked)."""
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
