"""Finding lexicon phrases in recognised words, tolerant of vosk's spelling and small slips.

Both sides are normalised (`desktop.coaching.text`: case, diacritics, punctuation). A phrase
word then matches a heard word when
- they are equal, or both have at least `FUZZY_MIN_LETTERS` letters and difflib's ratio is at
  least `FUZZY_MIN_RATIO` ("begrepen"/"begreepen", "apologise"/"apologize"); short words must
  be exact, since "kan"/"kon" or "had"/"heb" change the meaning;
- or it equals two heard words run together, exactly: a small model often splits a compound
  it does not know ("referentie nummer" for "referentienummer"), or the other way round.
Words that carry a negation or a modality ("niet"/"niets"/"iets", "kan"/"kon", "can"/"can't")
are never matched fuzzily: "daar kan ik iets aan doen" is the opposite of the policy shield
"daar kan ik niets aan doen". Inside a multi-word phrase at most one filler ("eh", "uhm") may
be inserted: "dat is eh ons beleid". Words of one match must follow each other within
`MAX_GAP_S` of silence, so two halves of a phrase said apart do not make a match.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from desktop.coaching.lexicon import Phrase
from desktop.coaching.text import normalise_word
from desktop.recognition.words import Word

FUZZY_MIN_LETTERS = 4
FUZZY_MIN_RATIO = 0.8
MAX_GAP_S = 1.0
EXACT_ONLY = frozenset(
    (
        "niet niets niks iets geen wel nooit ooit altijd alles kan kon kunt kunnen mag mogen "
        "moet moest moeten wil wilt willen zal zou "
        "not nothing anything something never ever always cant cannot can could dont doesnt "
        "didnt wont will would should shouldnt must mustnt"
    ).split()
)
"""Negations and modal verbs: a slip here changes the meaning, so only exact matches count."""


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    """A phrase heard in `words[first:end]` of the searched sequence, from start_s to end_s."""

    phrase: Phrase
    first: int
    end: int
    start_s: float
    end_s: float
    words: tuple[Word, ...]


def words_match(expected: str, heard: str) -> bool:
    """Whether the normalised heard word is close enough to the normalised expected one."""
    if expected == heard:
        return True
    shorter, longer = sorted((len(expected), len(heard)))
    if shorter < FUZZY_MIN_LETTERS:
        return False
    if 2.0 * shorter / (shorter + longer) < FUZZY_MIN_RATIO:
        return False  # the lengths alone rule the ratio out (difflib's real_quick_ratio)
    if expected in EXACT_ONLY or heard in EXACT_ONLY:
        return False
    return _similar(expected, heard)


@lru_cache(maxsize=4096)
def _similar(expected: str, heard: str) -> bool:
    """difflib's ratio of two words of close length is at least FUZZY_MIN_RATIO. Cached:
    the same phrase words meet the same heard words all shift. The cache is small on
    purpose: it lives as long as the process, and a shift's vocabulary would fill a large
    one (65536 pairs held 12 MB)."""
    matcher = SequenceMatcher(None, expected, heard, autojunk=False)
    return matcher.ratio() >= FUZZY_MIN_RATIO


class PhraseMatcher:
    """Finds the phrases of one lexicon in sequences of recognised words."""

    def __init__(self, phrases: Iterable[Phrase], fillers: Iterable[str] = ()) -> None:
        # Longest first, so "ik begrijp dat u" wins over "ik begrijp" at the same place.
        self._phrases = sorted(phrases, key=lambda phrase: -len(phrase.words))
        self._fillers = frozenset(fillers)

    @property
    def phrases(self) -> tuple[Phrase, ...]:
        return tuple(self._phrases)

    def find(self, words: Sequence[Word]) -> list[PhraseMatch]:
        """All non-overlapping matches, left to right; at each position the longest phrase."""
        heard = [normalise_word(word.text) for word in words]
        matches: list[PhraseMatch] = []
        first = 0
        while first < len(words):
            match = self._match_at(words, heard, first)
            if match is None:
                first += 1
                continue
            matches.append(match)
            first = match.end
        return matches

    def _match_at(self, words: Sequence[Word], heard: list[str], first: int) -> PhraseMatch | None:
        if not heard[first]:
            return None
        for phrase in self._phrases:
            end = self._end_of(phrase.words, 0, words, heard, first, filler_used=False)
            if end is not None:
                return PhraseMatch(
                    phrase,
                    first,
                    end,
                    words[first].start_s,
                    words[end - 1].end_s,
                    tuple(words[first:end]),
                )
        return None

    def _end_of(
        self,
        expected: tuple[str, ...],
        k: int,
        words: Sequence[Word],
        heard: list[str],
        j: int,
        filler_used: bool,
    ) -> int | None:
        """End index (exclusive) of heard words j... matching expected[k:], or None."""
        if k == len(expected):
            return j
        if j >= len(heard) or (k > 0 and words[j].start_s - words[j - 1].end_s > MAX_GAP_S):
            return None
        steps: list[tuple[int, int]] = []  # (phrase words used, heard words used)
        if words_match(expected[k], heard[j]):
            steps.append((1, 1))
        # Compounds split or joined must be exact: fuzzy matching "im"+"sorry" against
        # "sorry" would let a short word vanish.
        if j + 1 < len(heard) and expected[k] == heard[j] + heard[j + 1]:
            steps.append((1, 2))
        if k + 1 < len(expected) and expected[k] + expected[k + 1] == heard[j]:
            steps.append((2, 1))
        for used_k, used_j in steps:
            if used_j == 2 and words[j + 1].start_s - words[j].end_s > MAX_GAP_S:
                continue
            end = self._end_of(expected, k + used_k, words, heard, j + used_j, filler_used)
            if end is not None:
                return end
        if k > 0 and not filler_used and heard[j] in self._fillers:
            return self._end_of(expected, k, words, heard, j + 1, filler_used=True)
        return None
