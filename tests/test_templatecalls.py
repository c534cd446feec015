"""igfpub/templatecalls.py must call what a template calls exactly as Jinja does."""

from __future__ import annotations

import gettext
from datetime import date
from typing import Any

import pytest
from jinja2 import DictLoader, Environment, pass_context, pass_environment, pass_eval_context
from jinja2.runtime import Context

from igfpub.templatecalls import CallContext, speed_up_calls


class Catalog(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return {"Source:": "Source :", "<b>": "<i>"}.get(message, message)


@pass_context
def who(context: Context, suffix: str = "") -> str:
    return f"{context.get('name')}{suffix}"


@pass_environment
def env_kind(environment: Environment) -> str:
    return type(environment).__name__


@pass_eval_context
def escapes(eval_ctx: Any) -> str:
    return f"autoescape={eval_ctx.autoescape}"


class Helper:
    def plain(self, text: str, *, upper: bool = False) -> str:
        return text.upper() if upper else text

    @pass_context
    def with_context(self, context: Context) -> str:
        return str(context.get("name"))

    def stops(self) -> str:
        raise StopIteration


class CallableWithContext:
    @pass_context
    def __call__(self, context: Context) -> str:
        return f"object sees {context.get('name')}"


def a_function(value: int) -> int:
    return value * 2


TEMPLATES = {
    "macros.html": (
        "{% macro tag(text, kind='p') %}<{{ kind }}>{{ text }}</{{ kind }}>{% endmacro %}"
        "{% macro wrap() %}[{{ caller() }}]{% endmacro %}"
    ),
    "page.html": (
        '{% import "macros.html" as m %}'
        "{{ _('Source:') }}|{{ _('<b>') }}|{{ who() }}|{{ who('!') }}|{{ env_kind() }}|"
        "{{ escapes() }}|{{ h.plain('x', upper=true) }}|{{ h.with_context() }}|"
        "{{ h.stops() is undefined }}|{{ obj() }}|{{ double(21) }}|{{ day.isoformat() }}|"
        "{{ m.tag('<hi>') }}|{{ m.tag('b', kind='em') }}|"
        "{% call m.wrap() %}inside{% endcall %}|"
        "{% for i in [1, 2] %}{{ who(i|string) }}{% endfor %}|"
        "{% set name = 'set' %}{{ who() }}|{{ '%s-%s'|format(1, 2) }}|{{ range(3)|list }}|"
        # Macros escape by the block they are called in, not by the environment.
        "{% autoescape true %}{{ m.tag('<hi>') }}{% endautoescape %}"
    ),
}


def _env(fast: bool, autoescape: bool) -> Environment:
    env = Environment(loader=DictLoader(TEMPLATES), autoescape=autoescape)
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_translations(Catalog())  # type: ignore[attr-defined]
    env.globals.update(
        who=who, env_kind=env_kind, escapes=escapes, h=Helper(), obj=CallableWithContext(),
        double=a_function, day=date(2025, 6, 23),
    )  # fmt: skip
    if fast:
        speed_up_calls(env)
    return env


@pytest.mark.parametrize("autoescape", [True, False])
def test_every_kind_of_call_renders_as_with_jinjas_own_context(autoescape: bool) -> None:
    slow = _env(False, autoescape)
    fast = _env(True, autoescape)
    assert fast.context_class is CallContext and slow.context_class is Context
    assert fast.globals["_"] == fast.globals["gettext"]
    want = slow.get_template("page.html").render(name="Ana")
    got = fast.get_template("page.html").render(name="Ana")
    assert got == want
    # What the template says, so that a change in both paths is seen too.
    parts = got.split("|")
    assert parts[0] == "Source :"
    assert parts[1] == ("&lt;i&gt;" if autoescape else "<i>")
    assert parts[2:6] == ["Ana", "Ana!", "Environment", f"autoescape={autoescape}"]
    assert parts[6:11] == ["X", "Ana", "True", "object sees Ana", "42"]
    assert parts[11] == "2025-06-23"
    assert parts[12] == ("<p>&lt;hi&gt;</p>" if autoescape else "<p><hi></p>")
    assert parts[13:15] == ["<em>b</em>", "[inside]"]
    assert parts[15:19] == ["Ana1Ana2", "set", "1-2", "[0, 1, 2]"]
    # Not escaped twice: the macro's output is markup to the block.
    assert parts[19] == parts[12]


def test_new_style_gettext_keeps_its_own_alias() -> None:
    env = Environment(loader=DictLoader(TEMPLATES))
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_translations(Catalog(), newstyle=True)  # type: ignore[attr-defined]
    alias = env.globals["_"]
    speed_up_calls(env)
    assert env.globals["_"] is alias
    assert env.from_string("{{ _('Source:') }}").render() == "Source :"
