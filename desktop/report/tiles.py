"""The headline figures as tiles: a label, one big value, a line of detail, and a tone.

The tone colours a tile the way the feedback judges the shift (`desktop.summary.feedback`'s
thresholds), so the tile that earned the praise is the green one and the tip's is the amber
one. A figure that was not measured (None) is "—" with a hint saying why, never 0.
"""

from dataclasses import dataclass, replace
from typing import Literal

from desktop.coaching.settings import Language
from desktop.report.texts import text
from desktop.summary.feedback import (
    CALM_HASTY_SHARE,
    GOOD_SHARE,
    HURRIED_HASTY_SHARE,
    MIN_TALK_FOR_TEMPO_S,
    WEAK_SHARE,
)
from desktop.summary.figures import ShiftFigures
from desktop.summary.headline import cue_name
from desktop.summary.numbers import decimal, duration, percent
from desktop.summary.share import Share

Tone = Literal["good", "attention", "neutral", "unmeasured"]
TileKey = Literal["talk", "calls", "average", "peak", "hasty", "key_points", "acknowledged", "cues"]


@dataclass(frozen=True, slots=True)
class Tile:
    key: TileKey
    label: str
    value: str
    """The big number with its unit ("4,6 lg/s", "12%", "14 van 18"), or "—"."""
    detail: str
    """One short line under the value: the context, or why it was not measured."""
    tone: Tone

    @property
    def measured(self) -> bool:
        return self.tone != "unmeasured"


TIP_TILES: dict[str, TileKey] = {
    "tempo": "hasty",
    "key_points": "key_points",
    "acknowledgement": "acknowledged",
}
"""The tile that shows the skill a feedback tip is about."""


def headline_tiles(f: ShiftFigures, language: Language, tip: str | None = None) -> tuple[Tile, ...]:
    """The eight tiles, in reading order: how much, how fast, how well, how many cues. The
    tile of the feedback's `tip` (a `TipKey`), when measured, is the amber one."""
    tiles = (
        _talk(f, language),
        _calls(f, language),
        _rate("average", f.average_rate_syl_s, f.average_vs_baseline, f, language),
        _rate("peak", f.peak_rate_syl_s, f.peak_vs_baseline, f, language),
        _hasty(f, language),
        _share_tile("key_points", f.key_points, language),
        _share_tile("acknowledged", f.acknowledged, language),
        _cues(f, language),
    )
    tip_tile = TIP_TILES.get(tip or "")
    return tuple(
        replace(t, tone="attention") if t.key == tip_tile and t.measured else t for t in tiles
    )


def rate_text(rate_syl_s: float, language: Language) -> str:
    return f"{decimal(rate_syl_s, language)} {text('unit.rate', language)}"


def _talk(f: ShiftFigures, language: Language) -> Tile:
    recorded = duration(f.recorded_s, language)
    detail = text("tile.talk.detail", language).format(recorded=recorded)
    return Tile(
        "talk", text("tile.talk", language), duration(f.talk_s, language), detail, "neutral"
    )


def _calls(f: ShiftFigures, language: Language) -> Tile:
    return Tile(
        "calls",
        text("tile.calls", language),
        str(f.calls),
        text("tile.calls.detail", language),
        "neutral",
    )


def _rate(
    key: TileKey,
    rate_syl_s: float | None,
    vs_baseline: float | None,
    f: ShiftFigures,
    language: Language,
) -> Tile:
    label = text(f"tile.{key}", language)
    if rate_syl_s is None:
        return _unmeasured(key, label, text("hint.too_little_speech", language), language)
    if vs_baseline is not None and f.baseline_rate_syl_s is not None:
        detail = text("tile.vs_normal", language).format(
            ratio=decimal(vs_baseline, language, 2),
            normal=decimal(f.baseline_rate_syl_s, language),
        )
    else:
        detail = text("tile.no_normal", language)
    tone: Tone = (
        "attention" if rate_syl_s > f.haste_threshold_syl_s and key == "average" else "neutral"
    )
    return Tile(key, label, rate_text(rate_syl_s, language), detail, tone)


def _hasty(f: ShiftFigures, language: Language) -> Tile:
    label = text("tile.hasty", language)
    if f.hasty_share is None:
        return _unmeasured("hasty", label, text("hint.too_little_speech", language), language)
    threshold = rate_text(f.haste_threshold_syl_s, language)
    detail = text("tile.hasty.detail", language).format(threshold=threshold)
    tone: Tone = "neutral"
    if f.talk_s >= MIN_TALK_FOR_TEMPO_S:
        if f.hasty_share <= CALM_HASTY_SHARE:
            tone = "good"
        elif f.hasty_share >= HURRIED_HASTY_SHARE:
            tone = "attention"
    return Tile("hasty", label, percent(f.hasty_share), detail, tone)


def _share_tile(key: TileKey, share: Share | None, language: Language) -> Tile:
    label = text(f"tile.{key}", language)
    if share is None:
        return _unmeasured(key, label, text("hint.no_words", language), language)
    fraction = share.fraction
    if fraction is None:
        return Tile(key, label, "0", text("tile.none_heard", language), "neutral")
    of = "van" if language == "nl" else "of"
    detail = text(f"tile.{key}.detail", language).format(percent=percent(fraction))
    tone: Tone = "neutral"
    if fraction >= GOOD_SHARE:
        tone = "good"
    elif fraction < WEAK_SHARE:
        tone = "attention"
    return Tile(key, label, f"{share.part} {of} {share.whole}", detail, tone)


def _cues(f: ShiftFigures, language: Language) -> Tile:
    label = text("tile.cues", language)
    if f.cues_per_call is None:
        return _unmeasured("cues", label, text("hint.no_calls", language), language)
    if f.cues == 0:
        return Tile("cues", label, "0", text("tile.cues.none", language), "good")
    count = text("tile.cues.detail", language).format(count=f.cues)
    if f.cues_by_name:
        name, times = f.cues_by_name[0]
        count += f" · {text('tile.cues.most', language)} {cue_name(name, language)} ({times})"
    return Tile("cues", label, decimal(f.cues_per_call, language), count, "neutral")


def _unmeasured(key: TileKey, label: str, hint: str, language: Language) -> Tile:
    return Tile(key, label, text("not_measured", language), hint, "unmeasured")
