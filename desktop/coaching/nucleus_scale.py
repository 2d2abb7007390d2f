"""How many syllables of recognised words one acoustic syllable nucleus stands for, in the
agent's recent speech.

The tempo meter counts the syllables of speech whose words are not known yet (the last
second or few: the recogniser's lag) as acoustic nuclei, scaled by this ratio, so that a
measurement needs no wait for the words and still reads in words' terms. The ratio is learned
on the segments counted in both ways: sum of word syllables over sum of nuclei over the last
`SCALE_SPEECH_S` of such speech. The acoustic count merges syllables in fast speech, so the
ratio rises when the agent speeds up; a recent window follows that.
"""

from collections import deque

SCALE_SPEECH_S = 60.0
"""Seconds of speech, counted both ways, the ratio is taken over."""
MIN_NUCLEI = 10
"""Nuclei needed before the ratio is trusted; until then a nucleus counts as one syllable."""
SCALE_LIMITS = (0.5, 2.0)
"""The ratio is kept within these bounds (a segment of noise with a long word is no
evidence that syllables went unheard threefold)."""


class NucleusScale:
    def __init__(self) -> None:
        self._segments: deque[tuple[float, int, int]] = deque()
        """(speech seconds, word syllables, nuclei) per segment counted both ways."""
        self._speech_s = 0.0

    def add(self, speech_s: float, word_syllables: int, nuclei: int) -> None:
        self._segments.append((speech_s, word_syllables, nuclei))
        self._speech_s += speech_s
        while self._segments and self._speech_s - self._segments[0][0] >= SCALE_SPEECH_S:
            self._speech_s -= self._segments.popleft()[0]

    @property
    def syllables_per_nucleus(self) -> float:
        nuclei = sum(n for _, _, n in self._segments)
        if nuclei < MIN_NUCLEI:
            return 1.0
        words = sum(w for _, w, _ in self._segments)
        low, high = SCALE_LIMITS
        return min(max(words / nuclei, low), high)
