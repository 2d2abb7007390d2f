"""How often the agent paused before key points and acknowledged customers: every judgement
of the key-pause and acknowledgement rules, not only the cards the gate let through.

The gate holds most proposals back (cooldowns, one card at a time, a cap per call), so the
cues shown say little about how often something happened. The recorder therefore runs its own
copies of the two rules, on the same timeline, and counts:
- key points: key phrases and automatic key points (numbers, amounts, dates, codes) in the
  final words of the call, found as the key-pause rule finds them, each once at its first
  word; rushed: those the rule judged to come without a pause;
- customer turns: agent silences inside a call of at least the rule's `min_customer_turn_s`,
  counted once words are being recognised (before that no reply can be judged);
  unacknowledged: the replies the rule judged to lack an acknowledgement.
A reply too short to judge counts as a turn that was not unacknowledged.
"""

from dataclasses import dataclass

from desktop.coaching.calls import CallStarted
from desktop.coaching.cue import Baselines, CoachContext, Rule
from desktop.coaching.keypoints import find_key_points
from desktop.coaching.lexicon import load_lexicon
from desktop.coaching.phrases import PhraseMatcher
from desktop.coaching.rules import build_rules
from desktop.coaching.settings import Policy
from desktop.events import EngineEvent, Notice, WordsRecognized
from desktop.prosody.analyzer import Pause
from desktop.recognition.words import Word


@dataclass(frozen=True, slots=True)
class Judgements:
    """Stream times (s) of what one event settled."""

    key_points_s: tuple[float, ...] = ()
    key_points_rushed_s: tuple[float, ...] = ()
    customer_turns_s: tuple[float, ...] = ()
    replies_unacknowledged_s: tuple[float, ...] = ()


NOTHING = Judgements()


class ShadowJudges:
    def __init__(self, policy: Policy) -> None:
        rules = {rule.name: rule for rule in build_rules(policy.cues, policy.language)}
        self._key_pause: Rule | None = rules.get("key_pause")
        self._acknowledgement: Rule | None = rules.get("acknowledgement")
        self._policy = policy
        self._key_phrases = _key_phrase_matcher(policy) if self._key_pause else None
        self._call_start_s = 0.0
        self._hearing_words = False

    @property
    def measured(self) -> frozenset[str]:
        """The interval counts these judges fill (their cue is enabled)."""
        names: set[str] = set()
        if self._key_pause is not None:
            names |= {"key_points", "key_points_rushed"}
        if self._acknowledgement is not None:
            names |= {"customer_turns", "replies_unacknowledged"}
        return frozenset(names)

    def observe(self, event: object) -> Judgements:
        if isinstance(event, CallStarted):
            self._call_start_s = event.t_s
            for rule in (self._key_pause, self._acknowledgement):
                if rule is not None:
                    rule.reset_call()
            return NOTHING
        if not isinstance(event, EngineEvent):
            return NOTHING
        if isinstance(event, WordsRecognized) or (
            isinstance(event, Notice) and event.kind == "model-ready"
        ):
            self._hearing_words = True
        context = CoachContext(self._policy.language, Baselines(), self._call_start_s)
        return Judgements(
            key_points_s=self._key_points(event),
            key_points_rushed_s=_proposed(self._key_pause, event, context),
            customer_turns_s=self._customer_turn(event),
            replies_unacknowledged_s=_proposed(self._acknowledgement, event, context),
        )

    def _key_points(self, event: EngineEvent) -> tuple[float, ...]:
        if self._key_phrases is None or not isinstance(event, WordsRecognized) or not event.final:
            return ()
        words = [w for w in event.words if w.start_s >= self._call_start_s]
        return tuple(words[first].start_s for first in self._key_point_starts(words))

    def _key_point_starts(self, words: list[Word]) -> list[int]:
        """Index of the first word of each key point, as the key-pause rule finds them."""
        assert self._key_phrases is not None
        firsts = {match.first for match in self._key_phrases.find(words)}
        if self._policy.cues.key_pause.auto_key_points:
            texts = [w.text for w in words]
            firsts |= {p.first for p in find_key_points(texts, self._policy.language)}
        return sorted(firsts)

    def _customer_turn(self, event: EngineEvent) -> tuple[float, ...]:
        if self._acknowledgement is None or not self._hearing_words:
            return ()
        if not isinstance(event, Pause) or event.start_s < self._call_start_s:
            return ()
        turn_s = self._policy.cues.acknowledgement.min_customer_turn_s
        return (event.end_s,) if event.end_s - event.start_s >= turn_s else ()


def _proposed(rule: Rule | None, event: EngineEvent, context: CoachContext) -> tuple[float, ...]:
    if rule is None:
        return ()
    return tuple(cue.evidence_t_s for cue in rule.observe(event, context))


def _key_phrase_matcher(policy: Policy) -> PhraseMatcher:
    """The key-phrase matcher `build_rules` gives the key-pause rule (same lists, fillers)."""
    language = policy.language
    cues = policy.cues
    fillers = load_lexicon("fillers", language, _extra(cues.fillers, language))
    filler_words = [phrase.words[0] for phrase in fillers if len(phrase.words) == 1]
    phrases = load_lexicon("key_phrases", language, _extra(cues.key_pause, language))
    return PhraseMatcher(phrases, fillers=filler_words)


def _extra(settings: object, language: str) -> tuple[str, ...]:
    return tuple(str(p) for p in getattr(settings, f"extra_phrases_{language}", ()))
