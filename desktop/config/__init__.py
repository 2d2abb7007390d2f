"""The supervisor's TOML file → a frozen `Policy`; every problem reported at once.

The app calls `load_configured_policy(args.config, os.environ)` (or `load_policy(*paths)`)
and gets a `LoadResult(policy, warnings, sources)`, or a `ConfigError` to show as it is.
"""

from desktop.config.load import LoadResult, build_policy, load_configured_policy, load_policy
from desktop.config.locate import ENV_VAR, ConfigDirs, locate_config_files
from desktop.config.problems import ConfigError, Problem

__all__ = [
    "ENV_VAR",
    "ConfigDirs",
    "ConfigError",
    "LoadResult",
    "Problem",
    "build_policy",
    "load_configured_policy",
    "load_policy",
    "locate_config_files",
]
