"""How many word syllables a nucleus stands for: learned on the agent's recent speech."""

import pytest

from desktop.coaching.nucleus_scale import MIN_NUCLEI, SCALE_SPEECH_S, NucleusScale


def test_until_enough_nuclei_were_counted_a_nucleus_is_one_syllable() -> None:
    scale = NucleusScale()
    assert scale.syllables_per_nucleus == 1.0
    scale.add(2.0, word_syllables=12, nuclei=MIN_NUCLEI - 1)
    assert scale.syllables_per_nucleus == 1.0
    scale.add(2.0, word_syllables=12, nuclei=9)
    assert scale.syllables_per_nucleus == pytest.approx(24 / (MIN_NUCLEI - 1 + 9))


def test_only_the_last_minute_of_speech_counts() -> None:
    """Calm speech (one syllable per nucleus) followed by a minute of fast speech in which
    the acoustic count merged a quarter of the syllables: the ratio is the fast speech's."""
    scale = NucleusScale()
    for _ in range(30):
        scale.add(4.0, word_syllables=18, nuclei=18)
    for _ in range(round(SCALE_SPEECH_S / 4.0)):
        scale.add(4.0, word_syllables=24, nuclei=18)
    assert scale.syllables_per_nucleus == pytest.approx(24 / 18)


def test_the_ratio_stays_within_its_limits() -> None:
    """A noise burst read as one long word with no nucleus, or many nuclei with one short
    word: neither makes a nucleus worth three syllables or a third of one."""
    scale = NucleusScale()
    scale.add(4.0, word_syllables=60, nuclei=12)
    assert scale.syllables_per_nucleus == 2.0
    scale = NucleusScale()
    scale.add(4.0, word_syllables=2, nuclei=40)
    assert scale.syllables_per_nucleus == 0.5
