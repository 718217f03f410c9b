"""The Textual terminal UI of the Smart Region portfolio (calls the ``portfolio`` core)."""
