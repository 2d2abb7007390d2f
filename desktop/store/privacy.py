"""What of a cue's evidence may be stored: no recognised words unless the supervisor allows.

The rules put spoken words in text values: key_pause's and the phrase cues' "phrase" (the
words said, as matched). Numbers never carry words, and a few text keys hold no speech:
"kind" (key_pause: "number", "date"...), "expected" (acknowledgement: the fixed example
"Ik begrijp dat …"), "alternative" (policy_shield/blame: the better wording from the phrase
list) and "baseline_syl_s" (haste: "none" before the baseline is known). Any other text value
is treated as spoken words and dropped: a new rule's text stays out of the file until it is
added here.
"""

from collections.abc import Mapping

from desktop.store.records import EvidenceValue

TEXT_KEYS_WITHOUT_SPEECH = frozenset({"kind", "expected", "alternative", "baseline_syl_s"})


def storable_evidence(
    evidence: Mapping[str, EvidenceValue], store_transcripts: bool
) -> dict[str, EvidenceValue]:
    """The evidence to write: all of it when transcripts may be stored, else without the
    text values that may hold the agent's words."""
    if store_transcripts:
        return dict(evidence)
    return {
        key: value
        for key, value in evidence.items()
        if not isinstance(value, str) or key in TEXT_KEYS_WITHOUT_SPEECH
    }
