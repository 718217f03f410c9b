"""Type to jump: in a list of choices, the letters typed one after another go to the first choice
whose label starts with them (``rh`` goes to Rheine), umlauts and case folded.

Textual's ``Select`` searches only in its open menu and only plain-string prompts (ours are
``Content``, literal); ``OptionList`` and ``SelectionList`` do not search at all. These subclasses
give every list of choices of the UI the same jump: the open menu, the closed ``Select`` (its
value follows, as a browser's select does), the multi-select and the pickers' lists. Space keeps
its meaning (toggle, open) and digits stay free for the pickers' number keys.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from textual import events
from textual.widgets import OptionList, Select, SelectionList

from portfolio.domain.search import fold

JUMP_PAUSE = 1.0  # seconds: a letter typed later than this after the last one starts a new prefix


class TypedPrefix:
    """The letters typed one after another, each within ``pause`` seconds of the one before."""

    def __init__(self, pause: float = JUMP_PAUSE, clock: Callable[[], float] = time.monotonic) -> None:
        self.pause = pause
        self.clock = clock
        self.text = ""
        self._last = float("-inf")

    def reset(self) -> None:
        self.text = ""
        self._last = float("-inf")

    def add(self, char: str) -> str:
        now = self.clock()
        if now - self._last > self.pause:
            self.text = ""
        self._last = now
        self.text += char
        return self.text


def jump_key(char: str | None, digits: bool = False) -> bool:
    """Whether a typed character is one to jump with (not space, nothing unprintable; digits only where
    they are not the list's number keys)."""
    return (
        bool(char) and len(char) == 1 and char.isprintable() and not char.isspace() and (digits or not char.isdigit())
    )


def _label(prompt: object) -> str:
    return str(getattr(prompt, "plain", prompt))


def _matchable(label: str) -> str:
    """A label as typed prefixes are matched against: folded, a leading number ("3. Planung") left out."""
    return fold(label).lstrip("0123456789.) ").strip()


def first_match(labels: Iterable[object], prefix: str) -> int | None:
    """The index of the first label that starts with ``prefix``; else of the first with a word that does."""
    wanted = fold(prefix)
    texts = [_matchable(_label(label)) for label in labels]
    for index, text in enumerate(texts):
        if text.startswith(wanted):
            return index
    for index, text in enumerate(texts):
        if any(word.startswith(wanted) for word in text.replace("-", " ").split()):
            return index
    return None


class _JumpInList:
    """For an ``OptionList``: letters move the highlight to the matching option."""

    _typed: TypedPrefix
    jump_digits = False  # the pickers choose by number keys

    def on_key(self, event: events.Key) -> None:
        if not hasattr(self, "_typed"):
            self._typed = TypedPrefix()
        if not jump_key(event.character, self.jump_digits):
            self._typed.reset()  # space, an arrow: what is typed next starts a new prefix
            return
        prefix = self._typed.add(event.character or "")
        options = self.options  # type: ignore[attr-defined]
        index = first_match((option.prompt for option in options), prefix)
        if index is not None and not options[index].disabled:
            self.highlighted = index  # type: ignore[attr-defined]
        event.stop()
        event.prevent_default()


class JumpOptionList(_JumpInList, OptionList):
    """An ``OptionList`` that jumps by typing."""


class JumpSelectionList(_JumpInList, SelectionList):
    """A ``SelectionList`` (several choices) that jumps by typing; space still ticks the highlighted one."""


try:  # the menu of a Select; private in Textual, so without it the open menu keeps Textual's search
    from textual.widgets._select import SelectOverlay
except ImportError:  # pragma: no cover - another Textual
    SelectOverlay = None  # type: ignore[assignment,misc]


if SelectOverlay is not None:

    class JumpSelectOverlay(SelectOverlay):
        """The open menu of a ``JumpSelect``: Textual's own search, matched the way ``first_match`` does."""

        def _find_search_match(self, query: str) -> int | None:
            return first_match((option.prompt for option in self.options), query)


class JumpSelect(Select):
    """A ``Select`` that jumps by typing: closed, the value becomes the matching option; open, the
    highlight moves to it."""

    def compose(self):
        if SelectOverlay is None:  # pragma: no cover - another Textual
            yield from super().compose()
            return
        for widget in super().compose():
            if isinstance(widget, SelectOverlay):
                widget = JumpSelectOverlay(type_to_search=self._type_to_search).data_bind(compact=Select.compact)
            yield widget

    def on_key(self, event: events.Key) -> None:
        if not hasattr(self, "_typed"):
            self._typed = TypedPrefix()
        if self.expanded or not jump_key(event.character):
            self._typed.reset()
            return
        prefix = self._typed.add(event.character or "")
        choices = [(prompt, value) for prompt, value in self._options if value is not Select.NULL]
        index = first_match((prompt for prompt, _value in choices), prefix)
        if index is not None:
            self.value = choices[index][1]
        event.stop()
        event.prevent_default()
