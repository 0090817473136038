"""The subject vocabulary (rules/vocab/subjects.yaml), loaded once."""

from __future__ import annotations

from msgspec import Struct, field
from functools import lru_cache
from pathlib import Path


from budgetlint import cache
from budgetlint.claims.text import fold_text
from budgetlint.resources import load_data_file, vocab_dir


class Subject(Struct, frozen=True):
    """A subject narratives speak of: its names and the facts it may mean."""

    key: str
    name: str
    terms: tuple[str, ...]
    facts: tuple[str, ...]  # candidates; "a+b" = sum of facts a and b
    parts: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()
    classes: bool = False
    changes_add_up: bool = False
    # Printed in some regions' tables only (机关运行经费, 会议费): where no table of the set
    # prints its column, a claim about it restates no table figure.
    only_where_printed: bool = False


class Vocabulary(Struct):
    """The narrative vocabulary: subjects, their terms and classes."""

    subjects: dict[str, Subject] = field(default_factory=dict)
    terms: list[tuple[str, str]] = field(default_factory=list)  # (folded term, key), longest first
    classes: dict[str, str] = field(default_factory=dict)  # normalised 类 name -> code ("一般公共服务" -> "201")
    table_identities: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # (whole, parts)
    # 类 names a narrative may print without "（类）" ("科学技术支出 28.00 万元"), folded, longest first
    class_terms: list[str] = field(default_factory=list)
    tight: set[str] = field(default_factory=set)  # folded terms that name a subject only right before its amount
    # 政府预算经济分类 code -> its folded names (economic_lines.py): lines 西安 summaries print by name only
    gov_economic: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def class_code(self, name: str) -> str | None:
        return self.classes.get(class_name_key(name))

    def parent_of(self, key: str) -> str | None:
        for s in self.subjects.values():
            if key in s.parts:
                return s.key
        return None

    def members(self, key: str) -> set[str]:
        """Subjects a "其中：…" list under ``key`` may name: its parts (and theirs) and lists."""
        s = self.subjects.get(key)
        if s is None:
            return set()
        out = set(s.lists)
        for part in s.parts:
            out |= {part} | self.members(part)
        return out

    def lists_classes(self, key: str) -> bool:
        s = self.subjects.get(key)
        return bool(s and s.classes)

    def name(self, key: str | None) -> str:
        if key is None:
            return "（未识别）"
        if key in self.subjects:
            return self.subjects[key].name
        if key.startswith("projrow:"):  # a project named as the 项目支出表 prints it (project_names.py)
            return key[len("projrow:") :]
        if key.startswith(("func:", "funcname:")):
            name, level = (key.split(":", 1)[1].split("|") + [""])[:2]
            return f"{name}（{level}）" if level else name
        return key


def load_vocabulary(path: Path | None = None) -> Vocabulary:
    """Read subjects.yaml; terms are folded the same way narrative text is."""
    if path is None:
        return _default()
    return _load(path)


@lru_cache(maxsize=1)
def _default() -> Vocabulary:
    # built once per change of subjects.yaml or of the code folding its terms (user cache): folding
    # some 300 terms was a tenth of a small check's run
    path = vocab_dir() / "subjects.yaml"
    key = cache.digest(cache.source_digest("claims/vocab.py", "claims/text.py"), path.read_bytes())
    return cache.cached("subjects", key, lambda: _load(path))


def _load(path: Path) -> Vocabulary:
    data = load_data_file(path) or {}
    vocab = Vocabulary()
    for key, spec in (data.get("subjects") or {}).items():
        subject = Subject(
            key=key,
            name=spec.get("name", key),
            terms=tuple(spec.get("terms") or ()),
            facts=tuple(spec.get("facts") or ()),
            parts=tuple(spec.get("parts") or ()),
            lists=tuple(spec.get("lists") or ()),
            classes=bool(spec.get("classes", False)),
            changes_add_up=bool(spec.get("changes_add_up", False)),
            only_where_printed=bool(spec.get("only_where_printed", False)),
        )
        vocab.subjects[key] = subject
        for term in subject.terms:
            vocab.terms.append((fold_text(term).text, key))
        for term in spec.get("tight_terms") or ():
            vocab.terms.append((fold_text(term).text, key))
            vocab.tight.add(fold_text(term).text)
    vocab.terms.sort(key=lambda t: -len(t[0]))
    for whole, parts in data.get("table_identities") or []:
        vocab.table_identities.append((whole, tuple(parts)))
    skip = {str(c) for c in data.get("classes_only_bracketed") or []}
    for code, name in (data.get("functional_classes") or {}).items():
        vocab.classes[class_name_key(name)] = str(code)
        folded = fold_text(name).text
        if str(code) not in skip and folded.endswith("支出") and folded != "其他支出":  # (其他支出 names many things)
            vocab.class_terms.append(folded)
    vocab.class_terms.sort(key=lambda t: -len(t))
    for code, names in (data.get("government_economic_classes") or {}).items():
        vocab.gov_economic[str(code)] = tuple(fold_text(n).text for n in ([names] if isinstance(names, str) else names))
    return vocab


def class_name_key(name: str) -> str:
    """'一般公共服务支出（类）' and '一般公共服务(类)支出' -> '一般公共服务'."""
    s = fold_text(name).text
    for junk in ("(类)", "(款)", "(项)", "(", ")"):
        s = s.replace(junk, "")
    return s[:-2] if s.endswith("支出") else s
