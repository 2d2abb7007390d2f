"""The story of a shift in words, for the top of the window and the report: the feedback as
"what went well" and "one thing to try", the title lines, and where the haste was."""

from dataclasses import dataclass

from desktop.coaching.settings import Language
from desktop.report.texts import calls_text, clock_time, long_date, text
from desktop.summary.calls import CallBar
from desktop.summary.load import ShiftSummary
from desktop.summary.numbers import duration, percent
from desktop.summary.sentences import praise_sentence, tip_sentence

HASTY_CALL_SHARE = 0.2
"""A call is named as hurried when at least this share of its talk was."""
NAMED_CALLS = 2


@dataclass(frozen=True, slots=True)
class FeedbackLine:
    heading: str | None
    sentence: str
    kind: str
    """"praise" or "tip"."""


def feedback_lines(summary: ShiftSummary, language: Language) -> tuple[FeedbackLine, ...]:
    """The feedback's sentences with their headings (no heading when there was no speech)."""
    feedback = summary.feedback
    praise = praise_sentence(feedback.praise, summary.figures, language)
    if feedback.praise == "no_speech":
        return (FeedbackLine(None, praise, "praise"),)
    if feedback.praise == "effort":
        # A bare count of calls is no strength, and an agent sees through it: no "what went
        # well" then; the count stays as a plain fact only when there is nothing else to say.
        lines = [] if feedback.tip is not None else [FeedbackLine(None, praise, "praise")]
    else:
        lines = [FeedbackLine(text("feedback.well", language), praise, "praise")]
    if feedback.tip is not None:
        tip = tip_sentence(feedback.tip, language)
        lines.append(FeedbackLine(text("feedback.try", language), tip, "tip"))
    return tuple(lines)


def title(summary: ShiftSummary, language: Language) -> str:
    """ "Dienst van dinsdag 6 mei 2025"."""
    date = long_date(summary.figures.started_utc, language)
    return text("report.title", language).format(date=date)


def subtitle(summary: ShiftSummary, language: Language) -> str:
    """ "08:00 · 2 u 05 min opgenomen · 9 gesprekken"."""
    f = summary.figures
    return text("subtitle", language).format(
        clock=clock_time(f.started_utc),
        recorded=duration(f.recorded_s, language),
        calls=calls_text(f.calls, language),
    )


def haste_caption(calls: tuple[CallBar, ...], language: Language) -> str | None:
    """Where the haste was: the (at most two) calls with the most hurried talk time, when
    they were hurried for at least `HASTY_CALL_SHARE` of it; None when no call was."""
    hurried = [b for b in calls if b.hasty_share is not None and b.hasty_share >= HASTY_CALL_SHARE]
    if not hurried:
        return None
    hurried.sort(key=lambda b: -(b.talk_s * (b.hasty_share or 0.0)))
    named = sorted(hurried[:NAMED_CALLS], key=lambda b: b.label)
    parts = [f"{b.label} ({percent(b.hasty_share or 0.0)})" for b in named]
    joined = f" {text('and', language)} ".join(parts)
    key = "haste.one" if len(named) == 1 else "haste.many"
    return text(key, language).format(calls=joined)
