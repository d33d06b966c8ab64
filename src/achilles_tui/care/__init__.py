"""Use cases: the care state ("what may I do today?") and every action a person can take.

The TUI's screens and the CLI's commands are thin adapters over this layer: they parse input,
call one use case and show its result, so the app and the command line can never disagree.
Clinical judgement comes from ``domain``; reading and writing the history from ``storage``.
This layer imports neither textual nor the interfaces.
"""
