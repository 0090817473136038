"""The rule expression language: a small tokenizer, a Pratt parser, a safe evaluator.

Grammar (informal)::

    expr     := or
    or       := and ("or" and)*
    and      := not ("and" not)*
    not      := "not" not | compare
    compare  := sum (("=="|"!="|"<="|">="|"<"|">") sum)?      # no chaining
    sum      := product (("+"|"-") product)*
    product  := unary (("*"|"/") unary)*
    unary    := "-" unary | primary
    primary  := NUMBER | STRING | "true" | "false" | "(" expr ")" | "[" list "]"
              | NAME "(" args ")"                               # registered function
              | NAME                                            # bound name (it)
              | TABLE "[" ROW "]" ("." COLUMN)*                 # fact address

A fact address is ``table_kind[row_key].column.key`` (docs/design.md), e.g.
``expense[2010301].basic.personnel.wages``; ``expense#2[...]`` is the second table
of that kind. ``ROW`` may be ``*`` (the row variable: every ``*`` of a rule binds
the same row), ``@kind`` (every row of that kind: a list, e.g. ``@functional``,
``@roots`` for the children of the 合计 row) or a literal key. A column
segment may be ``*`` (the column variable).

Safety: there is no ``eval``/``exec`` and no attribute access; names resolve
only to registered functions and bound variables; input length, node count,
nesting depth and evaluation steps are bounded. Every parse problem raises
``RuleError``.
"""

from __future__ import annotations

from msgspec import Struct, field
from decimal import Decimal, InvalidOperation
from typing import Any, Callable

from budgetlint.lazy_regex import lazy_compile
from budgetlint.errors import RuleError

MAX_SOURCE = 4000
MAX_NODES = 800
MAX_DEPTH = 60

# ------------------------------------------------------------------ tokens


class Token(Struct, frozen=True):
    """A lexical token of a rule expression."""

    kind: str  # num str name op addr_row lbr rbr eof
    text: str
    pos: int


_NAME_RE = lazy_compile(r"[A-Za-z_][A-Za-z0-9_]*(?:#[0-9]+)?")
_NUM_RE = lazy_compile(r"[0-9]+(?:\.[0-9]+)?")
_ROWKEY_RE = lazy_compile(r"[A-Za-z0-9_.:@*\-]+")
_OPS = ("==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "(", ")", ",", ".", "[", "]")
KEYWORDS = frozenset({"and", "or", "not", "true", "false"})


def tokenize(src: str) -> list[Token]:
    if not isinstance(src, str):
        raise RuleError("表达式必须是字符串")
    if len(src) > MAX_SOURCE:
        raise RuleError(f"表达式过长（{len(src)} 字符，上限 {MAX_SOURCE}）")
    out: list[Token] = []
    i, n = 0, len(src)
    while i < n:
        ch = src[i]
        if ch in " \t\r\n":
            i += 1
            continue
        if ch == "[" and out and out[-1].kind == "name" and i > 0 and src[i - 1] not in " \t\r\n":
            # a row selector right after a table name: expense[2010301]
            end = src.find("]", i + 1)
            if end < 0:
                raise RuleError(f"第 {i + 1} 个字符处的“[”没有对应的“]”")
            key = src[i + 1 : end].strip()
            if not key or not _ROWKEY_RE.fullmatch(key):
                raise RuleError(f"行键“{key}”不合法（第 {i + 1} 个字符处）")
            out.append(Token("addr_row", key, i))
            i = end + 1
            continue
        if ch in "\"'":
            end = src.find(ch, i + 1)
            if end < 0:
                raise RuleError(f"第 {i + 1} 个字符处的字符串没有结束引号")
            out.append(Token("str", src[i + 1 : end], i))
            i = end + 1
            continue
        m = _NUM_RE.match(src, i)
        if m:
            out.append(Token("num", m.group(0), i))
            i = m.end()
            continue
        m = _NAME_RE.match(src, i)
        if m:
            word = m.group(0)
            out.append(Token("kw" if word in KEYWORDS else "name", word, i))
            i = m.end()
            continue
        for op in _OPS:
            if src.startswith(op, i):
                out.append(Token("op", op, i))
                i += len(op)
                break
        else:
            raise RuleError(f"无法识别的字符“{ch}”（第 {i + 1} 个字符处）")
    out.append(Token("eof", "", n))
    return out


# --------------------------------------------------------------------- AST


class Node(Struct, frozen=True):
    """A node of a parsed rule expression."""


class Num(Node, frozen=True):
    """A number literal."""

    value: Decimal


class Str(Node, frozen=True):
    """A string literal."""

    value: str


class Bool(Node, frozen=True):
    """true or false."""

    value: bool


class ListLit(Node, frozen=True):
    """A list literal."""

    items: tuple[Node, ...]


class Name(Node, frozen=True):
    """A name (only ``it``)."""

    name: str


class Addr(Node, frozen=True):
    """A fact address: table, row, column."""

    table: str  # "expense" or "expense#2"
    row: str  # key, "*", "@kind"
    column: str  # "basic.personnel" ; "*" segments allowed; "" when absent

    def text(self) -> str:
        return f"{self.table}[{self.row}]" + (f".{self.column}" if self.column else "")


class Call(Node, frozen=True):
    """A function call."""

    name: str
    args: tuple[Node, ...]


class BinOp(Node, frozen=True):
    """A binary operation."""

    op: str
    left: Node
    right: Node


class Not(Node, frozen=True):
    """Logical not."""

    operand: Node


class Neg(Node, frozen=True):
    """Unary minus."""

    operand: Node


_BINDING = {
    "or": 10,
    "and": 20,
    "==": 40,
    "!=": 40,
    "<=": 40,
    ">=": 40,
    "<": 40,
    ">": 40,
    "+": 50,
    "-": 50,
    "*": 60,
    "/": 60,
}
COMPARISONS = frozenset({"==", "!=", "<=", ">=", "<", ">"})


class _Parser:
    def __init__(self, src: str):
        self.src = src
        self.tokens = tokenize(src)
        self.i = 0
        self.nodes = 0
        self.depth = 0

    def peek(self) -> Token:
        return self.tokens[self.i]

    def next(self) -> Token:
        tok = self.tokens[self.i]
        if tok.kind != "eof":
            self.i += 1
        return tok

    def expect_op(self, op: str) -> None:
        tok = self.next()
        if tok.kind != "op" or tok.text != op:
            raise RuleError(f"此处应为“{op}”，却是“{tok.text or '结尾'}”（第 {tok.pos + 1} 个字符处）")

    def made(self, node: Node) -> Node:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise RuleError(f"表达式过于复杂（超过 {MAX_NODES} 个节点）")
        return node

    def parse(self) -> Node:
        node = self.expression(0)
        tok = self.peek()
        if tok.kind != "eof":
            raise RuleError(f"多余的内容“{tok.text}”（第 {tok.pos + 1} 个字符处）")
        return node

    def expression(self, min_bp: int) -> Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise RuleError("表达式嵌套过深")
        try:
            left = self.prefix()
            while True:
                tok = self.peek()
                op = tok.text if tok.kind in ("op", "kw") else None
                bp = _BINDING.get(op or "")
                if op is None or bp is None or bp <= min_bp:
                    break
                self.next()
                right = self.expression(bp)
                if op in COMPARISONS:
                    nxt = self.peek()
                    if nxt.kind == "op" and nxt.text in COMPARISONS:
                        raise RuleError(f"比较不能连写（第 {nxt.pos + 1} 个字符处），请用 and 连接")
                left = self.made(BinOp(op, left, right))
            return left
        finally:
            self.depth -= 1

    def prefix(self) -> Node:
        tok = self.next()
        if tok.kind == "num":
            try:
                return self.made(Num(Decimal(tok.text)))
            except InvalidOperation:  # pragma: no cover - regex admits digits only
                raise RuleError(f"数字“{tok.text}”不合法") from None
        if tok.kind == "str":
            return self.made(Str(tok.text))
        if tok.kind == "kw":
            if tok.text in ("true", "false"):
                return self.made(Bool(tok.text == "true"))
            if tok.text == "not":
                return self.made(Not(self.expression(30)))
            raise RuleError(f"“{tok.text}”不能出现在这里（第 {tok.pos + 1} 个字符处）")
        if tok.kind == "op":
            if tok.text == "-":
                return self.made(Neg(self.expression(55)))
            if tok.text == "(":
                inner = self.expression(0)
                self.expect_op(")")
                return inner
            if tok.text == "[":
                items = self.arguments("]")
                return self.made(ListLit(tuple(items)))
            raise RuleError(f"“{tok.text}”不能出现在这里（第 {tok.pos + 1} 个字符处）")
        if tok.kind == "name":
            nxt = self.peek()
            if nxt.kind == "addr_row":
                self.next()
                return self.made(Addr(tok.text, nxt.text, self.column_path()))
            if "#" in tok.text:
                raise RuleError(f"“{tok.text}”后应为行键 [..]（第 {tok.pos + 1} 个字符处）")
            if nxt.kind == "op" and nxt.text == "(":
                self.next()
                return self.made(Call(tok.text, tuple(self.arguments(")"))))
            return self.made(Name(tok.text))
        if tok.kind == "addr_row":
            raise RuleError(f"行键 [{tok.text}] 前缺少表名（第 {tok.pos + 1} 个字符处）")
        raise RuleError("表达式不完整")

    def column_path(self) -> str:
        parts: list[str] = []
        while self.peek().kind == "op" and self.peek().text == ".":
            self.next()
            tok = self.next()
            if tok.kind == "name" and "#" not in tok.text:
                parts.append(tok.text)
            elif tok.kind == "op" and tok.text == "*":
                parts.append("*")
            elif tok.kind == "kw":
                parts.append(tok.text)
            else:
                raise RuleError(f"“.”后应为列名（第 {tok.pos + 1} 个字符处）")
        return ".".join(parts)

    def arguments(self, closer: str) -> list[Node]:
        items: list[Node] = []
        tok = self.peek()
        if tok.kind == "op" and tok.text == closer:
            self.next()
            return items
        while True:
            items.append(self.expression(0))
            tok = self.next()
            if tok.kind == "op" and tok.text == closer:
                return items
            if not (tok.kind == "op" and tok.text == ","):
                raise RuleError(f"此处应为“,”或“{closer}”（第 {tok.pos + 1} 个字符处）")


def parse(src: str) -> Node:
    """Parse an expression; raises RuleError (and nothing else) on bad input."""
    try:
        return _Parser(src).parse()
    except RuleError:
        raise
    except RecursionError:
        raise RuleError("表达式嵌套过深") from None


def walk(node: Node):
    """Yield every node of the tree (pre-order)."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        if isinstance(n, (BinOp,)):
            stack.extend((n.right, n.left))
        elif isinstance(n, (Not, Neg)):
            stack.append(n.operand)
        elif isinstance(n, Call):
            stack.extend(reversed(n.args))
        elif isinstance(n, ListLit):
            stack.extend(reversed(n.items))


def addresses(node: Node) -> list[Addr]:
    return [n for n in walk(node) if isinstance(n, Addr)]


def function_names(node: Node) -> set[str]:
    return {n.name for n in walk(node) if isinstance(n, Call)}


def names(node: Node) -> set[str]:
    return {n.name for n in walk(node) if isinstance(n, Name)}


# ------------------------------------------------------------- functions


class FunctionSpec(Struct):
    """A function rules may call."""

    name: str
    fn: Any  # callable(ctx, *args) -> value
    doc: str = ""
    lazy: bool = False  # lazy functions receive (ctx, *nodes) unevaluated


# The functions rules may call: the engine's own (registered by its modules with ``register``)
# and those of every library installed with ``install`` (budgetlint.checker installs the claims').
FUNCTIONS: dict[str, FunctionSpec] = {}


class FunctionLibrary:
    """Functions a package outside the engine adds to the rule language.

    Its modules register with ``LIBRARY.register(name)``; the program that puts the engine
    together installs the library (``install``), so the engine never imports it.
    """

    def __init__(self, name: str):
        self.name = name
        self.specs: dict[str, FunctionSpec] = {}

    def register(self, name: str, doc: str = "", lazy: bool = False) -> Callable[[Any], Any]:
        def deco(fn):
            self.specs[name] = FunctionSpec(name, fn, doc or (fn.__doc__ or "").strip(), lazy)
            return fn

        return deco


def install(library: FunctionLibrary) -> None:
    """Make a library's functions callable from rules (again: a no-op)."""
    FUNCTIONS.update(library.specs)


def register(name: str, doc: str = "", lazy: bool = False):
    """Register a function usable in rule expressions.

    The function is called as ``fn(ctx, *args)`` where ``ctx`` is the
    evaluation context (``budgetlint.engine.run.EvalContext``) and ``args`` are
    evaluated values: ``Interval``, ``bool``, ``str``, ``list``, ``Ref`` (an
    unresolved fact reference; call ``ctx.value(ref)`` for its interval) or
    document items. Raise ``Missing`` when the data is absent, ``Skip`` when the
    check does not apply to this binding.
    """

    def deco(fn):
        FUNCTIONS[name] = FunctionSpec(name, fn, doc or (fn.__doc__ or "").strip(), lazy)
        return fn

    return deco


class Missing(Exception):
    """A fact the check needs is absent (table, row or cell)."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


class Skip(Exception):
    """The check does not apply to this binding (e.g. a leaf row has no children)."""


class ScopeDiffers(Skip):
    """The facts compared cover different money (funds or 上年结转): the identity does not
    hold between them, so the rule does not apply here (budgetlint.scope)."""

    def __init__(self, why: str):
        super().__init__(why)
        self.why = why


class EvalLimit(Exception):
    """Evaluation exceeded its step budget."""


class Failure(Struct):
    """One comparison that did not hold, with the facts on each side."""

    op: str
    left: Any
    right: Any
    left_facts: list = field(default_factory=list)
    right_facts: list = field(default_factory=list)
