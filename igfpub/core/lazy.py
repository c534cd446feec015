"""A value computed on first use and kept on the instance, without a lock.

``functools.cached_property`` in Python 3.11 holds a lock while it computes, one lock per
property shared by every instance. The preview server computes such values in one thread
while a build forks its workers in another: a worker forked while the lock was held waits
on it forever (Python 3.12 dropped the lock). Without it, two threads that ask at once
both compute the value, and the second one's is kept: the values are pure.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")


class cached_property(Generic[T]):
    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> cached_property[T]: ...
    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...
    def __get__(self, instance: object | None, owner: type | None = None) -> Any:
        if instance is None:
            return self
        # Kept where attribute lookup finds it before this descriptor, which has no
        # __set__: later reads are plain attribute reads.
        value = instance.__dict__[self.name] = self.func(instance)
        return value
