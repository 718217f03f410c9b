"""The keys of a screen and what they do, in one line at the bottom; clicking one presses it.

Textual's Footer rebuilds its widgets (one per key) every time the focus moves: five times while
the main screen starts, about 60 ms. Our screens' keys do not change while they are shown, so
this bar is made once, as one line of text.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widget import Widget

from tui.bindings import described


class KeyBar(Widget):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description"}

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._spans: list[tuple[int, int, Binding]] = []

    def shown_bindings(self) -> list[Binding]:
        """The screen's keys, then the app's (the command palette), as the footer listed them."""
        return [binding for binding in [*described(self.screen), *described(self.app)] if binding.show]

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        text = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        for binding in self.shown_bindings():
            start = len(text)
            text.append(f" {self.app.get_key_display(binding)} ", key_style)
            text.append(f"{binding.description} ", description_style)  # our own, translated: no markup
            self._spans.append((start, len(text), binding))
        return text

    def on_click(self, event: events.Click) -> None:
        for start, end, binding in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(binding.key)
                return
