"""Model import from a zip or a folder: verified, atomic, and safe against hostile zips."""

import hashlib
import os
import stat
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.errors import UserError
from desktop.recognition import model_check, model_install
from desktop.recognition.model_install import (
    TEMP_PREFIX,
    InstallCancelled,
    install_model_folder,
    install_model_zip,
    remove_unfinished_installs,
)
from desktop.recognition.model_locator import resolve_model_path
from desktop.recognition.model_manifest import KnownModel, ManifestFile

MakeModel = Callable[..., Path]
NL_MODEL = "vosk-model-small-nl-0.22"


def zip_folder(folder: Path, archive: Path, top: str | None = None) -> Path:
    """Zip every file below `folder` under the folder name `top` (default: the folder's name)."""
    prefix = folder.name if top is None else top
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as handle:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                relative = path.relative_to(folder).as_posix()
                handle.write(path, f"{prefix}/{relative}" if prefix else relative)
    return archive


def tree(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` by relative POSIX path, with its content."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def manifest_for(folder: Path, name: str) -> KnownModel:
    files = tuple(
        ManifestFile(path, len(content), hashlib.sha256(content).hexdigest())
        for path, content in tree(folder).items()
    )
    total = sum(f.size_bytes for f in files)
    return KnownModel(name, "nl", "https://example.invalid/m.zip", "Apache-2.0", total, files)


@pytest.fixture
def models_dir(tmp_path: Path) -> Path:
    return tmp_path / "app-data" / "models"


@pytest.fixture
def good_zip(tmp_path: Path, make_model: MakeModel) -> Path:
    source = make_model(tmp_path / "src" / "my-model")
    (source / "graph/Gr.fst").write_bytes(os.urandom(3 * model_install.COPY_CHUNK_BYTES))
    return zip_folder(source, tmp_path / "my-model.zip")


def test_good_zip_installs_where_the_locator_looks(
    tmp_path: Path, good_zip: Path, models_dir: Path
) -> None:
    """A good zip ends up as models/<name> with the same files, found by resolve_model_path."""
    reports: list[tuple[int, int]] = []
    info = install_model_zip(good_zip, models_dir, progress=lambda d, t: reports.append((d, t)))
    assert (info.path, info.name, info.verified_checksums) == (
        models_dir / "my-model",
        "my-model",
        False,
    )
    assert tree(info.path) == tree(tmp_path / "src" / "my-model")
    assert sorted(p.name for p in models_dir.iterdir()) == ["my-model"]
    choice = resolve_model_path(None, None, {}, user_models_dir=models_dir)
    assert choice is not None and choice.path == info.path
    done = [d for d, _ in reports]
    total = sum(len(c) for c in tree(info.path).values())
    assert done == sorted(done) and reports[-1] == (total, total) and len(reports) > 3


def test_zip_with_the_files_at_its_top_is_named_after_the_zip(
    tmp_path: Path, make_model: MakeModel, models_dir: Path
) -> None:
    """A zip made inside the model folder (am/, conf/ at the top) takes the zip's name."""
    source = make_model(tmp_path / "src" / "whatever")
    archive = zip_folder(source, tmp_path / "ko-small.zip", top="")
    info = install_model_zip(archive, models_dir)
    assert info.path == models_dir / "ko-small"
    assert tree(info.path) == tree(source)


def test_truncated_zip_is_refused_and_leaves_nothing(good_zip: Path, models_dir: Path) -> None:
    """A zip cut off half-way (an interrupted copy) is refused with "not a complete zip"."""
    data = good_zip.read_bytes()
    good_zip.write_bytes(data[: len(data) // 2])
    with pytest.raises(UserError, match="is not a complete zip file") as caught:
        install_model_zip(good_zip, models_dir)
    assert str(good_zip) in str(caught.value)
    assert list(models_dir.iterdir()) == []


def test_zip_with_corrupted_contents_is_damaged(good_zip: Path, models_dir: Path) -> None:
    """Flipped bytes inside a member (directory intact) fail its CRC: "damaged", nothing left."""
    data = bytearray(good_zip.read_bytes())
    with zipfile.ZipFile(good_zip) as handle:
        member = handle.getinfo("my-model/graph/Gr.fst")
    middle = member.header_offset + 100 + member.compress_size // 2
    data[middle : middle + 16] = bytes(16)
    good_zip.write_bytes(bytes(data))
    with pytest.raises(UserError, match=r"is damaged \(my-model/graph/Gr\.fst does not unpack"):
        install_model_zip(good_zip, models_dir)
    assert list(models_dir.iterdir()) == []


def patch_central_entry(
    archive: Path, name: str, field_offset: int, value: int, fmt: str = "<H"
) -> None:
    """Overwrite one field of `name`'s central directory record, as a hostile tool could."""
    data = bytearray(archive.read_bytes())
    encoded = name.encode()
    record = data.find(b"PK\x01\x02")
    while data[record + 46 : record + 46 + len(encoded)] != encoded:  # the name follows at 46
        record = data.find(b"PK\x01\x02", record + 4)
        assert record >= 0, name
    struct.pack_into(fmt, data, record + field_offset, value)
    archive.write_bytes(bytes(data))


def _zip_with_entry(tmp_path: Path, make_model: MakeModel, entry: zipfile.ZipInfo) -> Path:
    """A complete good model plus one hostile entry that should get the whole zip refused."""
    archive = zip_folder(make_model(tmp_path / "src" / "my-model"), tmp_path / "evil.zip")
    with zipfile.ZipFile(archive, "a") as handle:
        handle.writestr(entry, b"owned\n")
    return archive


def _entry(name: str, mode: int = 0) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = mode << 16
    return info


@pytest.mark.filterwarnings("ignore:Duplicate name")
@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        (_entry("../evil.txt"), "a path that leads out of its folder"),
        (_entry("my-model/../../evil.txt"), "a path that leads out of its folder"),
        (_entry("my-model\\..\\..\\evil.txt"), "a path that leads out of its folder"),
        (_entry("/tmp/evil.txt"), "an absolute path"),
        (_entry("C:/evil.txt"), "an absolute path"),
        (_entry("my-model/README:hidden"), "a file name that is not allowed"),
        (_entry("my-model/link", stat.S_IFLNK | 0o777), "a link"),
        (_entry("my-model/tty", stat.S_IFCHR | 0o666), "a device or other special file"),
        (_entry("my-model/pipe", stat.S_IFIFO | 0o666), "a device or other special file"),
        (_entry("my-model/README"), "the same file twice"),
    ],
)
def test_malicious_zip_is_refused_and_nothing_is_written(
    tmp_path: Path,
    make_model: MakeModel,
    models_dir: Path,
    entry: zipfile.ZipInfo,
    reason: str,
) -> None:
    """A single hostile entry refuses the whole zip before anything is unpacked anywhere."""
    archive = _zip_with_entry(tmp_path, make_model, entry)
    models_dir.mkdir(parents=True)
    before = set(tmp_path.rglob("*"))
    with pytest.raises(UserError, match=f"refused because it (contains|lists) {reason}"):
        install_model_zip(archive, models_dir)
    assert list(models_dir.iterdir()) == []
    assert set(tmp_path.rglob("*")) == before
    assert not Path("/tmp/evil.txt").exists()


def test_encrypted_zip_is_refused(tmp_path: Path, make_model: MakeModel, models_dir: Path) -> None:
    """A password-protected entry (flag bit 0) is refused with a reason IT understands."""
    archive = _zip_with_entry(tmp_path, make_model, _entry("my-model/secret"))
    patch_central_entry(archive, "my-model/secret", field_offset=8, value=0x1)  # flag bits
    with pytest.raises(UserError, match="password-protected"):
        install_model_zip(archive, models_dir)
    assert list(models_dir.iterdir()) == []


def test_zip_bomb_over_the_size_cap_is_refused_before_unpacking(
    good_zip: Path, models_dir: Path
) -> None:
    """The declared unpacked size is checked against the cap before a byte is written."""
    with pytest.raises(UserError, match=r"would unpack to .* more than any speech model"):
        install_model_zip(good_zip, models_dir, max_unpacked_bytes=100_000)
    assert list(models_dir.iterdir()) == []


def test_zip_whose_headers_understate_the_size_is_damaged(
    tmp_path: Path, make_model: MakeModel, models_dir: Path
) -> None:
    """A member declaring 10 bytes but inflating to 2 MB is cut at 10 and fails: no bomb."""
    source = make_model(tmp_path / "src" / "my-model")
    (source / "graph/Gr.fst").write_bytes(bytes(2_000_000))
    archive = zip_folder(source, tmp_path / "liar.zip")
    name = "my-model/graph/Gr.fst"
    patch_central_entry(archive, name, field_offset=24, value=10, fmt="<I")  # unpacked size
    with zipfile.ZipFile(archive) as handle:
        assert handle.getinfo(name).file_size == 10
    with pytest.raises(UserError, match="is damaged"):
        install_model_zip(archive, models_dir)
    assert list(models_dir.iterdir()) == []


def test_not_enough_disk_space_is_refused_before_unpacking(
    good_zip: Path, models_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With too little free space the import stops early and says how much it needs."""
    monkeypatch.setattr(model_install, "free_disk_bytes", lambda folder: 10_000_000)
    with pytest.raises(UserError, match=r"not enough free disk space .* 10 MB are free"):
        install_model_zip(good_zip, models_dir)
    assert list(models_dir.iterdir()) == []


def test_cancel_mid_way_leaves_nothing(good_zip: Path, models_dir: Path) -> None:
    """Cancelling after the first megabyte stops the import and removes what was unpacked."""
    progressed: list[tuple[int, int]] = []
    with pytest.raises(InstallCancelled, match="cancelled; nothing was changed"):
        install_model_zip(
            good_zip,
            models_dir,
            progress=lambda done, total: progressed.append((done, total)),
            cancel=lambda: progressed[-1][0] >= model_install.COPY_CHUNK_BYTES,
        )
    done, total = progressed[-1]
    assert model_install.COPY_CHUNK_BYTES <= done < total
    assert list(models_dir.iterdir()) == []


def test_new_copy_replaces_the_old_one_only_after_it_verified(
    tmp_path: Path, make_model: MakeModel, models_dir: Path
) -> None:
    """A broken newer zip leaves the installed model alone; a good one replaces it."""
    first = make_model(tmp_path / "v1" / "my-model")
    install_model_zip(zip_folder(first, tmp_path / "v1.zip"), models_dir)
    broken = make_model(tmp_path / "v2" / "my-model", omit=("conf/mfcc.conf",))
    with pytest.raises(UserError, match=r"incomplete \(missing conf/mfcc\.conf\)"):
        install_model_zip(zip_folder(broken, tmp_path / "v2.zip"), models_dir)
    assert tree(models_dir / "my-model") == tree(first)
    better = make_model(tmp_path / "v3" / "my-model")
    (better / "README").write_text("version 3\n")
    install_model_zip(zip_folder(better, tmp_path / "v3.zip"), models_dir)
    assert tree(models_dir / "my-model") == tree(better)
    assert sorted(p.name for p in models_dir.iterdir()) == ["my-model"]


def test_dutch_named_zip_with_other_files_is_refused(
    tmp_path: Path, make_model: MakeModel, models_dir: Path
) -> None:
    """A zip with a folder named like the Dutch model whose files differ fails the manifest."""
    fake = make_model(tmp_path / "src" / NL_MODEL)
    with pytest.raises(UserError, match=r"is damaged: README has 12 bytes where .* has 260"):
        install_model_zip(zip_folder(fake, tmp_path / f"{NL_MODEL}.zip"), models_dir)
    assert list(models_dir.iterdir()) == []


def test_checksum_mismatch_names_the_source_not_the_temporary_folder(
    tmp_path: Path, make_model: MakeModel, models_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same sizes but one changed byte fails the SHA-256 check; the message names the zip."""
    fake = make_model(tmp_path / "src" / NL_MODEL)
    known = manifest_for(fake, NL_MODEL)
    monkeypatch.setattr(model_check, "known_model", lambda name: known)
    (fake / "am/final.mdl").write_bytes(b"fake am/final.mdX\n")
    archive = zip_folder(fake, tmp_path / "from-it.zip")
    with pytest.raises(UserError, match=r"am/final\.mdl does not match the checksum") as caught:
        install_model_zip(archive, models_dir)
    assert str(archive) in str(caught.value) and TEMP_PREFIX not in str(caught.value)
    assert list(models_dir.iterdir()) == []


def test_dutch_model_matching_the_manifest_is_verified(
    tmp_path: Path, make_model: MakeModel, models_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A copy whose files all match the manifest installs with verified_checksums True."""
    fake = make_model(tmp_path / "src" / NL_MODEL)
    known = manifest_for(fake, NL_MODEL)
    monkeypatch.setattr(model_check, "known_model", lambda name: known)
    info = install_model_zip(
        zip_folder(fake, tmp_path / "nl.zip"), models_dir, expected_name=NL_MODEL
    )
    assert (info.path, info.verified_checksums) == (models_dir / NL_MODEL, True)


def test_expected_name_refuses_another_model(good_zip: Path, models_dir: Path) -> None:
    """A download must hold the model it was meant to: another (unverified) one is refused."""
    with pytest.raises(UserError, match=f"is not the checked speech model {NL_MODEL}"):
        install_model_zip(good_zip, models_dir, expected_name=NL_MODEL)
    assert list(models_dir.iterdir()) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"this is not a zip\n", "is not a complete zip file"),
        (None, "does not exist"),
    ],
)
def test_wrong_file_is_refused(
    tmp_path: Path, models_dir: Path, content: bytes | None, message: str
) -> None:
    """A text file renamed .zip and a path that does not exist each get their own sentence."""
    path = tmp_path / "model.zip"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(UserError, match=message):
        install_model_zip(path, models_dir)


def test_folder_given_as_zip_points_to_folder_import(tmp_path: Path, models_dir: Path) -> None:
    """Choosing a folder in the zip import says to use the folder import."""
    with pytest.raises(UserError, match="is a folder, not a zip file; use Import folder"):
        install_model_zip(tmp_path, models_dir)


def test_zip_without_a_model_or_with_two(
    tmp_path: Path, make_model: MakeModel, models_dir: Path
) -> None:
    """A zip of photos is "not a vosk speech model"; a zip of two models asks for one."""
    photos = tmp_path / "photos"
    photos.mkdir()
    (photos / "cat.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(UserError, match="does not hold a vosk speech model"):
        install_model_zip(zip_folder(photos, tmp_path / "photos.zip"), models_dir)
    make_model(tmp_path / "two" / "a-model")
    make_model(tmp_path / "two" / "b-model")
    with pytest.raises(UserError, match=r"several speech models \(a-model, b-model\)"):
        install_model_zip(zip_folder(tmp_path / "two", tmp_path / "two.zip", top=""), models_dir)
    assert list(models_dir.iterdir()) == []


def test_leftovers_of_a_killed_import_are_removed(
    tmp_path: Path, make_model: MakeModel, models_dir: Path
) -> None:
    """Hidden .installing-* folders and files go; models and other files stay."""
    model = make_model(models_dir / "my-model")
    half = make_model(models_dir / f"{TEMP_PREFIX}abc123" / "payload" / "half")
    partial = models_dir / f"{TEMP_PREFIX}download-x.zip"
    partial.write_bytes(b"PK")
    (models_dir / "notes.txt").write_text("IT")
    removed = remove_unfinished_installs(models_dir)
    assert removed == [models_dir / f"{TEMP_PREFIX}abc123", partial]
    assert not half.exists() and model.is_dir() and (models_dir / "notes.txt").is_file()
    assert remove_unfinished_installs(tmp_path / "no-such-folder") == []


def test_an_install_cleans_up_earlier_leftovers(good_zip: Path, models_dir: Path) -> None:
    """The next import removes what a killed one left behind."""
    leftover = models_dir / f"{TEMP_PREFIX}old" / "payload"
    leftover.mkdir(parents=True)
    install_model_zip(good_zip, models_dir)
    assert sorted(p.name for p in models_dir.iterdir()) == ["my-model"]


def test_folder_import_copies_and_verifies(
    tmp_path: Path, make_model: MakeModel, models_dir: Path
) -> None:
    """Choosing the folder IT unzipped into copies its one model; the source is untouched."""
    source = make_model(tmp_path / "usb" / "my-model")
    (tmp_path / "usb" / "readme-from-it.txt").write_text("hello")
    before = tree(tmp_path / "usb")
    reports: list[tuple[int, int]] = []
    info = install_model_folder(
        tmp_path / "usb", models_dir, progress=lambda d, t: reports.append((d, t))
    )
    assert info.path == models_dir / "my-model" and tree(info.path) == tree(source)
    assert tree(tmp_path / "usb") == before
    assert reports[-1][0] == reports[-1][1] == sum(len(c) for c in tree(source).values())
    assert sorted(p.name for p in models_dir.iterdir()) == ["my-model"]


def test_folder_with_a_link_is_refused(
    tmp_path: Path, make_model: MakeModel, models_dir: Path
) -> None:
    """A link inside the chosen model folder is refused rather than followed."""
    source = make_model(tmp_path / "share" / "my-model")
    (source / "graph" / "secrets").symlink_to(tmp_path)
    with pytest.raises(UserError, match=r"contains a link or special file \(graph/secrets\)"):
        install_model_folder(source, models_dir)
    assert not models_dir.exists() or list(models_dir.iterdir()) == []


def test_dutch_named_folder_with_other_files_is_refused(
    tmp_path: Path, make_model: MakeModel, models_dir: Path
) -> None:
    """A folder named vosk-model-small-nl-0.22 whose files do not match is not copied."""
    fake = make_model(tmp_path / "share" / NL_MODEL)
    with pytest.raises(UserError, match=r"is damaged: README has 12 bytes"):
        install_model_folder(fake, models_dir)
    assert not models_dir.exists() or list(models_dir.iterdir()) == []


def test_cancel_during_folder_import_leaves_nothing(
    tmp_path: Path, make_model: MakeModel, models_dir: Path
) -> None:
    """Cancelling a folder copy after its first file removes the partial copy."""
    source = make_model(tmp_path / "share" / "my-model")
    calls: list[int] = []
    with pytest.raises(InstallCancelled):
        install_model_folder(
            source, models_dir, progress=lambda d, t: calls.append(d), cancel=lambda: len(calls) > 2
        )
    assert list(models_dir.iterdir()) == []


@pytest.mark.slow
@pytest.mark.vosk
def test_real_korean_model_zip_installs_and_loads(
    tmp_path: Path, ko_model_path: Path, models_dir: Path
) -> None:
    """The real 253 MB Korean model survives zip, import and vosk loading from the new place."""
    from desktop.recognition.recognizer import load_model

    archive = tmp_path / "vosk-model-small-ko-0.22.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as handle:
        for path in sorted(ko_model_path.rglob("*")):
            if path.is_file():
                relative = path.relative_to(ko_model_path).as_posix()
                handle.write(path, f"vosk-model-small-ko-0.22/{relative}")
    info = install_model_zip(archive, models_dir)
    assert info.path == models_dir / "vosk-model-small-ko-0.22"

    def sizes(folder: Path) -> dict[str, int]:
        files = (p for p in folder.rglob("*") if p.is_file())
        return {p.relative_to(folder).as_posix(): p.stat().st_size for p in files}

    assert sizes(info.path) == sizes(ko_model_path)
    assert load_model(info.path) is not None
