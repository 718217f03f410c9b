"""Smart Region portfolio: the core library (model, vocabulary, store, checks, git, CLI).

The core never imports textual or rich; the terminal UI lives in the ``tui`` package.
"""
