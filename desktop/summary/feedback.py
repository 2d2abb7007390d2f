"""One or two sentences after a shift: what went well, then one thing to try.

Praise first, always specific (a number from this shift). The choice, in order:
1. no speech at all: say so, nothing else;
2. praise the best skill that clearly went well: calm tempo (at most `CALM_HASTY_SHARE` of
   the speech hurried, over at least `MIN_TALK_FOR_TEMPO_S`), pauses before key points or
   acknowledgements (at least `GOOD_SHARE`, of at least `MIN_KEY_POINTS` /
   `MIN_CUSTOMER_TURNS`), letting the customer finish (with the customer channel, over at
   least `MIN_HEARD_CALLS` calls: 1 - interruptions per call, at least `GOOD_SHARE`); the
   highest score wins, ties in that order;
3. else few cards (at most `FEW_CUES_PER_CALL` per call); else the work done (calls, talk);
4. the tip: the weakest measured skill (hurried `HURRIED_HASTY_SHARE` or more of the time,
   or a share below `WEAK_SHARE`); else the cue shown most often (at least
   `MIN_REPEATED_CUES` times), unless it is about what was just praised; else no tip.
"""

from dataclasses import dataclass
from typing import Literal

from desktop.coaching.settings import Language
from desktop.summary.figures import ShiftFigures
from desktop.summary.sentences import praise_sentence, tip_sentence

PraiseKey = Literal[
    "no_speech", "tempo", "key_points", "acknowledgement", "listening", "few_cues", "effort"
]
TipKey = Literal[
    "tempo",
    "key_points",
    "acknowledgement",
    "monologue",
    "raised_voice",
    "policy_shield",
    "blame",
    "fillers",
    "interrupting",
    "dead_air",
    "pace_matching",
]
Skill = Literal["tempo", "key_points", "acknowledgement", "listening"]
SKILL_TIPS: dict[str, TipKey] = {
    "tempo": "tempo",
    "key_points": "key_points",
    "acknowledgement": "acknowledgement",
    "listening": "interrupting",
}
"""The tip about each skill (letting the customer finish: the interrupting cue's)."""

MIN_TALK_FOR_TEMPO_S = 60.0
CALM_HASTY_SHARE = 0.10
HURRIED_HASTY_SHARE = 0.20
MIN_KEY_POINTS = 3
MIN_CUSTOMER_TURNS = 2
MIN_HEARD_CALLS = 2
GOOD_SHARE = 0.8
WEAK_SHARE = 0.6
FEW_CUES_PER_CALL = 0.5
MIN_REPEATED_CUES = 2
CUE_TIPS: dict[str, TipKey] = {
    "haste": "tempo",
    "key_pause": "key_points",
    "acknowledgement": "acknowledgement",
    "monologue": "monologue",
    "raised_voice": "raised_voice",
    "policy_shield": "policy_shield",
    "blame": "blame",
    "fillers": "fillers",
    "interrupting": "interrupting",
    "dead_air": "dead_air",
    "pace_matching": "pace_matching",
}


@dataclass(frozen=True, slots=True)
class Feedback:
    praise: PraiseKey
    tip: TipKey | None
    nl: str
    en: str

    def text(self, language: Language) -> str:
        return self.nl if language == "nl" else self.en


def choose_feedback(figures: ShiftFigures) -> Feedback:
    praise, tip = choose(figures)

    def text(language: Language) -> str:
        sentences = [praise_sentence(praise, figures, language)]
        if tip is not None:
            sentences.append(tip_sentence(tip, language))
        return " ".join(sentences)

    return Feedback(praise, tip, text("nl"), text("en"))


def choose(figures: ShiftFigures) -> tuple[PraiseKey, TipKey | None]:
    """The keys of the praise and the tip (see the module's docstring)."""
    if figures.talk_s <= 0:
        return "no_speech", None
    scores = skill_scores(figures)
    good = {skill: s for skill, s in scores.items() if s >= _good_score(skill)}
    praise: PraiseKey
    if good:
        best: Skill = max(good, key=lambda skill: good[skill])  # first of equals wins
        praise = best
    elif figures.cues_per_call is not None and figures.cues_per_call <= FEW_CUES_PER_CALL:
        praise = "few_cues"
    else:
        praise = "effort"
    return praise, _tip(figures, scores, praise)


def skill_scores(figures: ShiftFigures) -> dict[Skill, float]:
    """How well each measured skill went, 0 (never) to 1 (always), where there is enough
    evidence to say; in the order that breaks ties."""
    scores: dict[Skill, float] = {}
    if figures.hasty_share is not None and figures.talk_s >= MIN_TALK_FOR_TEMPO_S:
        scores["tempo"] = 1.0 - figures.hasty_share
    key_points = figures.key_points
    if key_points is not None and key_points.whole >= MIN_KEY_POINTS:
        scores["key_points"] = key_points.part / key_points.whole
    turns = figures.acknowledged
    if turns is not None and turns.whole >= MIN_CUSTOMER_TURNS:
        scores["acknowledgement"] = turns.part / turns.whole
    cut_ins = figures.conversation.interruptions
    if cut_ins is not None and figures.calls_heard >= MIN_HEARD_CALLS:
        scores["listening"] = max(0.0, 1.0 - cut_ins / figures.calls_heard)
    return scores


def _good_score(skill: Skill) -> float:
    return 1.0 - CALM_HASTY_SHARE if skill == "tempo" else GOOD_SHARE


def _weak(skill: Skill, score: float) -> bool:
    if skill == "tempo":
        return 1.0 - score >= HURRIED_HASTY_SHARE
    return score < WEAK_SHARE


def _tip(figures: ShiftFigures, scores: dict[Skill, float], praise: PraiseKey) -> TipKey | None:
    weak = {skill: s for skill, s in scores.items() if _weak(skill, s)}
    if weak:
        return SKILL_TIPS[min(weak, key=lambda skill: weak[skill])]
    praised: str = SKILL_TIPS.get(praise, praise)  # no tip about what was just praised
    for name, count in figures.cues_by_name:
        tip = CUE_TIPS.get(name)
        if count >= MIN_REPEATED_CUES and tip is not None and tip != praised:
            return tip
    return None
