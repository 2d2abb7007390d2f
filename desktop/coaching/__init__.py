"""Coaching: cue rules over the engine's timeline, and the gate that keeps them gentle."""
