"""The report's Qt-free parts: the tiles' values and tones, the tempo chart's buckets and
line runs, where the haste was, the feedback's headings, and the words in both languages."""

import ast
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.report.story import feedback_lines, haste_caption
from desktop.report.tempo_model import bucketed, joined
from desktop.report.texts import all_keys, elapsed, long_date, short_date, text
from desktop.report.tiles import headline_tiles
from desktop.summary import CallBar, TempoPoint, shift_figures, summarise

from histories import cue, history, interval

REPORT = Path(__file__).resolve().parents[2] / "desktop" / "report"


def point(start_s: float, rate: float | None, call: int = 1, talk_s: float = 8.0) -> TempoPoint:
    return TempoPoint(start_s, start_s + 10.0, call, talk_s, rate, rate is not None and rate > 5.5)


def bar(number: int, talk_s: float, hasty: float | None) -> CallBar:
    return CallBar(number, number, 0.0, talk_s, talk_s, 4.5, hasty, 0, ())


def test_tiles_show_the_figures_with_units_in_dutch() -> None:
    """Talk 17 s of 20, 103 syllables: the tiles say so, with a decimal comma and units."""
    shift = history(
        [
            interval(1, 0, 8.0, 40, key_points=4, key_points_rushed=1),
            interval(1, 1, 9.0, 63, customer_turns=2, replies_unacknowledged=0),
        ],
        cues=[cue("haste"), cue("haste"), cue("monologue")],
        baseline_syl_s=5.0,
    )
    tiles = {t.key: t for t in headline_tiles(shift_figures(shift), "nl")}
    assert (tiles["talk"].value, tiles["talk"].detail) == ("17 s", "van 20 s opgenomen")
    assert tiles["calls"].value == "1"
    assert tiles["average"].value == "6,1 lg/s"
    assert tiles["average"].detail == "1,21 × jouw normaal (5,0)"
    assert tiles["average"].tone == "attention"  # above the haste threshold of 5.75
    assert tiles["peak"].value == "7,0 lg/s"
    assert tiles["hasty"].value == "53%"
    assert tiles["key_points"].value == "3 van 4" and tiles["key_points"].tone == "neutral"
    assert tiles["acknowledged"].value == "2 van 2" and tiles["acknowledged"].tone == "good"
    assert tiles["cues"].value == "3,0"
    assert tiles["cues"].detail == "3 in totaal · vooral haast (2)"


def test_not_measured_is_a_dash_with_a_reason_never_zero() -> None:
    """No words recognised: key points and acknowledgement were not measured; no baseline:
    the tempo says the normal is not known; no speech: the tempo is not measured."""
    silent_words = history([interval(1, 0, 8.0, 36, words=0)])
    tiles = {t.key: t for t in headline_tiles(shift_figures(silent_words), "en")}
    for key in ("key_points", "acknowledged"):
        assert tiles[key].value == "—" and tiles[key].tone == "unmeasured"
        assert tiles[key].detail == "not measured: no speech model, or the cue is off"
    assert tiles["average"].detail == "your normal is not known yet"
    nothing = history([interval(1, 0, 0.0, 0)])
    quiet = {t.key: t for t in headline_tiles(shift_figures(nothing), "nl")}
    for key in ("average", "peak", "hasty"):
        assert quiet[key].value == "—" and quiet[key].detail == "te weinig spraak om te meten"
    assert quiet["cues"].value == "—"


def test_the_tile_of_the_tip_is_the_amber_one() -> None:
    shift = history([interval(1, 0, 8.0, 36, customer_turns=4, replies_unacknowledged=1)])
    figures = shift_figures(shift)
    plain = {t.key: t.tone for t in headline_tiles(figures, "nl")}
    tipped = {t.key: t.tone for t in headline_tiles(figures, "nl", tip="acknowledgement")}
    assert plain["acknowledged"] == "neutral" and tipped["acknowledged"] == "attention"
    assert {k: v for k, v in tipped.items() if k != "acknowledged"} == {
        k: v for k, v in plain.items() if k != "acknowledged"
    }


def test_buckets_weigh_rates_by_talk_and_keep_calls_apart() -> None:
    points = [
        point(0.0, 4.0, talk_s=8.0),
        point(10.0, 7.0, talk_s=2.0),  # judged points only; this one is thin but has a rate
        point(20.0, None, talk_s=1.0),
        point(30.0, 6.0, talk_s=6.0),
        point(40.0, 6.0, call=2, talk_s=6.0),
    ]
    merged = bucketed(points, 30.0)
    assert [(p.start_s, p.end_s, p.call_number) for p in merged] == [
        (0.0, 30.0, 1),
        (30.0, 40.0, 1),
        (40.0, 50.0, 2),
    ]
    assert merged[0].rate_syl_s == pytest.approx((4.0 * 8 + 7.0 * 2) / 10)
    assert merged[0].talk_s == pytest.approx(11.0)
    assert not merged[0].hasty  # 2 s of 10 s judged talk was hasty
    assert merged[1].hasty and merged[2].hasty


def test_the_line_breaks_where_nothing_was_judged_or_a_call_changes() -> None:
    points = [
        point(0.0, 4.0),
        point(10.0, 4.5),
        point(20.0, None),
        point(30.0, 5.0),
        point(40.0, 5.0, call=2),
        point(60.0, 4.0, call=2),  # a gap in time
    ]
    runs = joined(points)
    assert [[p.start_s for p in run] for run in runs] == [[0.0, 10.0], [30.0], [40.0], [60.0]]


def test_the_haste_caption_names_the_most_hurried_calls_in_order() -> None:
    """The two calls with the most hurried seconds (not the highest share), in call order."""
    calls = (bar(1, 100.0, 0.05), bar(2, 40.0, 0.5), bar(3, 100.0, 0.25), bar(4, 100.0, 0.4))
    assert haste_caption(calls, "nl") == "Het meest gehaast in gesprekken 3 (25%) en 4 (40%)"
    assert haste_caption(calls[:2], "en") == "Most hurried in call 2 (50%)"
    assert haste_caption((bar(1, 100.0, 0.19), bar(2, 50.0, None)), "nl") is None


def test_feedback_lines_put_a_heading_over_praise_and_tip() -> None:
    hurried = summarise(history([interval(1, k, 8.0, 56) for k in range(10)]))
    lines = feedback_lines(hurried, "nl")
    assert [(line.heading, line.kind) for line in lines] == [
        ("Wat goed ging", "praise"),
        ("Eén ding om te proberen", "tip"),
    ]
    assert " ".join(line.sentence for line in lines) == hurried.feedback.nl
    silent = summarise(history([interval(1, 0, 0.0, 0)]))
    assert [(line.heading, line.sentence) for line in feedback_lines(silent, "en")] == [
        (None, "No speech was recorded in this shift.")
    ]


def test_dates_and_times_read_naturally() -> None:
    noon = datetime(2025, 5, 6, 12, 0, tzinfo=UTC).astimezone()  # local, so no zone shifts it
    assert long_date(noon, "nl") == "dinsdag 6 mei 2025"
    assert long_date(noon, "en") == "Tuesday 6 May 2025"
    assert (short_date(noon, "nl"), short_date(noon, "en")) == ("di 6 mei", "Tue 6 May")
    assert (elapsed(75.4), elapsed(3725.0)) == ("1:15", "1:02:05")


def test_every_text_exists_in_both_languages() -> None:
    for key in all_keys():
        assert text(key, "nl").strip() and text(key, "en").strip(), key


def test_the_report_draws_without_widgets() -> None:
    """desktop/report may use QtGui (the command line draws the PDF without a display) but
    never QtWidgets or the window code."""
    for path in REPORT.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith(("PySide6.QtWidgets", "desktop.ui")), (path, name)
