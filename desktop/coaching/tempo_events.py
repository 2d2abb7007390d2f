"""What the tempo meter tells the rules and the baseline learner (see `tempo.py`).

Derived events on the stream clock, made by the coach from the engine's timeline and passed
to the rules and the learner in stream order, right after the engine event that completed
them.
"""

from dataclasses import dataclass
from typing import Literal

RateSource = Literal["words", "nuclei"]
"""Where the syllables were counted: in the recognised words (their spelling) or as
syllable nuclei in the sound. The two estimators differ in fast speech (the acoustic count
merges syllables), so rates are only compared with a baseline from the same source."""


@dataclass(frozen=True, slots=True)
class TempoMeasured:
    """The articulation rate over the last `window_s` seconds of speech, [start_s, end_s].

    t_s: stream time at which it became known (later than end_s when it waited for words);
    speech_clock_s: seconds of speech from the start of the stream up to end_s, so that a
    rule can count speech time between two measurements.
    """

    t_s: float
    start_s: float
    end_s: float
    rate_syl_s: float
    speech_clock_s: float
    source: RateSource


@dataclass(frozen=True, slots=True)
class SegmentTempo:
    """A closed speech segment with its syllables counted, for learning the baseline."""

    start_s: float
    end_s: float
    syllables: int
    source: RateSource


TempoEvent = TempoMeasured | SegmentTempo
