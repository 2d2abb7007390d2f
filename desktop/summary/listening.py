"""A few sentences on the two-sided figures: how the agent and the customer shared the call.

Read by a tired agent at the end of a shift, so: at most four short sentences, the behaviour
only (who spoke, how long, how fast, at the same time), never anyone's feelings (EU AI Act
Art. 5(1)(f)); a call is named only where it stood out, and most sentences carry one number
at most. In order:
1. cutting in: never ("steeds uitpraten"), a few times ("meestal"), or how often and where;
2. the talk share: the calls where the agent spoke `HIGH_TALK_SHARE` or more of the time,
   against the rest; else the share of the shift;
3. the tempo beside the customer's: the calls where it was `PACE_FACTOR` × theirs or more;
   else both tempos of the shift;
4. dead air: where the line was silent, with a hint to say what you are doing; or none.
A sentence whose figure was not measured is left out; without the customer channel there is
one sentence saying so.
"""

from collections.abc import Sequence

from desktop.coaching.settings import Language
from desktop.summary.calls import CallBar
from desktop.summary.figures import ShiftFigures
from desktop.summary.numbers import decimal, percent

HIGH_TALK_SHARE = 0.7
"""A call in which the agent spoke this share of the speech time or more is named."""
LOW_TALK_SHARE = 0.35
NAMED_CALLS = 2
"""At most this many calls are named in a sentence; more read as "several calls"."""
NOT_HEARD_NL = "Het klantkanaal is in deze dienst niet gehoord: wie hoeveel sprak is niet gemeten."
NOT_HEARD_EN = (
    "The customer channel was not heard in this shift: who spoke how much was not measured."
)


def listening_sentences(
    figures: ShiftFigures, calls: Sequence[CallBar], language: Language
) -> tuple[str, ...]:
    """The sentences in `language` (see the module docstring)."""
    nl = language == "nl"
    if not figures.conversation.heard:
        return (NOT_HEARD_NL if nl else NOT_HEARD_EN,)
    heard = [b for b in calls if b.conversation.heard]
    found = [
        _cutting_in(figures, heard, nl),
        _share(figures, heard, nl),
        _pace(figures, heard, nl),
        _dead_air(figures, heard, nl),
    ]
    return tuple(s for s in found if s is not None)


def call_list(numbers: Sequence[int], nl: bool) -> str:
    """ "gesprek 3" / "gesprekken 2, 4 en 5" / "call 3" / "calls 2, 4 and 5"."""
    shown = [str(n) for n in sorted(numbers)]
    if len(shown) == 1:
        return f"{'gesprek' if nl else 'call'} {shown[0]}"
    joined = f"{', '.join(shown[:-1])} {'en' if nl else 'and'} {shown[-1]}"
    return f"{'gesprekken' if nl else 'calls'} {joined}"


def _cutting_in(f: ShiftFigures, calls: Sequence[CallBar], nl: bool) -> str | None:
    n = f.conversation.interruptions
    if n is None:
        return None
    if n == 0:
        if nl:
            return "Je liet de klant steeds uitpraten: je begon nooit terwijl de klant nog sprak."
        return "You let the customer finish every time: you never began while they still spoke."
    times = ("1 keer" if n == 1 else f"{n} keer") if nl else ("once" if n == 1 else f"{n} times")
    if n <= max(2, len(calls) // 2):
        if nl:
            return (
                f"Je liet de klant meestal uitpraten: {times} begon je terwijl de klant nog sprak."
            )
        return f"You mostly let the customer finish: {times} you began while they still spoke."
    most = max(calls, key=lambda b: b.conversation.interruptions or 0, default=None)
    where = ""
    if most is not None and (most.conversation.interruptions or 0) * 3 >= n:
        where = f", {'het vaakst in' if nl else 'most often in'} {call_list([most.label], nl)}"
    if nl:
        return f"{times.capitalize()} begon je te praten terwijl de klant nog sprak{where}."
    return f"{times.capitalize()} you began to speak while the customer still spoke{where}."


def _share(f: ShiftFigures, calls: Sequence[CallBar], nl: bool) -> str | None:
    share = f.conversation.talk_share
    if share is None:
        return None
    shares = {b.label: s for b in calls if (s := b.conversation.talk_share) is not None}
    high = sorted(shares, key=lambda n: -shares[n])
    high = [n for n in high if shares[n] >= HIGH_TALK_SHARE][:NAMED_CALLS]
    rest = sorted(s for n, s in shares.items() if n not in high)
    if high and rest:
        peak = percent(max(shares[n] for n in high))
        middle = rest[len(rest) // 2]
        about = (
            ("rond de helft" if nl else "about half") if 0.4 <= middle <= 0.6 else percent(middle)
        )
        named = call_list(high, nl)
        if nl:
            most = f"{peak} van de tijd" if len(high) == 1 else f"tot {peak} van de tijd"
            return f"In {named} sprak je {most}; in de andere gesprekken {about}."
        most = f"{peak} of the time" if len(high) == 1 else f"up to {peak} of the time"
        return f"In {named} you spoke {most}; in the other calls {about}."
    if share >= HIGH_TALK_SHARE:
        if nl:
            return f"Je sprak {percent(share)} van de tijd; de klant kwam minder aan het woord."
        return f"You spoke {percent(share)} of the time; the customer spoke less."
    if share <= LOW_TALK_SHARE:
        if nl:
            return f"Je liet de klant veel aan het woord: je sprak {percent(share)} van de tijd."
        return f"You let the customer do most of the talking: you spoke {percent(share)} of it."
    if nl:
        return f"Praten en luisteren waren in evenwicht: je sprak {percent(share)} van de tijd."
    return f"Talking and listening were in balance: you spoke {percent(share)} of the time."


def _about(share: float, nl: bool) -> str:
    """ "rond de helft", or the share to the nearest ten: "rond de 60%"."""
    if 0.4 <= share <= 0.6:
        return "rond de helft" if nl else "about half"
    return f"{'rond de' if nl else 'about'} {percent(round(share, 1))}"


def _pace(f: ShiftFigures, calls: Sequence[CallBar], nl: bool) -> str | None:
    faster = [b.label for b in calls if b.conversation.faster_than_customer]
    if faster:
        named = call_list(faster, nl)
        if len(faster) > NAMED_CALLS:
            named = "meerdere gesprekken" if nl else "several calls"
        if nl:
            return f"Je tempo lag in {named} duidelijk boven dat van de klant."
        return f"In {named} your pace was clearly above the customer's."
    c = f.conversation
    if c.agent_rate_syl_s is None or c.customer_rate_syl_s is None:
        return None
    language: Language = "nl" if nl else "en"
    mine, theirs = decimal(c.agent_rate_syl_s, language), decimal(c.customer_rate_syl_s, language)
    if nl:
        return (
            f"Je tempo paste bij dat van de klant: jij {mine}, de klant {theirs} "
            "lettergrepen per seconde."
        )
    return f"Your pace suited the customer's: you {mine}, the customer {theirs} syllables/s."


def _dead_air(f: ShiftFigures, calls: Sequence[CallBar], nl: bool) -> str | None:
    total_s = f.conversation.dead_air_s
    if total_s is None:
        return None
    silent = [b for b in calls if (b.conversation.dead_air_s or 0.0) >= 1.0]
    if total_s < 1.0 or not silent:
        return "Er vielen geen lange stiltes aan de lijn." if nl else "There was no dead air."
    seconds = round(sum(b.conversation.dead_air_s or 0.0 for b in silent))
    named = call_list([b.label for b in silent], nl) if len(silent) <= NAMED_CALLS else None
    if nl:
        where = f"In {named}" if named else f"In {len(silent)} gesprekken"
        together = " samen" if len(silent) > 1 else ""
        return (
            f"{where} was het{together} {seconds} seconden stil aan de lijn; zeg dan gerust "
            "even wat je aan het doen bent."
        )
    where = f"In {named}" if named else f"In {len(silent)} calls"
    return (
        f"{where} the line was silent for {seconds} seconds; feel free to say what you are "
        "doing then."
    )
