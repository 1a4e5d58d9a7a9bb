"""Read-only views of loaded YAML: mappings and lists that refuse changes.

The model (model.py, ruleset.py) keeps the validated mappings of policy/ for the few readers that
still need them raw, and the eligibility export is handed out frozen too: a consumer that tries to
write into shared data fails at once instead of changing what the next target sees.
`thaw` (and copy.copy / copy.deepcopy) give plain, writable copies.
"""
from __future__ import annotations

from typing import Any


class FrozenDict(dict):
    """A dict that refuses every change. json.dumps and ** unpacking read it like a dict."""

    __slots__ = ()

    def _refuse(self, *args, **kwargs):
        raise TypeError("policy data is read-only; copy it (dict(x), {**x}) to build something new")

    __setitem__ = __delitem__ = __ior__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse

    def __hash__(self):  # type: ignore[override]
        return hash(tuple(self.items()))

    def __copy__(self):  # a copy is for changing: plain, writable
        return dict(self)

    def __deepcopy__(self, memo):
        return thaw(self)

    def __reduce__(self):
        return (FrozenDict, (dict(self),))


class FrozenList(list):
    """A list that refuses every change; concatenation (x + [..]) gives a new plain list."""

    __slots__ = ()

    def _refuse(self, *args, **kwargs):
        raise TypeError("policy data is read-only; copy it (list(x), [*x]) to build something new")

    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse
    append = extend = insert = pop = remove = clear = sort = reverse = _refuse

    def __hash__(self):  # type: ignore[override]
        return hash(tuple(self))

    def __copy__(self):
        return list(self)

    def __deepcopy__(self, memo):
        return thaw(self)

    def __reduce__(self):
        return (FrozenList, (list(self),))


def freeze(value: Any) -> Any:
    """Mappings become FrozenDict, lists FrozenList, recursively; scalars stay."""
    if isinstance(value, dict):
        return FrozenDict((k, freeze(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return FrozenList(freeze(v) for v in value)
    return value


def thaw(value: Any) -> Any:
    """Plain dicts and lists again, recursively."""
    if isinstance(value, dict):
        return {k: thaw(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [thaw(v) for v in value]
    return value
