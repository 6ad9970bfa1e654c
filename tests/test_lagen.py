"""The layers of the package (docs/ontwerp.md, "Lagen"): every import in src/ goes
down or sideways, never up, and no chain of imports comes back to where it started.

The imports are read with ``ast``, not by importing: top-level imports, imports inside
functions (the package imports lazily a lot, to keep start-up fast) and imports under
``TYPE_CHECKING``. A lazy import is still a dependency of the design, so it counts for
cycles and layers alike; that a command in ``cli/`` imports the core lazily is fine
because ``cli`` is the top layer.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from conftest import ROOT

PACKAGE = ROOT / "src" / "waterketen_cli"

# Bottom to top. A module may import from its own layer and the layers below it. An
# entry ending in "/" is a package (everything in it), otherwise a single module; the
# most specific entry wins. Keep this list and the table in docs/ontwerp.md together.
LAGEN: tuple[tuple[str, tuple[str, ...]], ...] = (
    # no knowledge of records: messages, Dutch wording, escaping, progress
    (
        "basis",
        (
            "__init__.py",
            "errors.py",
            "paths.py",
            "voortgang.py",
            "datums.py",
            "findings.py",
            "dutch.py",
            "escape.py",
        ),
    ),
    # output formats that know nothing of the data: templates, safe Markdown, PDF
    ("formaten", ("render.py", "markdown_subset.py", "pdf.py")),
    # what a record is: the pydantic models and the kinds per folder
    ("model", ("models/", "soorten.py")),
    # reading and writing files: records, cache, write plans, the transaction; git
    ("opslag", ("records/", "git.py")),
    # the checks of `validate`, per record and over records
    ("controle", ("checks/",)),
    # the one write path: a plan checked with every rule, then written all or nothing
    ("schrijfpad", ("schrijfpad.py",)),
    # what the domain shares: the public view, documents in the house style, e-mail,
    # spreadsheets in
    ("diensten", ("publiek.py", "documentformaat.py", "verzenden.py", "tabel.py")),
    # the core of the commands
    (
        "kern",
        (
            "vergaderen/",
            "analyse/",
            "communicatie/",
            "codeowners.py",
            "schemas.py",
            "werkboek.py",
            "init.py",
        ),
    ),
    # what the commands share: options, data_dir, the write session, output, i18n
    (
        "cli-gedeeld",
        (
            "cli/common.py",
            "cli/output.py",
            "cli/tabellen.py",
            "cli/i18n.py",
            "cli/verzendopties.py",
        ),
    ),
    # one module per command group; they do not import each other (ONAFHANKELIJK)
    ("opdrachten", ("cli/",)),
    # the entry point: it registers every command
    ("ingang", ("cli/main.py", "__main__.py")),
)

# Layers whose modules do not import each other: a command that needs something of
# another command gets it from cli/common.py or from the core.
ONAFHANKELIJK = {"opdrachten"}

# Known debt: arrows that break a rule and are not fixed yet, each with the reason.
# An entry that no longer occurs fails the test, so the list only shrinks.
BEKENDE_SCHULD: dict[tuple[str, str], str] = {}


@dataclass(frozen=True)
class Import:
    bron: str  # "records/dataset.py"
    doel: str
    regel: int


def _modules() -> dict[str, str]:
    """Dotted name → path relative to the package ("waterketen_cli.checks" →
    "checks/__init__.py")."""
    modules = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        parts = ["waterketen_cli", *relative.with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = relative.as_posix()
    return modules


def _owner(name: str, modules: dict[str, str]) -> str | None:
    """The module a dotted name lives in: itself, or the nearest package above it."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return modules.get(name)


def _imports() -> list[Import]:
    modules = _modules()
    found = []
    for dotted, relative in modules.items():
        package = dotted if relative.endswith("__init__.py") else dotted.rpartition(".")[0]
        tree = ast.parse((PACKAGE / relative).read_text(encoding="utf-8"), relative)
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")
                    base = base[: len(base) - node.level + 1]
                    module = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    module = node.module or ""
                # `from pakket import module` imports the module, `from module import
                # naam` the module it lives in
                names = [
                    f"{module}.{alias.name}" if f"{module}.{alias.name}" in modules else module
                    for alias in node.names
                ]
            for name in names:
                if name != "waterketen_cli" and not name.startswith("waterketen_cli."):
                    continue
                doel = _owner(name, modules)
                assert doel is not None, f"{relative}:{node.lineno}: {name} bestaat niet"
                if doel != relative:
                    found.append(Import(relative, doel, node.lineno))
    return found


def _laag(module: str) -> str | None:
    best: tuple[int, str] | None = None
    for naam, leden in LAGEN:
        for lid in leden:
            past = module == lid or (lid.endswith("/") and module.startswith(lid))
            if past and (best is None or len(lid) > best[0]):
                best = (len(lid), naam)
    return best[1] if best else None


def _cycles(imports: list[Import]) -> list[list[str]]:
    """One cycle per strongly connected group of modules, as a chain that ends where
    it starts (Tarjan, then the shortest way back to the first module)."""
    graph: dict[str, set[str]] = {}
    for imp in imports:
        graph.setdefault(imp.bron, set()).add(imp.doel)
        graph.setdefault(imp.doel, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)

    chains = []
    for group in groups:
        start = min(group)
        paths = {start: [start]}
        queue = [start]
        chain: list[str] | None = None
        while queue and chain is None:
            node = queue.pop(0)
            for nxt in sorted(graph[node] & group):
                if nxt == start:
                    chain = [*paths[node], start]
                    break
                if nxt not in paths:
                    paths[nxt] = [*paths[node], nxt]
                    queue.append(nxt)
        assert chain is not None
        chains.append(chain)
    return sorted(chains)


def _schuld_weg(imports: list[Import]) -> list[Import]:
    return [imp for imp in imports if (imp.bron, imp.doel) not in BEKENDE_SCHULD]


def test_every_module_has_a_layer() -> None:
    zonder = sorted(module for module in _modules().values() if _laag(module) is None)
    assert not zonder, "zonder laag (zet ze in LAGEN en in docs/ontwerp.md): " + ", ".join(zonder)


def test_every_entry_of_the_layers_exists() -> None:
    modules = set(_modules().values())
    leeg = [
        lid
        for _, leden in LAGEN
        for lid in leden
        if not any(module == lid or module.startswith(lid) for module in modules)
    ]
    assert not leeg, "in LAGEN maar niet in src/waterketen_cli: " + ", ".join(leeg)


def test_no_import_cycle() -> None:
    cycles = _cycles(_schuld_weg(_imports()))
    assert not cycles, "importcyclus:\n" + "\n".join(" → ".join(chain) for chain in cycles)


def test_no_import_goes_up() -> None:
    rang = {naam: i for i, (naam, _) in enumerate(LAGEN)}
    fout = []
    for imp in _schuld_weg(_imports()):
        van, naar = _laag(imp.bron), _laag(imp.doel)
        if van is None or naar is None:
            continue  # test_every_module_has_a_layer says which
        if rang[naar] > rang[van]:
            fout.append(f"{imp.bron}:{imp.regel} → {imp.doel}: {van} ligt onder {naar}")
        elif van == naar and van in ONAFHANKELIJK:
            fout.append(f"{imp.bron}:{imp.regel} → {imp.doel}: {van} importeren elkaar niet")
    assert not fout, "import naar boven:\n" + "\n".join(sorted(set(fout)))


def test_the_known_debt_still_exists() -> None:
    """An arrow on BEKENDE_SCHULD that is gone comes off the list."""
    arrows = {(imp.bron, imp.doel) for imp in _imports()}
    weg = sorted(f"{bron} → {doel}" for bron, doel in BEKENDE_SCHULD if (bron, doel) not in arrows)
    assert not weg, "niet meer nodig in BEKENDE_SCHULD: " + ", ".join(weg)


def test_the_reader_sees_lazy_and_type_checking_imports() -> None:
    """The graph holds what a newcomer would miss: an import inside a function and one
    under TYPE_CHECKING."""
    arrows = {(imp.bron, imp.doel) for imp in _imports()}
    assert ("cli/main.py", "cli/validate.py") in arrows  # inside a function
    assert ("soorten.py", "models/base.py") in arrows  # under TYPE_CHECKING
