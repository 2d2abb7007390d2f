"""Which supervisor files apply: the one named explicitly, or the system-wide and user files.

Order: `--config FILE`, else `SPEECH_COACH_CONFIG`, else the system-wide file (platformdirs'
site config dir; `/etc/xdg/speech-coach/supervisor.toml` on Linux) followed by the user's
own (`~/.config/speech-coach/supervisor.toml` on Linux), whichever of the two exist. The
loader layers them in that order, so the system-wide file can lock keys.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from desktop.config.problems import ConfigError, Problem

ENV_VAR = "SPEECH_COACH_CONFIG"
FILE_NAME = "supervisor.toml"
APP_NAME = "speech-coach"


@dataclass(frozen=True, slots=True)
class ConfigDirs:
    """The folders searched when no file is named; tests pass their own."""

    system: Path
    user: Path

    @classmethod
    def from_platform(cls) -> "ConfigDirs":
        return cls(
            Path(platformdirs.site_config_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        )


def locate_config_files(
    cli_path: Path | str | None, env: Mapping[str, str], dirs: ConfigDirs | None = None
) -> list[Path]:
    """The files to load, most general first; [] means "run with the product defaults".

    An explicitly named file (`cli_path`, else `env[SPEECH_COACH_CONFIG]`; empty strings
    count as not given) must exist, otherwise ConfigError. The system-wide and user files
    are optional and skipped when absent.
    """
    for origin, given in (("--config", cli_path), (ENV_VAR, env.get(ENV_VAR))):
        if given is None or not str(given).strip():
            continue
        path = Path(str(given).strip()).expanduser()
        if not path.exists():
            raise ConfigError([Problem(str(path), "", f"no such file (named by {origin})")])
        return [path]
    dirs = dirs or ConfigDirs.from_platform()
    candidates = (dirs.system / FILE_NAME, dirs.user / FILE_NAME)
    return [path for path in candidates if path.exists()]


def watched_config_paths(
    cli_path: Path | str | None, env: Mapping[str, str], dirs: ConfigDirs | None = None
) -> list[Path]:
    """The files whose edits change the policy, existing or not (a supervisor may create
    the system-wide or user file while the app runs): the named file, else both defaults."""
    for given in (cli_path, env.get(ENV_VAR)):
        if given is not None and str(given).strip():
            return [Path(str(given).strip()).expanduser()]
    dirs = dirs or ConfigDirs.from_platform()
    return [dirs.system / FILE_NAME, dirs.user / FILE_NAME]
