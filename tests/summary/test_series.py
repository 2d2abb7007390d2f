"""The charts' data: tempo over the shift, a bar per call, and the trend over shifts."""

from datetime import timedelta

import pytest

from desktop.summary import call_bars, shift_figures, tempo_series, trend

from histories import STARTED, cue, history, interval


def test_the_tempo_series_marks_hasty_intervals_and_skips_thin_ones() -> None:
    """Every interval is a point in time order; those with too little talk have no rate;
    points above the threshold are hasty; the baseline and threshold come along."""
    shift = history(
        [interval(1, 0, 8.0, 40), interval(1, 1, 9.0, 63), interval(1, 2, 1.0, 10)],
        baseline_syl_s=4.0,
    )
    series = tempo_series(shift)
    assert [p.start_s for p in series.points] == [0.0, 10.0, 20.0]
    assert [p.rate_syl_s for p in series.points] == [pytest.approx(5.0), pytest.approx(7.0), None]
    assert [p.hasty for p in series.points] == [False, True, False]
    assert (series.baseline_syl_s, series.threshold_syl_s) == (4.0, pytest.approx(5.5))


def test_a_bar_per_call_with_talk() -> None:
    """Calls in which the agent spoke get a bar with their talk, rate, hurried share and
    cues; the wait before the first customer gets none."""
    shift = history(
        [
            interval(1, 0, 0.0, 0),
            interval(2, 0, 8.0, 40),
            interval(2, 1, 9.0, 63),
            interval(3, 0, 6.0, 24),
        ],
        cues=[cue("haste", 2), cue("haste", 2), cue("monologue", 3)],
    )
    bars = call_bars(shift)
    assert [b.number for b in bars] == [2, 3]
    second, third = bars
    assert second.talk_s == pytest.approx(17.0) and second.duration_s == pytest.approx(20.0)
    assert second.rate_syl_s == pytest.approx(103 / 17)
    assert second.hasty_share == pytest.approx(9 / 17)
    assert (second.cues, second.cues_by_name) == (2, (("haste", 2),))
    assert (third.cues, third.rate_syl_s) == (1, pytest.approx(4.0))


def test_the_trend_runs_from_the_oldest_shift() -> None:
    """Points are ordered by start, whatever order the figures came in."""
    older = history([interval(1, 0, 8.0, 48)], shift_id=1, started=STARTED)
    newer = history(
        [interval(1, 0, 8.0, 36, key_points=4, key_points_rushed=1)],
        shift_id=2,
        started=STARTED + timedelta(days=1),
    )
    points = trend([shift_figures(newer), shift_figures(older)])
    assert [p.shift_id for p in points] == [1, 2]
    assert points[0].hasty_share == pytest.approx(1.0)
    assert points[1].key_points_paused_share == pytest.approx(0.75)
    assert points[1].acknowledged_share is None
