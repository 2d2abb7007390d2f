"""The supervisor's TOML file → a frozen `Policy`; every problem reported at once.

The command line calls `load_configured_policy(args.config, os.environ)` (or
`load_policy(*paths)`) and gets a `LoadResult(policy, warnings, sources)`, or a `ConfigError`
to show as it is. The tray app calls `load_running_policy`, which never refuses: it ignores
what is broken without letting it weaken the supervisor's file, and lists it in `errors`.
"""

from desktop.config.load import LoadResult, build_policy, load_configured_policy, load_policy
from desktop.config.locate import ENV_VAR, ConfigDirs, locate_config_files
from desktop.config.problems import ConfigError, Problem, ProblemReport
from desktop.config.running import load_running_policy, outcome_lines

__all__ = [
    "ENV_VAR",
    "ConfigDirs",
    "ConfigError",
    "LoadResult",
    "Problem",
    "ProblemReport",
    "build_policy",
    "load_configured_policy",
    "load_policy",
    "load_running_policy",
    "locate_config_files",
    "outcome_lines",
]
