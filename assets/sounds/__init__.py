"""The spoken cues of a guided session; regenerate with scripts/make_voice.py."""
