"""One declaration of each table's own identities (rules/vocab/identities.yaml).

The recogniser reads it (column inference, placement); the rule packs keep their declarative
checks, and these tests fail when a pack's column-sum check and the declaration disagree, or when
the declaration names a column key that does not exist.
"""

from __future__ import annotations

import shutil
from collections import Counter

import pytest

from budgetlint.claims.vocab import load_vocabulary
from budgetlint.engine import load_rules
from budgetlint.engine.expr import Addr, BinOp, Call, Node, Num, addresses
from budgetlint.recognise import vocab as vocab_module
from budgetlint.recognise.identities import equations_for
from budgetlint.recognise.vocab import Identity, VocabularyError, identity_declaration
from budgetlint.resources import vocab_dir

RULES = {r.id: r for r in load_rules()}
DECLARED = identity_declaration()


# ------------------------------------------------------------------ reading a check as a sum


class NotASum(Exception):
    pass


def _sums(node: Node, table: str) -> list[Counter]:
    """Every reading of ``node`` as a signed multiset of columns of ``table[*]`` (``first()`` gives
    one reading per alternative; ``opt()`` is the column itself, missing = 0)."""
    if isinstance(node, Addr):
        if node.table != table or node.row != "*" or not node.column or "*" in node.column:
            raise NotASum
        return [Counter({node.column: 1})]
    if isinstance(node, Call) and node.name == "opt" and len(node.args) == 1:
        return _sums(node.args[0], table)
    if isinstance(node, Call) and node.name == "first":
        return [s for a in node.args for s in _sums(a, table)]
    if isinstance(node, Num) and node.value == 0:
        return [Counter()]  # first(column, 0): a column the table may not print
    if isinstance(node, BinOp) and node.op in "+-":
        sign = 1 if node.op == "+" else -1
        out = []
        for a in _sums(node.left, table):
            for b in _sums(node.right, table):
                c = Counter(a)
                for k, v in b.items():
                    c[k] += sign * v
                out.append(c)
        return out
    raise NotASum


def column_sums(rule, kind: str) -> list[Counter] | None:
    """``left − right`` of a rule's ``==`` check over the row variable of one table, one Counter
    per reading; None when the check is not a column sum of one table."""
    table = "table" if rule.tables else kind
    node = rule.check_ast
    if not (isinstance(node, BinOp) and node.op == "=="):
        return None
    try:
        lefts, rights = _sums(node.left, table), _sums(node.right, table)
    except NotASum:
        return None
    out = []
    for a in lefts:
        for b in rights:
            c = Counter(a)
            c.subtract(b)
            out.append(Counter({k: v for k, v in c.items() if v}))
    return out


def _rule_kinds(rule) -> list[str]:
    if rule.tables:
        return list(rule.tables)
    kinds = {a.table for a in addresses(rule.check_ast)}
    return sorted(kinds) if len(kinds) == 1 else []


# ------------------------------------------------------------------ what the declaration allows


def _expansions(keys: tuple[str, ...], identities: tuple[Identity, ...], depth: int = 0) -> list[Counter]:
    """Every way of writing Σ keys with subtotals replaced by their own parts (recursively)."""
    if not keys:
        return [Counter()]
    head, rest = keys[0], keys[1:]
    heads = [Counter({head: 1})]
    if depth < 6:
        for ident in identities:
            if ident.left == (head,):
                heads += _expansions(ident.right, identities, depth + 1)
    return [h + r for h in heads for r in _expansions(rest, identities, depth)]


def _without_optional(ident: Identity) -> list[tuple[str, ...]]:
    """The identity's parts with every subset of its optional parts left out."""
    variants = [ident.right]
    for part in ident.optional:
        variants += [tuple(k for k in v if k != part) for v in variants]
    return variants


def allowed(kind: str) -> list[tuple[Identity, Counter]]:
    """Each declared identity of ``kind`` and every expansion of it, as left − right."""
    identities = DECLARED.get(kind, ())
    out = []
    for ident in identities:
        for right_keys in _without_optional(ident):
            for left in _expansions(ident.left, identities):
                for right in _expansions(right_keys, identities):
                    diff = Counter(left)
                    diff.subtract(right)
                    out.append((ident, Counter({k: v for k, v in diff.items() if v})))
    return out


def _same(a: Counter, b: Counter) -> bool:
    return a == b or a == Counter({k: -v for k, v in b.items()})


def _matches(kind: str, readings: list[Counter]) -> list[Identity]:
    found = []
    for ident, diff in allowed(kind):
        if any(_same(r, diff) for r in readings) and ident not in found:
            found.append(ident)
    return found


# ------------------------------------------------------------------ the tests


IDENTITY_RULES = [
    (rule.id, kind) for rule in RULES.values() for kind in _rule_kinds(rule) if column_sums(rule, kind) is not None
]


def test_identity_rules_are_found():
    # the reader of checks must recognise the packs' column-sum rules, or the next test checks nothing
    ids = {rid for rid, _ in IDENTITY_RULES}
    assert {"BL101", "BL102", "BL120", "BL130", "BL140", "BL150", "BL707", "BL711", "BL714"} <= ids


@pytest.mark.parametrize("rule_id,kind", IDENTITY_RULES)
def test_pack_identity_is_declared(rule_id, kind):
    """Every rule checking a column sum of one table checks a declared identity of that kind
    (or the same identity with a subtotal written out as its parts); every reading of first()
    must be one."""
    rule = RULES[rule_id]
    readings = column_sums(rule, kind)
    for reading in readings:
        assert _matches(kind, [reading]), (
            f"{rule_id} checks {dict(reading)} on {kind}, which rules/vocab/identities.yaml does not declare"
        )


@pytest.mark.parametrize("kind", sorted(DECLARED))
def test_declared_rules_check_their_identity(kind):
    for ident in DECLARED[kind]:
        for rule_id in ident.rules:
            assert rule_id in RULES, f"identities.yaml {kind}: unknown rule {rule_id}"
            rule = RULES[rule_id]
            assert kind in _rule_kinds(rule), f"{rule_id} does not run on {kind}"
            readings = column_sums(rule, kind)
            assert readings is not None, f"{rule_id} is not a column sum"
            assert ident in _matches(kind, readings), f"{rule_id} does not check {ident} on {kind}"


def test_claims_trust_only_declared_identities():
    """subjects.yaml table_identities (a table whose 合计 row breaks them is not trusted by the
    narrative binding) are declared identities of that kind."""
    for whole, parts in load_vocabulary().table_identities:
        kind, whole_col = whole.split("[total].", 1)
        cols = [p.split("[total].", 1)[1] for p in parts]
        diff = Counter({whole_col: 1})
        diff.subtract(Counter(cols))
        assert _matches(kind, [Counter({k: v for k, v in diff.items() if v})]), (whole, parts)


def test_recogniser_reads_the_declaration():
    # placement's equations are the declared ones (no private copy in placement.py)
    texts = {e.text for e in equations_for("expense", ["total", "basic", "project"])}
    assert texts == {"合计=基本支出+项目支出"}
    eqs = equations_for("income", ["total", "current.total", "carryover.total", "nonfiscal_balance_used"])
    assert [(e.left, e.right) for e in eqs] == [
        (("total",), ("current.total", "carryover.total", "nonfiscal_balance_used"))
    ]


# ------------------------------------------------------------------ validation at load


@pytest.fixture
def vocab_copy(tmp_path, monkeypatch):
    target = tmp_path / "vocab"
    shutil.copytree(vocab_dir(), target)
    monkeypatch.setattr(vocab_module, "vocab_dir", lambda: target)
    for f in (vocab_module._column_data, vocab_module.identity_declaration, vocab_module.column_vocab):
        f.cache_clear()
    yield target
    for f in (vocab_module._column_data, vocab_module.identity_declaration, vocab_module.column_vocab):
        f.cache_clear()


def test_misspelt_column_key_is_an_error_naming_the_nearest(vocab_copy):
    path = vocab_copy / "identities.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("parts: [basic, project], optional", "parts: [basci, project], optional"), encoding="utf-8"
    )
    with pytest.raises(VocabularyError) as err:
        identity_declaration()
    assert "basci" in str(err.value) and "“basic”" in str(err.value) and "expense" in str(err.value)


def test_unknown_table_kind_is_an_error(vocab_copy):
    path = vocab_copy / "identities.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + "\nthree_pubic:\n  - {total: total, parts: [abroad]}\n", encoding="utf-8"
    )
    with pytest.raises(VocabularyError, match="three_pubic.*three_public"):
        identity_declaration()
