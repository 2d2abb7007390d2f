"""Prosody from audio frames: level, voice activity, pauses, pitch, syllable nuclei, rates.

numpy and the standard library only: no Qt, no vosk (a test enforces it).
"""
