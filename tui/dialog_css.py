"""The style sheet of the screens shown over the main screen (forms, pickers, dialogs, views).

Each names it as its ``CSS_PATH``: Textual reads it when the first of them opens. In the app's own
style sheet it was parsed at every start-up, before the first frame (4 ms of 270).
"""

from pathlib import Path

DIALOGS_CSS = Path(__file__).parent / "dialogs.tcss"
