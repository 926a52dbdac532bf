"""The direction of the imports, the bare-python3 entry point, and a clean tree under ruff.

Three rooms, by who works in them, over a shared floor:

* ``scenes/common`` (files, media, errors) and ``scenes/paths.py``: imported by everyone, import no
  room;
* ``scenes/speech`` (the speech pipeline): text -> clip -> loudness -> cues; imports common, never
  manim, never the kit;
* ``scenes/kit`` (the scene author's kit): infotheory -> kit -> the sections; its narrated scene
  calls speech;
* ``scenes/builder`` (how the film is built): the registry, speech, the kit only through
  ``kit/tools.py``; nothing imports it.
"""

import ast
import os
import shutil
import subprocess
import sys
import tokenize
from pathlib import Path

import pytest

from .helpers import ROOT

SECTION_MODULES = {p.stem for p in (ROOT / "scenes").glob("s[0-9]_*.py")}


def imports_of(path: Path) -> list[tuple[str, list[str]]]:
    """(absolute module, imported names) for every import in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(a.name, []) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module
            found.append((module, [a.name for a in node.names]))
    return found


def modules_under(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def _is(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def test_imports_of_the_helper_resolve_relative_imports():
    found = dict(imports_of(ROOT / "scenes" / "builder" / "cache.py"))
    assert "scenes.common.files" in found
    assert "scenes.builder.cli" in found


@pytest.mark.parametrize("path", modules_under("infotheory"), ids=lambda p: p.name)
def test_infotheory_imports_no_scene_code(path):
    assert not [m for m, _ in imports_of(path) if _is(m, "scenes")]


@pytest.mark.parametrize("path", modules_under("scenes/kit"), ids=lambda p: p.name)
def test_kit_imports_neither_the_builder_nor_a_section(path):
    bad = [
        m
        for m, _ in imports_of(path)
        if _is(m, "scenes.builder") or m.split(".")[-1] in SECTION_MODULES
    ]
    assert not bad, f"{path.name} imports {bad}"


@pytest.mark.parametrize("path", modules_under("scenes/speech"), ids=lambda p: p.name)
def test_speech_imports_no_manim_no_kit_no_builder(path):
    bad = [
        m
        for m, _ in imports_of(path)
        if _is(m, "manim")
        or _is(m, "scenes.kit")
        or _is(m, "scenes.builder")
        or m.split(".")[-1] in SECTION_MODULES
    ]
    assert not bad, f"{path.name} imports {bad}"


@pytest.mark.parametrize(
    "path", [*modules_under("scenes/common"), ROOT / "scenes" / "paths.py"], ids=lambda p: p.name
)
def test_the_common_floor_imports_no_room(path):
    bad = [
        m
        for m, _ in imports_of(path)
        if _is(m, "manim") or any(_is(m, f"scenes.{room}") for room in ("kit", "speech", "builder"))
    ]
    assert not bad, f"{path.name} imports {bad}"


@pytest.mark.parametrize(
    "path", modules_under("scenes"), ids=lambda p: str(p.relative_to(ROOT / "scenes"))
)
def test_nothing_outside_the_builder_imports_it(path):
    if path.is_relative_to(ROOT / "scenes" / "builder"):
        return
    assert not [m for m, _ in imports_of(path) if _is(m, "scenes.builder")]


def test_the_speech_pipeline_runs_without_manim():
    """Import every speech module in a fresh interpreter: manim is never loaded."""
    mods = [
        f"scenes.speech.{p.stem}" for p in modules_under("scenes/speech") if p.stem != "__init__"
    ]
    code = f"import sys\nfor m in {mods!r}: __import__(m)\nprint('manim' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"


def _cycles(folder: str) -> list[list[str]]:
    """Import cycles among ``folder``'s modules, counting every import, even inside a function."""
    graph = {}
    for path in modules_under(folder):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        package = name.rsplit(".", 1)[0]
        deps = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                deps.add(".".join([*base, node.module] if node.module else base))
            elif isinstance(node, ast.ImportFrom) and node.module:
                deps.add(node.module)
        graph[name] = {d for d in deps if d != name}
    found, state = [], {}

    def visit(n, stack):
        state[n] = 1
        for d in graph.get(n, ()):
            if state.get(d) == 1:
                found.append(stack[stack.index(d) :] + [d])
            elif d in graph and not state.get(d):
                visit(d, [*stack, d])
        state[n] = 2

    for n in graph:
        if not state.get(n):
            visit(n, [n])
    return found


@pytest.mark.parametrize(
    "folder", ["scenes/common", "scenes/speech", "scenes/kit", "scenes/builder"]
)
def test_no_import_cycles(folder):
    assert not _cycles(folder)


@pytest.mark.parametrize("path", modules_under("scenes/builder"), ids=lambda p: p.name)
def test_the_builder_uses_the_kit_only_through_its_tools(path):
    bad = [m for m, _ in imports_of(path) if _is(m, "scenes.kit") and m != "scenes.kit.tools"]
    assert not bad, (
        f"{path.name} imports {bad}: what the builder needs of the kit goes through "
        "scenes/kit/tools.py"
    )


def test_the_kit_door_starts_without_manim():
    """The builder's CLI imports the kit's tools at start; manim comes only when a check draws."""
    code = (
        "import sys, scenes.kit.tools\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'manim'))"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


@pytest.mark.parametrize("path", modules_under("scenes/builder"), ids=lambda p: p.name)
def test_the_builder_does_not_import_a_section_module(path):
    bad = [m for m, _ in imports_of(path) if m.split(".")[-1] in SECTION_MODULES]
    assert not bad, f"{path.name} imports {bad} (sections are loaded by path, through the registry)"


@pytest.mark.parametrize(
    "path", sorted((ROOT / "tests").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT / "tests"))
)
def test_tests_use_only_public_names_of_the_builder(path):
    private = [
        (m, n)
        for m, names in imports_of(path)
        if _is(m, "scenes.builder")
        for n in names
        if n.startswith("_")
    ]
    assert not private


def test_the_argument_check_runs_on_a_bare_python():
    """scenes.builder.cli needs only the standard library.

    render.sh checks the arguments with it before setup.
    """
    code = (
        "import sys, scenes.builder.cli as cli; plan, _ = cli.parse_plan(['--quality', 'l', "
        "'--sections', 's3']);print(plan.resolution, [s.id for s in plan.sections]);third = "
        "sorted(m for m in sys.modules if m.split('.')[0] in ('numpy', 'manim', 'av', "
        "'srt'));print(third)"
    )
    proc = subprocess.run(
        [sys.executable, "-S", "-P", "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split("\n")[:2] == ["480p15 ['s3']", "[]"]


def _logical_lines(path: Path) -> int:
    """Statements and other logical lines of ``path`` (a call over five physical lines is one)."""
    with open(path, "rb") as f:
        return sum(1 for t in tokenize.tokenize(f.readline) if t.type == tokenize.NEWLINE)


MAX_LOGICAL_LINES = 240


def test_no_module_is_long():
    """At most 240 logical lines a module, sections aside.

    That is the 300 lines this code had at 130 columns. Logical lines, not physical ones:
    formatting at another width does not change the count.
    """
    long = {
        str(p.relative_to(ROOT)): n
        for p in [*modules_under("scenes"), *modules_under("infotheory")]
        if (n := _logical_lines(p)) > MAX_LOGICAL_LINES and p.stem not in SECTION_MODULES
    }
    assert not long


def _statements(node) -> int:
    """Statements in a function's body, its nested functions and classes not counted."""
    count = 0
    for child in ast.iter_child_nodes(node):
        count += isinstance(child, ast.stmt)
        if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            count += _statements(child)
    return count


MAX_STATEMENTS = 45


def test_no_function_is_long():
    """At most 45 statements a function (about 60 lines at 130 columns).

    Long ones are split along their steps. Statements, not lines: the count does not change when
    the code is formatted at another width.
    """
    long = {}
    for p in [*modules_under("scenes"), *modules_under("infotheory")]:
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if (
                isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
                and _statements(node) > MAX_STATEMENTS
            ):
                long[f"{p.relative_to(ROOT)}:{node.lineno} {node.name}"] = _statements(node)
    assert not long


def test_the_statement_count_counts_the_body_not_the_nested_functions():
    tree = ast.parse(
        "def f(x):\n    if x:\n        y = 1\n    def g():\n        a = 1\n        b = 2\n    "
        "return y\n"
    )
    assert _statements(tree.body[0]) == 4  # if, y = 1, def g, return


def test_the_tree_is_clean_under_ruff():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent))
    assert ruff, "ruff is missing: ./setup.sh installs it (the test extra)"
    proc = subprocess.run(
        [ruff, "check", "--output-format", "concise", "scenes", "infotheory", "tests"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_tree_is_formatted():
    """``ruff format`` (line length 100, in ``pyproject.toml``) leaves every file as it is."""
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent))
    assert ruff, "ruff is missing: ./setup.sh installs it (the test extra)"
    proc = subprocess.run(
        [ruff, "format", "--check", "scenes", "infotheory", "tests"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, (
        "run `.venv/bin/ruff format scenes infotheory tests`:\n" + proc.stdout
    )
