"""matchdesk: capture expressions of interest at matchmaking workshops."""

__version__ = "0.1.0"
