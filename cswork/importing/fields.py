"""The fields an import fills, per entity, and how a file's headers find them.

A header finds its field by the field's canonical name (our export's header) or a
synonym a CRM uses, ignoring case, spaces, underscores and hyphens. A mapping the user
gives ("Source Header" -> field) wins over both. Each entity declares its FieldSet
with its import (accounts: account_checks.ACCOUNT_FIELDS)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from cswork.importing.tables import WHOLE_ROW, ImportFileError, Table
from cswork.importing.values import (
    AmbiguousDate,
    Formats,
    ValueProblem,
    choice_key,
    parse_choice,
    parse_date,
    parse_text,
    year_last_date,
)

Parser = Callable[[str, Formats], object]
IGNORE = "ignore"  # map a column to this to leave it out
KEEP = "keep"  # map a column to this to keep it as a custom field (where a FieldSet may)


@dataclass(frozen=True)
class Field:
    name: str
    parse: Parser
    synonyms: tuple[str, ...] = ()
    required: bool = False
    # The same few texts fill the column (dates, segments, owners): read each text once.
    repeats: bool = False
    # The table column the value fills when not named like the field (arr -> arr_cents):
    # rows hold values by column, ready for the database.
    column: str | None = None
    # A field that takes a fixed set of values (a segment, a stage, a currency) takes a
    # value mapping too (cswork.importing.value_maps); ``choices`` are what it offers.
    mappable: bool = False
    choices: tuple[str, ...] = ()
    dates: bool = False  # its cells are dates: they say the file's day/month order

    @property
    def key(self) -> str:
        return self.column or self.name


def header_key(header: str) -> str:
    """'Account ID', 'account_id' and 'ACCOUNT-ID' are one header."""
    return re.sub(r"[\s_\-]+", "", header.lower())


class FieldSet:
    """The fields of one entity (``noun``: "account"), looked up by name or by header."""

    def __init__(self, noun: str, fields: Sequence[Field], *, keeps_custom: bool = False) -> None:
        self.noun = noun
        # Columns no field reads are kept as custom fields (accounts), not left out.
        self.keeps_custom = keeps_custom
        self.fields = list(fields)
        self._by_name = {field.name: field for field in fields}
        self._by_header: dict[str, Field] = {}
        for field in fields:
            for header in (field.name, *field.synonyms):
                self._by_header.setdefault(header_key(header), field)

    def get(self, name: str) -> Field | None:
        return self._by_name.get(name.strip().lower())

    def match(self, header: str) -> Field | None:
        return self._by_header.get(header_key(header))

    @property
    def names(self) -> list[str]:
        return [field.name for field in self.fields]

    def sheet_score(self, headers: list[str]) -> tuple[int, int]:
        """How well a sheet's headers suit these fields: whether they name every
        required field, then how many fields they name."""
        matched = {field.name for header in headers if (field := self.match(header))}
        required = {field.name for field in self.fields if field.required}
        return int(required <= matched), len(matched)


@dataclass(frozen=True)
class Columns:
    """Which column of the file fills which field."""

    headers: list[str]
    indexes: dict[str, int]  # field name -> column index
    ignored: list[str]  # headers of the columns nothing reads
    # Columns kept as custom fields: header -> column index (see FieldSet.keeps_custom).
    custom: dict[str, int] = dataclasses.field(default_factory=dict)

    def header_for(self, field_name: str) -> str:
        """What the user calls the field: the file's header, or our name when absent."""
        index = self.indexes.get(field_name)
        return field_name if index is None else self.headers[index]


def match_columns(
    headers: Sequence[str], field_set: FieldSet, mapping: Mapping[str, str] | None = None
) -> Columns:
    """Find each field's column. Raises ImportFileError for a mapping that names an
    unknown field or header, for two columns claiming one field, and for a missing
    required column."""
    chosen: dict[int, str] = {}  # column index -> field name or IGNORE
    keys = [header_key(header) for header in headers]
    for source, target in (mapping or {}).items():
        # A field by its name in any spelling ('renewal date'), or by a synonym ('ARR').
        field = field_set.get(target) or field_set.match(target)
        kept = field is None and header_key(target) == KEEP and field_set.keeps_custom
        if field is None and header_key(target) != IGNORE and not kept:
            raise ImportFileError(
                f"The mapping names '{target}', which is not one of the {field_set.noun} fields "
                f"({', '.join(field_set.names)})."
            )
        if header_key(source) not in keys:
            raise ImportFileError(f"The mapping names a column '{source}' the file does not have.")
        chosen[keys.index(header_key(source))] = field.name if field else KEEP if kept else IGNORE
    indexes: dict[str, int] = {}
    custom: dict[str, int] = {}
    for index, target in chosen.items():
        if target in indexes:
            raise ImportFileError(
                f"The mapping sends both '{headers[indexes[target]]}' and '{headers[index]}' "
                f"to {target}; map only one of them."
            )
        if target == KEEP:
            custom.setdefault(headers[index], index)
        elif target != IGNORE:
            indexes[target] = index
    ignored = []
    for index, header in enumerate(headers):
        if index in chosen:
            if chosen[index] == IGNORE:
                ignored.append(header)
            continue
        field = field_set.match(header) if header else None
        if field is None and header and field_set.keeps_custom and header not in custom:
            custom[header] = index  # a header twice: its first column is kept
        elif field is None or (field.name in indexes and indexes[field.name] in chosen):
            if header:  # a column the mapping took the field from is ignored too
                ignored.append(header)
        elif field.name in indexes:
            raise ImportFileError(
                f"The columns '{headers[indexes[field.name]]}' and '{header}' both hold "
                f"{field.name}; map the one to leave out as '{header}={IGNORE}'."
            )
        else:
            indexes[field.name] = index
    for field in field_set.fields:
        if field.required and field.name not in indexes:
            examples = " or ".join(f"'{header}'" for header in (field.name, *field.synonyms[:1]))
            raise ImportFileError(
                f"The file has no {field.name} column: name one {examples}, "
                f"or map a column to it ('Your Header={field.name}')."
            )
    return Columns(headers=list(headers), indexes=indexes, ignored=ignored, custom=custom)


def read_rows(
    table: Table, columns: Columns, field_set: FieldSet, formats: Formats
) -> Iterator[tuple[int, dict[str, Any], list[tuple[str, str]]]]:
    """Every row's cells read: (row number, values, [(header, problem)]), the values
    by each field's key (its table column).

    An empty cell is "not given" and left out of the values; for a required field it
    is a problem, as is a cell the reader marked bad (a workbook's formula). Reading
    goes column by column, each repeated text read once: a 100,000-row file is mostly
    the same dates, segments and owners again."""
    order = sorted(columns.indexes.items(), key=lambda item: item[1])
    fields = [field_set.get(name) for name, _ in order]
    names = [field.key for field in fields]
    headers = [columns.headers[index] for _, index in order]
    # The file turned column-wise; zip stops at the shortest row, and every row has a
    # cell for every header.
    texts_by_column = list(zip(*(cells for _, cells in table.rows), strict=False)) or [()] * len(
        table.headers
    )
    read, troubled = [], []  # troubled: columns with a problem; in most files, none
    for position, (field, (_, index)) in enumerate(zip(fields, order, strict=True)):
        column, has_problem = _read_column(texts_by_column[index], field, formats)
        if bad := table.bad_cells.get(index):
            for row_position, message in bad.items():
                column[row_position] = ValueProblem(message)
            has_problem = True
        read.append(column)
        if has_problem:
            troubled.append(position)
    required = {field.key for field in fields if field.required}
    missing = f"is empty, and every {field_set.noun} needs one"
    row_problems = table.row_problems
    for (number, _), cells in zip(table.rows, zip(*read, strict=True), strict=True):
        values = {
            name: value for name, value in zip(names, cells, strict=True) if value is not None
        }
        problems = []
        if row_problems and number in row_problems:
            problems.append((WHOLE_ROW, row_problems[number]))
        if not required <= values.keys() or (
            troubled and any(cells[i].__class__ is ValueProblem for i in troubled)
        ):
            for name, header, value in zip(names, headers, cells, strict=True):
                if value is None and name in required:
                    problems.append((header, missing))
                elif value.__class__ is ValueProblem:
                    problems.append((header, value.message))
                    del values[name]
        yield number, values, problems


def _read_column(texts: Sequence[str], field: Field, formats: Formats) -> tuple[list[Any], bool]:
    """One column: for each row the value read, None for an empty cell, or the
    ValueProblem; and whether there was any problem."""
    problems = []

    def read(text: str) -> Any:
        try:
            return field.parse(text, formats)
        except ValueProblem as problem:
            problems.append(problem)
            return problem

    if not field.repeats:
        return [read(text) if text else None for text in texts], bool(problems)
    known: dict[str, Any] = {"": None}
    column = [
        known[text] if text in known else known.setdefault(text, read(text)) for text in texts
    ]
    return column, bool(problems)


def mapped(field_name: str, parse: Callable[[str], object]) -> Parser:
    """A parser that reads a cell through the user's value mapping for ``field_name``
    first ('Enterprise' -> 'strategic'), and says how to map a value it cannot read."""

    def read(text: str, formats: Formats) -> object:
        mapping = formats.values.get(field_name)
        if mapping and (target := mapping.get(choice_key(text))) is not None:
            return parse(target)
        try:
            return parse(text)
        except ValueProblem as problem:
            fix = formats.how_to_map(field_name, text)
            raise ValueProblem(f"{problem.message}; {fix}" if fix else problem.message) from None

    return read


def choice_field(
    name: str, choices: type[StrEnum], aliases: dict[str, str], **options: Any
) -> Field:
    """A field that takes one of ``choices`` (by value, alias or the user's mapping)."""
    return Field(
        name,
        mapped(name, lambda text: parse_choice(text, choices, aliases)),
        mappable=True,
        choices=tuple(member.value for member in choices),
        **options,
    )


def read_date(text: str, formats: Formats) -> date:
    """A date cell in the file's day/month order; an ambiguous one says how to choose."""
    try:
        day = parse_date(text, formats.date_order)
    except AmbiguousDate as problem:
        raise ValueProblem(f"{problem.message}; {formats.how_to_order()}") from None
    if formats.mixed_dates and formats.date_order is None and year_last_date(text):
        raise ValueProblem(
            f"'{text}' and other dates of this file read in opposite orders; "
            f"{formats.how_to_order()}"
        )
    return day


def plain(parse: Callable[[str], object]) -> Parser:
    """A parser that needs no formats, as a Field takes it."""
    return lambda text, _: parse(text)


def text_up_to(max_length: int) -> Parser:
    return lambda text, _: parse_text(text, max_length)
