"""The cue rules, one small module each, and `build_rules` that makes the enabled ones.

Every rule follows `desktop.coaching.cue.Rule`: it sees every engine event in stream order,
returns the cues it decides on, and forgets the call on `reset_call`. Rate limiting
(cooldowns, caps, snooze, warm-up) is the gate's job, not theirs; a rule only avoids firing
twice for the same evidence. Word-based rules act on FINAL words only, so a partial
hypothesis that vosk later corrects never makes a card.
"""

from desktop.coaching.cue import Rule
from desktop.coaching.lexicon import LexiconKind, load_lexicon
from desktop.coaching.phrases import PhraseMatcher
from desktop.coaching.rules.acknowledgement import AcknowledgementRule
from desktop.coaching.rules.dead_air import DeadAirRule
from desktop.coaching.rules.fillers import FillerRule
from desktop.coaching.rules.haste import HasteRule
from desktop.coaching.rules.interrupting import InterruptingRule
from desktop.coaching.rules.key_pause import KeyPauseRule
from desktop.coaching.rules.monologue import MonologueRule
from desktop.coaching.rules.pace_matching import PaceMatchingRule
from desktop.coaching.rules.phrase_cue import PhraseCueRule
from desktop.coaching.rules.raised_voice import RaisedVoiceRule
from desktop.coaching.settings import CueSettings, Language

__all__ = [
    "AcknowledgementRule",
    "DeadAirRule",
    "FillerRule",
    "HasteRule",
    "InterruptingRule",
    "KeyPauseRule",
    "MonologueRule",
    "PaceMatchingRule",
    "PhraseCueRule",
    "RaisedVoiceRule",
    "build_rules",
]


def build_rules(cue_settings: CueSettings, language: Language) -> list[Rule]:
    """The rules of every enabled cue, with the lexicons of `language` (shipped lists plus
    the supervisor's extra phrases for that language)."""
    filler_phrases = load_lexicon("fillers", language, _extra(cue_settings.fillers, language))
    filler_words = [phrase.words[0] for phrase in filler_phrases if len(phrase.words) == 1]

    def matcher(kind: LexiconKind, settings: object) -> PhraseMatcher:
        phrases = load_lexicon(kind, language, _extra(settings, language))
        return PhraseMatcher(phrases, fillers=filler_words)

    s = cue_settings
    rules: list[Rule] = []
    if s.haste.enabled:
        rules.append(HasteRule(s.haste))
    if s.key_pause.enabled:
        rules.append(KeyPauseRule(s.key_pause, matcher("key_phrases", s.key_pause), language))
    if s.acknowledgement.enabled:
        phrases = matcher("acknowledgement", s.acknowledgement)
        rules.append(AcknowledgementRule(s.acknowledgement, phrases))
    if s.monologue.enabled:
        rules.append(MonologueRule(s.monologue))
    if s.policy_shield.enabled:
        phrases = matcher("policy_shield", s.policy_shield)
        rules.append(PhraseCueRule("policy_shield", s.policy_shield, phrases))
    if s.blame.enabled:
        rules.append(PhraseCueRule("blame", s.blame, matcher("blame", s.blame)))
    if s.raised_voice.enabled:
        rules.append(RaisedVoiceRule(s.raised_voice))
    if s.fillers.enabled:
        rules.append(FillerRule(s.fillers, PhraseMatcher(filler_phrases)))
    if s.interrupting.enabled:
        rules.append(InterruptingRule(s.interrupting))
    if s.dead_air.enabled:
        rules.append(DeadAirRule(s.dead_air))
    if s.pace_matching.enabled:
        rules.append(PaceMatchingRule(s.pace_matching))
    return rules


def _extra(settings: object, language: Language) -> tuple[str, ...]:
    """The supervisor's extra phrases for `language` (`extra_phrases_nl` / `_en`)."""
    extra = getattr(settings, f"extra_phrases_{language}", ())
    return tuple(str(phrase) for phrase in extra)
