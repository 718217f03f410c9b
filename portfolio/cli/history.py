"""The history commands of the ``portfolio`` CLI: history, log, diff, blame, timeline.

Registered on the main group by portfolio.cli.app.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import click

from portfolio.cli.context import DayType, Invocation, pass_invocation, repo_option
from portfolio.cli.history_output import Answer, joined
from portfolio.cli.i18n import command
from portfolio.formats import format_date, format_datetime, format_number
from portfolio.history import PERIODS, load_history, project_history_at
from portfolio.history.dates import is_implausible
from portfolio.history.event_filter import EventFilter
from portfolio.i18n import N_, _, ngettext
from portfolio.textsafety import escape_control, json_text

if TYPE_CHECKING:
    from portfolio.domain.vocabulary import Vocabulary
    from portfolio.history import EntryBlame, Event, FieldBlame

# What turns events into text or JSON (the field registry, the texts, msgspec) is imported where an
# output is made: an answer written as it was kept (portfolio.history.kept_output) needs none of it.


def _progress() -> Callable[[int, int], None] | None:
    """A progress line on stderr while a long computation runs, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        if total <= 0:
            return
        end = "\n" if done >= total else ""
        click.echo(
            "\r" + _("reading history: {done}/{total} commits").format(done=done, total=total) + end, err=True, nl=False
        )

    return show


def _shown_date(text: str, shown: str) -> str:
    return f"{shown} {_('(implausible date)')}" if is_implausible(text) else shown


class _EventTexts:
    """The text of each event of one output (what the kinds, the change lines are told as is kept)."""

    def __init__(self, vocabulary: Vocabulary, *, with_id: bool) -> None:
        from portfolio.history.texts import ChangeLines

        self.with_id = with_id
        self.change_lines = ChangeLines(vocabulary)
        self.kinds: dict[str, str] = {}
        self.now = datetime.now(UTC)  # what "in the future" means for this output

    def __call__(self, event: Event) -> str:
        kind = self.kinds.get(event.kind)
        if kind is None:
            from portfolio.history.texts import kind_text

            kind = self.kinds[event.kind] = kind_text(event.kind)
        shown = format_datetime(event.date)
        if is_implausible(event.date, self.now):
            shown = f"{shown} {_('(implausible date)')}"
        head = f"{event.commit[:12]}  {shown}  {kind}"
        if self.with_id:
            head += f"  {event.id}"
        if event.old_path:
            head += "  " + _("({old} -> {new})").format(old=event.old_path, new=event.path)
        lines = [escape_control(head), "    " + escape_control(f"{event.author} <{event.email}>: {event.subject}")]
        if event.merged_in:
            lines.append(
                "    "
                + escape_control(
                    _("merged in {commit}: {subject}").format(
                        commit=event.merged_in.commit[:12], subject=event.merged_in.subject
                    )
                )
            )
        if event.invalid:
            lines.append("    " + escape_control(_("invalid: {reason}").format(reason=event.invalid)))
        lines.extend("    " + line for line in self.change_lines(event.changes))
        return "\n".join(lines)


def _event_text(event: Event, vocabulary: Vocabulary, *, with_id: bool) -> str:
    """One event as ``history`` and ``log`` write it."""
    return _EventTexts(vocabulary, with_id=with_id)(event)


def _format_option(choices: tuple[str, ...] = ("text", "json")) -> Callable:
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(list(choices)),
        default="text",
        show_default=True,
        help=N_("Output format."),
    )


def _output_modules(output_format: str) -> Callable[[], None]:
    """What loads the modules that write ``output_format`` (~20 ms for JSON): called while git walks."""

    def load() -> None:
        if output_format == "json":
            import portfolio.history.indented_json
        else:
            import portfolio.history.texts  # noqa: F401

    return load


@command()
@click.argument("project_id", metavar="ID")
@_format_option()
@click.option("--reverse", is_flag=True, help=N_("Oldest first (default: newest first, like git log)."))
@repo_option
@pass_invocation
def history(invocation: Invocation, project_id: str, output_format: str, reverse: bool) -> None:
    """Show what each commit changed in one project, field by field (follows renames)."""
    answer = Answer(invocation, "history", project_id, output_format, str(reverse))
    if answer.replayed():
        return
    events, tip = project_history_at(invocation.root(), project_id, _progress(), _output_modules(output_format))
    answer.vocabulary_first()
    answer.warn_about_dates([(event.commit, event.date) for event in events])
    if reverse:
        events = list(reversed(events))
    if output_format == "json":
        from portfolio.history.events import json_written_alike
        from portfolio.history.indented_json import json_list_pieces

        head = '{\n  "id": ' + json_text(project_id) + ',\n  "events": '
        pieces = json_list_pieces((event.to_json() for event in events), depth=1, alike=json_written_alike)
        answer.write([head], pieces, ["\n}\n"])
    else:
        answer.write(joined(map(_EventTexts(invocation.vocabulary(), with_id=False), events)), ["\n"])
    answer.keep(tip)


@command(name="log")
@click.option(
    "--since",
    type=DayType(moments=True),
    metavar="DATE",
    help=N_("Only events authored on or after DATE (2027-03-01, 01.03.2027, or an ISO 8601 date and time)."),
)
@click.option("--until", type=DayType(moments=True), metavar="DATE", help=N_("Only events authored on or before DATE."))
@click.option("--author", metavar="TEXT", help=N_("Only events whose author name or e-mail contains TEXT."))
@click.option(
    "--status",
    metavar="SLUG",
    multiple=True,
    help=N_("Only events of projects with this status at that time (repeatable: any of them)."),
)
@click.option(
    "--municipality",
    metavar="SLUG",
    multiple=True,
    help=N_("Only events of projects of this municipality at that time (repeatable: any of them)."),
)
@click.option(
    "--field",
    metavar="SLUG",
    multiple=True,
    help=N_("Only events of projects in this field of action at that time (repeatable: any of them)."),
)
@_format_option()
@repo_option
@pass_invocation
def log_events(
    invocation: Invocation,
    since: str | None,
    until: str | None,
    author: str | None,
    status: tuple[str, ...],
    municipality: tuple[str, ...],
    field: tuple[str, ...],
    output_format: str,
) -> None:
    """Show the events of all projects, newest first."""
    vocabulary: Vocabulary = invocation.vocabulary()
    chosen = EventFilter.from_options(
        vocabulary, since=since, until=until, author=author, status=status, municipality=municipality, field=field
    )
    answer = Answer(invocation, "log", output_format, chosen.question())
    if answer.replayed():
        return
    loaded = load_history(invocation.root(), _progress())
    events = chosen.select(loaded.events)
    answer.warn_about_dates([(event.commit, event.date) for event in events])
    if output_format == "json":
        from portfolio.history.events import json_written_alike
        from portfolio.history.indented_json import json_list_pieces

        pieces = json_list_pieces((event.to_json(with_id=True) for event in events), alike=json_written_alike)
        answer.write(pieces, ["\n"])
    elif events:
        answer.write(joined(map(_EventTexts(vocabulary, with_id=True), events)), ["\n"])
    else:
        answer.warn(_("no events match"))
    answer.keep(loaded.tip)


@command()
@click.argument("revspec", required=False, metavar="[REVSPEC]")
@_format_option(("text", "markdown", "json"))
@repo_option
@pass_invocation
def diff(invocation: Invocation, revspec: str | None, output_format: str) -> None:
    """Compare two states of the portfolio: HEAD and the working tree, A..B, or A...B (a pull request)."""
    from portfolio.history import revision_diff  # what log and history do not need is imported here
    from portfolio.history.markdown import diff_markdown
    from portfolio.history.texts import diff_text

    result = revision_diff(invocation.root(), revspec)
    if output_format == "json":
        click.echo(json_text(result.to_json(), indent=2))
        return
    if output_format == "markdown":
        click.echo(diff_markdown(result, invocation.vocabulary()))
        return
    text = diff_text(result, invocation.vocabulary())
    if text:
        click.echo(text)
    else:
        click.echo(_("no changes"), err=True)


@command()
@click.argument("project_id", metavar="ID")
@_format_option()
@repo_option
@pass_invocation
def blame(invocation: Invocation, project_id: str, output_format: str) -> None:
    """Show, for each field of a project, the commit that last set it."""
    answer = Answer(invocation, "blame", project_id, output_format)
    if answer.replayed():
        return
    loaded = load_history(invocation.root(), _progress())
    blamed = loaded.blame(project_id)
    answer.vocabulary_first()
    answer.warn_about_dates(
        [(item.commit, item.date) for item in blamed], (entry.date for item in blamed for entry in item.entries or ())
    )
    if output_format == "json":
        answer.write([json_text({"id": project_id, "fields": [item.to_json() for item in blamed]}, indent=2), "\n"])
    else:
        answer.write(["\n".join(_blame_lines(blamed, invocation.vocabulary())), "\n"])
    answer.keep(loaded.tip)


def _blame_line(caption: str, width: int, found: FieldBlame | EntryBlame, value: str) -> str:
    merged = _(" (merged in {commit})").format(commit=found.merged_in.commit[:12]) if found.merged_in else ""
    return escape_control(
        f"{caption.ljust(width)}  {found.commit[:12]}  {_shown_date(found.date, format_date(found.date))}  {found.author}{merged}  {value}"
    )


def _blame_lines(blamed: list[FieldBlame], vocabulary: Vocabulary) -> list[str]:
    """One line per field (its caption, the commit, date and author, its value); one per entry of a list of tables."""
    from portfolio.domain.fields import field_caption
    from portfolio.history.entries import entry_shape
    from portfolio.history.entry_texts import entry_text
    from portfolio.history.texts import value_text

    captions = [field_caption(item.field) for item in blamed]
    width = max(map(len, captions), default=0)
    lines = []
    for caption, item in zip(captions, blamed):
        shape = entry_shape(item.field)
        if item.entries and shape:
            lines.extend(
                _blame_line(caption, width, entry, entry_text(vocabulary, shape, entry.value)) for entry in item.entries
            )
        else:
            lines.append(_blame_line(caption, width, item, value_text(vocabulary, item.field, item.value)))
    return lines


@command()
@click.option(
    "--by", type=click.Choice(list(PERIODS)), default="month", show_default=True, help=N_("Length of a period.")
)
@_format_option()
@repo_option
@pass_invocation
def timeline(invocation: Invocation, by: str, output_format: str) -> None:
    """Count the projects per status at the end of each period (a cumulative-flow table)."""
    answer = Answer(invocation, "timeline", by, output_format)
    if answer.replayed():
        return
    vocabulary = invocation.vocabulary()
    statuses = vocabulary.status_slugs
    loaded = load_history(invocation.root(), _progress())
    answer.warn_about_dates(loaded.implausible_dates())
    periods = loaded.timeline(by, statuses)
    if output_format == "json":
        answer.write([json_text([period.to_json() for period in periods], indent=2), "\n"])
    elif not periods:
        answer.warn(_("no history yet"))
    else:
        answer.write(_timeline_lines(periods, statuses, vocabulary))
    answer.keep(loaded.tip)


def _timeline_lines(periods: list, statuses: tuple[str, ...], vocabulary: Vocabulary) -> Iterator[str]:
    """The table of ``timeline``: a period a line (each line with its newline)."""
    extra = sorted({slug for period in periods for slug in period.counts} - set(statuses))
    columns = list(statuses) + extra
    header = [_("PERIOD")] + [escape_control(vocabulary.label("status", slug)) for slug in columns]
    rows = [header] + [[period.label] + [str(period.counts.get(slug, 0)) for slug in columns] for period in periods]
    widths = [max(len(row[index]) for row in rows) for index in range(len(header))]
    skipped = [0] + [period.skipped_before for period in periods]
    for row, left_out in zip(rows, skipped):
        if left_out:
            yield (
                ngettext(
                    "... {count} period without changes ...", "... {count} periods without changes ...", left_out
                ).format(count=format_number(left_out))
                + "\n"
            )
        yield (
            "  ".join(
                cell.rjust(width) if index else cell.ljust(width)
                for index, (cell, width) in enumerate(zip(row, widths))
            ).rstrip()
            + "\n"
        )


COMMANDS = (history, log_events, diff, blame, timeline)
