"""How engine events are written: JSON Lines for tools, short lines for people."""

import json
from typing import Any

from desktop.coaching.calls import CallStarted
from desktop.coaching.coach import TempoReading
from desktop.coaching.cue import Cue
from desktop.conversation.turns import Turn
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
        case SpeechSegment(start_s, end_s, syllables, speaker):
            return {
                "type": "segment",
                "start_s": _r(start_s),
                "end_s": _r(end_s),
                "syllables": syllables,
                "speaker": speaker,
            }
        case Pause(start_s, end_s, speaker):
            return {
                "type": "pause",
                "start_s": _r(start_s),
                "end_s": _r(end_s),
                "duration_s": _r(end_s - start_s),
                "speaker": speaker,
            }
        case Turn(speaker=speaker, start_s=start_s, end_s=end_s):
            return {"type": "turn", "speaker": speaker, "start_s": _r(start_s), "end_s": _r(end_s)}
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
        **conversation_keys(ended),
    }


def conversation_keys(ended: StreamEnded) -> dict[str, Any]:
    """The summary's two-sided figures; all None without a customer channel."""
    c = ended.conversation
    return {
        "talk_share_agent": None if c is None else _r(c.talk_share_agent),
        "customer_turns": None if c is None else c.customer_turns,
        "overtalk_s": None if c is None else _r(c.overtalk_s),
        "interruptions": None if c is None else c.interruptions,
        "dead_air_s": None if c is None else _r(c.dead_air_s),
        "agent_response_delay_s": None if c is None else _r(c.agent_response_delay_s),
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
        case SpeechSegment(start_s, end_s, syllables, speaker):
            rate = syllables / (end_s - start_s) if end_s > start_s else 0.0
            who = "speech" if speaker == "agent" else "customer speech"
            return f"{start_s:8.2f}–{end_s:.2f} s  {who}, {syllables} syllables ({rate:.1f} syll/s)"
        case Pause(start_s, end_s, speaker):
            who = "pause" if speaker == "agent" else "customer pause"
            return f"{start_s:8.2f}–{end_s:.2f} s  {who} {1000 * (end_s - start_s):.0f} ms"
        case Turn(speaker=speaker, start_s=start_s, end_s=end_s):
            return f"{start_s:8.2f}–{end_s:.2f} s  {speaker} turn"
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
    lines = [
        f"{ended.source}: {s.duration_s:.2f} s of audio, {s.speech_span_s:.2f} s of speech",
        f"  syllables {s.syllables}, speech rate {rate} syll/s, articulation rate {art} syll/s",
        f"  pauses {len(s.pauses)} (≥ 200 ms), phonation {s.phonation_s:.2f} s, words {words}",
    ]
    c = ended.conversation
    if c is not None:
        share = "–" if c.talk_share_agent is None else f"{100 * c.talk_share_agent:.0f} %"
        delay = c.agent_response_delay_s
        lines.append(
            f"  agent's talk share {share}, customer turns {c.customer_turns}, "
            f"overtalk {c.overtalk_s:.1f} s, interruptions {c.interruptions}, "
            f"dead air {c.dead_air_s:.1f} s, response delay "
            + ("–" if delay is None else f"{delay:.2f} s")
        )
    return "\n".join(lines)
