"""Records a reporting command reads and never changes, kept as msgspec parsed them.

A reader made every record it parsed into a dict again and shared its repeated text: at
100,000 interests that was 0.1 s of a 0.5 s ``tally``, more than the counting. A reader that
only reports (``tally``, ``export``, ``check``, ``followup`` listing) now keeps the structs the
typed batches parse (``typed_batches.py``): made in C, a fifth of a dict's size, and read
like one (``doc["country"]``, ``doc.get("note", "")``, ``dict(doc)``), so code that reads
records reads them unchanged. Loops over 100,000 records read their fields in C instead
(``read_in_c``, ``each``). Nothing writes one: a write replaces a whole record
(``JournalStorage``), and a writer's records are dicts, as TinyDB wants; ``thaw`` makes them
dicts for a migration.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from operator import attrgetter, itemgetter, methodcaller
from typing import Any

import msgspec

from matchdesk.store.file.sharing import share
from matchdesk.store.models import Doc

_AS_TUPLE = msgspec.structs.astuple
_AS_DICT: Callable[[Any], Doc] = msgspec.structs.asdict  # a record read as a Doc
_DICTS = frozenset({dict})


class FrozenRecord(msgspec.Struct, frozen=True, gc=False):
    """The base of a typed batch's records when kept frozen: a read-only mapping of its
    fields (the fields are the record's JSON members, in order)."""

    def __getitem__(self, name: str) -> Any:
        if name in self.__struct_fields__:
            return getattr(self, name)
        raise KeyError(name)

    def get(self, name: str, default: Any = None) -> Any:
        return getattr(self, name) if name in self.__struct_fields__ else default

    def __contains__(self, name: object) -> bool:
        return name in self.__struct_fields__

    def __iter__(self) -> Iterator[str]:
        return iter(self.__struct_fields__)

    def __len__(self) -> int:
        return len(self.__struct_fields__)

    def keys(self) -> tuple[str, ...]:
        return self.__struct_fields__

    def values(self) -> tuple[Any, ...]:
        return _AS_TUPLE(self)

    def items(self) -> list[tuple[str, Any]]:
        return list(zip(self.__struct_fields__, _AS_TUPLE(self), strict=True))

    def copy(self) -> Doc:
        """A dict of the same fields, to change (as ``dict.copy`` gives)."""
        return dict(self.items())

    def __eq__(self, other: object) -> bool:
        """Equal to a mapping of the same fields and values, a dict included, as two dicts
        are: a record read frozen and the same record read by a writer compare equal."""
        if not isinstance(other, Mapping):
            return NotImplemented
        return len(other) == len(self) and all(
            name in other and other[name] == value for name, value in self.items()
        )

    __hash__ = None  # type: ignore[assignment]  # unhashable, like the dict it stands for


Mapping.register(FrozenRecord)

# Names a record's field may not take when kept frozen: the reading face's own.
RESERVED = frozenset(name for name in dir(FrozenRecord) if not name.startswith("__"))


def all_frozen(docs: Collection[Doc], *names: str) -> bool:
    """Whether ``docs`` are frozen records, every one holding ``names`` (one look at their
    classes, 2 ms at 100,000)."""
    kinds = set(map(type, docs))
    return bool(kinds) and all(
        issubclass(kind, FrozenRecord) and set(names) <= set(kind.__struct_fields__)
        for kind in kinds
    )


def read_in_c(docs: Collection[Doc], *names: str) -> Callable[[Doc], Any] | None:
    """What reads a record's ``names`` in C (``attrgetter``: one name's value, or a tuple of
    several) when ``all_frozen(docs, *names)``; else None, and the caller reads them as a
    dict's."""
    return attrgetter(*names) if all_frozen(docs, *names) else None


def each(
    docs: Collection[Doc], names: Sequence[str], defaults: Sequence[Any]
) -> Iterator[tuple[Any, ...]]:
    """Each record's ``names`` as a tuple (each of ``defaults`` where a record lacks it, as
    ``dict.get`` gives), read in C: by attribute from frozen records that hold them all, by
    one ``itemgetter`` from records that hold them all (the tuples made at once), else by
    ``get``, a name at a time (a third slower than one ``itemgetter``)."""
    read = read_in_c(docs, *names)
    if read is not None:
        return map(read, docs) if len(names) > 1 else zip(map(read, docs))
    try:
        found = list(map(itemgetter(*names), docs))
    except KeyError:  # a record without one of them
        pairs = zip(names, defaults, strict=True)
        return zip(
            *(map(methodcaller("get", name, default), docs) for name, default in pairs),
            strict=True,
        )
    return iter(found) if len(names) > 1 else zip(found)


def plain(docs: list[Doc]) -> list[Doc]:
    """``docs`` with each frozen record made a dict (in C), to serialise or copy; anything
    else as it is."""
    if _DICTS.issuperset(map(type, docs)):
        return docs
    return [_AS_DICT(doc) if isinstance(doc, FrozenRecord) else doc for doc in docs]


def thaw(tables: dict[str, dict[str, Doc]]) -> None:
    """Make every frozen record of ``tables`` a dict, in place, its repeated text shared as a
    dict reader's is (``sharing.share``): an old file's migration changes records, and a
    writer that read frozen (the app, until its first paint) writes dicts."""
    memo: dict[str, str] = {}
    for docs in tables.values():
        made = {key: _AS_DICT(doc) for key, doc in docs.items() if doc.__class__ is not dict}
        share(made.values(), memo)
        docs.update(made)
