"""Who speaks: turns, overlaps and shared silences from both sides' voice activity.

The one place that decides who holds the floor. Input: each side's `SpeechOnset` and
`SpeechOffset` (exact frame times, already cleared of the other side's echo by the echo gate)
and the stream time heard. A side's activity at time t is final once the VAD could no longer
report an onset or offset before t (`settle_s` later), so events are taken in time order up to
`heard_s - settle_s`, whichever side reported them first.

- A turn is one side's speech from when it took the floor until the other side took it
  (Sacks, Schegloff & Jefferson 1974). The floor passes when the other side speaks for at
  least `backchannel_max_s` while the holder is silent, or keeps speaking after the holder
  stopped. Shorter speech by the listener ("ja", "hm") is a backchannel: no turn.
- An overlap is a stretch where both sides speak, started by the side that came in second.
- An interruption is an overlap the agent started inside the customer's turn that lasted at
  least `min_overtalk_s` (published defaults 1–10 s, research section 3; 1 s as MiiTel: a
  shorter overlap is usually a backchannel or an early reply, Hume's 0.8 s).
- Dead air is a silence of both sides of at least `dead_air_s` (Observe.AI's 10 s) after
  speech in the call, outside a hold the agent announced, and shorter than the silence that
  starts a new call.

Pure: events in, events out, on the stream clock; the same file gives the same timeline.
"""

from dataclasses import dataclass

from desktop.prosody.analyzer import Speaker, SpeechOffset, SpeechOnset


@dataclass(frozen=True, slots=True)
class TurnSettings:
    backchannel_max_s: float = 0.8
    min_overtalk_s: float = 1.0
    dead_air_s: float = 10.0
    new_call_silence_s: float = 60.0
    settle_s: float = 0.6
    """How late a side's VAD may report an onset (min speech + unvoiced onset) or an offset
    (min pause; `VadSettings.masked_pause_s` in double talk), with a margin: the tracker
    decides this long after the audio."""


@dataclass(frozen=True, slots=True)
class TurnStarted:
    """`speaker` took the floor at `start_s`; known at `t_s`."""

    t_s: float
    speaker: Speaker
    start_s: float


@dataclass(frozen=True, slots=True)
class Turn:
    """A closed turn: `speaker` held the floor from `start_s`; its speech ended at `end_s`
    before the other side took over; `speech_s` of it was speech. Known at `t_s`."""

    t_s: float
    speaker: Speaker
    start_s: float
    end_s: float
    speech_s: float


@dataclass(frozen=True, slots=True)
class Overlap:
    """Both sides spoke from `start_s` to `end_s`; `by` came in second. Known at `t_s`."""

    t_s: float
    by: Speaker
    start_s: float
    end_s: float


@dataclass(frozen=True, slots=True)
class Interruption:
    """The agent came in at `start_s` while the customer was speaking and both still spoke at
    `t_s` = start_s + min_overtalk_s (judged then, once, whatever happens next)."""

    t_s: float
    start_s: float


@dataclass(frozen=True, slots=True)
class DeadAir:
    """Neither side has spoken since `start_s`; judged at `t_s` = start_s + dead_air_s."""

    t_s: float
    start_s: float


@dataclass(frozen=True, slots=True)
class Silence:
    """A closed dead-air stretch: both silent from `start_s` to `end_s` (speech resumed)."""

    t_s: float
    start_s: float
    end_s: float


@dataclass(frozen=True, slots=True)
class HoldChanged:
    """The agent put the customer on hold (`on_hold`) or the hold ended (by the menu or by
    speech), at `t_s`."""

    t_s: float
    on_hold: bool


TurnEvent = TurnStarted | Turn | Overlap | Interruption | DeadAir | Silence | HoldChanged

_OTHER: dict[Speaker, Speaker] = {"agent": "customer", "customer": "agent"}


class TurnTracker:
    """Turns, overlaps, interruptions and dead air from both sides' onsets and offsets."""

    def __init__(self, settings: TurnSettings | None = None) -> None:
        self._s = settings or TurnSettings()
        self._queue: list[tuple[float, int, SpeechOnset | SpeechOffset]] = []
        self._order = 0
        self._speaking: dict[Speaker, float | None] = {"agent": None, "customer": None}
        """Start of each side's speech in progress, None while it is silent."""
        self._floor: Speaker | None = None
        self._turn_start_s = 0.0
        self._turn_base_speech_s = 0.0
        self._last_end_s: dict[Speaker, float] = {"agent": 0.0, "customer": 0.0}
        self._claim: tuple[Speaker, float] | None = None
        """A listener's speech that may take the floor once it lasts backchannel_max_s."""
        self._overlap: tuple[Speaker, float, float] | None = None
        """(who came in second, when both began to speak, when the listener began)."""
        self._interruption_judged = False
        self._silent_since_s: float | None = None
        self._dead_air_judged = False
        self._on_hold = False
        self._heard_any = False
        self._now_s = 0.0
        self.speech_s: dict[Speaker, float] = {"agent": 0.0, "customer": 0.0}

    @property
    def floor(self) -> Speaker | None:
        return self._floor

    @property
    def on_hold(self) -> bool:
        return self._on_hold

    def observe(self, event: SpeechOnset | SpeechOffset) -> None:
        """Queue one side's onset or offset; decided in `advance`."""
        time_s = event.start_s if isinstance(event, SpeechOnset) else event.end_s
        self._order += 1
        self._queue.append((time_s, self._order, event))

    def hold(self, t_s: float, on_hold: bool) -> list[TurnEvent]:
        """The agent announced (or ended) a hold at `t_s`."""
        if on_hold == self._on_hold:
            return []
        self._on_hold = on_hold
        self._dead_air_judged = self._dead_air_judged or on_hold
        return [HoldChanged(t_s, on_hold)]

    def advance(self, heard_s: float) -> list[TurnEvent]:
        """Decide everything up to `heard_s - settle_s`."""
        return self._run_until(heard_s - self._s.settle_s, heard_s)

    def finish(self, heard_s: float) -> list[TurnEvent]:
        """End of stream: decide all, close speech in progress and the open turn."""
        out = self._run_until(heard_s, heard_s)
        for side in ("agent", "customer"):
            start_s = self._speaking[side]
            if start_s is not None:
                out.extend(self._offset(side, heard_s, heard_s))
        out.extend(self._expire_claim(heard_s + self._s.backchannel_max_s, heard_s))
        if self._floor is not None:
            out.append(self._close_turn(heard_s))
        return out

    def _run_until(self, until_s: float, known_s: float) -> list[TurnEvent]:
        out: list[TurnEvent] = []
        self._queue.sort()
        while self._queue and self._queue[0][0] <= until_s:
            time_s, _, event = self._queue.pop(0)
            out.extend(self._timers(time_s, known_s))
            if isinstance(event, SpeechOnset):
                out.extend(self._onset(event.speaker, time_s, known_s))
            else:
                out.extend(self._offset(event.speaker, time_s, known_s))
        out.extend(self._timers(until_s, known_s))
        return out

    def _timers(self, now_s: float, known_s: float) -> list[TurnEvent]:
        """What became true by `now_s` without a new onset or offset."""
        out: list[TurnEvent] = []
        self._now_s = max(self._now_s, now_s)
        out.extend(self._expire_claim(now_s, known_s))
        overlap = self._overlap
        if overlap is not None and not self._interruption_judged:
            by, start_s, _ = overlap
            if by == "agent" and self._floor == "customer":
                if now_s - start_s >= self._s.min_overtalk_s:
                    self._interruption_judged = True
                    out.append(Interruption(start_s + self._s.min_overtalk_s, start_s))
        since = self._silent_since_s
        if since is not None and self._heard_any and not self._dead_air_judged:
            silent_s = now_s - since
            if self._s.dead_air_s <= silent_s < self._s.new_call_silence_s:
                self._dead_air_judged = True
                out.append(DeadAir(since + self._s.dead_air_s, since))
        return out

    def _expire_claim(self, now_s: float, known_s: float) -> list[TurnEvent]:
        claim = self._claim
        if claim is None:
            return []
        side, start_s = claim
        if now_s - start_s < self._s.backchannel_max_s:
            return []
        self._claim = None
        return self._take_floor(side, start_s, known_s)

    def _onset(self, side: Speaker, time_s: float, known_s: float) -> list[TurnEvent]:
        out: list[TurnEvent] = []
        other = _OTHER[side]
        self._speaking[side] = time_s
        self._heard_any = True
        if self._silent_since_s is not None:
            start_s, self._silent_since_s = self._silent_since_s, None
            if self._on_hold:
                out.extend(self.hold(time_s, False))
            elif self._s.dead_air_s <= time_s - start_s < self._s.new_call_silence_s:
                out.append(Silence(known_s, start_s, time_s))
        self._dead_air_judged = False
        if self._floor is None:
            out.extend(self._start_turn(side, time_s, known_s))
        elif self._floor != side:
            if self._speaking[other] is not None:
                self._overlap = (side, time_s, time_s)
                self._interruption_judged = False
            else:
                self._claim = (side, time_s)
        elif self._claim is not None:
            # The holder speaks again while the listener's bid is still short: an overlap
            # the holder came into; whoever stops first decides the floor.
            listener_start_s = self._claim[1]
            self._claim = None
            self._overlap = (side, time_s, listener_start_s)
            self._interruption_judged = False
        return out

    def _offset(self, side: Speaker, time_s: float, known_s: float) -> list[TurnEvent]:
        out: list[TurnEvent] = []
        start_s = self._speaking[side]
        if start_s is None:
            return out
        other = _OTHER[side]
        self._speaking[side] = None
        self.speech_s[side] += time_s - start_s
        self._last_end_s[side] = time_s
        overlap = self._overlap
        if overlap is not None:
            by, overlap_start_s, listener_start_s = overlap
            self._overlap = None
            out.append(Overlap(known_s, by, overlap_start_s, time_s))
            if side == self._floor:
                # The holder stopped while the listener went on: the floor passes to the
                # listener, from when its speech began.
                out.append(self._close_turn(known_s))
                out.extend(self._start_turn(other, listener_start_s, known_s))
            # else: the listener's speech ended first (a backchannel or a failed bid).
        elif self._claim is not None and self._claim[0] == side:
            self._claim = None  # shorter than a turn: a backchannel
        if self._speaking[other] is None:
            self._silent_since_s = time_s
        return out

    def _take_floor(self, side: Speaker, start_s: float, known_s: float) -> list[TurnEvent]:
        out: list[TurnEvent] = []
        if self._floor is not None and self._floor != side:
            out.append(self._close_turn(known_s))
        out.extend(self._start_turn(side, start_s, known_s))
        return out

    def _start_turn(self, side: Speaker, start_s: float, known_s: float) -> list[TurnEvent]:
        """`side` holds the floor from `start_s`, where its speech in progress began."""
        self._floor = side
        self._turn_start_s = start_s
        self._turn_base_speech_s = self.speech_s[side]
        return [TurnStarted(known_s, side, start_s)]

    def _close_turn(self, known_s: float) -> Turn:
        side = self._floor
        assert side is not None
        speech_s = self.speech_s[side] - self._turn_base_speech_s
        end_s = max(self._last_end_s[side], self._turn_start_s)
        self._floor = None
        return Turn(known_s, side, self._turn_start_s, end_s, speech_s)
