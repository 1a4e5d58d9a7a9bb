"""The import graph of generator/ follows the pipeline: no cycle, and no module imports from a later
step than its own (the layer order of the README's "Layout: the pipeline"). Imports inside functions
count too: a lazy import is still a dependency."""
import ast
from pathlib import Path

from generator import PACKAGE_DIR

# Lowest first. A module may import from its own layer and the layers before it. The first prefix
# that matches a module's dotted name decides its layer (a longer prefix is listed before a shorter).
LAYERS = [
    ("base", ["generator", "generator.errors", "generator.yamlio", "generator.output", "generator.numerals",
              "generator.workspace", "generator.clock"]),
    ("model", ["generator.model", "generator.text", "generator.ids", "generator.citations", "generator.frozen",
               "generator.ruleset", "generator.strictness"]),
    ("render", ["generator.render"]),                       # blocks -> .docx / .md; knows no policy
    ("reading", ["generator.crossref"]),  # the texts read (regex core, spaCy)
    ("validation", ["generator.checks", "generator.policy"]),
    ("derivation", ["generator.eligibility", "generator.generators", "generator.crossref.report",
                    "generator.revisions", "generator.importer", "generator.impact"]),
    ("build", ["generator.build"]),
    ("site", ["generator.site"]),
    ("interface", ["generator.api", "generator.commands", "generator.cli", "generator.__main__"]),
]


def layer_of(module: str) -> int | None:
    best = None
    for rank, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and (best is None or len(prefix) > best[1]):
                best = (rank, len(prefix))
    return None if best is None else best[0]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path, modules: set[str]) -> set[str]:
    """The generator modules `path` imports (`from generator import x` names module x if it is one)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "generator"}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "generator":
            assert node.level == 0, f"{path}: relative import"
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in modules else node.module)
    return found


def graph() -> dict[str, set[str]]:
    files = {module_name(p): p for p in PACKAGE_DIR.rglob("*.py") if "__pycache__" not in p.parts}
    return {m: imports(p, set(files)) - {m} for m, p in files.items()}


def test_every_module_has_a_layer():
    unplaced = sorted(m for m in graph() if layer_of(m) is None)
    assert not unplaced, f"add these modules to LAYERS in tests/test_layers.py: {unplaced}"


def test_no_upward_import():
    upward = []
    for module, deps in sorted(graph().items()):
        for dep in sorted(deps):
            if dep != "generator" and not module.startswith(dep + ".") and layer_of(dep) > layer_of(module):
                upward.append(f"{module} ({LAYERS[layer_of(module)][0]}) imports {dep} ({LAYERS[layer_of(dep)][0]})")
    assert not upward, "imports from a later step of the pipeline:\n" + "\n".join(upward)


def test_no_import_cycle():
    edges = graph()
    # a package's __init__ is imported with each of its modules: that edge is not a dependency
    edges = {m: {d for d in deps if not m.startswith(d + ".")} for m, deps in edges.items()}
    state: dict[str, int] = {}
    cycles = []

    def visit(module, stack):
        state[module] = 1
        for dep in sorted(edges.get(module, ())):
            if state.get(dep) == 1:
                cycles.append(" -> ".join(stack[stack.index(dep):] + [dep]))
            elif dep not in state:
                visit(dep, stack + [dep])
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_the_checker_sees_a_cycle_and_an_upward_import(tmp_path, monkeypatch):
    """The walk above is real: planted imports are found."""
    assert "generator.policy" in imports(PACKAGE_DIR / "commands" / "validate.py", set(graph()))
    planted = tmp_path / "m.py"
    planted.write_text("def f():\n    from generator.build import engine\n    import generator.site.context\n", encoding="utf-8")
    assert imports(planted, {"generator.build.engine", "generator.build", "generator.site.context"}) == {
        "generator.build.engine", "generator.site.context"}
    assert layer_of("generator.crossref.report") > layer_of("generator.policy") > layer_of("generator.crossref.quantities")
