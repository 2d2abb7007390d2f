"""The coaching policy as values: what each cue watches for and how gently it speaks.

These dataclasses hold the defaults (the starting points of DESIGN.md); the supervisor's TOML
file (`desktop/config/`) is parsed into them. Every number carries its unit in its name.
Messages come in Dutch and English; the agent sees the one of the configured language.
"""

from dataclasses import dataclass, field
from typing import Literal

Language = Literal["nl", "en"]
StartAtLogin = Literal["agent", "always", "never"]


@dataclass(frozen=True, slots=True)
class Message:
    """A short text for the agent, in both languages."""

    nl: str
    en: str

    def text(self, language: Language) -> str:
        return self.nl if language == "nl" else self.en


@dataclass(frozen=True, slots=True)
class HasteSettings:
    """Speaking fast: articulation rate over a rolling window of speech is above BOTH the
    floor and the agent's baseline × factor, or above the ceiling, for `sustain_s`. The tempo
    JND is about 10 %, hence the factor 1.15."""

    enabled: bool = True
    window_s: float = 8.0
    """Seconds of speech (not of wall time) the rate is measured over."""
    floor_syl_s: float = 5.5
    baseline_factor: float = 1.15
    ceiling_syl_s: float = 6.5
    sustain_s: float = 4.0
    baseline_warmup_s: float = 120.0
    """Seconds of the agent's speech before their own baseline is trusted; until then only
    the floor and the ceiling apply."""
    cooldown_s: float = 120.0
    title: Message = Message(nl="Rustiger aan", en="Slow down a little")
    message: Message = Message(
        nl="Je spreekt snel — neem even de tijd.",
        en="You are speaking fast — take your time.",
    )


@dataclass(frozen=True, slots=True)
class KeyPauseSettings:
    """Pause before key information: a key phrase or an automatic key point (number, amount,
    date, reference code) starts mid-utterance with less than `min_pause_ms` of silence."""

    enabled: bool = True
    min_pause_ms: float = 300.0
    auto_key_points: bool = True
    extra_phrases_nl: tuple[str, ...] = ()
    extra_phrases_en: tuple[str, ...] = ()
    cooldown_s: float = 90.0
    title: Message = Message(nl="Even pauzeren", en="Pause first")
    message: Message = Message(
        nl="Las een korte pauze in vóór een bedrag, datum of nummer.",
        en="Pause briefly before an amount, a date or a number.",
    )


@dataclass(frozen=True, slots=True)
class AcknowledgementSettings:
    """After a customer turn of at least `min_customer_turn_s` (the agent silent that long),
    the first `reply_window_s` of the agent's reply hold no acknowledgement phrase."""

    enabled: bool = True
    min_customer_turn_s: float = 5.0
    reply_window_s: float = 10.0
    extra_phrases_nl: tuple[str, ...] = ()
    extra_phrases_en: tuple[str, ...] = ()
    cooldown_s: float = 120.0
    title: Message = Message(nl="Eerst erkennen", en="Acknowledge first")
    message: Message = Message(
        nl="Laat eerst merken dat je de klant gehoord hebt.",
        en="First show the customer you heard them.",
    )


@dataclass(frozen=True, slots=True)
class MonologueSettings:
    """The agent has spoken `max_speech_s` without a pause of at least `min_break_s`."""

    enabled: bool = True
    max_speech_s: float = 45.0
    min_break_s: float = 1.5
    cooldown_s: float = 120.0
    title: Message = Message(nl="Vraag of het duidelijk is", en="Ask if it is clear")
    message: Message = Message(
        nl="Vraag even of de klant je nog kan volgen.",
        en="Ask whether the customer can still follow you.",
    )


@dataclass(frozen=True, slots=True)
class PhraseCueSettings:
    """A configured phrase was said (policy shield or blame); the card names a better way."""

    enabled: bool = True
    extra_phrases_nl: tuple[str, ...] = ()
    extra_phrases_en: tuple[str, ...] = ()
    cooldown_s: float = 60.0
    title: Message = Message(nl="", en="")
    message: Message = Message(nl="", en="")


POLICY_SHIELD_TITLE = Message(nl="Zeg wat wél kan", en="Say what you can do")
POLICY_SHIELD_MESSAGE = Message(
    nl="Zeg wat je wél kunt doen, in plaats van ‘dat is ons beleid’.",
    en="Say what you can do, rather than “that is our policy”.",
)
BLAME_TITLE = Message(nl="Kijk vooruit", en="Look ahead")
BLAME_MESSAGE = Message(
    nl="Beschrijf de oplossing, niet wat de klant fout deed.",
    en="Describe the way forward, not what the customer did wrong.",
)


@dataclass(frozen=True, slots=True)
class RaisedVoiceSettings:
    """Loudness at least `above_baseline_db` over the agent's baseline for `sustain_s`."""

    enabled: bool = True
    above_baseline_db: float = 6.0
    sustain_s: float = 3.0
    cooldown_s: float = 120.0
    title: Message = Message(nl="Wat zachter", en="A little softer")
    message: Message = Message(
        nl="Praat wat zachter: dat houdt het gesprek rustig.",
        en="Speak a little softer: it keeps the call calm.",
    )


@dataclass(frozen=True, slots=True)
class FillerSettings:
    """Filler words ("eh", "ehm") at `max_per_min` or more over `window_s`. Off by default."""

    enabled: bool = False
    max_per_min: float = 12.0
    window_s: float = 60.0
    extra_phrases_nl: tuple[str, ...] = ()
    extra_phrases_en: tuple[str, ...] = ()
    cooldown_s: float = 180.0
    title: Message = Message(nl="Stopwoordjes", en="Filler words")
    message: Message = Message(
        nl="Minder ‘eh’ — een stilte mag ook.",
        en="Fewer “uh”s — a short silence is fine.",
    )


@dataclass(frozen=True, slots=True)
class InterruptingSettings:
    """Customer channel: the agent came in while the customer was speaking and both kept on
    for `min_overtalk_s`. Published defaults run from 1 s (MiiTel) to 10 s (Calabrio); 1 s
    catches a real cut-in while backchannels ("ja", "hm", under `backchannel_max_s`) and the
    normal 0.2 s overlap at a change of turn stay far below it."""

    enabled: bool = True
    min_overtalk_s: float = 1.0
    backchannel_max_s: float = 0.8
    cooldown_s: float = 90.0
    title: Message = Message(nl="Tegelijk aan het woord", en="Talking at the same time")
    message: Message = Message(
        nl="Laat de klant uitpraten.",
        en="Let the customer finish.",
    )


@dataclass(frozen=True, slots=True)
class DeadAirSettings:
    """Customer channel: neither side has spoken for `min_silence_s` during a call, outside a
    hold the agent announced (Observe.AI's common limit is 10 s)."""

    enabled: bool = True
    min_silence_s: float = 10.0
    cooldown_s: float = 60.0
    title: Message = Message(nl="Stilte aan de lijn", en="Silence on the line")
    message: Message = Message(
        nl="Vertel de klant wat je aan het doen bent.",
        en="Tell the customer what you are doing.",
    )


@dataclass(frozen=True, slots=True)
class PaceMatchingSettings:
    """Customer channel: over the last `window_s` of the agent's speech the agent's tempo is
    at least `factor` times the customer's own tempo in this call (once the customer has
    spoken `min_customer_speech_s`). Both tempos come from the same acoustic syllable count,
    so a voice's bias weighs on both sides alike; 1.3 is far above the tempo JND (~10 %)."""

    enabled: bool = True
    factor: float = 1.3
    window_s: float = 20.0
    min_customer_speech_s: float = 15.0
    cooldown_s: float = 180.0
    title: Message = Message(nl="Tempo van de klant", en="The customer's pace")
    message: Message = Message(
        nl="Pas je tempo aan de klant aan.",
        en="Match the customer's pace.",
    )


@dataclass(frozen=True, slots=True)
class CustomerSettings:
    """What the agent hears, as the customer channel: "auto" (the default output device),
    "off", or (part of) the name of an output device."""

    source: str = "auto"


@dataclass(frozen=True, slots=True)
class GateSettings:
    """Gentleness: one cue at a time, a global cooldown, a cap per call, a warm-up."""

    global_cooldown_s: float = 30.0
    max_cues_per_call: int = 6
    shift_warmup_s: float = 60.0
    """No cues during the first seconds of a shift (stream time)."""
    card_visible_s: float = 6.0
    sounds: bool = False


@dataclass(frozen=True, slots=True)
class CallSettings:
    """How calls are told apart when nobody presses "new call"."""

    new_call_after_silence_s: float = 60.0
    customer_turn_silence_s: float = 3.0
    """The agent silent this long during a call counts as the customer speaking."""


@dataclass(frozen=True, slots=True)
class PrivacySettings:
    store_transcripts: bool = False
    retention_days: int = 90


@dataclass(frozen=True, slots=True)
class CueSettings:
    haste: HasteSettings = field(default_factory=HasteSettings)
    key_pause: KeyPauseSettings = field(default_factory=KeyPauseSettings)
    acknowledgement: AcknowledgementSettings = field(default_factory=AcknowledgementSettings)
    monologue: MonologueSettings = field(default_factory=MonologueSettings)
    policy_shield: PhraseCueSettings = field(
        default_factory=lambda: PhraseCueSettings(
            title=POLICY_SHIELD_TITLE, message=POLICY_SHIELD_MESSAGE
        )
    )
    blame: PhraseCueSettings = field(
        default_factory=lambda: PhraseCueSettings(title=BLAME_TITLE, message=BLAME_MESSAGE)
    )
    raised_voice: RaisedVoiceSettings = field(default_factory=RaisedVoiceSettings)
    fillers: FillerSettings = field(default_factory=FillerSettings)
    interrupting: InterruptingSettings = field(default_factory=InterruptingSettings)
    dead_air: DeadAirSettings = field(default_factory=DeadAirSettings)
    pace_matching: PaceMatchingSettings = field(default_factory=PaceMatchingSettings)


@dataclass(frozen=True, slots=True)
class Policy:
    """Everything the supervisor sets. `agent_may_change` lists the key paths (as in the TOML
    file, e.g. "general.language" or "cues.fillers.enabled") that an agent's own file may
    set even when the system-wide file sets them."""

    language: Language = "nl"
    model_path: str | None = None
    start_at_login: StartAtLogin = "agent"
    """Login autostart: "agent" (each agent chooses in the menu), "always" or "never"."""
    gate: GateSettings = field(default_factory=GateSettings)
    calls: CallSettings = field(default_factory=CallSettings)
    cues: CueSettings = field(default_factory=CueSettings)
    privacy: PrivacySettings = field(default_factory=PrivacySettings)
    customer: CustomerSettings = field(default_factory=CustomerSettings)
    agent_may_change: tuple[str, ...] = ("general.language", "cues.fillers.enabled")
