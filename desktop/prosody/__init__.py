"""Prosody from audio frames: level, voice activity, pauses, pitch, syllable nuclei, rates. numpy only."""
