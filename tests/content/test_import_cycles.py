"""No import circle among the modules of content/.

Every import counts: at the top of a module and inside a function (an import moved into a function to dodge a
circle is still one). Importing ``content.a.b`` also runs the packages above it (``content.a``), so it counts
as importing them too, except the packages the importing module itself lives in (those are being imported
already). Migrations are left out: nothing imports them.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROOM = "content"


def modules():
    """{dotted name: (path, is a package)} of every module of the room."""
    found = {}
    for path in sorted((ROOT / ROOM).rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if "migrations" in parts:
            continue
        package = parts[-1] == "__init__"
        if package:
            parts = parts[:-1]
        found[".".join(parts)] = (path, package)
    return found


def ancestors(name):
    parts = name.split(".")
    return [".".join(parts[:end]) for end in range(1, len(parts))]


def imported_names(name, path, package):
    """The dotted names a module imports (with ``from a import b``: ``a.b`` and ``a``), with their lines."""
    here = name.split(".") if package else name.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module
            yield source, node.lineno
            for alias in node.names:
                yield f"{source}.{alias.name}", node.lineno


def import_graph():
    """{module: {imported module: first line}} within the room."""
    found = modules()
    graph = {}
    for name, (path, package) in found.items():
        edges = graph.setdefault(name, {})
        own = set(ancestors(name)) | ({name} if package else set())
        for target, line in imported_names(name, path, package):
            if target not in found:
                continue
            for module in [*ancestors(target), target]:
                if module in found and module not in own and module != name:
                    edges.setdefault(module, line)
    return graph


def cycles(graph):
    """The strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, result = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return result


def describe(graph, component):
    members = set(component)
    return "\n".join(
        f"  {source} -> {target} (line {line})"
        for source in component
        for target, line in sorted(graph[source].items())
        if target in members
    )


def test_the_graph_sees_top_level_function_level_and_package_imports():
    graph = import_graph()
    assert "content.lookups" in graph["content.pages.news"]  # at the top of the module
    assert "content.pages.digest" in graph["content.templatetags.digest_tags"]  # inside a function
    assert "content.pages" in graph["content.models"]  # the package above the imported module


def test_no_import_cycle_in_content():
    graph = import_graph()
    found = cycles(graph)
    assert not found, "Import circles in content/:\n" + "\n\n".join(describe(graph, c) for c in found)


def test_a_circle_is_found():
    assert cycles({"a": {"b": 1}, "b": {"c": 2}, "c": {"a": 3}, "d": {"a": 4}}) == [["a", "b", "c"]]
