"""Querysets compiled to SQL once per process, for the hottest reads.

Building and compiling a queryset of subqueries, `Exists` and annotations costs Python more than
PostgreSQL spends running it: on the coordinator's start page, about half of the request's CPU went to
`filter()`/`annotate()` and `SQLCompiler.as_sql()` for nine queries whose shape never changes, only their
values (the jobcenter, today). `PreparedQuery` wraps a function that builds a `.values()` queryset from
keyword inputs and, on its first call in a process, compiles that function's queryset three times with
made-up inputs. From the three it learns which SQL parameter is which input: the input itself, or the
input plus a fixed offset (`today - 30 days`), or a constant. Every later call fills the parameters in
and runs the SQL, and returns the rows as dicts, as `.values()` would.

What keeps this honest:
- The SQL of the three compiles must be the same text, and every parameter that differs between them
  must be an input or an input plus one offset in all three, or the first call raises
  ImproperlyConfigured. (The third compile checks what the first two learned.)
- An input that is None, a bool or a string changes the query's shape, not a parameter: each combination
  is compiled on its own and kept for the process's life, so a string input must come from a small fixed set
  (a role, a status), never from a user.
- With settings.PREPARED_QUERIES_VERIFY (on in the test settings), every call also builds and compiles
  the queryset from its real inputs and fails unless the SQL and parameters are the same, so every test
  that reaches a prepared query checks it.
- The tenant scope stays a guard: the made-up compiles run in a scope of a made-up jobcenter, and a call
  needs the active scope to be the `scope` input's jobcenter (or scopes disabled), as the scoped managers
  would. A call outside any scope raises django_scopes' ScopeError.
- On another database than PostgreSQL (the embedded default), a call builds and runs the queryset as it
  is: the parameters there are adapted to strings, and that default is not where the speed matters.
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model, QuerySet
from django_scopes import ScopeError, get_scope, scope, scopes_disabled

# Made-up inputs: three sets, spaced differently in each set so that no input can pass for another input plus
# an offset in all three. The ints fit a small integer field: Django compiles a lookup with an out-of-range
# value to "matches nothing", which would be another SQL text.
_INT_BASES = (1_009, 11_003, 21_011)
_INT_STEPS = (10, 79, 1_051)
_DATE_BASES = (date(1901, 2, 5), date(1912, 4, 9), date(1923, 11, 27))
_DATE_STEPS = (3, 17, 101)
_DATETIME_BASES = tuple(datetime(d.year, d.month, d.day, 7, 11, 13, tzinfo=UTC) for d in _DATE_BASES)


@dataclass(frozen=True)
class _Param:
    constant: Any = None
    input: str | None = None  # the input's name, None for a constant
    offset: Any = None  # added to the input (an int or a timedelta), None for the input itself


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple[_Param, ...]
    names: tuple[str, ...]
    converters: dict
    using: str


def _value(value):
    """What a query's parameter holds for an input: a model instance's primary key, else the value."""
    return value.pk if isinstance(value, Model) else value


def _shape_of(value) -> Any:
    """The part of an input that may change the SQL's text: None, a bool or a string; else its kind."""
    if value is None or isinstance(value, bool | str):
        return ("value", value)
    if isinstance(value, Model):
        return ("model", value.__class__)  # the model, also behind a lazy object (request.user)
    if (isinstance(value, datetime) and value.tzinfo is None) or not isinstance(value, int | date):
        raise ImproperlyConfigured(
            "PreparedQuery takes model instances, ints, dates, aware datetimes, bools, strings and None, "
            f"not {value!r}."
        )
    return ("kind", type(value))


def _made_up(value, index: int, position: int):
    """The `index`-th made-up stand-in (0..2) for the input at `position`, of the input's kind."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, Model):
        return value.__class__(pk=_INT_BASES[index] + position * _INT_STEPS[index])
    if isinstance(value, datetime):
        return _DATETIME_BASES[index] + timedelta(days=position * _DATE_STEPS[index])
    if isinstance(value, date):
        return _DATE_BASES[index] + timedelta(days=position * _DATE_STEPS[index])
    return _INT_BASES[index] + position * _INT_STEPS[index]


class PreparedQuery:
    """A `.values()` queryset built by `build(**inputs)` whose SQL is compiled once per process and shape.

    `scope` names the input that is the tenant (a Jobcenter): the compiles run in a scope of a made-up
    jobcenter, and a call requires the active scope to be that input's jobcenter. `scope=None` is a read
    outside any tenant by nature (how a request finds its tenant): a call must run in scopes_disabled()."""

    def __init__(self, build: Callable[..., QuerySet], *, scope: str | None = "jobcenter"):
        self.build = build
        self.scope_input = scope
        self._compiled: dict[tuple, _Compiled] = {}
        self._lock = threading.Lock()

    def __call__(self, **inputs) -> list[dict]:
        scoped = self._check_scope(inputs)
        if connections[DEFAULT_DB_ALIAS].vendor != "postgresql":
            return list(self._build(inputs))
        shape = (scoped, *sorted((name, _shape_of(value)) for name, value in inputs.items()))
        compiled = self._compiled.get(shape)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(shape) or self._compile(inputs, scoped=scoped)
                self._compiled[shape] = compiled
        params = [self._param(param, inputs) for param in compiled.params]
        if getattr(settings, "PREPARED_QUERIES_VERIFY", False):
            queryset = self._build(inputs)
            expected = queryset.query.get_compiler(using=queryset.db).as_sql()
            if (compiled.sql, tuple(params)) != (expected[0], tuple(expected[1])):
                raise AssertionError(
                    f"{self.build.__qualname__}: the prepared SQL differs from the queryset's.\n"
                    f"prepared: {compiled.sql} {params}\nqueryset: {expected[0]} {list(expected[1])}"
                )
        connection = connections[compiled.using]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        if compiled.converters:
            rows = [self._convert(row, compiled.converters, connection) for row in rows]
        return [dict(zip(compiled.names, row, strict=True)) for row in rows]

    def _build(self, inputs: dict) -> QuerySet:
        queryset = self.build(**inputs)
        if queryset._iterable_class.__name__ != "ValuesIterable":
            raise ImproperlyConfigured(f"{self.build.__qualname__} must return a .values() queryset.")
        return queryset

    def _check_scope(self, inputs: dict) -> bool:
        """False when scopes are disabled (the SQL then has no scope filter, as the managers would give), else
        True once the active scope is the input's jobcenter."""
        active = get_scope()
        if not active.get("_enabled", True):
            return False
        if self.scope_input is None:
            raise ScopeError(f"{self.build.__qualname__} reads across jobcenters: call it in scopes_disabled().")
        if "jobcenter" not in active:
            raise ScopeError("A scope on dimension(s) jobcenter needs to be active for this query.")
        scoped = active["jobcenter"]
        if _value(scoped) != _value(inputs[self.scope_input]):
            raise ScopeError(f"{self.build.__qualname__} asked for another jobcenter than the active scope's.")
        return True

    def _compile(self, inputs: dict, *, scoped: bool) -> _Compiled:
        names = sorted(inputs)
        made_up = [{name: _made_up(inputs[name], i, p) for p, name in enumerate(names)} for i in range(3)]
        compiles = []
        for values in made_up:
            with scope(jobcenter=values[self.scope_input]) if scoped and self.scope_input else scopes_disabled():
                queryset = self._build(values)
            compiler = queryset.query.get_compiler(using=queryset.db)
            sql, params = compiler.as_sql()
            compiles.append((sql, list(params), compiler, queryset))
        (sql, first, compiler, queryset), *others = compiles
        if any(other[0] != sql or len(other[1]) != len(first) for other in others):
            raise ImproperlyConfigured(f"{self.build.__qualname__}: the SQL's text depends on an input's value.")
        params = tuple(
            self._learn(position, [c[1][position] for c in compiles], made_up, names) for position in range(len(first))
        )
        query = queryset.query
        fields = [s[0] for s in compiler.select[0 : compiler.col_count]]
        return _Compiled(
            sql=sql,
            params=params,
            names=(*query.extra_select, *query.values_select, *query.annotation_select),
            converters=compiler.get_converters(fields),
            using=queryset.db,
        )

    def _learn(self, position: int, seen: list, made_up: list[dict], names: list[str]) -> _Param:
        if seen[0] == seen[1] == seen[2]:
            return _Param(constant=seen[0])  # the made-up inputs differ in every set, so no input's value
        for name in names:
            given = [_value(values[name]) for values in made_up]
            if given[0] is None or isinstance(given[0], bool | str):
                continue
            if not all(type(s) is type(g) for s, g in zip(seen, given, strict=True)):
                continue
            offsets = [s - g for s, g in zip(seen, given, strict=True)]
            if offsets[0] == offsets[1] == offsets[2]:
                return _Param(input=name, offset=offsets[0] or None)
        raise ImproperlyConfigured(
            f"{self.build.__qualname__}: parameter {position} ({seen[0]!r}) is neither a constant nor an input "
            "plus a fixed offset."
        )

    @staticmethod
    def _param(param: _Param, inputs: dict):
        if param.input is None:
            return param.constant
        value = _value(inputs[param.input])
        return value if param.offset is None else value + param.offset

    @staticmethod
    def _convert(row, converters: dict, connection) -> tuple:
        row = list(row)
        for position, (functions, expression) in converters.items():
            value = row[position]
            for converter in functions:
                value = converter(value, expression, connection)
            row[position] = value
        return tuple(row)
