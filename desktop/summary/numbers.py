"""Numbers as the agent reads them: decimal comma in Dutch, whole percentages, durations."""

from desktop.coaching.settings import Language


def decimal(value: float, language: Language, digits: int = 1) -> str:
    shown = f"{value:.{digits}f}"
    return shown.replace(".", ",") if language == "nl" else shown


def percent(fraction: float) -> str:
    return f"{round(fraction * 100)}%"


def talk_minutes(seconds: float, language: Language) -> str:
    """ "12 minuten" / "12 minutes"; under a minute: "minder dan een minuut"."""
    minutes = round(seconds / 60.0)
    if minutes < 1:
        return "minder dan een minuut" if language == "nl" else "less than a minute"
    if minutes == 1:
        return "1 minuut" if language == "nl" else "1 minute"
    return f"{minutes} minuten" if language == "nl" else f"{minutes} minutes"


def duration(seconds: float, language: Language) -> str:
    """ "2 u 05 min" / "2 h 05 min"; under an hour "14 min"; under a minute "40 s"."""
    total_s = round(seconds)
    if total_s < 60:
        return f"{total_s} s"
    hours, minutes = divmod(round(total_s / 60), 60)
    if hours == 0:
        return f"{minutes} min"
    return f"{hours} {'u' if language == 'nl' else 'h'} {minutes:02d} min"
