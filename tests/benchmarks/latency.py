"""Detection delay of cues in stream time: `t_s - evidence_end_s` (desktop/coaching/cue.py),
from the moment the evidence was complete to the rule's decision, per cue and overall.

The card's own way to the screen (the UI's delay) is measured apart and adds to this.
"""

from collections import defaultdict
from collections.abc import Iterable

import numpy as np

from desktop.coaching.cue import CUE_NAMES, Cue

FIRST_HASTE = "haste, first"
"""An extra row: the first haste proposal of each hasty stretch (later ones repeat it every
4 s of speech and the gate's cooldown holds them back), not counted again in "all"."""


def delay_s(cue: Cue) -> float:
    if cue.evidence_end_s is None:
        raise AssertionError(f"{cue.name} cue at {cue.t_s:.1f} s without evidence_end_s")
    return cue.t_s - cue.evidence_end_s


def first_of_each_stretch(haste: Iterable[Cue]) -> list[Cue]:
    """The earliest proposal per hasty stretch (the stretch's start is its evidence_t_s)."""
    first: dict[float, Cue] = {}
    for cue in sorted(haste, key=lambda c: c.t_s):
        first.setdefault(cue.evidence_t_s, cue)
    return list(first.values())


class Delays:
    """Detection delays (s) collected per cue name."""

    def __init__(self) -> None:
        self.by_cue: dict[str, list[float]] = defaultdict(list)

    def add(self, cues: Iterable[Cue]) -> None:
        cues = list(cues)
        for cue in cues:
            self.by_cue[cue.name].append(delay_s(cue))
        haste = [c for c in cues if c.name == "haste"]
        self.by_cue[FIRST_HASTE].extend(delay_s(c) for c in first_of_each_stretch(haste))

    def extend(self, other: "Delays") -> None:
        for name, delays in other.by_cue.items():
            self.by_cue[name].extend(delays)

    def table(self) -> list[str]:
        """One line per cue that was proposed, one for all of them, and the first haste
        proposal of each stretch."""
        lines = [f"  {'cue':16s} {'n':>5s} {'p50 s':>7s} {'p95 s':>7s} {'max s':>7s}"]
        rows = [(name, self.by_cue[name]) for name in CUE_NAMES if self.by_cue.get(name)]
        everything = [d for _, delays in rows for d in delays]
        for name, delays in [*rows, ("all", everything), (FIRST_HASTE, self.by_cue[FIRST_HASTE])]:
            if delays:
                p50, p95 = np.percentile(delays, [50, 95])
                lines.append(
                    f"  {name:16s} {len(delays):5d} {p50:7.2f} {p95:7.2f} {max(delays):7.2f}"
                )
        return lines
