"""Echo, sidetone and bleed: which frames of a side the other side's voice explains.

With an open headset or speakers the customer reaches the agent's microphone (bleed); a
headset's sidetone puts the agent's own voice into what the agent hears. Both are copies of
the other side's signal, delayed a little and much weaker. The gate works on the level
envelopes of both sides in 10 ms frames (the prosody frames, `frames.HOP_S`):

- The coupling from side A into side B (in dB) is learned from frames where A is loud and
  B is not much louder than the loudest echo path there can be: there B's level minus A's
  level in the same frame is the coupling when B only carries A's echo, and higher when B
  speaks too. Into the agent's microphone the customer's voice comes as bleed, at least
  `dominance_db` under the customer. Into what the agent hears, the agent's own voice can
  come at full level (`max_sidetone_db`): Windows' "Listen to this device", or a sound
  server's loopback, plays the microphone to the headset. Both sides then carry the agent's
  voice equally and no level can say whose it is: the microphone is the agent's by
  definition, so only the agent's voice in the customer's side is taken as echo. The median of these
  differences over the last `coupling_window_s` is the echo path's gain: echo-only frames
  are most of them, double talk a minority (envelope gating as in meeting-transcriber
  PR #603 and wngmn PR #15; research/customer-channel.md section 2). Without enough such
  frames yet the coupling is `prior_coupling_db`.
- A frame of B is explained (echo) when its level is at most A's level (best lag) plus the
  coupling plus `margin_db`: B's own speech would add more than that.

Explained frames never count as speech for B's voice activity (they still count for B's noise
floor). Double talk stays double talk: the customer's voice over the agent's is not explained
by the agent's sidetone. Pure numpy, causal, frame by frame: the result does not depend on
how the stream was cut into blocks.
"""

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from desktop.prosody.analyzer import Speaker
from desktop.prosody.frames import HOP_S


@dataclass(frozen=True, slots=True)
class EchoGateSettings:
    max_lag_s: float = 0.08
    """Longest delay of the copy: sidetone and bleed arrive within a few ms; the softphone's
    and sound system's buffering add some tens of ms."""
    margin_db: float = 6.0
    """How far above the expected echo a frame must be to be the side's own voice."""
    prior_coupling_db: float = -15.0
    """Assumed echo gain until enough frames have been seen to learn it."""
    coupling_window_s: float = 30.0
    coupling_percentile: float = 50.0
    min_learn_frames: int = 100
    """Frames of one-sided loudness before the learned coupling replaces the prior."""
    refresh_frames: int = 50
    """The coupling is re-estimated after every this many frames learned from (half a
    second of one side speaking alone): an echo path changes slowly, a median is costly."""
    loud_dbfs: float = -50.0
    """A frame is loud enough to learn from when the source is above this level..."""
    dominance_db: float = 6.0
    """...and, to learn the customer's bleed into the microphone, at least this much above
    it (a louder copy in the microphone is the agent speaking too)."""
    max_sidetone_db: float = 3.0
    """The loudest echo of the agent's voice in what the agent hears, relative to the
    microphone: up to the microphone played back at full level (or a little above)."""
    min_mirror_correlation: float = 0.8
    """How closely (Pearson's r of the frame levels) a copy at least as loud as `-dominance_db`
    under its source must follow it to be taken as its echo."""
    silence_dbfs: float = -100.0
    """Level given to all-zero frames (a log of zero has no value)."""


class _Direction:
    """The coupling from one side (the source) into the other (the copy)."""

    def __init__(self, settings: EchoGateSettings, max_coupling_db: float, lags: int) -> None:
        self._s = settings
        self._max_coupling_db = max_coupling_db
        """Frames where the copy is more than this above the source are not learned from."""
        self._window = round(settings.coupling_window_s / HOP_S)
        self._levels_db = np.zeros((0, 1 + lags), dtype=np.float64)
        """The last `_window` frames learned from, oldest first: the copy's level, then the
        source's at each lag, the longest first (the last column is the same frame)."""
        self._learned = 0
        self.coupling_db = settings.prior_coupling_db

    def allowed(
        self,
        copy_db: NDArray[np.float64],
        source_db: NDArray[np.float64],
        source_lagged_db: NDArray[np.float64],
    ) -> NDArray[np.bool_]:
        """For consecutive frames: learn from them in order, and say which frames of the copy
        are its own (not explained by the source's echo). The coupling a frame is judged
        with is the one learned up to and including that frame, as frame-by-frame learning
        would have it, so any cut of the stream gives the same answer."""
        s = self._s
        learn = (source_db >= s.loud_dbfs) & (copy_db - source_db <= self._max_coupling_db)
        new_levels = np.column_stack([copy_db[learn], source_lagged_db[learn]])
        learned_after = self._learned + np.cumsum(learn)
        refresh = (
            learn & (learned_after >= s.min_learn_frames) & (learned_after % s.refresh_frames == 0)
        )
        coupling = np.full(copy_db.shape[0], self.coupling_db)
        for frame in np.flatnonzero(refresh):
            taken = int(learned_after[frame] - self._learned)
            window = np.concatenate([self._levels_db, new_levels[:taken]])[-self._window :]
            coupling[frame:] = self._coupling(window)
        if copy_db.shape[0]:
            self.coupling_db = float(coupling[-1])
        self._levels_db = np.concatenate([self._levels_db, new_levels])[-self._window :]
        self._learned += int(new_levels.shape[0])
        best_db = source_lagged_db.max(axis=1)
        explained: NDArray[np.bool_] = copy_db <= best_db + coupling + s.margin_db
        return ~explained

    def _coupling(self, window: NDArray[np.float64]) -> float:
        """The echo gain from the frames learned from (`_levels_db`). A copy as loud as its
        source is an echo only if it rises and falls with it, a little later (the microphone
        played back); two voices talking over each other are as loud, but each on its own
        course: then only the frames with the copy clearly under the source count."""
        s = self._s
        diffs = window[:, 0] - window[:, -1]
        coupling = float(np.percentile(diffs, s.coupling_percentile))
        if coupling <= -s.dominance_db or _follows(window) >= s.min_mirror_correlation:
            return coupling
        under = diffs[diffs <= -s.dominance_db]
        if under.shape[0] < s.min_learn_frames:
            return self.coupling_db
        return float(np.percentile(under, s.coupling_percentile))


def _follows(levels: NDArray[np.float64]) -> float:
    """How closely the copy's level (column 0) follows the source's at its best lag (the
    other columns): the highest Pearson's r; 0 where a column does not vary."""
    spread = levels.std(axis=0)
    if spread[0] <= 1e-9:
        return 0.0
    with np.errstate(invalid="ignore", divide="ignore"):
        r: NDArray[np.float64] = np.atleast_2d(np.corrcoef(levels, rowvar=False))[0, 1:]
    return float(np.max(np.where(spread[1:] > 1e-9, r, 0.0)))


class EchoGate:
    """Decides, frame by frame, which frames of each side are the other side's echo.

    Feed both sides' blocks of equal length with `push` before their prosody analyzers see
    them; `allowed(speaker)` is the analyzers' SpeechGate. Decisions are kept until asked for
    (analyzers ask in frame order, and at most a few hundred frames behind).
    """

    def __init__(self, sample_rate_hz: int, settings: EchoGateSettings | None = None) -> None:
        self._s = settings or EchoGateSettings()
        self._hop = round(HOP_S * sample_rate_hz)
        self._lag_frames = max(0, round(self._s.max_lag_s / HOP_S))
        self._pending = {
            "agent": np.zeros(0, dtype=np.float64),
            "customer": np.zeros(0, dtype=np.float64),
        }
        self._recent: dict[Speaker, NDArray[np.float64]] = {
            "agent": np.full(self._lag_frames, self._s.silence_dbfs),
            "customer": np.full(self._lag_frames, self._s.silence_dbfs),
        }
        """Each side's last `_lag_frames` levels before the frames being decided."""
        self._into: dict[Speaker, _Direction] = {
            # the customer's voice in the agent's microphone
            "agent": _Direction(self._s, -self._s.dominance_db, self._lag_frames + 1),
            # the agent's sidetone in what the agent hears
            "customer": _Direction(self._s, self._s.max_sidetone_db, self._lag_frames + 1),
        }
        self._first_frame = 0
        self._decided: dict[Speaker, NDArray[np.bool_]] = {
            "agent": np.zeros(0, dtype=np.bool_),
            "customer": np.zeros(0, dtype=np.bool_),
        }
        self._taken: dict[Speaker, int] = {"agent": 0, "customer": 0}

    def coupling_db(self, into: Speaker) -> float:
        """The echo gain currently assumed from the other side into `into`."""
        return self._into[into].coupling_db

    def push(self, agent: NDArray[np.int16], customer: NDArray[np.int16]) -> None:
        if agent.shape != customer.shape:
            raise ValueError("both sides of a call block must have the same length")
        self._pending["agent"] = np.concatenate([self._pending["agent"], _square(agent)])
        self._pending["customer"] = np.concatenate([self._pending["customer"], _square(customer)])
        n = self._pending["agent"].shape[0] // self._hop
        if n == 0:
            return
        levels: dict[Speaker, NDArray[np.float64]] = {}
        lagged: dict[Speaker, NDArray[np.float64]] = {}
        sides: tuple[Speaker, Speaker] = ("agent", "customer")
        for side in sides:
            frames = self._pending[side][: n * self._hop].reshape(n, self._hop)
            power = frames.mean(axis=1) / 32768.0**2
            levels[side] = np.where(
                power > 0, 10.0 * np.log10(np.maximum(power, 1e-30)), self._s.silence_dbfs
            )
            self._pending[side] = self._pending[side][n * self._hop :]
            # Each frame's last max_lag_s: where a delayed copy comes from.
            history = np.concatenate([self._recent[side], levels[side]])
            windows = np.lib.stride_tricks.sliding_window_view(history, self._lag_frames + 1)
            lagged[side] = windows
            self._recent[side] = history[history.shape[0] - self._lag_frames :]
        for copy, source in ((sides[0], sides[1]), (sides[1], sides[0])):
            decided = self._into[copy].allowed(levels[copy], levels[source], lagged[source])
            self._decided[copy] = np.concatenate([self._decided[copy], decided])

    def allowed(self, speaker: Speaker) -> "_SideGate":
        return _SideGate(self, speaker)

    def frames_for(self, speaker: Speaker, first_frame: int, n_frames: int) -> NDArray[np.bool_]:
        """May frames [first_frame, first_frame + n_frames) count as `speaker`'s speech?

        Frames not decided yet (the analyzer is ahead of the gate, which does not happen when
        both are fed the same blocks) are allowed."""
        decided = self._decided[speaker]
        out = np.ones(n_frames, dtype=np.bool_)
        start = first_frame - self._first_frame
        lo, hi = max(start, 0), min(start + n_frames, decided.shape[0])
        if hi > lo:
            out[lo - start : hi - start] = decided[lo:hi]
        self._taken[speaker] = max(self._taken[speaker], start + n_frames)
        self._drop_taken()
        return out

    def _drop_taken(self) -> None:
        done = min(self._taken.values())
        if done > 1000:
            for side in self._taken:
                self._decided[side] = self._decided[side][done:]
                self._taken[side] -= done
            self._first_frame += done


class _SideGate:
    """One side's view of the gate, in the shape ProsodyAnalyzer wants (`SpeechGate`)."""

    def __init__(self, gate: EchoGate, speaker: Speaker) -> None:
        self._gate = gate
        self._speaker: Speaker = speaker

    def __call__(self, first_frame: int, n_frames: int) -> NDArray[np.bool_]:
        return self._gate.frames_for(self._speaker, first_frame, n_frames)


def _square(block: NDArray[np.int16]) -> NDArray[np.float64]:
    samples = block.astype(np.float64)
    return samples * samples
