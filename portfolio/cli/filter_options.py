"""The options that choose projects (``list``): each repeatable (any of), all of them together.

``--municipality rheine --municipality greven`` lists the projects of Rheine or Greven; with
``--field umwelt`` added, only those of them in Umwelt. A municipality also brings the district-wide
projects (marked in the text table) unless ``--no-district-wide`` is given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import click

from portfolio.cli.context import WholeNumberType
from portfolio.domain.filters import ProjectFilter
from portfolio.i18n import N_, _

if TYPE_CHECKING:
    from portfolio.domain.vocabulary import Vocabulary


# long: one click option per filter, each with its help text; splitting it would part the options
def filter_options(function: Callable) -> Callable:
    """Add the filter options to a command; it receives them as ``statuses``, ``municipalities``,
    ``fields``, ``modules``, ``sdgs``, ``active``, ``district_wide`` and ``search`` (see ``chosen_filter``)."""
    options = [
        click.option(
            "--status",
            "statuses",
            multiple=True,
            metavar="SLUG",
            help=N_("Only projects with this status (repeatable: any of them)."),
        ),
        click.option(
            "--municipality",
            "municipalities",
            multiple=True,
            metavar="SLUG",
            help=N_("Only projects of this municipality (repeatable: any of them); district-wide projects too."),
        ),
        click.option(
            "--field",
            "fields",
            multiple=True,
            metavar="SLUG",
            help=N_("Only projects in this field of action (repeatable: any of them)."),
        ),
        click.option(
            "--module",
            "modules",
            multiple=True,
            type=WholeNumberType(),
            metavar="NUMBER",
            help=N_("Only projects from this workshop module (repeatable: any of them)."),
        ),
        click.option(
            "--sdg",
            "sdgs",
            multiple=True,
            type=WholeNumberType(),
            metavar="NUMBER",
            help=N_("Only projects that serve this UN Sustainable Development Goal (repeatable: any of them)."),
        ),
        click.option(
            "--active",
            is_flag=True,
            help=N_("Only active projects: leave out the statuses marked terminal in schema/statuses.toml."),
        ),
        click.option(
            "--district-wide/--no-district-wide",
            default=True,
            help=N_(
                "With --municipality: also list the district-wide projects (marked +), or leave them out "
                "[default: also list them]."
            ),
        ),
        click.option(
            "--search",
            metavar="TEXT",
            default="",
            help=N_(
                "Only projects that contain every word of TEXT (in title, id, summary, description, "
                "municipalities, fields of action, lead, partners, topics; ä, ae and a alike)."
            ),
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def chosen_filter(
    vocabulary: Vocabulary,
    *,
    statuses: Iterable[str],
    municipalities: Iterable[str],
    fields: Iterable[str],
    modules: Iterable[int],
    sdgs: Iterable[int] = (),
    active: bool,
    district_wide: bool,
    search: str,
) -> ProjectFilter:
    """The filter the options ask for; an unknown value is a usage error (exit 2) naming the known ones."""
    checks = [
        (statuses, vocabulary.status_slugs, "--status"),
        (municipalities, vocabulary.municipality_slugs, "--municipality"),
        (fields, vocabulary.field_slugs, "--field"),
        (modules, vocabulary.module_numbers, "--module"),
        (sdgs, vocabulary.sdg_numbers, "--sdg"),
    ]
    for values, known, option in checks:
        for value in values:
            if value not in known:
                raise click.BadParameter(
                    _("{value!r} is not one of {known}").format(value=value, known=", ".join(map(str, known))),
                    param_hint=option,
                )
    return ProjectFilter(
        municipalities=frozenset(municipalities),
        fields=frozenset(fields),
        statuses=frozenset(statuses),
        modules=frozenset(modules),
        sdgs=frozenset(sdgs),
        text=search,
        active_only=active,
        district_wide=district_wide,
    )
