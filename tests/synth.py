"""Synthesise test speech with the espeak-ng and sox command-line tools.

Every helper writes a 16 kHz mono 16-bit wav and returns its Path. A missing tool raises
ToolMissingError so that tests fail loudly instead of skipping (CI installs both tools).
"""

import shutil
import subprocess
from pathlib import Path

RATE_HZ = 16_000


TEST_FORMAT = ("-r", str(RATE_HZ), "-c", "1", "-b", "16", "-e", "signed-integer")
"""sox output options of every test recording: 16 kHz, mono, 16-bit signed PCM."""


class ToolMissingError(RuntimeError):
    """espeak-ng or sox is not installed."""


def _run(tool: str, *args: str) -> None:
    exe = shutil.which(tool)
    if exe is None:
        raise ToolMissingError(f"`{tool}` is not on PATH; install it (apt-get install {tool})")
    if tool == "sox":
        args = ("-R", *args)  # repeatable dither: the same audio on every run
    done = subprocess.run([exe, *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{tool} {' '.join(args)} failed: {done.stderr.strip()}")


def _to_16k(raw: Path, path: Path) -> Path:
    _run("sox", str(raw), *TEST_FORMAT, str(path))
    return path


def espeak(text: str, path: Path, voice: str = "nl", rate_wpm: int = 170) -> Path:
    """Speak `text` with espeak-ng at `rate_wpm` words per minute into `path`."""
    raw = path.with_suffix(".espeak.wav")
    _run("espeak-ng", "-v", voice, "-s", str(rate_wpm), "-w", str(raw), text)
    _to_16k(raw, path)
    raw.unlink()
    return path


def sox_tempo(in_path: Path, out_path: Path, factor: float) -> Path:
    """Speed speech up by `factor` without changing its pitch (sox `tempo -s`, WSOLA)."""
    _run("sox", str(in_path), str(out_path), "tempo", "-s", f"{factor:g}")
    return out_path


def pad_silence(in_path: Path, out_path: Path, before_s: float, after_s: float) -> Path:
    """Add digital silence before and after."""
    _run("sox", str(in_path), str(out_path), "pad", f"{before_s:g}", f"{after_s:g}")
    return out_path


def concat(in_paths: list[Path], out_path: Path) -> Path:
    """Join wav files end to end (same format)."""
    _run("sox", *map(str, in_paths), str(out_path))
    return out_path


def trim_silence(in_path: Path, out_path: Path) -> Path:
    """Cut leading and trailing silence (espeak-ng adds some), so inserted pauses are exact."""
    _run(
        "sox",
        str(in_path),
        str(out_path),
        "silence",
        "1",
        "0.01",
        "0.5%",
        "reverse",
        "silence",
        "1",
        "0.01",
        "0.5%",
        "reverse",
    )
    return out_path


def silence(out_path: Path, duration_s: float) -> Path:
    """Digital silence of `duration_s` in the tests' format."""
    _run(
        "sox",
        "-n",
        *TEST_FORMAT,
        str(out_path),
        "trim",
        "0",
        f"{duration_s:g}",
    )
    return out_path
