"""Where the read-only files shipped with the app (`resources/` at the repo top) live."""

import sys
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """Return the path of `resources/<parts...>`, whether the app runs from source or frozen.

    From a source checkout or an editable install, `resources/` sits next to the `desktop`
    package; a wheel (`pip install .`) installs it next to `desktop` too (pyproject.toml).
    In a PyInstaller bundle it is unpacked under `sys._MEIPASS` (`build.spec` must add it as
    data with the destination `resources`). The path is not checked for existence:
    callers say what is missing in their own words.
    """
    bundle_dir = getattr(sys, "_MEIPASS", None)
    if bundle_dir is not None:
        root = Path(bundle_dir) / "resources"
    else:
        root = Path(__file__).resolve().parent.parent / "resources"
    return root.joinpath(*parts)
