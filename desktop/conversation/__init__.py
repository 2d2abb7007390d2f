"""Both sides of a call: which frames are echo (echo_gate), who holds the floor (turns),
and the call's conversation figures (figures). Pure: no Qt, no audio devices."""
