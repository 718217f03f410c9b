"""Smart Region portfolio: the core library, in layers (base modules here, then ``domain``, ``files``,
``git``, ``history``, ``changes``, ``outputs``), and the command line on top (``cli``).

The core never imports the command line or the terminal UI (the ``tui`` package); CONTRIBUTING.md
has the map.
"""
