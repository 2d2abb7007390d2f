"""Broken supervisor files: every one explained (file, key, allowed values, value found), all
problems in one go, and nothing raised but ConfigError."""

from pathlib import Path

import pytest

from desktop.config import ConfigError, load_policy
from desktop.config.parse import MAX_FILE_BYTES

from confighelpers import outcome, write

V1 = "schema_version = 1\n"

# (id, file content, expected errors, expected warnings); each expected problem is a tuple
# of fragments that must all appear in that problem's text, in the order they are reported.
BROKEN = [
    ("syntax-unquoted-text", V1 + "[general]\nlanguage = nl\n",
     [("line 3, column 12", "TOML syntax error", "in quotes")], []),
    ("syntax-unclosed-section", V1 + "[cues.haste\nenabled = true\n",
     [("line 2, column 12", "Expected ']'")], []),
    ("syntax-missing-equals", V1 + "[gate]\nsounds true\n",
     [("line 3, column 8", "key = value")], []),
    ("syntax-unclosed-quote", V1 + '[general]\nlanguage = "nl\n',
     [("line 3, column 15", "closing quote")], []),
    ("syntax-at-end-of-document", V1 + "[gate]\nmax_cues_per_call = [1,",
     [("line 3, column 24", "TOML syntax error")], []),
    ("duplicate-key", V1 + "[gate]\nmax_cues_per_call = 5\nmax_cues_per_call = 6\n",
     [("line 4", "given twice")], []),
    ("duplicate-section", V1 + "[gate]\nsounds = true\n[gate]\n",
     [("line 4", "section is given twice")], []),
    ("windows-path-backslash", V1 + '[general]\nmodel_path = "C:\\models\\nl"\n',
     [("line 3", "single quotes")], []),
    ("text-for-number", V1 + '[cues.haste]\nceiling_syl_s = "fast"\n',
     [("[cues.haste].ceiling_syl_s must be a number between 3 and 10, got 'fast'",)], []),
    ("bool-for-int", V1 + "[gate]\nmax_cues_per_call = true\n",
     [("[gate].max_cues_per_call", "whole number between 0 and 100", "got true")], []),
    ("bool-for-float", V1 + "[cues.haste]\ncooldown_s = true\n",
     [("[cues.haste].cooldown_s", "between 0 and 3600", "got true")], []),
    ("number-for-bool", V1 + "[gate]\nsounds = 1\n",
     [("[gate].sounds", "true or false", "got 1")], []),
    ("below-range", V1 + "[cues.haste]\nfloor_syl_s = 1.5\n",
     [("[cues.haste].floor_syl_s", "between 2 and 10", "got 1.5")], []),
    ("above-range", V1 + "[cues.haste]\nbaseline_factor = 2.5\n",
     [("[cues.haste].baseline_factor", "between 1 and 2", "got 2.5")], []),
    ("negative-cooldown", V1 + "[cues.blame]\ncooldown_s = -10\n",
     [("[cues.blame].cooldown_s", "between 0 and 3600", "got -10")], []),
    ("fraction-for-whole-number", V1 + "[privacy]\nretention_days = 30.5\n",
     [("[privacy].retention_days", "whole number between 1 and 3650", "got 30.5")], []),
    ("nan", V1 + "[cues.key_pause]\nmin_pause_ms = nan\n",
     [("[cues.key_pause].min_pause_ms", "between 50 and 2000", "got nan")], []),
    ("infinity", V1 + "[calls]\nnew_call_after_silence_s = inf\n",
     [("[calls].new_call_after_silence_s", "between 10 and 3600", "got inf")], []),
    ("date-for-number", V1 + "[gate]\ncard_visible_s = 2024-03-23\n",
     [("[gate].card_visible_s", "between 1 and 60", "2024-03-23")], []),
    ("wrong-language", V1 + '[general]\nlanguage = "de"\n',
     [('[general].language must be one of "nl", "en", got \'de\'',)], []),
    ("model-path-not-text", V1 + "[general]\nmodel_path = 5\n",
     [("[general].model_path", "a text (a folder path", "got 5")], []),
    ("blank-message", V1 + '[cues.monologue]\nmessage_nl = "   "\n',
     [("[cues.monologue].message_nl", "1 to 200 characters", "got '   '")], []),
    ("message-not-text", V1 + '[cues.haste]\nmessage_en = ["Slow down"]\n',
     [("[cues.haste].message_en", "a text of", "got ['Slow down']")], []),
    ("phrases-not-a-list", V1 + '[cues.fillers]\nextra_phrases_nl = "eh"\n',
     [("[cues.fillers].extra_phrases_nl", "a list of", "got 'eh'")], []),
    ("phrases-of-numbers", V1 + "[cues.blame]\nextra_phrases_en = [1, 2]\n",
     [("[cues.blame].extra_phrases_en", "a list of", "item 1 is 1")], []),
    ("may-change-unknown-key", V1 + '[agent]\nmay_change = ["cues.haste.enable"]\n',
     [("[agent].may_change", "'cues.haste.enable', which is not a setting",
       "did you mean 'cues.haste.enabled'?")], []),
    ("may-change-not-a-list", V1 + '[agent]\nmay_change = "general.language"\n',
     [("[agent].may_change", "list of setting names", "got 'general.language'")], []),
    ("section-as-value", V1 + "gate = 5\n", [("[gate] must be a section", "got 5")], []),
    ("array-of-sections", V1 + "[[gate]]\nsounds = true\n", [("[gate] must be a section",)], []),
    ("floor-above-ceiling", V1 + "[cues.haste]\nfloor_syl_s = 7\nceiling_syl_s = 6.5\n",
     [("[cues.haste].floor_syl_s must be at most [cues.haste].ceiling_syl_s (6.5), got 7",)],
     []),
    ("three-errors-at-once",
     V1 + '[general]\nlanguage = "fr"\n[gate]\nmax_cues_per_call = -1\n'
     "[cues.haste]\nenabled = \"yes\"\n",
     [("[general].language", "'fr'"), ("[gate].max_cues_per_call", "got -1"),
      ("[cues.haste].enabled", "true or false", "got 'yes'")], []),
    ("unknown-key-in-section", V1 + "[cues.haste]\nenabeld = false\n",
     [], [("[cues.haste].enabeld", "not a known setting", "did you mean [cues.haste].enabled?")]),
    ("unknown-section", V1 + "[cues.hast]\nenabled = false\n",
     [], [("[cues.hast] is not a known section", "did you mean [cues.haste]?")]),
    ("key-outside-its-section", V1 + 'langauge = "en"\n',
     [], [("langauge is not a known setting", "did you mean [general].language?")]),
    ("unknown-without-a-guess", V1 + "[zzz]\nq = 1\n", [], [("[zzz] is not a known section",)]),
    ("missing-sections-are-fine", V1 + "[gate]\nsounds = true\n", [], []),
    ("schema-newer", "schema_version = 2\n[general]\nlanguage = 5\n[future]\nx = 1\n",
     [("made for a newer Speech Coach (schema 2)", "upgrade the app")], []),
    ("schema-not-a-number", 'schema_version = "one"\n',
     [("schema_version must be the whole number 1, got 'one'",)], []),
    ("schema-zero", "schema_version = 0\n", [("schema_version", "got 0")], []),
    ("schema-missing", "[gate]\nsounds = true\n", [], [("schema_version is missing",
                                                        "assuming 1")]),
    ("empty-file", "", [], [("schema_version is missing",)]),
    ("binary-junk", bytes(range(256)) * 4, [("not a text file", "UTF-8")], []),
    ("not-utf-8", V1.encode() + '[general]\nlanguage = "n\xe9"\n'.encode("latin-1"),
     [("line 3, column 14", "not UTF-8", "0xE9")], []),
    ("deeply-nested", V1 + "x = " + "[" * 5000, [("nested too deeply",)], []),
]  # fmt: skip


@pytest.mark.parametrize(
    ("content", "errors", "warnings"),
    [row[1:] for row in BROKEN],
    ids=[row[0] for row in BROKEN],
)
def test_broken_file_is_explained(
    tmp_path: Path,
    content: str | bytes,
    errors: list[tuple[str, ...]],
    warnings: list[tuple[str, ...]],
) -> None:
    """Each file yields exactly the expected errors and warnings, each naming the file."""
    path = write(tmp_path, "supervisor.toml", content)
    found_errors, found_warnings = outcome(path)
    for found, expected in ((found_errors, errors), (found_warnings, warnings)):
        assert len(found) == len(expected), [str(problem) for problem in found]
        for problem, fragments in zip(found, expected, strict=True):
            assert str(problem).startswith(str(path)), problem
            for fragment in fragments:
                assert fragment in str(problem)


def test_the_table_is_big_enough() -> None:
    """The issue asks for at least 25 broken files."""
    assert sum(1 for _, _, errors, _ in BROKEN if errors) >= 25


def test_problems_carry_their_key_path_and_syntax_position(tmp_path: Path) -> None:
    """The structured fields are set, not only the text: a UI can point at the key or line."""
    path = write(tmp_path, "s.toml", V1 + "[cues.haste]\nceiling_syl_s = 'fast'\n")
    (problem,), _ = outcome(path)
    assert (problem.file, problem.key_path, problem.line) == (str(path), "cues.haste.ceiling_syl_s",
                                                              None)  # fmt: skip
    bad = write(tmp_path, "t.toml", V1 + "[gate]\nsounds = yes\n")
    (problem,), _ = outcome(bad)
    assert (problem.key_path, problem.line, problem.column) == ("", 3, 10)


def test_a_folder_is_not_a_configuration_file(tmp_path: Path) -> None:
    """Naming a directory gives one clear error, not IsADirectoryError."""
    (problem,), _ = outcome(tmp_path)
    assert "a folder, not a configuration file" in str(problem)


def test_an_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file the user may not read (simulated: tests may run as root) says so."""
    path = write(tmp_path, "s.toml", V1)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    (problem,), _ = outcome(path)
    assert str(problem) == f"{path}: cannot be read: permission denied"


def test_a_huge_file_is_refused(tmp_path: Path) -> None:
    """A file far bigger than any configuration is refused before it is parsed."""
    path = write(tmp_path, "s.toml", "# x\n" * (MAX_FILE_BYTES // 4 + 1))
    (problem,), _ = outcome(path)
    assert "larger than 1000 kB" in str(problem)


def test_errors_of_several_files_come_together(tmp_path: Path) -> None:
    """Two broken files: both files' problems in one ConfigError, one line each."""
    first = write(tmp_path, "a/s.toml", V1 + "[gate]\nsounds = 2\n")
    second = write(tmp_path, "b/s.toml", "[general\n")
    with pytest.raises(ConfigError) as caught:
        load_policy(first, second)
    lines = str(caught.value).splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{first}: [gate].sounds") and lines[1].startswith(str(second))
