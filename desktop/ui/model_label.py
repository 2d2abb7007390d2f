"""The speech model in words for the agent: its language and its name, and plainly when it
is not Dutch (then the phrase cues cannot hear Dutch phrases).

The language comes from the shipped manifest for a known model, else from the language code
in a vosk model's name ("vosk-model-small-ko-0.22"); a folder named otherwise ("model") has
no language the app can tell. Qt-free.
"""

import re

from desktop.coaching.settings import Language
from desktop.recognition.model_manifest import known_model

_CODE = re.compile(r"(?:^|-)(?P<code>[a-z]{2,3})(?:-|$)")
_SKIP = {"vosk", "model", "small", "big", "lgraph", "spk"}
LANGUAGE_NAMES: dict[str, tuple[str, str]] = {
    "nl": ("Nederlands", "Dutch"),
    "en": ("Engels", "English"),
    "de": ("Duits", "German"),
    "fr": ("Frans", "French"),
    "es": ("Spaans", "Spanish"),
    "it": ("Italiaans", "Italian"),
    "pt": ("Portugees", "Portuguese"),
    "ru": ("Russisch", "Russian"),
    "tr": ("Turks", "Turkish"),
    "ar": ("Arabisch", "Arabic"),
    "pl": ("Pools", "Polish"),
    "uk": ("Oekraïens", "Ukrainian"),
    "cn": ("Chinees", "Chinese"),
    "ja": ("Japans", "Japanese"),
    "ko": ("Koreaans", "Korean"),
}


def model_language(name: str) -> str | None:
    """The model's language code, or None when neither the manifest nor its name says."""
    known = known_model(name)
    if known is not None:
        return known.language
    for match in _CODE.finditer(name.lower()):
        code = match["code"]
        if code not in _SKIP and code in LANGUAGE_NAMES:
            return code
    return None


def describe_model(label: str, language: Language) -> str:
    """ "Nederlands · vosk-model-small-nl-0.22", or with a sentence saying the model is not
    Dutch, or that its language is unknown. `label` is the engine's "vosk:<folder>"."""
    name = label.removeprefix("vosk:")
    nl = language == "nl"
    code = model_language(name)
    if code is None:
        unknown = "taal onbekend" if nl else "language unknown"
        hint = (
            "Speech Coach kan niet zien of dit model Nederlands is."
            if nl
            else "Speech Coach cannot tell whether this model is Dutch."
        )
        return f"{unknown} · {name}. {hint}"
    words_nl, words_en = LANGUAGE_NAMES.get(code, (code, code))
    shown = f"{words_nl if nl else words_en} · {name}"
    if code == "nl":
        return shown
    warning = (
        "Dit model is niet Nederlands: Nederlandse zinnen worden niet herkend."
        if nl
        else "This model is not Dutch: Dutch phrases are not recognised."
    )
    return f"{shown}. {warning}"
