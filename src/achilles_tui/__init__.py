"""achilles-tui: a terminal companion for home Achilles tendon rehab."""

__version__ = "0.1.0"
