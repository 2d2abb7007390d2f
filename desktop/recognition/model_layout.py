"""Which files a vosk model folder needs, checked before vosk is asked to load it.

The rules follow `Model::Model`, `ConfigureV2` and `ReadDataFiles` in vosk-api `src/model.cc`:
vosk takes a folder as a (current, "V2") model when `am/final.mdl` and `conf/model.conf`
exist; it then needs a feature configuration (`conf/mfcc.conf`, or `conf/fbank.conf`) and a
decoding graph, either one static `graph/HCLG.fst` or the lookahead pair `graph/HCLr.fst` +
`graph/Gr.fst` with `graph/disambig_tid.int`. The i-vector extractor, CARPA rescoring and
RNNLM rescoring are optional, but once their main file is present vosk reads their
companion files too, so a half-copied optional part fails the load just the same.

vosk's own failure is one line on stderr and "Failed to create a model"; checking here lets
us name the missing file instead. What cannot be seen from names (a truncated file, an
acoustic model that needs i-vectors the folder lacks) still fails in `load_model`.
"""

import os
from pathlib import Path

# Files whose presence makes vosk treat the folder as a model at all.
MODEL_MARKERS: tuple[str, ...] = ("am/final.mdl", "conf/model.conf")

_FEATURE_CONFIGS: tuple[str, ...] = ("conf/mfcc.conf", "conf/fbank.conf")
_STATIC_GRAPH = "graph/HCLG.fst"
_LOOKAHEAD_GRAPH: tuple[str, ...] = ("graph/HCLr.fst", "graph/Gr.fst", "graph/disambig_tid.int")

# Optional parts: if the first file exists, vosk also reads the others.
_OPTIONAL_PARTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "ivector/final.ie",
        (
            "ivector/final.dubm",
            "ivector/final.mat",
            "ivector/global_cmvn.stats",
            "ivector/online_cmvn.conf",
            "ivector/splice.conf",
        ),
    ),
    ("rescore/G.carpa", ("rescore/G.fst",)),
    (
        "rnnlm/final.raw",
        (
            "rnnlm/feat_embedding.final.mat",
            "rnnlm/word_feats.txt",
            "rnnlm/special_symbol_opts.conf",
        ),
    ),
)


def looks_like_model(folder: Path) -> bool:
    """True when `folder` has at least one of the files that mark a vosk model folder.

    Used to tell "a model with files missing" from "a folder that holds model folders".
    """
    return any((folder / marker).is_file() for marker in MODEL_MARKERS)


def missing_model_files(folder: Path) -> list[str]:
    """Return the files (POSIX paths relative to `folder`) vosk needs but cannot find.

    An empty list means the layout is complete. For the two alternatives (feature config,
    decoding graph) the usual choice is reported: `conf/mfcc.conf`, and the lookahead graph
    files, as in every small vosk model.
    """
    missing = [marker for marker in MODEL_MARKERS if not (folder / marker).is_file()]
    if not any((folder / name).is_file() for name in _FEATURE_CONFIGS):
        missing.append(_FEATURE_CONFIGS[0])
    if not (folder / _STATIC_GRAPH).is_file():
        missing.extend(name for name in _LOOKAHEAD_GRAPH if not (folder / name).is_file())
    for main_file, companions in _OPTIONAL_PARTS:
        if (folder / main_file).is_file():
            missing.extend(name for name in companions if not (folder / name).is_file())
    return missing


MAX_FILES_CHECKED = 2000
"""A vosk model has a few dozen files; a folder with thousands is not one, stop looking."""


def unreadable_model_files(folder: Path) -> list[str]:
    """Files and subfolders of `folder` (POSIX paths relative to it) this user may not read.

    Each file is opened for reading and closed at once (no byte read, so this is quick even
    for a 200 MB graph); a subfolder that cannot be listed is reported itself. A file left
    unreadable by an admin's copy otherwise reaches vosk as "Failed to create a model", which
    reads as damage and sends people to re-download a model that is fine.
    """
    unreadable: list[str] = []

    def note_folder(error: OSError) -> None:
        if isinstance(error, PermissionError) and error.filename is not None:
            unreadable.append(Path(error.filename).relative_to(folder).as_posix() + "/")

    checked = 0
    for parent, _, files in os.walk(folder, onerror=note_folder):
        for name in sorted(files):
            checked += 1
            if checked > MAX_FILES_CHECKED:
                return unreadable
            path = Path(parent) / name
            try:
                os.close(os.open(path, os.O_RDONLY))
            except PermissionError:
                unreadable.append(path.relative_to(folder).as_posix())
            except OSError:
                pass  # gone or not openable otherwise: the layout check or vosk will say
    return sorted(unreadable)


def summarize_names(names: list[str], at_most: int = 3) -> str:
    """`"a, b, c and 2 more"`: names a few missing files without flooding a message."""
    shown = ", ".join(names[:at_most])
    rest = len(names) - at_most
    return f"{shown} and {rest} more" if rest > 0 else shown
