"""The speakers: spoken cues and tones mixed on an audio thread, started on their exact time."""
