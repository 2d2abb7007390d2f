"""Streaming speech recognition with vosk: words with start/end times on the stream clock.

One `vosk.Model` per folder per process (loading takes seconds and hundreds of MB); one
`StreamingRecognizer` per thread that feeds audio (vosk recognizers are not thread-safe).
"""

import json
import logging
import threading
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import vosk
from numpy.typing import NDArray

from desktop.errors import UserError
from desktop.recognition.model_check import raise_if_unreadable
from desktop.recognition.model_layout import missing_model_files, summarize_names
from desktop.recognition.words import RecognitionUpdate, Word

logger = logging.getLogger(__name__)

PROBE_SAMPLE_RATE_HZ = 16000
RENEW_AFTER_S = 300.0
"""Audio (s) a vosk recognizer decodes before it is replaced at the next utterance's end,
which bounds its graph cache (see `StreamingRecognizer`). Measured with 600 s too: RSS then
peaked about 50 MB higher in every recognizer's lifetime (docs/benchmarks.md). Building a
recognizer takes about 0.1 s."""

_LOAD_LOCK = threading.Lock()  # two threads asking for one model must not load it twice


def load_model(path: Path | str) -> vosk.Model:
    """Load the vosk model in folder `path`, once per process per (resolved) folder.

    Call it off the UI thread: a small model takes a few seconds. Always `vosk.Model(path)`,
    never `lang=` (that would download). Raises `UserError` when vosk refuses the folder,
    naming missing or unreadable files when that is the reason, and when a recognizer cannot
    be made from it (a damaged decoding graph). Run `check_model_folder` first for
    checksum verification; this function only loads.
    """
    folder = Path(path).expanduser().resolve()
    with _LOAD_LOCK:
        return _load_model_cached(folder)


@cache
def _load_model_cached(folder: Path) -> vosk.Model:
    # functools.cache does not store exceptions, so a folder fixed after a failure loads.
    # -1 still lets Kaldi print warnings ("Discarding word-ids ...") on stderr; -2 silences them.
    vosk.SetLogLevel(-2)
    if not folder.is_dir():
        raise UserError(
            f"The speech model folder {folder} does not exist or is not a folder; choose the "
            "folder you unzipped the model into."
        )
    raise_if_unreadable(folder)
    try:
        model = vosk.Model(str(folder))
    except Exception as err:  # vosk raises a bare Exception("Failed to create a model")
        raise_if_unreadable(folder)
        missing = missing_model_files(folder)
        reason = f"missing {summarize_names(missing)}" if missing else "a file may be damaged"
        raise UserError(
            f"Vosk could not load the speech model in {folder} ({reason}); re-download it "
            "or ask IT for a fresh copy."
        ) from err
    # A graph file cut short does not fail the model: vosk logs the failed read, keeps an
    # empty graph and refuses only when a recognizer is made. Make one now (~0.1 s), so a
    # damaged model is refused here, with a sentence, and never attached as if it worked.
    try:
        vosk.KaldiRecognizer(model, PROBE_SAMPLE_RATE_HZ)
    except Exception as err:  # vosk: Exception("Failed to create a recognizer")
        raise UserError(_unusable_graph_message(folder)) from err
    return model


def _unusable_graph_message(folder: Path | None) -> str:
    where = f" in {folder}" if folder is not None else ""
    graph = sorted(path.name for path in folder.glob("graph/*.fst")) if folder else []
    files = f" ({', '.join('graph/' + name for name in graph)})" if graph else ""
    return (
        f"Vosk loaded the speech model{where} but cannot recognise with it: its decoding "
        f"graph{files} is damaged or cut short; re-download it or ask IT for a fresh copy."
    )


def recognizer_label(model_path: Path | str) -> str:
    """A short name for logs and summaries: `vosk:<model folder name>`."""
    return f"vosk:{Path(model_path).name}"


class StreamingRecognizer:
    """Feeds int16 mono blocks to one `vosk.KaldiRecognizer` and returns timed words.

    vosk reports times in seconds since the recognizer's first sample. The engine may start
    (or restart) recognition after the stream began, e.g. when the model finished loading
    in the background, so `offset_s` (stream-clock time of the first sample fed) is added
    to every time. The recognizer counts the samples it was fed, so `position_s` is the
    stream time of the next sample and `reset()` can continue from there.

    A vosk recognizer's memory grows with the audio it has decoded, for hours: with a
    lookahead model (HCLr.fst + Gr.fst, as the small models are) each recognizer composes
    its decoding graph on the fly and keeps the composed states it visited in a cache of
    its own, which keeps filling as new words and word sequences are heard
    (docs/benchmarks.md, "A whole shift with recognition"). So once a recognizer has been
    fed `renew_after_s` of audio it is replaced by a fresh one at the next end of an
    utterance, with its time origin at the next sample: the words' times stay on the
    stream clock. Besides the graph cache, a renewal restarts the feature pipeline (the
    speaker's i-vector adaptation), as vosk itself does at the first utterance end after
    600 s of audio (`Recognizer::CleanUp`, to bound the features it keeps); every 300 s
    that happens twice as often.
    """

    def __init__(
        self,
        model: vosk.Model,
        sample_rate_hz: int = 16000,
        offset_s: float = 0.0,
        renew_after_s: float | None = RENEW_AFTER_S,
    ) -> None:
        self._model = model
        self._sample_rate_hz = sample_rate_hz
        self._offset_s = offset_s
        self._renew_after_samples = (
            None if renew_after_s is None else round(renew_after_s * sample_rate_hz)
        )
        self._samples_fed = 0
        self._last_partial_text = ""
        self._renewals = 0
        self._recognizer = self._new_recognizer()

    @property
    def offset_s(self) -> float:
        """Stream-clock time (s) of the first sample fed since creation or `reset()`."""
        return self._offset_s

    @property
    def samples_fed(self) -> int:
        """Samples fed since creation or the last `reset()`."""
        return self._samples_fed

    @property
    def renewals(self) -> int:
        """How often the vosk recognizer was replaced at an utterance's end (see above)."""
        return self._renewals

    @property
    def position_s(self) -> float:
        """Stream-clock time (s) of the next sample to be fed."""
        return self._offset_s + self._samples_fed / self._sample_rate_hz

    def accept(self, samples: NDArray[np.int16]) -> RecognitionUpdate:
        """Feed one block; return the closed utterance's words or the changed partial words.

        `samples` is mono int16 at `sample_rate_hz` (shape `(n,)`, or `(n, 1)` as
        sounddevice delivers). When vosk detects the end of an utterance the update holds
        its final words (possibly none, e.g. after noise); otherwise it holds the current
        partial hypothesis, or nothing when its text did not change since the last update.
        """
        if samples.dtype != np.int16:
            raise TypeError(f"expected int16 samples, got {samples.dtype}")
        if samples.ndim == 2 and samples.shape[1] == 1:
            samples = samples[:, 0]
        if samples.ndim != 1:
            raise ValueError(f"expected mono samples, got shape {samples.shape}")
        if samples.size == 0:
            return RecognitionUpdate()
        self._samples_fed += samples.size
        if self._recognizer.AcceptWaveform(np.ascontiguousarray(samples).tobytes()):
            self._last_partial_text = ""
            result = _parse_json(self._recognizer.Result())
            update = RecognitionUpdate(final_words=self._words(result.get("result")))
            self._renew_when_due()
            return update
        partial = _parse_json(self._recognizer.PartialResult())
        text = str(partial.get("partial", ""))
        if text == self._last_partial_text:
            return RecognitionUpdate()
        self._last_partial_text = text
        return RecognitionUpdate(partial_words=self._words(partial.get("partial_result")))

    def finish(self) -> RecognitionUpdate:
        """Close the open utterance (end of a call or file) and return its final words.

        Feeding may continue afterwards; times go on from `position_s`.
        """
        self._last_partial_text = ""
        result = _parse_json(self._recognizer.FinalResult())
        return RecognitionUpdate(final_words=self._words(result.get("result")))

    def reset(self, offset_s: float | None = None) -> None:
        """Drop the open utterance and start afresh; the next sample is at `offset_s`.

        Without `offset_s` the stream continues where it was (`position_s`). A fresh vosk
        recognizer (about 0.1 s to build) makes the new time origin exact; one that has not
        been fed yet is kept, so attaching a just-built recognizer at the engine's current
        time costs nothing.
        """
        self._offset_s = self.position_s if offset_s is None else offset_s
        self._last_partial_text = ""
        if self._samples_fed:
            self._samples_fed = 0
            self._recognizer = self._new_recognizer()

    def _renew_when_due(self) -> None:
        """At an utterance's end: a fresh vosk recognizer once this one decoded enough
        audio, its time origin at the next sample (the words' times stay on the stream
        clock)."""
        due = self._renew_after_samples
        if due is not None and self._samples_fed >= due:
            self.reset()
            self._renewals += 1

    def _new_recognizer(self) -> vosk.KaldiRecognizer:
        """A vosk recognizer with word times; UserError when vosk cannot make one (a model
        made without `load_model`, which would have refused it)."""
        try:
            recognizer = vosk.KaldiRecognizer(self._model, self._sample_rate_hz)
        except Exception as err:  # vosk: Exception("Failed to create a recognizer")
            raise UserError(_unusable_graph_message(None)) from err
        recognizer.SetWords(True)
        recognizer.SetPartialWords(True)
        return recognizer

    def _words(self, entries: object) -> tuple[Word, ...]:
        if not isinstance(entries, list):
            return ()
        return tuple(
            Word(
                text=str(entry["word"]),
                start_s=self._offset_s + float(entry["start"]),
                end_s=self._offset_s + float(entry["end"]),
                confidence=float(entry.get("conf", 1.0)),
            )
            for entry in entries
        )


def _parse_json(text: str) -> dict[str, Any]:
    """vosk's JSON result as a dict; empty or unreadable output counts as "no words"."""
    if not text.strip():
        return {}
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as error:
        # Only where it broke and how long it was: the text itself may hold spoken words,
        # and nothing the agent said goes into the log.
        logger.warning("vosk returned unreadable JSON (%d characters): %s", len(text), error.msg)
        return {}
    return parsed if isinstance(parsed, dict) else {}
