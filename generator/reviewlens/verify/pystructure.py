"""A Python file's structure, from its syntax tree (structure.Structure asks for it).

Definitions with their extents and parameters, docstrings, imports, and what
assignments bind (`self.x` an attribute, `x` a local of a function). Only
statements are walked, not every expression: a 100,000-line file's tree has
over a million expression nodes and a tenth as many statements, and what this
reads stands in statements (a comprehension's or a lambda's names are their
own scope's, not the function's).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from reviewlens.model import Lines

# The fields of a statement that hold statements: a block's body, else and finally, a try's handlers, a match's cases
_BLOCKS = ("body", "orelse", "finalbody", "handlers", "cases")


def scan(s, lines: tuple[str, ...]) -> bool:
    """Fill s (a Structure) from the file's syntax tree; False when it does not parse."""
    from reviewlens.verify.structure import Definition, Region

    try:
        tree = ast.parse("\n".join(lines))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    imports: list[Lines] = []

    def docstring(node) -> None:
        body = getattr(node, "body", None)
        if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant) \
                and isinstance(body[0].value.value, str):
            s.regions.append(Region("docstring", Lines(body[0].lineno, body[0].end_lineno or body[0].lineno)))

    def assigned(target: ast.AST, in_function: bool) -> None:
        """What an assignment target binds: self.x (an attribute) or x (a local)."""
        if isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                assigned(element, in_function)
        elif isinstance(target, ast.Starred):
            assigned(target.value, in_function)
        elif isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id in ("self", "cls", "this"):
            s.attributes[target.attr].append(target.lineno)
        elif isinstance(target, ast.Name) and in_function:
            s.locals[target.id].append(target.lineno)

    def definition(node, parent_is_class: bool) -> None:
        ends = [node.lineno]
        if isinstance(node, ast.ClassDef):
            kind, params = "class", ()
            ends += [b.end_lineno or node.lineno for b in node.bases + [k.value for k in node.keywords]]
        else:
            kind = "method" if parent_is_class else "function"
            a = node.args
            every = a.posonlyargs + a.args + ([a.vararg] if a.vararg else []) + a.kwonlyargs + ([a.kwarg] if a.kwarg else [])
            params = tuple(x.arg for x in every)
            ends += [x.end_lineno or node.lineno for x in every]
            if node.returns is not None:
                ends.append(node.returns.end_lineno or node.lineno)
        start = min([node.lineno] + [d.lineno for d in node.decorator_list])
        s.definitions.append(Definition(kind, node.name, Lines(node.lineno, max(ends)),
                                        Lines(start, node.end_lineno or node.lineno), params))

    # An explicit stack, not recursion: a deeply nested file is no RecursionError.
    stack: list[tuple[ast.AST, bool, bool]] = [(tree, False, False)]  # (node, inside a class, inside a function)
    docstring(tree)
    while stack:
        node, in_class, in_function = stack.pop()
        for child in _statements(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                definition(child, parent_is_class=in_class)
                docstring(child)
                stack.append((child, isinstance(child, ast.ClassDef), not isinstance(child, ast.ClassDef)))
                continue
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                imports.append(Lines(child.lineno, child.end_lineno or child.lineno))
            elif isinstance(child, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                for target in (child.targets if isinstance(child, ast.Assign) else [child.target]):
                    assigned(target, in_function)
            elif isinstance(child, (ast.For, ast.AsyncFor)) and in_function:
                assigned(child.target, in_function)
            elif isinstance(child, (ast.With, ast.AsyncWith)) and in_function:
                for item in child.items:
                    if item.optional_vars is not None:
                        assigned(item.optional_vars, in_function)
            if in_function and any("for" in lines[n - 1] for n in range(child.lineno, _head_end(child) + 1)):
                # A comprehension's target ([dict(row) for row in rows]): a name the function binds, as a reader
                # sees it. Its expressions are walked only where its text says `for`.
                for expression in _expressions(child):
                    for node in ast.walk(expression):
                        if isinstance(node, ast.comprehension):
                            assigned(node.target, in_function)
            stack.append((child, False, in_function))  # a def inside an `if` of a class body is a function
    # The stack visits a block's statements before what is nested in the ones above them: the definitions
    # go back in the file's order, the order a reader (and a recursive walk) meets them (Structure sorts
    # the rest itself).
    s.definitions.sort(key=lambda d: d.header.start)
    s._merge_imports(imports)
    return True


def _statements(node: ast.AST) -> Iterator[ast.stmt]:
    """The statements directly inside a node, in order (a try's handlers' and a match's cases' bodies too)."""
    for field in _BLOCKS:
        for item in getattr(node, field, None) or ():
            if isinstance(item, (ast.excepthandler, ast.match_case)):
                yield from item.body
            elif isinstance(item, ast.stmt):
                yield item


def _head_end(node: ast.stmt) -> int:
    """The last line of a statement without its blocks (an `if`'s test, a `for`'s target and iterable)."""
    blocks = [item for field in _BLOCKS for item in getattr(node, field, None) or ()]
    return max(node.lineno, blocks[0].lineno - 1) if blocks else node.end_lineno or node.lineno


def _expressions(node: ast.stmt) -> Iterator[ast.AST]:
    """The parts of a statement that are not its blocks of statements."""
    for field, value in ast.iter_fields(node):
        if field in _BLOCKS:
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, ast.AST):
                yield item
