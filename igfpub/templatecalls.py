"""Calls from templates, without Jinja's per-call search for a pass-argument marker.

Jinja sends every call a template makes (``igf.text(x)``, ``_("...")``, a macro) through
``Context.call``, which looks for ``jinja_pass_arg`` on the callable and on its
``__call__`` each time: three ``hasattr``, two of which raise and swallow an
AttributeError for a plain function or method. A 2,000-session archive makes about a
million such calls per language: in a profile of its six languages (122 s), 13.5 s in
``Context.call`` itself and 6 s more in the lookups.
For the functions and methods that templates call nearly always, the marker is looked
up where ``hasattr`` would find it, without an exception; everything else takes Jinja's
path. (A function's ``__call__``, a method-wrapper, never carries the marker.)
"""

from __future__ import annotations

import types
from typing import Any

from jinja2 import Environment
from jinja2.ext import _gettext_alias
from jinja2.runtime import Context, Macro

_MARK = "jinja_pass_arg"


class CallContext(Context):
    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        kind = type(__obj)
        if kind is types.FunctionType:
            takes = _MARK in __obj.__dict__  # where ``hasattr`` would find it, without raising
        elif kind is types.MethodType and type(__obj.__func__) is types.FunctionType:
            takes = _MARK in __obj.__func__.__dict__  # a method's attributes are its function's
        elif kind is Macro:
            # Its ``__call__`` takes the evaluation context (``pass_eval_context``).
            args = (__self.eval_ctx, *args)
            takes = False
        elif kind is types.BuiltinFunctionType:
            takes = False  # no attribute can be set on one (``date.isoformat``)
        else:
            takes = True  # a callable object, say: Jinja's own path
        if takes:
            return super().call(__obj, *args, **kwargs)
        if kwargs:
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )


def speed_up_calls(env: Environment) -> None:
    """Give ``env``'s templates :class:`CallContext`; and ``_`` as the installed
    ``gettext`` itself, where ``jinja2.ext.i18n`` installed old-style gettext: its ``_``
    is a function that looks ``gettext`` up in the context at each call, and takes the
    slow path of a call twice."""
    env.context_class = CallContext
    gettext = env.globals.get("gettext")
    if (
        env.globals.get("_") is _gettext_alias
        and gettext is not None
        and not getattr(env, "newstyle_gettext", False)
    ):
        env.globals["_"] = gettext
