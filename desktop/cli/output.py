"""How engine events are written: JSON Lines for tools, short lines for people."""

import json
from typing import Any

from desktop.coaching.calls import CallStarted
from desktop.coaching.coach import TempoReading
from desktop.coaching.cue import Cue
from desktop.engine import TimelineEvent
from desktop.events import Notice, StreamEnded, WordsRecognized
from desktop.prosody.analyzer import Pause, SpeechSegment


def _r(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)


def event_record(event: TimelineEvent) -> dict[str, Any] | list[dict[str, Any]] | None:
    """The JSON record(s) of one event, or None for events not written (ticks, nuclei,
    partial words, tempo readings: those are for meters). Final words become one record per
    word."""
    match event:
        case TempoReading():
            return None
        case SpeechSegment(start_s, end_s, syllables):
            return {
                "type": "segment",
                "start_s": _r(start_s),
                "end_s": _r(end_s),
                "syllables": syllables,
            }
        case Pause(start_s, end_s):
            return {
                "type": "pause",
                "start_s": _r(start_s),
                "end_s": _r(end_s),
                "duration_s": _r(end_s - start_s),
            }
        case WordsRecognized(words=words, final=True):
            return [
                {
                    "type": "word",
                    "text": w.text,
                    "start_s": _r(w.start_s),
                    "end_s": _r(w.end_s),
                    "confidence": _r(w.confidence),
                }
                for w in words
            ]
        case Notice(t_s, kind, message):
            return {"type": "notice", "t_s": _r(t_s), "kind": kind, "message": message}
        case Cue(name, t_s, evidence_t_s, message, evidence, evidence_end_s=evidence_end_s):
            return {
                "type": "cue",
                "cue": name,
                "t_s": _r(t_s),
                "evidence_t_s": _r(evidence_t_s),
                "evidence_end_s": _r(evidence_end_s),
                "message": message,
                "evidence": {k: _r(v) if isinstance(v, float) else v for k, v in evidence.items()},
            }
        case CallStarted(t_s, reason):
            return {"type": "call", "t_s": _r(t_s), "reason": reason}
        case StreamEnded():
            return summary_record(event)
    return None


def summary_record(ended: StreamEnded) -> dict[str, Any]:
    """The summary line. Its keys are a contract: other tools read them."""
    s = ended.summary
    return {
        "type": "summary",
        "file": ended.source,
        "duration_s": _r(s.duration_s),
        "speech_span_s": _r(s.speech_span_s),
        "phonation_s": _r(s.phonation_s),
        "syllables": s.syllables,
        "speech_rate_syl_s": _r(s.speech_rate_syl_s),
        "articulation_rate_syl_s": _r(s.articulation_rate_syl_s),
        "pauses": [[_r(p.start_s), _r(p.end_s)] for p in s.pauses],
        "words": ended.words,
        "recognizer": ended.recognizer,
        "cues": dict(ended.cues),
    }


def json_lines(event: TimelineEvent) -> list[str]:
    record = event_record(event)
    if record is None:
        return []
    records = record if isinstance(record, list) else [record]
    return [json.dumps(r, ensure_ascii=False) for r in records]


def human_line(event: TimelineEvent) -> str | None:
    """One readable line per interesting event, for `listen` and plain `analyze` (tempo
    readings are for meters, not for lines)."""
    match event:
        case TempoReading():
            return None
        case SpeechSegment(start_s, end_s, syllables):
            rate = syllables / (end_s - start_s) if end_s > start_s else 0.0
            return (
                f"{start_s:8.2f}–{end_s:.2f} s  speech, {syllables} syllables ({rate:.1f} syll/s)"
            )
        case Pause(start_s, end_s):
            return f"{start_s:8.2f}–{end_s:.2f} s  pause {1000 * (end_s - start_s):.0f} ms"
        case WordsRecognized(t_s, words, final=True) if words:
            return f"{t_s:8.2f} s     words: {' '.join(w.text for w in words)}"
        case Notice(t_s, _, message):
            return f"{t_s:8.2f} s     {message}"
        case Cue(name, t_s, _, message, evidence):
            details = ", ".join(
                f"{k} {v:.1f}" if isinstance(v, float) else f"{k} {v}" for k, v in evidence.items()
            )
            return f"{t_s:8.2f} s  ▶ {message}  [{name}: {details}]"
        case CallStarted(t_s, reason) if reason != "stream start":
            return f"{t_s:8.2f} s     new call ({reason})"
        case StreamEnded():
            return human_summary(event)
    return None


def human_summary(ended: StreamEnded) -> str:
    s = ended.summary
    rate = "–" if s.speech_rate_syl_s is None else f"{s.speech_rate_syl_s:.2f}"
    art = "–" if s.articulation_rate_syl_s is None else f"{s.articulation_rate_syl_s:.2f}"
    words = "not recognised (no speech model)" if ended.words is None else str(ended.words)
    return "\n".join(
        [
            f"{ended.source}: {s.duration_s:.2f} s of audio, {s.speech_span_s:.2f} s of speech",
            f"  syllables {s.syllables}, speech rate {rate} syll/s, articulation rate {art} syll/s",
            f"  pauses {len(s.pauses)} (≥ 200 ms), phonation {s.phonation_s:.2f} s, words {words}",
        ]
    )
