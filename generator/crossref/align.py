"""Clause alignment between two documents: each provision gets its counterpart in the other
document, or none.

Similarity is the cosine of character 1–2-gram TF-IDF vectors (no trained model). Containers
(articles, parts) are paired first, one to one (Hungarian assignment, scipy linear_sum_assignment);
then provisions, one to one, where a pair inside paired containers needs WITHIN similarity and a
pair across other containers needs MOVED — so reordering is followed, a provision that moved
keeps its counterpart when its words stayed, and a clause that merely resembles one elsewhere
(an incubator condition next to the accelerator's) is not forced onto it.

Cost: one sparse product per document pair, O(n·m) for n and m provisions; a corpus is aligned
pair by pair against its reference, never all provisions against all.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix

from generator.crossref.provisions import text_nodes
from generator.model import Version

GROUPS = 0.3  # least similarity of two paired containers
WITHIN = 0.3  # least similarity of two provisions inside paired containers
MOVED = 0.8  # least similarity of two provisions in containers that are not paired
NGRAMS = (1, 2)
_NOISE = re.compile(r"[\s\W\d_]+")  # punctuation, spaces and digits carry no topic


@dataclass(frozen=True)
class Unit:
    key: str  # provision id
    citation: str
    group: str  # the article or part it belongs to
    text: str


@dataclass(frozen=True)
class Pair:
    a: Unit | None
    b: Unit | None
    score: float  # similarity of the pair; for a lone unit, of its nearest unit on the other side
    nearest: Unit | None = None  # a lone unit's most similar unit on the other side


def units_of(version: Version) -> list[Unit]:
    return [Unit(n.id, n.citation, n.article.id, n.own_text) for n in text_nodes(version)]


def tfidf(texts: list[str]) -> csr_matrix:
    """Rows: L2-normalised sublinear-tf, smoothed-idf character n-gram vectors."""
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for i, text in enumerate(texts):
        clean = _NOISE.sub(" ", text)
        grams = Counter(clean[k:k + n] for n in range(NGRAMS[0], NGRAMS[1] + 1)
                        for k in range(len(clean) - n + 1) if " " not in clean[k:k + n])
        for gram, count in grams.items():
            rows.append(i)
            cols.append(vocab.setdefault(gram, len(vocab)))
            vals.append(1.0 + math.log(count))
    cols_arr = np.asarray(cols, dtype=np.int64)
    df = np.bincount(cols_arr, minlength=len(vocab))
    idf = np.log((1 + len(texts)) / (1 + df)) + 1.0
    matrix = csr_matrix((np.asarray(vals) * idf[cols_arr], (rows, cols_arr)), shape=(len(texts), len(vocab)))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return csr_matrix(matrix.multiply(1.0 / norms[:, None]))


def similarity(a: list[str], b: list[str]) -> np.ndarray:
    """Cosine similarity of every text of a with every text of b (IDF over both)."""
    if not a or not b:
        return np.zeros((len(a), len(b)))
    m = tfidf(a + b)
    return (m[:len(a)] @ m[len(a):].T).toarray()


def assign(weights: np.ndarray) -> list[tuple[int, int]]:
    """One-to-one pairs maximising the total weight; a pair of weight 0 is no pair."""
    if weights.size == 0:
        return []
    rows, cols = linear_sum_assignment(weights, maximize=True)
    return [(r, c) for r, c in zip(rows, cols) if weights[r, c] > 0]


def _group_pairs(a: list[Unit], b: list[Unit]) -> set[tuple[str, str]]:
    ga, gb = list(dict.fromkeys(u.group for u in a)), list(dict.fromkeys(u.group for u in b))
    text = lambda units, g: "\n".join(u.text for u in units if u.group == g)  # noqa: E731
    s = similarity([text(a, g) for g in ga], [text(b, g) for g in gb])
    return {(ga[i], gb[j]) for i, j in assign(np.where(s >= GROUPS, s, 0.0))}


def align(a: list[Unit], b: list[Unit]) -> list[Pair]:
    """Every unit of a and b exactly once: paired, or alone with its nearest unit for information.
    Order: a's reading order; a unit of b left alone comes before the first pair that follows it in b."""
    s = similarity([u.text for u in a], [u.text for u in b])
    groups = _group_pairs(a, b)
    paired_groups = np.array([[(x.group, y.group) in groups for y in b] for x in a], dtype=bool).reshape(s.shape)
    weights = np.where(paired_groups & (s >= WITHIN), s + 1.0, np.where(s >= MOVED, s, 0.0))
    matched = dict(assign(weights))
    lone_b = [j for j in range(len(b)) if j not in matched.values()]
    pairs: list[Pair] = []
    for i, unit in enumerate(a):
        j = matched.get(i)
        if j is None:
            pairs.append(_lone(unit, None, s[i, :], b))
            continue
        while lone_b and lone_b[0] < j:
            k = lone_b.pop(0)
            pairs.append(_lone(None, b[k], s[:, k], a))
        pairs.append(Pair(unit, b[j], float(s[i, j])))
    pairs += [_lone(None, b[k], s[:, k], a) for k in lone_b]
    return pairs


def _lone(a: Unit | None, b: Unit | None, scores: np.ndarray, other: list[Unit]) -> Pair:
    if not other:
        return Pair(a, b, 0.0)
    k = int(np.argmax(scores))
    return Pair(a, b, float(scores[k]), other[k])
