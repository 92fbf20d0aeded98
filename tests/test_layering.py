"""The house rules of STYLE.md, read from the code's own imports with ``ast``.

Imports flow one way, keys -> vault -> webui -> cli: a module never imports one of a higher
layer. No two modules import each other, directly or round a loop. Every import counts,
the ones inside functions too (an import moved into a function still ties the modules).
"""
from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: The layers, lowest first: a module may import its own layer and the ones below it.
LAYERS = ("keys", "vault", "webui", "cli")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def product_modules() -> dict[str, Path]:
    return {module_name(p): p for layer in LAYERS for p in sorted((ROOT / layer).rglob("*.py"))}


def imported_modules(name: str, path: Path, modules: dict[str, Path]) -> Iterator[tuple[str, int]]:
    """(module of this house, line) for each import in the file, wherever it stands."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in LAYERS:
                    yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            if source.split(".")[0] not in LAYERS:
                continue
            for alias in node.names:
                # `from vault import archive` names the module vault.archive, not vault/__init__.py
                submodule = f"{source}.{alias.name}"
                yield (submodule if submodule in modules else source), node.lineno


def import_graph() -> dict[str, dict[str, int]]:
    modules = product_modules()
    graph: dict[str, dict[str, int]] = {}
    for name, path in modules.items():
        edges = graph.setdefault(name, {})
        for target, line in imported_modules(name, path, modules):
            assert target in modules, f"{path.relative_to(ROOT)}:{line} imports {target}, which is no module here"
            # Importing a.b.c first runs a/__init__.py and a/b/__init__.py: an import of those
            # too, unless this module stands inside that package (which is then already running).
            parts = target.split(".")
            for reached in [".".join(parts[:n]) for n in range(1, len(parts))] + [target]:
                inside = name == reached or name.startswith(reached + ".")
                if reached in modules and not inside:
                    edges.setdefault(reached, line)
    return graph


def layer(module: str) -> int:
    return LAYERS.index(module.split(".")[0])


def cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_runs_against_the_layers() -> None:
    graph = import_graph()
    against = [
        f"{source} (line {line}) imports {target}: {LAYERS[layer(source)]} is below {LAYERS[layer(target)]}"
        for source, edges in sorted(graph.items())
        for target, line in sorted(edges.items())
        if layer(target) > layer(source)
    ]
    assert against == [], "imports flow keys -> vault -> webui -> cli:\n" + "\n".join(against)


def test_no_import_cycle() -> None:
    graph = import_graph()
    described = []
    for component in cycles(graph):
        members = set(component)
        ties = [f"  {a} -> {b} (line {graph[a][b]})" for a in component for b in sorted(graph[a]) if b in members]
        described.append(" <-> ".join(component) + "\n" + "\n".join(ties))
    assert described == [], "modules that import each other:\n" + "\n".join(described)


def test_the_reader_sees_imports_inside_functions_and_cycles() -> None:
    """The checks above can fail: a function-level import and a two-module loop are found."""
    source = "import keys.kdf\n\ndef f():\n    from webui import factory\n"
    tree_imports = [n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Import | ast.ImportFrom)]
    assert len(tree_imports) == 2
    assert cycles({"a": {"b": 1}, "b": {"a": 2}, "c": {"a": 3}}) == [["a", "b"]]
    assert cycles({"a": {"b": 1}, "b": {"c": 1}, "c": {}}) == []


#: Translation data, not logic: the one module allowed past the size limit.
LONG_DATA = {"webui/catalogue.py"}
LONG_FOR_NOW: set[str] = set()
MAX_LINES = 400


def test_other_layers_use_only_a_package_s_public_face() -> None:
    """vault, webui and cli import only the modules keys names in keys.PUBLIC; webui and cli only
    those vault names in vault.PUBLIC."""
    import keys
    import vault

    faces = {"keys": keys.PUBLIC, "vault": vault.PUBLIC}
    modules = product_modules()
    wrong = []
    for name, path in modules.items():
        for target, line in imported_modules(name, path, modules):
            package, _, rest = target.partition(".")
            if package in faces and name.split(".")[0] != package and rest:
                if rest.split(".")[0] not in faces[package]:
                    wrong.append(f"{path.relative_to(ROOT)}:{line} imports {target}, not in {package}.PUBLIC")
    assert not wrong, "\n".join(wrong)
    for package, face in faces.items():  # the face names modules that exist
        assert all((ROOT / package / f"{m}.py").is_file() or (ROOT / package / m).is_dir() for m in face), package


def test_no_module_over_400_lines() -> None:
    """A module a newcomer can read in one sitting: keys, vault and webui stay under 400 lines."""
    long = []
    for layer in ("keys", "vault", "webui"):
        for path in sorted((ROOT / layer).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > MAX_LINES and name not in LONG_DATA | LONG_FOR_NOW:
                long.append(f"{name}: {lines} lines")
    assert long == [], f"modules over {MAX_LINES} lines (split them along a seam):\n" + "\n".join(long)
