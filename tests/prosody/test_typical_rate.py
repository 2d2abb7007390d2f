"""The speaker's typical first-look syllable rate that the nucleus picker compares with."""

from desktop.prosody.typical_rate import MIN_WINDOWS, TYPICAL_WINDOWS, TypicalRate


def test_unknown_until_enough_speech() -> None:
    """No typical rate before MIN_WINDOWS rated stretches; stretches without a rate (too few
    peaks) do not count towards them."""
    typical = TypicalRate()
    for _ in range(MIN_WINDOWS - 1):
        typical.add(5.0)
        typical.add(None)
    assert typical.rate_syl_s is None
    typical.add(5.0)
    assert typical.rate_syl_s == 5.0


def test_a_hasty_stretch_does_not_move_it_but_a_new_habit_does() -> None:
    """After two minutes at 5 syll/s, 15 s at 8 syll/s leave the typical rate at 5 (so the
    haste stays measurable against it); once most of the last two minutes ran at 6 syll/s,
    the typical rate is 6."""
    typical = TypicalRate()
    for _ in range(TYPICAL_WINDOWS):
        typical.add(5.0)
    for _ in range(150):
        typical.add(8.0)
    assert typical.rate_syl_s == 5.0
    for _ in range(TYPICAL_WINDOWS // 2 + 1):
        typical.add(6.0)
    assert typical.rate_syl_s == 6.0
