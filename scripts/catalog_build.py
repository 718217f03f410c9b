"""Keeping the translation catalogs current: ``python scripts/catalog_build.py`` (development only).

One run extracts every user-facing string (``_()``, ``N_()``, ``ngettext()`` and the help of each
click command, its docstring) from ``portfolio/`` and ``tui/``, and the messages click itself
shows; merges them into ``portfolio/locale/<lang>/LC_MESSAGES/portfolio.po`` for every language
there (keeping translations, adding new strings untranslated, dropping strings no longer used);
and compiles each ``.po`` into its ``.mo``. A test fails while a string is untranslated or a
``.mo`` is older than its ``.po``. A new language: create its folder and run this.

Needs ``babel`` (a test dependency), never at run time.
"""

from __future__ import annotations

import ast
import inspect
import io
import sys
from dataclasses import dataclass, field
from pathlib import Path

from portfolio.cli.i18n import CLICK_MESSAGE_MODULES
from portfolio.i18n import DOMAIN, LOCALE_DIR, SOURCE_LANGUAGE

REPOSITORY = Path(__file__).resolve().parent.parent
OWN_SOURCES = ("portfolio", "tui")  # folders of the repository whose strings we translate
CLICK_LOCATION = "click"


@dataclass
class Message:
    """One string to translate: its id (a tuple of singular and plural for ngettext) and where it is used."""

    id: str | tuple[str, str]
    locations: set[str] = field(default_factory=set)


def _string(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _is_command_decorator(decorator: ast.AST) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
    return name in ("command", "group")


def messages_in_source(text: str) -> list[str | tuple[str, str]]:
    """The translatable strings of one Python source, in order."""
    found: list[str | tuple[str, str]] = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id in ("_", "N_") and node.args and _string(node.args[0]):
                found.append(_string(node.args[0]))
            elif node.func.id == "ngettext" and len(node.args) >= 2 and _string(node.args[0]) and _string(node.args[1]):
                found.append((_string(node.args[0]), _string(node.args[1])))
        elif isinstance(node, ast.FunctionDef) and any(_is_command_decorator(d) for d in node.decorator_list):
            docstring = ast.get_docstring(node, clean=False)
            if docstring:
                found.append(inspect.cleandoc(docstring))
    return [message for message in found if message]


def extract() -> dict[str | tuple[str, str], Message]:
    """Every translatable string of our sources and of click's messages."""
    messages: dict[str | tuple[str, str], Message] = {}

    def add(path: Path, location: str) -> None:
        for message_id in messages_in_source(path.read_text(encoding="utf-8")):
            messages.setdefault(message_id, Message(message_id)).locations.add(location)

    for folder in OWN_SOURCES:
        for path in sorted((REPOSITORY / folder).rglob("*.py")):
            add(path, path.relative_to(REPOSITORY).as_posix())
    import click

    click_dir = Path(click.__file__).resolve().parent
    for name in CLICK_MESSAGE_MODULES:
        add(click_dir / f"{name}.py", f"{CLICK_LOCATION}/{name}.py")
    return messages


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str) -> Path:
    return po_path(language).with_suffix(".mo")


def catalog_languages() -> list[str]:
    return sorted(path.name for path in LOCALE_DIR.iterdir() if (path / "LC_MESSAGES").is_dir())


def read_po(language: str):
    from babel.messages.pofile import read_po as babel_read_po

    with po_path(language).open("rb") as handle:
        return babel_read_po(handle, locale=language, domain=DOMAIN)


def compiled_mo(catalog) -> bytes:
    """The ``.mo`` bytes of a catalog (fuzzy entries left out), deterministic for a given ``.po``."""
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def po_text(catalog) -> bytes:
    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, include_lineno=False, sort_output=True, ignore_obsolete=True)
    return buffer.getvalue()


def update_language(language: str, messages: dict[str | tuple[str, str], Message]) -> tuple[int, int]:
    """Merge ``messages`` into the language's ``.po`` and compile it; returns (new, untranslated)."""
    from babel.messages.catalog import Catalog

    path = po_path(language)
    old = read_po(language) if path.is_file() else Catalog(locale=language, domain=DOMAIN)
    # Dates and versions from the previous file, so that a run without changes changes nothing.
    catalog = Catalog(
        locale=language,
        domain=DOMAIN,
        project="smart-region-portfolio",
        version="0.1",
        header_comment=f"# {language} messages of the Smart Region portfolio tool.",
        creation_date=old.creation_date,
        revision_date=old.revision_date,
        msgid_bugs_address="",
        last_translator="",
        language_team=language,
        fuzzy=False,
    )
    new = untranslated = 0
    for message_id, message in sorted(messages.items(), key=lambda item: str(item[0])):
        previous = old.get(message_id)
        if previous is None:
            new += 1
        string = previous.string if previous is not None else ("", "") if isinstance(message_id, tuple) else ""
        flags = set(previous.flags) - {"python-format"} if previous is not None else set()
        locations = [(location, None) for location in sorted(message.locations)]
        catalog.add(message_id, string, locations=locations, flags=flags)
        translated = all(string) if isinstance(string, tuple) else bool(string)
        if language != SOURCE_LANGUAGE and not translated:
            untranslated += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(po_text(catalog))
    mo_path(language).write_bytes(compiled_mo(read_po(language)))
    return new, untranslated


def main() -> int:
    messages = extract()
    for language in catalog_languages():
        new, untranslated = update_language(language, messages)
        print(
            f"{po_path(language).relative_to(REPOSITORY)}: {len(messages)} strings, {new} new, "
            f"{untranslated} untranslated"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
