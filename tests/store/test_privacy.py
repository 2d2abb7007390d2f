"""No recognised words are stored unless the supervisor's policy allows transcripts."""

from pathlib import Path

import pytest

from desktop.coaching.settings import Policy, PrivacySettings
from desktop.store import ShiftRecorder, open_history
from desktop.store.privacy import storable_evidence

from shiftscript import ShiftScript

SAID = "het bedrag is twaalf euro vijftig"


def record_a_key_point(path: Path, store_transcripts: bool) -> int:
    script = ShiftScript().speak(1.0, 5.0).say(SAID, 1.5)
    evidence: dict[str, float | str] = {"phrase": "twaalf euro vijftig", "kind": "amount"}
    script.cue("key_pause", 4.0, evidence | {"pause_ms": 40.0, "min_pause_ms": 300.0})
    script.cue("policy_shield", 4.5, {"phrase": "dat is ons beleid", "alternative": "Ik kan …"})
    policy = Policy(privacy=PrivacySettings(store_transcripts=store_transcripts))
    opened = open_history(path, retention_days=90)
    recorder = ShiftRecorder(opened.store, policy, "mic")
    for event in script.events(10.0):
        recorder.observe(event)
    opened.store.close()
    return recorder.shift_id


def test_without_permission_no_word_reaches_the_file(history_path: Path) -> None:
    """By default the cue evidence loses its phrases, no transcript is kept, and none of the
    words said is anywhere in the database files; the numbers and kinds stay."""
    shift_id = record_a_key_point(history_path, store_transcripts=False)
    raw = b"".join(p.read_bytes() for p in history_path.parent.iterdir()).lower()
    for word in ("twaalf", "vijftig", "bedrag", "beleid"):
        assert word.encode() not in raw
    opened = open_history(history_path, retention_days=90)
    history = opened.store.load_shift(shift_id)
    opened.store.close()
    assert history is not None and not history.shift.transcripts_stored
    assert history.transcript == ()
    key_pause, shield = history.cues
    assert key_pause.evidence == {"kind": "amount", "pause_ms": 40.0, "min_pause_ms": 300.0}
    assert shield.evidence == {"alternative": "Ik kan …"}
    assert sum(i.words or 0 for i in history.intervals) == len(SAID.split())


def test_with_permission_the_words_are_kept(history_path: Path) -> None:
    """With `privacy.store_transcripts`, the final words and the cue phrases are stored."""
    shift_id = record_a_key_point(history_path, store_transcripts=True)
    opened = open_history(history_path, retention_days=90)
    history = opened.store.load_shift(shift_id)
    opened.store.close()
    assert history is not None and history.shift.transcripts_stored
    assert " ".join(w.text for w in history.transcript) == SAID
    assert history.cues[0].evidence["phrase"] == "twaalf euro vijftig"


@pytest.mark.parametrize(
    ("evidence", "kept"),
    [
        (
            {"rate_syl_s": 6.2, "baseline_syl_s": "none"},
            {"rate_syl_s": 6.2, "baseline_syl_s": "none"},
        ),
        (
            {"silence_s": 7.0, "expected": "Ik begrijp dat …"},
            {"silence_s": 7.0, "expected": "Ik begrijp dat …"},
        ),
        ({"phrase": "dat is ons beleid", "alternative": "Ik kan …"}, {"alternative": "Ik kan …"}),
        ({"words": "ja ja", "text": "hallo", "said": "iets nieuws"}, {}),
    ],
)
def test_text_evidence_is_kept_only_when_it_holds_no_speech(
    evidence: dict[str, float | str], kept: dict[str, float | str]
) -> None:
    """Numbers and known speech-free texts stay; phrases and any unknown text key go (a new
    rule's text is kept out until someone decides it holds no speech)."""
    assert storable_evidence(evidence, store_transcripts=False) == kept
    assert storable_evidence(evidence, store_transcripts=True) == evidence
