"""Private Textual names stay in ``tui/textual_compat.py``; each one there still works.

Textual is pinned exactly; an upgrade that renames or changes a private name fails one of the
tests below, by name, instead of breaking the capture path at a workshop.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from functools import cache
from pathlib import Path
from typing import ClassVar

import pytest
import textual
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.geometry import Size
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Footer, Input

from matchdesk.tui import textual_compat
from matchdesk.tui.textual_compat import (
    FooterKey,
    FooterLabel,
    QuietInput,
    bindings_for_key,
    breakpoint_classes,
    check_bindings,
    laid_out_at,
    message_clock,
    restart_blink,
    set_suggestion,
    set_virtual_height,
    suggestion,
)

TUI = Path(textual_compat.__file__).parent
COMPAT = Path(textual_compat.__file__).name


def _private(name: str) -> bool:
    """``_x`` (not ``__x__``, nor an enum's ``_x_``)."""
    return name.startswith("_") and not name.startswith("__") and not name.endswith("_")


@cache
def _used_in_classes(module_name: str) -> dict[str, frozenset[str]]:
    """The ``self._x`` each class of a Textual module uses, by class name (each module parsed
    once: ``inspect.getsource`` per class parses the whole file every time, 40 s under load)."""
    source = inspect.getsourcefile(importlib.import_module(module_name))
    if source is None:
        return {}
    tree = ast.parse(Path(source).read_text(encoding="utf-8"))
    found: dict[str, frozenset[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            found[node.name] = frozenset(
                inner.attr
                for inner in ast.walk(node)
                if isinstance(inner, ast.Attribute)
                and isinstance(inner.value, ast.Name)
                and inner.value.id == "self"
                and _private(inner.attr)
            )
    return found


@cache
def textual_private_names(cls: type) -> frozenset[str]:
    """The private names a Textual class defines: its class attributes and methods, and the
    ``self._x`` its methods use."""
    names = {name for name in vars(cls) if _private(name)}
    return frozenset(names | _used_in_classes(cls.__module__).get(cls.__name__, frozenset()))


@cache
def every_textual_private_name() -> frozenset[str]:
    return frozenset().union(*(textual_private_names(cls) for cls in _all_textual_classes()))


def textual_bases(cls: type) -> list[type]:
    return [base for base in cls.__mro__ if base.__module__.split(".")[0] == "textual"]


def modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(TUI.rglob("*.py")):
        if path.name == COMPAT and path.parent == TUI:
            continue
        relative = path.relative_to(TUI).with_suffix("")
        parts = [p for p in relative.parts if p != "__init__"]
        found.append((".".join(["matchdesk.tui", *parts]), path))
    return found


def violations(name: str, path: Path) -> list[str]:
    """Every private Textual import, and every private Textual attribute used, defined or
    overridden, in one module outside ``textual_compat``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("textual"):
            if any(_private(part) for part in node.module.split(".")):
                found.append(f"{path.name}:{node.lineno} imports {node.module}")
            found += [
                f"{path.name}:{node.lineno} imports {alias.name} from {node.module}"
                for alias in node.names
                if _private(alias.name)
            ]
        elif isinstance(node, ast.Import):
            found += [
                f"{path.name}:{node.lineno} imports {alias.name}"
                for alias in node.names
                if alias.name.startswith("textual") and any(map(_private, alias.name.split(".")))
            ]
    module = importlib.import_module(name)
    every_private = every_textual_private_name()
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef):
            continue
        cls = getattr(module, node.name, None)
        bases = textual_bases(cls) if isinstance(cls, type) else []
        theirs = set().union(*(textual_private_names(base) for base in bases))
        for inner in ast.walk(node):
            if isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef)) and inner.name in theirs:
                found.append(f"{path.name}:{inner.lineno} {node.name} overrides {inner.name}")
            if (
                isinstance(inner, ast.Attribute)
                and isinstance(inner.value, ast.Name)
                and inner.value.id == "self"
                and inner.attr in theirs
            ):
                found.append(f"{path.name}:{inner.lineno} {node.name} uses self.{inner.attr}")
    for node in ast.walk(tree):  # another object's private Textual attribute (app._x, ...)
        if (
            isinstance(node, ast.Attribute)
            and _private(node.attr)
            and node.attr in every_private
            and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))
        ):
            found.append(f"{path.name}:{node.lineno} reaches .{node.attr}")
    return found


@cache
def _all_textual_classes() -> tuple[type, ...]:
    """The classes of the Textual modules matchdesk's objects meet most: the app, screens,
    widgets, messages, bindings."""
    import textual.widgets as widgets

    seen: list[type] = []
    for module_name in ("app", "screen", "widget", "dom", "message_pump", "binding", "message"):
        module = importlib.import_module(f"textual.{module_name}")
        seen += [v for v in vars(module).values() if isinstance(v, type)]
    seen += [getattr(widgets, name) for name in widgets.__all__]
    return tuple(c for c in seen if c.__module__.startswith("textual"))


@pytest.mark.parametrize(("name", "path"), modules(), ids=[n for n, _ in modules()])
def test_no_private_textual_name_outside_the_compat_module(name: str, path: Path) -> None:
    assert violations(name, path) == []


def test_the_check_sees_a_private_use(tmp_path: Path) -> None:
    """The checker itself: a module that reaches into Textual is caught, each way."""
    source = (
        "from textual._time import get_time\n"
        "from textual.widgets import Input\n"
        "class Field(Input):\n"
        "    def _watch_value(self, value):\n"
        "        self._suggestion = value\n"
        "def run(app):\n"
        "    return app._check_bindings('x')\n"
    )
    path = tmp_path / "offender.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location("offender", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    import sys

    sys.modules["offender"] = module
    try:
        found = "\n".join(violations("offender", path))
    finally:
        del sys.modules["offender"]
    assert "imports textual._time" in found
    assert "overrides _watch_value" in found
    assert "uses self._suggestion" in found
    assert "reaches ._check_bindings" in found


# -- each private use still does what matchdesk relies on ----------------------------------------
def test_message_clock_is_the_clock_of_events() -> None:
    from textual.message import Message

    before = message_clock()
    stamped = Message().time
    assert before <= stamped <= message_clock()


def test_the_footer_is_made_of_footer_keys_and_labels() -> None:
    assert issubclass(FooterKey, textual.widget.Widget)
    assert issubclass(FooterLabel, textual.widget.Widget)
    assert FooterKey.__module__ == Footer.__module__


class _Keys(App[None]):
    BINDINGS: ClassVar[list[Binding]] = [Binding("f9", "app.mark", "Mark")]

    def __init__(self) -> None:
        super().__init__()
        self.marked = 0

    def compose(self) -> ComposeResult:
        yield QuietInput(id="field")

    def action_mark(self) -> None:
        self.marked += 1


async def test_check_bindings_runs_a_binding_and_says_so() -> None:
    app = _Keys()
    async with app.run_test():
        assert await check_bindings(app, "f9") is True
        assert app.marked == 1
        assert await check_bindings(app, "f10") is False


async def test_bindings_for_key_lists_a_widgets_own_bindings() -> None:
    app = _Keys()
    async with app.run_test():
        field = app.query_one("#field", Input)
        actions = [b.action for b in bindings_for_key(field, "backspace")]
        assert actions == ["delete_left"]


class _Changes(QuietInput):
    def __init__(self) -> None:
        super().__init__(id="field")
        self.seen: list[str] = []

    def value_changed(self, value: str) -> None:
        self.seen.append(value)


class _Field(App[None]):
    def compose(self) -> ComposeResult:
        yield _Changes()


async def test_quiet_input_follows_its_value_without_a_layout() -> None:
    app = _Field()
    async with app.run_test() as pilot:
        field = app.query_one(_Changes)
        field.focus()
        field.value = "kaz"
        await pilot.pause()
        assert field.seen[-1] == "kaz"
        assert field.cursor_position == 3  # the first value puts the cursor at its end
        set_suggestion(field, "kazakhstan")
        assert suggestion(field) == "kazakhstan"
        restart_blink(field)
        await pilot.pause()
        assert "".join(segment.text for segment in field.render_line(0)).strip() == "kazakhstan"


class _Rows(ScrollView):
    def render_line(self, y: int) -> Strip:
        return Strip.blank(self.size.width)


class _Scroller(App[None]):
    def compose(self) -> ComposeResult:
        yield _Rows()


async def test_set_virtual_height_lays_out_only_when_the_scrollbar_comes_or_goes() -> None:
    app = _Scroller()
    async with app.run_test(size=(20, 10)) as pilot:
        view = app.query_one(_Rows)
        await pilot.pause()
        layouts: list[Screen] = []
        app.screen.screen_layout_refresh_signal.subscribe(view, layouts.append)

        set_virtual_height(view, 5)  # fits: no scrollbar, no layout
        await pilot.pause()
        assert view.virtual_size.height == 5 and not view.show_vertical_scrollbar
        assert layouts == []

        set_virtual_height(view, 30)  # the scrollbar appears: laid out (twice: it shows)
        for _ in range(3):
            await pilot.pause()
        assert view.show_vertical_scrollbar and layouts
        seen = len(layouts)

        set_virtual_height(view, 31)  # one more row: the scrollbar's length, no layout
        for _ in range(3):
            await pilot.pause()
        assert len(layouts) == seen
        bottom = 31 - view.container_size.height
        assert view.virtual_size.height == 31 and view.max_scroll_y == bottom
        assert view.vertical_scrollbar.window_virtual_size == 31
        view.scroll_to(y=bottom, animate=False, immediate=True)
        assert view.scroll_offset.y == bottom

        set_virtual_height(view, 4)  # fits again: the scrollbar goes
        await pilot.pause()
        assert not view.show_vertical_scrollbar and len(layouts) > seen


class _Breakpoints(App[None]):
    HORIZONTAL_BREAKPOINTS: ClassVar = [(0, "-narrow"), (50, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar = [(0, "-short"), (15, "-tall")]


async def test_breakpoint_classes_are_the_ones_textual_sets_on_a_resize() -> None:
    app = _Breakpoints()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        screen = app.screen
        names = ("-narrow", "-wide", "-short", "-tall")
        assert {c: screen.has_class(c) for c in names} == breakpoint_classes(screen, Size(40, 10))
        assert breakpoint_classes(screen, Size(40, 10))["-narrow"]
        assert laid_out_at(screen, Size(40, 10)) and not laid_out_at(screen, Size(60, 20))
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        await pilot.pause()
        assert {c: screen.has_class(c) for c in names} == breakpoint_classes(screen, Size(60, 20))
        assert breakpoint_classes(screen, Size(60, 20)) == {
            "-narrow": False,
            "-wide": True,
            "-short": False,
            "-tall": True,
        }
        assert laid_out_at(screen, Size(60, 20)) and not laid_out_at(screen, Size(40, 10))
        screen.remove_class("-tall")  # laid out at the size, but not with its classes
        assert not laid_out_at(screen, Size(60, 20))
