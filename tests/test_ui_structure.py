"""The desktop game's screens open each other by name: no screen imports another (only their shared
base and their own parts), nothing reaches into another module's private names, and no module keeps
a re-export for an old path."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from game.ui.registry import SCREENS, screen_class

ROOT = Path(__file__).resolve().parent.parent
SCREENS_DIR = ROOT / "game" / "ui" / "screens"
PACKAGE = "game.ui.screens"


def _runtime_imports(path: Path) -> set[str]:
    """The modules a file imports when it runs (anywhere in it), leaving out imports for type checkers."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(child) for child in ast.walk(node))
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)  # `from game.ui.screens import turn_panels`
    return found


def _defines_a_screen(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(isinstance(n, ast.ClassDef) and any(ast.unparse(b) == "Screen" for b in n.bases) for n in tree.body)


MODULES = {p.stem: p for p in sorted(SCREENS_DIR.glob("*.py")) if p.stem != "__init__"}
SCREEN_MODULES = {name for name, path in MODULES.items() if _defines_a_screen(path)}


def test_the_screen_modules_are_the_registry_s() -> None:
    assert {module.rsplit(".", 1)[1] for module, _ in SCREENS.values()} == SCREEN_MODULES
    for name in SCREENS:
        assert screen_class(name).name == name
    with pytest.raises(LookupError, match="no screen is called"):
        screen_class("nowhere")


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_screen_module_imports_another_screen(module: str) -> None:
    imported = {m.removeprefix(PACKAGE + ".").split(".")[0] for m in _runtime_imports(MODULES[module])
                if m.startswith(PACKAGE + ".")}
    others = (imported & SCREEN_MODULES) - {module}
    assert not others, f"{module} imports the screen modules {sorted(others)}: open them by name (app.open)"


def test_flow_and_the_app_import_no_screen() -> None:
    for path in (ROOT / "game" / "ui" / "flow.py", ROOT / "game" / "ui" / "app.py", ROOT / "game" / "ui" / "launch.py"):
        imported = {m for m in _runtime_imports(path) if m.startswith(PACKAGE + ".")}
        assert imported <= {f"{PACKAGE}.base", f"{PACKAGE}.base.Screen"}, (path.name, imported)


@pytest.mark.parametrize("module", sorted(SCREEN_MODULES))
def test_importing_a_screen_alone_loads_no_other_screen(module: str) -> None:
    """A fresh interpreter imports one screen module; only its base and its own parts come with it."""
    code = (f"import sys, importlib; importlib.import_module('{PACKAGE}.{module}'); "
            f"print(' '.join(m for m in sys.modules if m.startswith('{PACKAGE}.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120,
                         env={"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1",
                              "PATH": "/usr/bin:/bin"}, check=True).stdout.split()
    loaded = {m.removeprefix(PACKAGE + ".") for m in out} & SCREEN_MODULES
    assert loaded == {module}, f"importing {module} also loaded {sorted(loaded - {module})}"


def _private_reaches(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("game"):
            found += [f"from {node.module} import {a.name}" for a in node.names
                      if a.name.startswith("_") and not a.name.startswith("__")]
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            owner = node.value
            if isinstance(owner, ast.Name) and owner.id not in ("self", "cls"):
                found.append(ast.unparse(node))
    return found


def test_no_module_reaches_into_another_s_private_names() -> None:
    # An object of the same class may read its own kind's private parts (a copy, a base state).
    # os._exit is the standard library's documented way for a forked worker to leave at once.
    allowed = {"game/sim/env.py": {"self.base._array"}, "game/sim/simple_rules.py": {"out._option_weight"},
               "game/web/forecasting.py": {"os._exit"}}
    problems = {}
    for path in sorted((ROOT / "game").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        found = [f for f in _private_reaches(path) if f not in allowed.get(rel, set())]
        if found:
            problems[rel] = found
    assert not problems, problems


def test_no_re_export_shims() -> None:
    """``from x import Name as Name`` keeps an old path alive; import from the real home instead."""
    shims = {}
    for path in sorted((ROOT / "game").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found = [f"{node.module}.{a.name}" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                 for a in node.names if a.asname == a.name]
        if found:
            shims[path.relative_to(ROOT).as_posix()] = found
    assert not shims, shims


def test_intents_are_frozen_dataclasses_and_the_union_names_each() -> None:
    """Widgets emit typed requests (game.ui.intents), matched on their class by the screens: each is immutable, and
    the ``Intent`` union the widgets and screens are typed with lists every one the module defines."""
    import dataclasses
    import inspect
    import typing

    from game.ui import intents

    defined = {c for _, c in inspect.getmembers(intents, inspect.isclass) if c.__module__ == intents.__name__}
    assert set(typing.get_args(intents.Intent)) == defined
    for cls in defined:
        assert dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen, cls.__name__
