"""Key bindings made when a screen is created, so that their texts are translated then (never at import).

Every binding has an id (for keymaps and tests) and a tooltip (shown in the footer and in help).
"""

from __future__ import annotations

from textual.binding import Binding
from textual.dom import DOMNode


def install(node: DOMNode, bindings: list[Binding]) -> None:
    """Add ``bindings`` to ``node``; each replaces what its key did before on that node."""
    merged = node._bindings.copy()
    for binding in bindings:
        merged.key_to_bindings[binding.key] = [binding]
    node._bindings = merged


def described(node: DOMNode) -> list[Binding]:
    """The bindings of ``node`` that carry an id: the ones a user is told about."""
    return [binding for bindings in node._bindings.key_to_bindings.values() for binding in bindings if binding.id]
