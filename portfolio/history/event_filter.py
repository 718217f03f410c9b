"""Which events to show: an immutable filter over the events of a history (``portfolio log``).

A bound of ``since``/``until`` is a day (compared with each event's own calendar day, in the
author's time zone) or a moment (compared as a moment); the project's values at that event decide
status, municipality and field of action.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from portfolio.errors import PortfolioError
from portfolio.i18n import _

if TYPE_CHECKING:
    from portfolio.domain.vocabulary import Vocabulary
    from portfolio.history.events import Event


class BadFilter(PortfolioError):
    """An option of the filter names no date or no known slug (a usage error)."""

    exit_code = 2


def _bound(text: str | None, option: str) -> str | datetime | None:
    if text is None:
        return None
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise BadFilter(
            _("{option} {value!r}: use a date YYYY-MM-DD or an ISO 8601 date and time").format(
                option=option, value=text
            )
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _known(values: str | Iterable[str] | None, known: tuple[str, ...], option: str) -> frozenset[str]:
    """The values of a repeatable option (any of them; none: no filter), each checked against ``known``."""
    chosen = (values,) if isinstance(values, str) else tuple(values or ())
    for value in chosen:
        if value not in known:
            raise BadFilter(
                _("{option} {value!r} is not one of {known}").format(option=option, value=value, known=", ".join(known))
            )
    return frozenset(chosen)


def _after_or_at(event: Event, bound: str | datetime) -> bool:
    return event.date[:10] >= bound if isinstance(bound, str) else datetime.fromisoformat(event.date) >= bound


def _before_or_at(event: Event, bound: str | datetime) -> bool:
    return event.date[:10] <= bound if isinstance(bound, str) else datetime.fromisoformat(event.date) <= bound


@dataclass(frozen=True)
class EventFilter:
    since: str | datetime | None = None
    until: str | datetime | None = None
    author: str | None = None  # case-folded; found in the author's name or e-mail address
    statuses: frozenset[str] = frozenset()  # each: any of them (none: every one)
    municipalities: frozenset[str] = frozenset()
    fields: frozenset[str] = frozenset()

    @classmethod
    def from_options(
        cls,
        vocabulary: Vocabulary,
        *,
        since: str | None = None,
        until: str | None = None,
        author: str | None = None,
        status: str | Iterable[str] | None = None,
        municipality: str | Iterable[str] | None = None,
        field: str | Iterable[str] | None = None,
    ) -> EventFilter:
        """The filter the command-line options describe; raises BadFilter naming the option that is wrong."""
        # The slugs are checked first, then the dates: the order in which the errors were always told.
        status = _known(status, vocabulary.status_slugs, "--status")
        municipality = _known(municipality, vocabulary.municipality_slugs, "--municipality")
        field = _known(field, vocabulary.field_slugs, "--field")
        return cls(
            _bound(since, "--since"),
            _bound(until, "--until"),
            author.casefold() if author else None,
            status,
            municipality,
            field,
        )

    def matches(self, event: Event) -> bool:
        if self.since is not None and not _after_or_at(event, self.since):
            return False
        if self.until is not None and not _before_or_at(event, self.until):
            return False
        if (
            self.author is not None
            and self.author not in event.author.casefold()
            and self.author not in event.email.casefold()
        ):
            return False
        values = event.values or {}
        if self.statuses and values.get("status") not in self.statuses:
            return False
        if self.municipalities and self.municipalities.isdisjoint(values.get("municipalities", ())):
            return False
        return not self.fields or not self.fields.isdisjoint(values.get("fields_of_action", ()))

    def question(self) -> str:
        """What the filter asks, the same text for the same filter in every process (sets sorted)."""
        bounds = [
            bound if bound is None or isinstance(bound, str) else bound.isoformat()
            for bound in (self.since, self.until)
        ]
        chosen = [sorted(self.statuses), sorted(self.municipalities), sorted(self.fields)]
        return repr((*bounds, self.author, *chosen))

    def select(self, events: Iterable[Event]) -> list[Event]:
        if self == _EVERY_EVENT:  # no option given (the common case): no test of each event
            return list(events)
        return [event for event in events if self.matches(event)]


_EVERY_EVENT = EventFilter()
