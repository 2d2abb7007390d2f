"""A TOML syntax error does not hide the file's other problems: every syntax error and every
other problem is reported in one go, each at the line to look at, none charged to the wrong
section; and nothing of a file with a syntax error is applied."""

from collections.abc import Callable
from pathlib import Path

import pytest
from test_config_cli import run_cli

from desktop.config import ConfigDirs, Problem, load_running_policy, outcome_lines
from desktop.config.parse import MAX_FILE_BYTES
from desktop.config.recovery import MAX_SYNTAX_ERRORS

from confighelpers import outcome, sound_default_file, write

V1 = "schema_version = 1\n"


def shown(problems: list[Problem], path: Path) -> list[str]:
    return [str(problem).removeprefix(f"{path}") for problem in problems]


def test_several_syntax_errors_a_bad_value_and_a_mistyped_key_all_at_once(
    tmp_path: Path,
) -> None:
    """Three syntax errors (a decimal comma, a missing '=', unquoted text), a bad value and a
    mistyped key: five problems, each with its line and its hint, in one check."""
    path = write(tmp_path, "s.toml", V1 + "[cues.haste]\nfloor_syl_s = 5,5\nceilng_syl_s = 7\n"
                 '[gate]\nmax_cues_per_call = "veel"\nsounds true\n'
                 "[general]\nlanguage = nl\n")  # fmt: skip
    errors, warnings = outcome(path)
    assert shown(errors, path) == [
        ", line 3, column 16: TOML syntax error: Expected newline or end of document after a "
        "statement (a decimal number takes a point, not a comma: write 5.5, not 5,5)",
        ", line 7, column 8: TOML syntax error: Expected '=' after a key in a key/value pair "
        "(write each setting as key = value)",
        ", line 9, column 12: TOML syntax error: Invalid value (text must be in quotes, e.g. "
        'language = "en")',
        ": [gate].max_cues_per_call must be a whole number between 0 and 100, got 'veel'",
    ]
    assert shown(warnings, path) == [
        ": [cues.haste].ceilng_syl_s is not a known setting; it is ignored (did you mean "
        "[cues.haste].ceiling_syl_s?)"
    ]
    assert [(e.line, e.key_path) for e in errors] == [(3, ""), (7, ""), (9, ""), (None, "gate."
                                                      "max_cues_per_call")]  # fmt: skip


def test_errors_in_both_files_are_all_reported(tmp_path: Path) -> None:
    """A system-wide and an agent file, each with a syntax error and another problem: all
    four, each naming its own file."""
    first = write(tmp_path, "etc/s.toml", V1 + "[gate]\ncard_visible_s = 2,5\nsoundz = true\n")
    second = write(tmp_path, "home/s.toml", V1 + "[privacy\nretention_days = 5\n[cues.blame]\n"
                   "cooldown_s = -1\n")  # fmt: skip
    errors, warnings = outcome(first, second)
    assert [(e.file, e.line, e.key_path) for e in errors] == [
        (str(first), 3, ""),
        (str(second), 2, ""),
        (str(second), None, "cues.blame.cooldown_s"),
    ]
    assert [(w.file, w.key_path) for w in warnings] == [(str(first), "gate.soundz")]
    assert "did you mean [gate].sounds?" in str(warnings[0])


def test_keys_after_a_broken_header_are_not_charged_to_the_section_above(
    tmp_path: Path,
) -> None:
    """`[cues.key_pause` without its ']': its keys would read as keys of [cues.haste]; the
    section is left out (and said to be checked once fixed), the next section is checked."""
    path = write(tmp_path, "s.toml", V1 + "[cues.haste]\nenabled = true\n[cues.key_pause\n"
                 "min_pause_ms = 3000\n\n[gate]\nsoundz = true\n")  # fmt: skip
    errors, warnings = outcome(path)
    assert shown(errors, path) == [
        ", line 4, column 16: TOML syntax error: Expected ']' at the end of a table declaration "
        "(a ']' is missing at the end of the section name; the settings in this section are "
        "checked once it is fixed)"
    ]
    assert [w.key_path for w in warnings] == ["gate.soundz"]


def test_a_section_given_twice_leaves_out_its_second_half(tmp_path: Path) -> None:
    """The second [gate] and its keys are left out; the section after it is checked."""
    path = write(tmp_path, "s.toml", V1 + "[gate]\nsounds = true\n[gate]\nsounds = 5\n"
                 "[calls]\nnew_call_after_silence_s = 1\n")  # fmt: skip
    errors, _ = outcome(path)
    assert [(e.line, e.key_path) for e in errors] == [
        (4, ""),
        (None, "calls.new_call_after_silence_s"),
    ]
    assert "this section is given twice; the settings in this section are checked" in str(errors[0])


@pytest.mark.parametrize(
    ("broken", "line", "column", "reason"),
    [
        ('may_change = [\n  "cues.haste",\n  cues.fillers,\n  "privacy",\n]', 5, 3,
         "Invalid value"),
        ('may_change = [\n  "cues.haste"\n  "privacy"\n]', 5, 3, "Unclosed array"),
        ('may_change = ["cues.haste"', 3, 27, "Unclosed array"),
        ('may_change = [\n  "cues.haste",\n  # a comment [\n\n  "privacy"\n  "x",\n]', 8, 3,
         "Unclosed array"),
    ],
    ids=["bad-item", "missing-comma", "unclosed-on-its-line", "comments-and-blank-lines"],
)  # fmt: skip
def test_a_broken_list_is_one_error_and_what_follows_it_is_checked(
    tmp_path: Path, broken: str, line: int, column: int, reason: str
) -> None:
    """The rest of a broken multi-line list is not reported line by line, and the key after
    the list is still checked; an unclosed list is shown where its ']' is missing."""
    path = write(tmp_path, "s.toml", V1 + f"[agent]\n{broken}\n[gate]\nsoundz = true\n")
    errors, warnings = outcome(path)
    assert [(e.line, e.column, e.message) for e in errors] == [
        (line, column, f"TOML syntax error: {reason}")
    ]
    assert [w.key_path for w in warnings] == ["gate.soundz"]


def test_an_unclosed_multi_line_string_is_shown_where_it_starts(tmp_path: Path) -> None:
    """tomllib notices an unclosed \"\"\" at the end of the file; the supervisor must look
    at the line where it opens."""
    path = write(tmp_path, "s.toml", V1 + '[cues.haste]\n  message_nl = """Rustig\n'
                 "[gate]\nsounds = true\n")  # fmt: skip
    (error,), warnings = outcome(path)
    assert (error.line, error.column) == (3, 3)
    assert "a closing quote is missing" in str(error)
    assert warnings == []


def test_checks_that_depend_on_a_key_on_a_broken_line_are_skipped(tmp_path: Path) -> None:
    """The ceiling (or schema_version) is on the broken line: floor 7 is not reported against
    the default ceiling 6.5, nor the file as missing its schema_version; the same file with
    the ceiling line gone does report the order, so the skip is what hides it."""
    broken = "schema_version = 1,0\n[cues.haste]\nceiling_syl_s = 7,5\nfloor_syl_s = 7\n"
    errors, warnings = outcome(write(tmp_path, "s.toml", broken))
    assert [e.line for e in errors] == [1, 3]
    assert warnings == []
    without = V1 + "[cues.haste]\nfloor_syl_s = 7\n"
    errors, _ = outcome(write(tmp_path, "t.toml", without))
    assert [e.key_path for e in errors] == ["cues.haste.floor_syl_s"]


def test_a_file_of_syntax_errors_stops_after_a_limit(tmp_path: Path) -> None:
    """Fifteen broken lines: the first MAX_SYNTAX_ERRORS are reported, then one line saying
    the rest waits."""
    path = write(tmp_path, "s.toml", V1 + "".join(f"k{i} = 5,5\n" for i in range(15)))
    errors, warnings = outcome(path)
    assert [e.line for e in errors[:-1]] == list(range(2, 2 + MAX_SYNTAX_ERRORS))
    assert str(errors[-1]) == (
        f"{path}: the rest of the file is not checked: it has more than {MAX_SYNTAX_ERRORS} "
        "syntax errors; fix these first"
    )
    assert warnings == []


def test_recovery_of_a_huge_file_is_bounded(tmp_path: Path) -> None:
    """An unclosed \"\"\" at the top of a file of nearly MAX_FILE_BYTES: finding where it
    starts would take thousands of parses, so the error is reported and the rest waits."""
    body = "".join(f"key_{i} = {i}\n" for i in range(MAX_FILE_BYTES // 20))
    path = write(tmp_path, "s.toml", V1 + 'x = """\n' + body)
    errors, warnings = outcome(path)
    assert len(errors) == 2 and warnings == []
    assert "TOML syntax error: Unterminated string" in str(errors[0])
    assert "the rest of the file is not checked: fix the syntax error above first" in str(errors[1])


def test_nothing_of_an_agent_file_with_a_syntax_error_is_applied(tmp_path: Path) -> None:
    """The agent's file has a syntax error and sound lines: none of it applies (the file is
    ignored whole, as before), but every problem in it is listed, and the log says the file
    is ignored whole (not only the keys it names)."""
    dirs = ConfigDirs(system=tmp_path / "etc", user=tmp_path / "home")
    write(dirs.system, "supervisor.toml", V1 + "[gate]\nmax_cues_per_call = 7\n")
    user = write(dirs.user, "supervisor.toml", V1 + '[general]\nlanguage = "en"\n'
                 "[cues.haste]\nfloor_syl_s = 5,5\nenabeld = false\n[calls]\n"
                 "new_call_after_silence_s = 1\n")  # fmt: skip
    result = load_running_policy(None, {}, dirs)
    assert result.policy.language == "nl"  # the sound line is not applied
    assert result.policy.gate.max_cues_per_call == 7
    assert result.policy.privacy.retention_days == 3650  # an unreadable agent file deletes nothing
    assert result.supervisor_ok
    assert [(e.file, e.line, e.key_path) for e in result.errors] == [
        (str(user), 5, ""),
        (str(user), None, "calls.new_call_after_silence_s"),
        (str(user), None, "privacy.retention_days"),  # cannot be read: nothing deleted
    ]
    assert [w.key_path for w in result.warnings] == ["cues.haste.enabeld"]
    head, whole, *lines = outcome_lines(result)
    assert "what is named below is ignored" in head
    assert whole == f"{user}: cannot be used until it is fixed, so none of its settings apply"
    assert lines == [str(e) for e in result.errors]


def test_nothing_of_a_supervisor_file_with_a_syntax_error_is_applied_or_unlocked(
    tmp_path: Path,
) -> None:
    """The supervisor's file has a syntax error and a sound `may_change` freeing everything:
    it does not free anything (every key locked at its default but what the default
    may_change frees), retention stays safe, and its other problems are listed."""
    dirs = ConfigDirs(system=tmp_path / "etc", user=tmp_path / "home")
    system = write(dirs.system, "supervisor.toml", V1 + "[privacy]\nretention_days = 1\n"
                   '[agent]\nmay_change = ["gate", "privacy"]\n[gate]\nmax_cues_per_call = 5,5\n'
                   "sounds = 3\n")  # fmt: skip
    write(dirs.user, "supervisor.toml", V1 + "[gate]\nmax_cues_per_call = 50\n")
    result = load_running_policy(None, {}, dirs)
    assert result.policy.gate.max_cues_per_call == 6  # the default, locked
    assert result.policy.privacy.retention_days == 3650
    assert not result.supervisor_ok
    assert "gate.max_cues_per_call" in result.locked
    assert [(e.line, e.key_path) for e in result.errors] == [
        (7, ""),
        (None, "gate.sounds"),
        (None, "privacy.retention_days"),  # cannot be trusted: nothing deleted
    ]
    assert all(e.file == str(system) for e in result.errors)


def test_config_check_lists_every_problem_of_a_file_with_a_syntax_error(tmp_path: Path) -> None:
    """`speech-coach config check`: the syntax error, the bad value and the mistyped key,
    and a count that includes all errors."""
    path = write(tmp_path, "s.toml", V1 + "[cues.haste]\nfloor_syl_s = 5,5\nceilng_syl_s = 7\n"
                 "[gate]\nsounds = 3\n")  # fmt: skip
    done = run_cli("config", "check", str(path), cwd=tmp_path)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines == [
        f"warning: {path}: [cues.haste].ceilng_syl_s is not a known setting; it is ignored "
        "(did you mean [cues.haste].ceiling_syl_s?)",
        f"error: {path}, line 3, column 16: TOML syntax error: Expected newline or end of "
        "document after a statement (a decimal number takes a point, not a comma: write 5.5, "
        "not 5,5)",
        f"error: {path}: [gate].sounds must be true or false, got 3",
        f"{path}: not valid (2 problems)",
    ]


@pytest.mark.parametrize(
    "mangle",
    [
        lambda h: h[:-1],  # the ']' forgotten
        lambda h: h[1:],  # the '[' forgotten
        lambda h: "=" + h,
        lambda h: h[:3] + "=" + h[3:],
        lambda h: h + ",5",
        lambda h: h[:3] + " " + h[3:],
        lambda h: h + "\n" + h,  # given twice
    ],
    ids=["no-close", "no-open", "equals-before", "equals-inside", "junk-after", "space-inside",
         "twice"],
)  # fmt: skip
def test_no_broken_header_of_the_default_file_charges_a_key_to_another_section(
    tmp_path: Path, mangle: Callable[[str], str]
) -> None:
    """Every section header of a valid file, mangled in each way a hand can: exactly one
    syntax error, and no other problem (a key read into the section above would be an
    unknown-key warning or a duplicate-key syntax error)."""
    lines = sound_default_file()
    path = write(tmp_path, "s.toml", "\n".join(lines))
    assert outcome(path) == ([], [])
    headers = [i for i, line in enumerate(lines) if line.startswith("[")]
    assert len(headers) >= 15
    for index in headers:
        broken = [*lines[:index], mangle(lines[index]), *lines[index + 1 :]]
        path.write_text("\n".join(broken), encoding="utf-8")
        errors, warnings = outcome(path)
        assert [e.line for e in errors] == [index + 1 + broken[index].count("\n")], (
            lines[index],
            [str(p) for p in errors + warnings],
        )
        assert warnings == [], [str(p) for p in warnings]


@pytest.mark.parametrize(
    ("line", "hint"),
    [
        ('floor_syl_s = "5,5"', "a number takes a point, not a comma, and no quotes: write 5.5, "
                                'not "5,5"'),
        ("ceiling_syl_s = '6.5'", 'a number is written without quotes: 6.5, not "6.5"'),
        ("sustain_s = 'lang'", None),
        ("enabled = 'yes'", None),
    ],
)  # fmt: skip
def test_a_number_given_as_text_gets_a_hint(tmp_path: Path, line: str, hint: str | None) -> None:
    """A number setting given in quotes: the hint says to drop them (and the comma); a word
    for a number, or text for true/false, gets no guess."""
    (error,), _ = outcome(write(tmp_path, "s.toml", V1 + f"[cues.haste]\n{line}\n"))
    assert (error.hint.en if error.hint else None) == hint


def test_each_unknown_name_in_may_change_is_its_own_problem_with_its_own_guess(
    tmp_path: Path,
) -> None:
    """Two mistyped names in `[agent] may_change`: two problems, each with its guess (or
    none), so the window can put each hint under its name."""
    path = write(tmp_path, "s.toml", V1 + '[agent]\nmay_change = ["cues.hast", "zzz"]\n')
    errors, _ = outcome(path)
    assert [(e.message, e.hint.en if e.hint else None) for e in errors] == [
        ("names 'cues.hast', which is not a setting", "did you mean 'cues.haste'?"),
        ("names 'zzz', which is not a setting", None),
    ]


def test_a_mistyped_setting_is_not_taken_for_its_section(tmp_path: Path) -> None:
    """`[calls] x = 1`: an unknown setting, with no guess ("did you mean [calls]?" would
    name the section it is already in)."""
    (_, (warning,)) = outcome(write(tmp_path, "s.toml", V1 + "[calls]\nx = 1\n"))
    assert (warning.key_path, warning.hint) == ("calls.x", None)
