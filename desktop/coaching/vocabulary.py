"""Small closed word lists for key points, in normalised form (`desktop.coaching.text`)."""

from desktop.coaching.settings import Language


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


MONTHS: dict[Language, frozenset[str]] = {
    "nl": _words(
        "januari februari maart april mei juni juli augustus september oktober november "
        "december jan feb mrt apr aug sept okt nov dec"
    ),
    "en": _words(
        "january february march april may june july august september october november december"
    ),
}
WEEKDAYS: dict[Language, tuple[str, ...]] = {
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "en": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
}
UNITS: dict[Language, frozenset[str]] = {
    "nl": _words("euro euros eurocent eurocenten cent centen procent pond dollar dollars"),
    "en": _words("euro euros cent cents pound pounds quid pence dollar dollars percent"),
}
"""Words that make a number an amount: currencies and percent."""
CONNECTORS: dict[Language, frozenset[str]] = {
    "nl": _words("en komma punt"),
    "en": _words("and point"),
}
"""Words that join two number words into one number ("twee en twintig", "twelve point five")."""
DATE_GLUE: dict[Language, frozenset[str]] = {"nl": frozenset(), "en": _words("of the")}
"""Words between a day and its month ("the third of march")."""
MONTH_FIRST_EXCLUDED: frozenset[str] = _words("may march")
"""English months that are far more often a verb: not a date start before a number."""

_DUTCH_SPELLING = (
    "anton bernard cornelis dirk eduard ferdinand gerard hendrik izaak johan jan karel "
    "lodewijk marie nico otto pieter quotient rudolf simon teunis utrecht victor willem "
    "xantippe ypsilon zacharias"
)
_BELGIAN_SPELLING = (
    "arthur brussel carolina desire emiel frederik gustaaf isidoor jozef kilogram maria "
    "napoleon oscar piano quasimodo robert sofie telefoon ursula waterloo xavier yvonne zola"
)
_NATO = (
    "alfa alpha bravo charlie delta echo foxtrot golf hotel india juliet juliett kilo lima "
    "mike november oscar papa quebec romeo sierra tango uniform victor whiskey whisky xray "
    "yankee zulu"
)
_DUTCH_LETTER_NAMES = "bee cee dee gee jee ka el em pee ku es tee vee wee iks ij zet"
CODE_WORDS: dict[Language, frozenset[str]] = {
    "nl": _words(f"{_DUTCH_SPELLING} {_BELGIAN_SPELLING} {_NATO} {_DUTCH_LETTER_NAMES}"),
    "en": _words(f"{_NATO} double triple"),
}
"""Words that stand for one character of a spelled-out code (besides single characters and
digit words). Dutch letter names that are common words ("de", "en", "er", "ha") are left out."""
WEAK_CODE_TOKENS: dict[Language, frozenset[str]] = {
    "nl": _words("u een t s k o double"),
    "en": _words("a i one double triple o"),
}
"""Code tokens that are usually ordinary words: inside a code only, never at its edges."""
