"""The headline figures of a shift, from hand-built histories with known answers."""

import pytest

from desktop.summary import Share, shift_figures

from histories import cue, history, interval


def test_talk_calls_and_tempo_against_the_baseline() -> None:
    """Talk time sums the intervals; a call with under 2 s of talk is no call; the average
    rate is all syllables over all talk, the peak ignores intervals with too little talk, and
    both are compared with the baseline."""
    shift = history(
        [
            interval(1, 0, 8.0, 40),  # 5.0 syll/s
            interval(1, 1, 9.0, 63),  # 7.0 syll/s
            interval(1, 2, 1.0, 10),  # 10 syll/s over a single second: not a peak
            interval(2, 0, 0.5, 2),  # a cough: call 2 does not count
        ],
        baseline_syl_s=4.0,
    )
    figures = shift_figures(shift)
    assert figures.talk_s == pytest.approx(18.5)
    assert figures.calls == 1
    assert figures.average_rate_syl_s == pytest.approx(115 / 18.5)
    assert figures.peak_rate_syl_s == pytest.approx(7.0)
    assert figures.average_vs_baseline == pytest.approx(115 / 18.5 / 4.0)
    assert figures.peak_vs_baseline == pytest.approx(1.75)


@pytest.mark.parametrize(
    ("baseline_syl_s", "threshold_syl_s", "hasty_share"),
    [(None, 5.5, 9.0 / 17.0), (4.0, 5.5, 9.0 / 17.0), (5.0, 5.75, 9.0 / 17.0), (6.0, 6.5, 9 / 17)],
)
def test_the_hasty_share_uses_the_haste_cues_threshold(
    baseline_syl_s: float | None, threshold_syl_s: float, hasty_share: float
) -> None:
    """The threshold is the haste cue's: the floor without a baseline, baseline × 1.15 above
    it, capped by the ceiling; the share is of the judged talk time."""
    shift = history(
        [interval(1, 0, 8.0, 40), interval(1, 1, 9.0, 63)], baseline_syl_s=baseline_syl_s
    )
    figures = shift_figures(shift)
    assert figures.haste_threshold_syl_s == pytest.approx(threshold_syl_s)
    assert figures.hasty_share == pytest.approx(hasty_share)


def test_a_calm_shift_has_no_hurried_time() -> None:
    figures = shift_figures(history([interval(1, 0, 8.0, 36), interval(1, 1, 9.0, 40)]))
    assert figures.hasty_share == 0.0
    assert figures.average_vs_baseline is None


def test_key_points_and_acknowledgements_count_the_judgements() -> None:
    """Key points paused = seen − rushed; acknowledged turns = turns − unacknowledged."""
    shift = history(
        [
            interval(1, 0, 8.0, 36, key_points=3, key_points_rushed=1, customer_turns=1),
            interval(
                1,
                1,
                8.0,
                36,
                key_points=2,
                key_points_rushed=0,
                customer_turns=2,
                replies_unacknowledged=1,
            ),
        ]
    )
    figures = shift_figures(shift)
    assert figures.key_points == Share(4, 5)
    assert figures.acknowledged == Share(2, 3)
    assert figures.key_points.fraction == pytest.approx(0.8)


def test_without_recognised_words_the_word_figures_are_unknown() -> None:
    """No speech model, no words: key points and acknowledgements are not measured (None),
    rather than a perfect score."""
    shift = history([interval(1, 0, 8.0, 36, words=0, customer_turns=2)])
    figures = shift_figures(shift)
    assert figures.key_points is None and figures.acknowledged is None


def test_a_cue_switched_off_is_not_measured() -> None:
    """Counts that were not measured (None in every interval) give None, not zero."""
    shift = history([interval(1, 0, 8.0, 36, key_points=None, key_points_rushed=None)])
    figures = shift_figures(shift)
    assert figures.key_points is None
    assert figures.acknowledged == Share(0, 0) and figures.acknowledged.fraction is None


def test_cues_are_counted_per_name_and_per_call() -> None:
    shift = history(
        [interval(1, 0, 8.0, 36), interval(2, 0, 8.0, 36)],
        cues=[cue("haste"), cue("monologue", 2), cue("haste", 2)],
    )
    figures = shift_figures(shift)
    assert figures.cues == 3
    assert figures.cues_by_name == (("haste", 2), ("monologue", 1))
    assert figures.cues_per_call == pytest.approx(1.5)


def test_an_empty_shift_has_no_rates() -> None:
    figures = shift_figures(history([interval(1, 0, 0.0, 0)]))
    assert (figures.talk_s, figures.calls, figures.cues_per_call) == (0.0, 0, None)
    assert figures.average_rate_syl_s is None and figures.peak_rate_syl_s is None
    assert figures.hasty_share is None
