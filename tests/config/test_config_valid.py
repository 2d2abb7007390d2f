"""Valid supervisor files become exactly the Policy they describe."""

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from desktop.coaching.settings import Message, Policy
from desktop.config import load_policy
from desktop.config.keys import KEYS
from desktop.config.schema import Key, policy_value

from confighelpers import write

V1 = "schema_version = 1\n"


def test_a_partial_file_keeps_every_other_default(tmp_path: Path) -> None:
    """Setting two keys changes those two and nothing else; ints are taken as floats."""
    path = write(tmp_path, "s.toml", V1 + "[cues.haste]\nfloor_syl_s = 5\n[gate]\nsounds = true\n")
    result = load_policy(path)
    defaults = Policy()
    expected = dataclasses.replace(
        defaults,
        gate=dataclasses.replace(defaults.gate, sounds=True),
        cues=dataclasses.replace(
            defaults.cues, haste=dataclasses.replace(defaults.cues.haste, floor_syl_s=5.0)
        ),
    )
    assert result.policy == expected
    assert type(result.policy.cues.haste.floor_syl_s) is float
    assert result.warnings == () and result.sources == (path,)


def test_no_files_at_all_give_the_product_defaults() -> None:
    """With nothing to read the app runs on the dataclass defaults."""
    assert load_policy().policy == Policy()


def test_relative_model_path_resolves_against_the_file_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "models/nl" in /x/cfg/s.toml means /x/cfg/models/nl, whatever the working folder."""
    (tmp_path / "cfg" / "models" / "nl").mkdir(parents=True)
    path = write(tmp_path, "cfg/s.toml", V1 + '[general]\nmodel_path = "models/nl"\n')
    monkeypatch.chdir(tmp_path)
    result = load_policy(Path("cfg/s.toml"))
    assert result.policy.model_path == str(tmp_path / "cfg" / "models" / "nl")
    assert result.warnings == ()
    assert path.exists()


def test_absolute_and_empty_model_paths(tmp_path: Path) -> None:
    """An absolute path is kept as written; "" means no model path (None)."""
    absolute = write(tmp_path, "a.toml", V1 + f"[general]\nmodel_path = '{tmp_path}'\n")
    empty = write(tmp_path, "b.toml", V1 + '[general]\nmodel_path = ""\n')
    assert load_policy(absolute).policy.model_path == str(tmp_path)
    assert load_policy(empty).policy.model_path is None


def test_a_model_path_that_does_not_exist_is_a_warning(tmp_path: Path) -> None:
    """The file is valid, but the supervisor hears that the model folder is missing."""
    path = write(tmp_path, "s.toml", V1 + '[general]\nmodel_path = "gone"\n')
    (warning,) = load_policy(path).warnings
    assert "[general].model_path points to" in str(warning) and "does not exist" in str(warning)


def test_messages_and_phrases_land_in_the_policy(tmp_path: Path) -> None:
    """message_nl/en become one Message; phrase lists become tuples, trimmed."""
    path = write(
        tmp_path,
        "s.toml",
        V1 + '[cues.blame]\nmessage_nl = "Kijk vooruit."\nextra_phrases_nl = [" u had "]\n',
    )
    blame = load_policy(path).policy.cues.blame
    assert blame.message == Message(nl="Kijk vooruit.", en=Policy().cues.blame.message.en)
    assert blame.extra_phrases_nl == ("u had",)


def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    """Windows Notepad starts UTF-8 files with a BOM; such a file still loads."""
    path = write(
        tmp_path, "s.toml", "\ufeff".encode() + (V1 + '[general]\nlanguage = "en"\n').encode()
    )
    assert load_policy(path).policy.language == "en"


def _other_value(key: Key) -> Any:
    """A valid value for `key` that differs from its default, as written in TOML."""
    if key.kind == "bool":
        return not policy_value(Policy(), key.attr)
    if key.kind in ("int", "float"):
        return int(key.high) if key.kind == "int" else key.high
    if key.kind == "choice":
        return next(c for c in key.choices if c != policy_value(Policy(), key.attr))
    return {
        "path": "/opt/model",
        "text": "Anders.",
        "phrases": ["iets anders"],
        "key_paths": ["gate"],
    }[key.kind]


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return "[" + ", ".join(f'"{item}"' for item in value) + "]"
    return f'"{value}"' if isinstance(value, str) else repr(value)


def test_every_key_in_the_table_sets_its_policy_field(tmp_path: Path) -> None:
    """Each key, set to a non-default value, arrives at its own Policy attribute."""
    sections: dict[str, list[str]] = {}
    for key in KEYS:
        sections.setdefault(key.section, []).append(f"{key.name} = {_toml(_other_value(key))}")
    text = V1 + "".join(f"[{name}]\n" + "\n".join(lines) + "\n" for name, lines in sections.items())
    policy = load_policy(write(tmp_path, "all.toml", text)).policy
    for key in KEYS:
        expected = _other_value(key)
        expected = tuple(expected) if isinstance(expected, list) else expected
        assert policy_value(policy, key.attr) == expected, key.path
        assert policy_value(policy, key.attr) != policy_value(Policy(), key.attr), key.path


def _leaf_attrs(value: Any, prefix: str = "") -> set[str]:
    if not dataclasses.is_dataclass(value):
        return {prefix}
    found: set[str] = set()
    for item in dataclasses.fields(value):
        found |= _leaf_attrs(getattr(value, item.name), f"{prefix}{item.name}.")
    return {path.rstrip(".") for path in found}


def test_the_table_covers_every_policy_field_exactly_once() -> None:
    """A field added to settings.py without a key in the table (or vice versa) fails here."""
    attrs = [key.attr for key in KEYS]
    assert len(attrs) == len(set(attrs))
    assert set(attrs) == _leaf_attrs(Policy())
