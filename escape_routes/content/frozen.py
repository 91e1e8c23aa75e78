"""Read-only containers for content: a table or a GeoJSON document that nothing can change."""

from __future__ import annotations

from typing import Any, NoReturn, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class FrozenDict(dict[K, V]):
    """A dict that cannot be changed: every method that would change it raises TypeError.

    A dict (not a read-only view) so that it serialises as JSON and pickles as one.
    """

    def _read_only(self, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError("content tables are read-only; make a changed copy instead")

    __setitem__ = __delitem__ = __ior__ = _read_only
    clear = pop = popitem = setdefault = update = _read_only

    def __reduce__(self) -> tuple[type, tuple[dict[K, V]]]:
        return (type(self), (dict(self),))


class FrozenTree(FrozenDict[K, V]):
    """A FrozenDict made by :func:`deep_frozen`: everything in it is frozen too, so freezing it
    again (each ``dataclasses.replace`` of an Atlas does) returns it as it is."""


def deep_frozen(value: Any) -> Any:
    """JSON-like data made immutable all the way down: dicts become FrozenDicts, lists tuples."""
    if isinstance(value, FrozenTree):
        return value
    if isinstance(value, dict):
        return FrozenTree({k: deep_frozen(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(deep_frozen(v) for v in value)
    return value
