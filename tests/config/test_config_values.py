"""Every string and list the policy accepts is checked and bounded: card texts that could
rewrite a terminal, phrases the matcher would hear as something else, limits named right."""

from pathlib import Path

import pytest

from desktop.coaching.lexicon import LEXICON_KINDS, lexicon_path, phrase_problem, split_alternative
from desktop.config import load_policy
from desktop.config.schema import MAX_KEY_PATHS, MAX_PHRASES

from confighelpers import outcome, write

V1 = "schema_version = 1\n"


def phrases(section: str, *items: str, language: str = "en") -> str:
    listed = ", ".join(f'"{item}"' for item in items)
    return V1 + f"[cues.{section}]\nextra_phrases_{language} = [{listed}]\n"


def text(key: str, value: str, section: str = "cues.haste") -> str:
    return V1 + f'[{section}]\n{key} = "{value}"\n'


LONG = "x" * 250
# (id, file content, expected errors: fragments of each, in order). Values are TOML source:
# "\u001b" is written as the TOML escape and arrives as the real character.
BAD_VALUES = [
    # Control characters, escape sequences and text-direction overrides in every text key.
    ("ansi-colour-in-card", text("message_en", "\\u001b[31mSlow down\\u001b[0m"),
     [("[cues.haste].message_en must be a text without control, escape or text-direction",
       "U+001B (ESCAPE)", "did you mean 'Slow down'?")]),
    ("clear-screen-in-card", text("message_nl", "Rustig\\u001b[2J aan"),
     [("[cues.haste].message_nl", "U+001B (ESCAPE)", "did you mean 'Rustig aan'?")]),
    ("rlo-override-in-card", text("message_nl", "Rustig \\u202eaan", "cues.blame"),
     [("[cues.blame].message_nl", "U+202E (RIGHT-TO-LEFT OVERRIDE)")]),
    ("lre-embedding-in-card", text("message_en", "a\\u202ab"),
     [("U+202A (LEFT-TO-RIGHT EMBEDDING)",)]),
    ("isolate-in-card", text("message_en", "Slow \\u2066down\\u2069"),
     [("U+2066 (LEFT-TO-RIGHT ISOLATE)",)]),
    ("pop-isolate-in-card", text("message_en", "Slow down\\u2069"),
     [("U+2069 (POP DIRECTIONAL ISOLATE)",)]),
    ("rtl-mark-in-card", text("message_en", "Slow\\u200f down"),
     [("U+200F (RIGHT-TO-LEFT MARK)",)]),
    ("newline-in-card", text("message_en", "Slow\\ndown"), [("U+000A (LINE FEED)",)]),
    ("tab-in-card", text("message_en", "Slow\\tdown"), [("U+0009 (TAB)",)]),
    ("bell-in-card", text("message_en", "Slow down\\u0007"), [("U+0007 (BELL)",)]),
    ("c1-control-in-card", text("message_en", "Slow\\u009bdown"), [("U+009B",)]),
    ("line-separator-in-card", text("message_en", "Slow\\u2028down"),
     [("U+2028 (LINE SEPARATOR)",)]),
    ("private-use-in-card", text("message_en", "Slow \\ue000"), [("U+E000",)]),
    ("escape-in-better-wording", phrases("blame", "you had to => Let us \\u001b[5mfix it"),
     [("[cues.blame].extra_phrases_en item 1 must be a better wording without control",
       "U+001B (ESCAPE)", "did you mean 'Let us fix it'?")]),
    ("override-in-phrase", phrases("blame", "you \\u202ehad to"),
     [("item 1 holds U+202E, which a phrase cannot use",)]),
    ("nul-in-model-path", V1 + '[general]\nmodel_path = "models\\u0000nl"\n',
     [("[general].model_path must be a folder path without control", "U+0000 (NULL)")]),
    ("escape-in-model-path", V1 + '[general]\nmodel_path = "m\\u001b]0;x\\u0007"\n',
     [("[general].model_path", "U+001B (ESCAPE)")]),
    # What the phrase syntax cannot express.
    ("regex-phrase", phrases("blame", "(a+)+$"),
     [("[cues.blame].extra_phrases_en item 1 holds '(' '+' ')' '$', which a phrase cannot use",
       "not understood", "got '(a+)+$'")]),
    ("wildcard-phrase", phrases("key_pause", ".*"), [("item 1 holds '*'", "got '.*'")]),
    ("emoji-phrase", phrases("acknowledgement", "👍"), [("item 1 holds '👍'",)]),
    ("letters-without-ascii-form", phrases("key_pause", "Ærø", language="nl"),
     [("[cues.key_pause].extra_phrases_nl item 1 holds 'æ' 'ø'",)]),
    ("comment-sign-in-phrase", phrases("blame", "you should # have"),
     [("item 1 holds '#', which starts a comment", "got 'you should # have'")]),
    ("arrow-outside-shield-and-blame", phrases("key_pause", "noteer => schrijf", language="nl"),
     [("item 1 holds '=>', but only [cues.policy_shield] and [cues.blame] phrases",)]),
    ("two-arrows", phrases("policy_shield", "rules => a => b"),
     [("item 1 holds '=>' more than once",)]),
    ("arrow-without-wording", phrases("policy_shield", "those are the rules =>"),
     [("item 1 has '=>' but no better wording after it",)]),
    ("phrase-of-punctuation", phrases("acknowledgement", "..."),
     [("item 1 holds no word to listen for", "got '...'")]),
    ("one-letter-word", phrases("blame", "A"),
     [("item 1 is only 'a', a single letter or digit", "got 'A'")]),
    ("one-common-word-en", phrases("blame", "The"),
     [("item 1 is only the word 'the', which is too common", "got 'The'")]),
    ("one-common-word-nl", phrases("acknowledgement", "De", language="nl"),
     [("[cues.acknowledgement].extra_phrases_nl item 1 is only the word 'de'",)]),
    ("one-letter", phrases("fillers", "x"), [("item 1 is only 'x', a single letter or digit",)]),
    ("every-bad-phrase-reported", phrases("blame", "ok phrase", "(a+)+$", "the", "also fine"),
     [("item 2 holds '('",), ("item 3 is only the word 'the'",)]),
    # Limits: the message names the limit that was broken.
    ("phrase-too-long", phrases("blame", LONG),
     [("item 1 must be a phrase of at most 200 characters, got 250 characters",)]),
    ("card-too-long", text("message_en", LONG),
     [("[cues.haste].message_en must be a text of 1 to 200 characters, got 250 characters",)]),
    ("too-many-phrases", phrases("blame", *[f"phrase {n}" for n in range(MAX_PHRASES + 1)]),
     [(f"must be a list of at most {MAX_PHRASES} phrases, got {MAX_PHRASES + 1}",)]),
    ("empty-phrase", phrases("blame", "  "),
     [("item 1 must be a phrase of 1 to 200 characters, got ''",)]),
    ("model-path-too-long", V1 + f'[general]\nmodel_path = "{"d/" * 600}"\n',
     [("[general].model_path must be a folder path of at most 1000 characters, got 1200",)]),
    ("too-many-may-change", V1 + "[agent]\nmay_change = [" + '"gate", ' * 101 + "]\n",
     [(f"[agent].may_change must be a list of at most {MAX_KEY_PATHS} setting names, "
       "got 101",)]),
    ("may-change-number-item", V1 + '[agent]\nmay_change = ["gate", 5]\n',
     [("[agent].may_change must be a list of setting names; item 2 is 5",)]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("content", "errors"), [row[1:] for row in BAD_VALUES], ids=[row[0] for row in BAD_VALUES]
)
def test_bad_value_is_refused_with_the_real_reason(
    tmp_path: Path, content: str, errors: list[tuple[str, ...]]
) -> None:
    """Each value yields exactly the expected errors, each naming the file and the key."""
    path = write(tmp_path, "supervisor.toml", content)
    found, _ = outcome(path)
    assert len(found) == len(errors), [str(problem) for problem in found]
    for problem, fragments in zip(found, errors, strict=True):
        assert str(problem).startswith(f"{path}: "), problem
        for fragment in fragments:
            assert fragment in str(problem), str(problem)


ACCEPTED = [
    ("accents-fold-to-plain-letters", phrases("key_pause", "Noteer één façade", language="nl")),
    ("sentence-punctuation", phrases("acknowledgement", "I see, that's annoying!")),
    ("better-wording-in-blame", phrases("blame", "you had to => Let's fix it together.")),
    ("filler-word", phrases("fillers", "like")),
    ("emoji-in-card", text("message_en", "Slow down 🙂")),
    ("the-shipped-card-punctuation", text("message_nl", "Je spreekt snel — neem even de tijd")),
]


@pytest.mark.parametrize("content", [row[1] for row in ACCEPTED], ids=[row[0] for row in ACCEPTED])
def test_ordinary_texts_and_phrases_are_accepted(tmp_path: Path, content: str) -> None:
    """The checks refuse what is wrong, not what a supervisor normally writes."""
    load_policy(write(tmp_path, "supervisor.toml", content))


def test_unknown_keys_cannot_write_escape_sequences_into_messages(tmp_path: Path) -> None:
    """A quoted unknown key holding an escape sequence is named escaped in the warning."""
    path = write(tmp_path, "s.toml", V1 + '"\\u001b[2Jboom" = 1\n')
    (warning,) = load_policy(path).warnings
    assert "\x1b" not in str(warning) and "\\x1b[2Jboom is not a known setting" in str(warning)


def test_every_shipped_phrase_obeys_the_supervisor_phrase_syntax() -> None:
    """The rules refuse nothing the product's own lists hold, so they describe the syntax."""
    for language in ("nl", "en"):
        for kind in LEXICON_KINDS:
            lines = lexicon_path(kind, language).read_text(encoding="utf-8").splitlines()
            for line in (line.split("#", 1)[0].strip() for line in lines):
                if line:
                    phrase, _ = split_alternative(line)
                    assert phrase_problem(phrase, language) is None, (kind, language, line)


def test_a_flood_of_unknown_keys_gives_twenty_warnings_and_a_count(tmp_path: Path) -> None:
    """A thousand unknown keys (the wrong file): twenty named, the rest counted."""
    keys = "".join(f"key_{n} = 1\n" for n in range(1000))
    path = write(tmp_path, "s.toml", V1 + keys)
    warnings = load_policy(path).warnings
    assert len(warnings) == 21
    assert str(warnings[-1]) == f"{path}: 980 more unknown settings or sections are ignored too"
