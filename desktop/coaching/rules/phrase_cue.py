"""Policy shield and blame: the agent said a phrase the supervisor lists (DESIGN.md: the
conversations that cost loyalty, "the policy matters more than my problem", "guilty until
proven innocent"). One class, two instances: `policy_shield.txt` and `blame.txt`, each with
the supervisor's extra phrases. Each FINAL match is a cue; the evidence holds the phrase as
listed and the better alternative written after ` => ` ("" when the list gives none).
"""

from desktop.coaching.cue import CoachContext, Cue, CueName, RuleEvent
from desktop.coaching.phrases import PhraseMatcher
from desktop.coaching.settings import PhraseCueSettings
from desktop.events import WordsRecognized


class PhraseCueRule:
    def __init__(self, name: CueName, settings: PhraseCueSettings, phrases: PhraseMatcher) -> None:
        self.name: CueName = name
        self._settings = settings
        self._phrases = phrases

    def reset_call(self) -> None:
        pass

    def observe(self, event: RuleEvent, context: CoachContext) -> list[Cue]:
        if not isinstance(event, WordsRecognized) or not event.final:
            return []
        message = self._settings.message.text(context.language)
        return [
            Cue(
                self.name,
                event.t_s,
                match.start_s,
                message,
                {"phrase": match.phrase.text, "alternative": match.phrase.alternative},
                evidence_end_s=match.end_s,
            )
            for match in self._phrases.find(event.words)
            if match.start_s >= context.call_start_s
        ]
