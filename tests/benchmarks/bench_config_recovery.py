"""How well syntax recovery finds the other problems of a supervisor file (prints numbers).

    .venv/bin/python tests/benchmarks/bench_config_recovery.py [--files N] [--edits K] [--seed S]

A valid file (the commented default with every setting written out) gets K random edits of
one character (a quote, a bracket, a comma, '=', a deleted character...) on K lines. An edit
that alone makes the sound file fail to parse is a syntax edit; the other edits may make
real problems (a mistyped key, a value out of range). What should be reported besides the
syntax errors is what the file with only the other edits reports. For the files with at
least one syntax edit, printed: syntax errors reported against syntax edits made, other
problems expected, found and missed, spurious ones (reported, not expected: a key charged to
the wrong section, an order checked against a value on a broken line), files where recovery
gave up, and the slowest check.
"""

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from desktop.config.check_file import check_file

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "config"))
from confighelpers import sound_default_file  # noqa: E402

_INSERTS = ('"', "[", "]", ",", "=", '"""', "{", "\\", " x ", ",5")


def edits(lines: list[str], count: int, rng: random.Random) -> dict[int, str]:
    """`count` lines of `lines` (statements, not comments), each edited once."""
    statements = [i for i, line in enumerate(lines) if line.strip() and line[0] != "#"]
    edited = {}
    for index in rng.sample(statements, count):
        line = lines[index]
        at = rng.randrange(len(line) + 1)
        if rng.random() < 0.6:
            edited[index] = line[:at] + rng.choice(_INSERTS) + line[at:]
        else:
            edited[index] = line[:at] + line[at + 1 :]
    return edited


def problems(path: Path, lines: list[str]) -> tuple[int, set[str], bool, float]:
    """(syntax errors, other problems, gave up, seconds) of `lines` written to `path`."""
    path.write_text("\n".join(lines), encoding="utf-8")
    start = time.perf_counter()
    checked = check_file(path)
    took_s = time.perf_counter() - start
    syntax = [p for p in checked.errors if p.line is not None]
    others = {str(p) for p in checked.errors + checked.warnings if p.line is None}
    gave_up = any("the rest of the file is not checked" in p for p in others)
    return len(syntax), others, gave_up, took_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--edits", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    lines = sound_default_file()
    path = Path(tempfile.mkdtemp()) / "supervisor.toml"
    assert problems(path, lines)[:2] == (0, set()), "the sound file is not sound"
    files = made = reported = expected = found = spurious_files = spurious = gave_up = 0
    slowest_s = 0.0
    for _ in range(args.files):
        edited = edits(lines, args.edits, rng)
        syntax_edits = {i for i, line in edited.items()
                        if problems(path, [*lines[:i], line, *lines[i + 1:]])[0]}  # fmt: skip
        if not syntax_edits:
            continue
        files += 1
        made += len(syntax_edits)
        without = [edited.get(i, line) if i not in syntax_edits else line
                   for i, line in enumerate(lines)]  # fmt: skip
        wanted = problems(path, without)[1]
        count, others, stopped, took_s = problems(
            path, [edited.get(i, line) for i, line in enumerate(lines)]
        )
        slowest_s = max(slowest_s, took_s)
        reported += count
        if stopped:
            gave_up += 1
            continue
        expected += len(wanted)
        found += len(wanted & others)
        spurious += len(others - wanted)
        spurious_files += bool(others - wanted)
    print(f"{args.edits} edits per file; files with a syntax edit: {files} of {args.files}")
    print(f"syntax errors reported: {reported} for {made} syntax edits")
    print(f"other problems expected: {expected}, found: {found}, missed: {expected - found}")
    print(f"spurious problems: {spurious} in {spurious_files} files; recovery gave up: {gave_up}")
    print(f"slowest check: {slowest_s * 1000:.1f} ms")


if __name__ == "__main__":
    main()
