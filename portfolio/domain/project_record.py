"""A valid project as the rest of the program holds it: plain immutable records, no pydantic.

Validation (``portfolio.domain.parsing``) decides whether a file's data is a project; what it
returns is a ``ProjectRecord`` made from that data. Its classes are made from the field registry,
an attribute per field and, for a list of tables, a record per entry with an attribute per part,
so that a field added to the registry is here too. Importing this costs a few milliseconds, where
the pydantic model costs a tenth of a second: commands that only read a valid file (``show``, the
merge driver) never pay for the model.

``model_dump`` and ``model_copy`` behave as the pydantic model's do, so callers need not know which
made a project.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from operator import attrgetter
from typing import Any

from portfolio.domain.fields import FieldRegistry, Kind, registry

_LIST_KINDS = (Kind.CHOICES, Kind.TEXT_LIST, Kind.TABLE_LIST, Kind.DATES)


class _Record:
    """Immutable, compared by value; ``_names`` and ``_defaults`` are set by the made classes."""

    __slots__ = ()
    _names: tuple[str, ...] = ()
    _defaults: tuple[Any, ...] = ()
    _tables: dict[str, type[_Record]] = {}

    def __init__(self, **values: Any) -> None:
        setter = object.__setattr__
        for name, default in zip(self._names, self._defaults, strict=True):
            value = values.pop(name, default)
            setter(self, name, list(value) if type(value) is list else value)  # a copy: the data stays the caller's
        if values:
            raise TypeError(f"{type(self).__name__} has no field {next(iter(values))!r}")

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable; use model_copy(update=...)")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def _values(self) -> tuple[Any, ...]:
        return self._read_values(self)

    _read_values: Callable[[_Record], tuple[Any, ...]] = staticmethod(lambda record: ())
    _slot_setters: tuple[Callable[[_Record, Any], None], ...] = ()

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._values())  # a list value makes it unhashable, as with the pydantic model

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in zip(self._names, self._values(), strict=True))
        return f"{type(self).__name__}({shown})"

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Made classes are not importable by name: rebuilt from the registry in the receiving process,
        # from the values as they are (the tables' records pickle themselves). Rebuilding from
        # model_dump() made every record twice: unpickling 5,000 projects took 250 ms.
        return (_rebuild, (self._field, self._values()))

    _field: str | None = None  # the registry field of a table record; None for the project

    def model_dump(
        self, *, mode: str = "python", exclude_none: bool = False, exclude_defaults: bool = False
    ) -> dict[str, Any]:
        """The data as the pydantic model dumps it: every field in order (``mode="json"``: dates as text)."""
        data: dict[str, Any] = {}
        plain = _PLAIN_JSON if mode == "json" else _PLAIN_PYTHON
        for name, default in zip(self._names, self._defaults, strict=True):
            value = getattr(self, name)
            if (exclude_none and value is None) or (exclude_defaults and value == default):
                continue
            data[name] = value if type(value) in plain else _dumped(value, mode, exclude_none, exclude_defaults)
        return data

    @classmethod
    def defaults(cls) -> dict[str, Any]:
        """Each field's (or part's) value when it is not set."""
        return dict(zip(cls._names, cls._defaults, strict=True))

    def written_as(self, data: Any) -> bool:
        """Whether ``data`` is what ``to_data()`` gives, of the same types and key order all the way
        down, told without making it (``lint`` asks this of every file ``check`` reads)."""
        if type(data) is not dict or not data:
            return False
        keys = iter(data)
        for name, default in zip(self._names, self._defaults, strict=True):
            value = getattr(self, name)
            if value is None or value == default:
                continue
            if next(keys, None) != name or not _same(data[name], value):
                return False
        return next(keys, None) is None

    def model_copy(self, *, update: dict[str, Any] | None = None) -> Any:
        """A copy with ``update`` applied, not validated (as pydantic's ``model_copy``)."""
        values = dict(zip(self._names, self._values(), strict=True))
        values.update(update or {})
        return type(self)(**values)


# values dumped as they are (a list is always copied, a record always dumped)
_PLAIN_JSON = frozenset((str, int, float, bool, type(None)))
_PLAIN_PYTHON = _PLAIN_JSON | {date}


def _same(mine: Any, value: Any) -> bool:
    if isinstance(value, _Record):
        return value.written_as(mine)
    if type(mine) is not type(value):
        return False
    if type(value) is list:
        if len(mine) != len(value):
            return False
        if value and isinstance(value[0], _Record):  # a list of tables: each entry part by part
            return all(_same(a, b) for a, b in zip(mine, value, strict=True))
        # Plain values compared at once, their types apart (True == 1); a record further down such
        # a list compares unequal to its data, which only sends the caller the slow way.
        return mine == value and all(type(a) is type(b) for a, b in zip(mine, value, strict=True))
    return mine == value


def _dumped(value: Any, mode: str, exclude_none: bool, exclude_defaults: bool) -> Any:
    if isinstance(value, _Record):
        return value.model_dump(mode=mode, exclude_none=exclude_none, exclude_defaults=exclude_defaults)
    if isinstance(value, list):
        plain = _PLAIN_JSON if mode == "json" else _PLAIN_PYTHON
        return [item if type(item) in plain else _dumped(item, mode, exclude_none, exclude_defaults) for item in value]
    if mode == "json" and isinstance(value, date):
        return value.isoformat()
    return value


class ProjectRecord(_Record):
    """The base of the project records; ``project_record_class()`` is the class of the registry in use."""

    __slots__ = ()

    @property
    def primary_field(self) -> str:
        return self.fields_of_action[0]  # type: ignore[attr-defined]

    def to_data(self) -> dict[str, Any]:
        """The file's data in canonical key order, optional empty values left out."""
        return self.model_dump(mode="python", exclude_none=True, exclude_defaults=True)


def _default(kind: Kind, default: Any) -> Any:
    """What an unset field or part holds: an empty list, a flag's default (false unless said), or None."""
    if kind in _LIST_KINDS:
        return []
    if kind is Kind.FLAG:
        return bool(default)
    return None


def _class_name(name: str) -> str:
    return "".join(part.title() for part in name.split("_")) + "Entry"


_CLASSES: dict[int, tuple[FieldRegistry, type[ProjectRecord]]] = {}


def project_record_class(fields: FieldRegistry | None = None) -> type[ProjectRecord]:
    """The record class of ``fields`` (the registry in use by default), made once per registry."""
    fields = fields or registry()
    known = _CLASSES.get(id(fields))
    if known is not None and known[0] is fields:
        return known[1]
    tables: dict[str, type[_Record]] = {}
    for field in fields:
        if field.entry is not None:
            parts = field.entry.parts
            defaults = tuple(_default(part.kind, None) for part in parts)
            tables[field.name] = type(
                _class_name(field.name),
                (_Record,),
                {
                    "__slots__": tuple(part.name for part in parts),
                    "_names": tuple(part.name for part in parts),
                    "_defaults": defaults,
                    "_field": field.name,
                },
            )
    names = tuple(field.name for field in fields)
    made = type(
        "Project",
        (ProjectRecord,),
        {
            "__slots__": names,
            "_names": names,
            "_defaults": tuple(_default(field.kind, field.default) for field in fields),
            "_tables": tables,
        },
    )
    for record_class in (made, *tables.values()):
        _add_slot_access(record_class)
    _CLASSES[id(fields)] = (fields, made)
    return made


def _add_slot_access(made: type[_Record]) -> None:
    """Read and set all the values of ``made``'s records at C speed: pickling and unpickling them go
    through ``_values`` and ``_rebuild``, and the UI unpickles the validated portfolio while it
    paints (1,000 projects, in-process: unpickled in 15 ms instead of 18 with ``getattr`` and
    ``object.__setattr__`` by name, pickled in 17 instead of 21)."""
    names = made._names
    if len(names) == 1:  # attrgetter gives the value itself, not a tuple of it
        read_one = attrgetter(names[0])
        made._read_values = staticmethod(lambda record: (read_one(record),))
    elif names:
        made._read_values = staticmethod(attrgetter(*names))
    made._slot_setters = tuple(getattr(made, name).__set__ for name in names)


def project_from_data(data: dict[str, Any], fields: FieldRegistry | None = None) -> ProjectRecord:
    """The record of data that validation accepted (tables as dicts, as a TOML file holds them)."""
    made = project_record_class(fields)
    values = dict(data)
    for name, table in made._tables.items():
        entries = values.get(name)
        if entries:
            values[name] = [entry if isinstance(entry, _Record) else table(**entry) for entry in entries]
    return made(**values)


def written_in_order(data: dict[str, Any], fields: FieldRegistry | None = None) -> bool:
    """``project_from_data(data).written_as(data)`` for data that validation accepted without the
    model (``acceptance.certainly_valid``), told from the data alone: the record would hold the
    very values, so what remains is their order and no value at its default (``check`` asks this of
    every file, and need not make the record)."""
    return _in_order(data, project_record_class(fields))


def _in_order(data: Any, made: type[_Record]) -> bool:
    if type(data) is not dict or not data:
        return False
    keys = iter(data)
    tables = made._tables
    for name, default in zip(made._names, made._defaults, strict=True):
        value = data.get(name, default)
        if value is None or value == default:
            continue
        if next(keys, None) != name:
            return False
        table = tables.get(name)
        if table is not None and not all(_in_order(entry, table) for entry in value):
            return False
    return next(keys, None) is None


def json_data(data: dict[str, Any], fields: FieldRegistry | None = None) -> dict[str, Any]:
    """``project_from_data(data).model_dump(mode="json", exclude_none=True, exclude_defaults=True)``,
    made from the data that validation accepted without making the record first: the history reads
    every version of every file and keeps only these values (measured: a third of reading one)."""
    made = project_record_class(fields)
    tables = made._tables
    values: dict[str, Any] = {}
    for name, default in zip(made._names, made._defaults, strict=True):
        value = data.get(name, default)
        if value is None or value == default:
            continue
        values[name] = _field_json(tables.get(name), value)
    return values


def field_json(name: str, value: Any, fields: FieldRegistry | None = None) -> Any:
    """What ``json_data`` makes of the field ``name`` holding ``value`` (accepted by validation),
    or LEFT_OUT when it leaves the field out (its default)."""
    made = project_record_class(fields)
    index = made._names.index(name)
    if value is None or value == made._defaults[index]:
        return LEFT_OUT
    return _field_json(made._tables.get(name), value)


LEFT_OUT = object()


def _field_json(table: type[_Record] | None, value: Any) -> Any:
    if table is not None:
        return [_entry_json(table, entry) for entry in value]
    if type(value) in _PLAIN_JSON:
        return value
    return _dumped(value, "json", True, True)


def _entry_json(table: type[_Record], entry: dict[str, Any]) -> dict[str, Any]:
    unknown = entry.keys() - table._names
    if unknown:  # as the record would refuse it
        raise TypeError(f"{table.__name__} has no field {sorted(unknown)[0]!r}")
    values: dict[str, Any] = {}
    for name, default in zip(table._names, table._defaults, strict=True):
        value = entry.get(name, default)
        if value is None or value == default:
            continue
        values[name] = value if type(value) in _PLAIN_JSON else _dumped(value, "json", True, True)
    return values


def entry_class(field_name: str, fields: FieldRegistry | None = None) -> type[_Record]:
    """The record class of an entry of the list of tables ``field_name`` (a milestone, a KPI)."""
    return project_record_class(fields)._tables[field_name]


def table_record(field_name: str, values: dict[str, Any], fields: FieldRegistry | None = None) -> Any:
    """One entry of the list of tables ``field_name`` as a record."""
    return entry_class(field_name, fields)(**values)


def _rebuild(field_name: str | None, values: tuple[Any, ...]) -> Any:
    made = project_record_class() if field_name is None else entry_class(field_name)
    if len(values) != len(made._names):
        raise TypeError(f"{made.__name__} has {len(made._names)} fields, not {len(values)}")
    record = object.__new__(made)
    for set_slot, value in zip(made._slot_setters, values):
        set_slot(record, value)
    return record
