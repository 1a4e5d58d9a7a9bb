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

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix

from generator.crossref.provisions import text_nodes
from generator.model import Version

GROUPS = 0.3  # least similarity of two paired containers
WITHIN = 0.3  # least similarity of two provisions inside paired containers
MOVED = 0.8  # least similarity of two provisions in containers that are not paired
_PLANE = 0x110000  # one past the largest code point: bigram codes never collide with unigram codes


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


@lru_cache(maxsize=4096)  # the reference document's texts recur in every pair
def _grams(text: str) -> np.ndarray:
    """Character 1- and 2-grams of the text's word characters (Han and Latin letters; punctuation,
    spaces and digits carry no topic and split bigrams), each as one integer code."""
    cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    lower = cp | 0x20
    word = ((cp >= 0x3400) & (cp <= 0x9FFF)) | ((lower >= 0x61) & (lower <= 0x7A))
    pair = word[:-1] & word[1:]
    return np.concatenate([cp[word], (cp[:-1][pair] + 1) * _PLANE + cp[1:][pair]])


def counts(texts: list[str]) -> csr_matrix:
    """Rows: n-gram counts of each text, over one vocabulary."""
    grams = [_grams(t) for t in texts]
    flat = np.concatenate(grams) if grams else np.zeros(0, dtype=np.int64)
    if not flat.size:
        return csr_matrix((len(texts), 1))
    vocab, cols = np.unique(flat, return_inverse=True)
    rows = np.repeat(np.arange(len(texts)), [len(g) for g in grams])
    matrix = csr_matrix((np.ones(flat.size), (rows, cols.ravel())), shape=(len(texts), len(vocab)))
    matrix.sum_duplicates()
    return matrix


def tfidf(matrix: csr_matrix) -> csr_matrix:
    """Count rows -> L2-normalised sublinear-tf, smoothed-idf rows (as scikit-learn's defaults)."""
    m = csr_matrix(matrix, copy=True)
    m.data = 1.0 + np.log(m.data)
    df = np.bincount(m.indices, minlength=m.shape[1])
    m.data *= (np.log((1 + m.shape[0]) / (1 + df)) + 1.0)[m.indices]
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return csr_matrix(m.multiply(1.0 / norms[:, None]))


def _cosine(m: csr_matrix, n: int) -> np.ndarray:
    weighted = tfidf(m)
    return (weighted[:n] @ weighted[n:].T).toarray()


def similarity(a: list[str], b: list[str]) -> np.ndarray:
    """Cosine similarity of every text of a with every text of b (IDF over both)."""
    if not a or not b:
        return np.zeros((len(a), len(b)))
    return _cosine(counts(a + b), len(a))


def assign(weights: np.ndarray) -> list[tuple[int, int]]:
    """One-to-one pairs maximising the total weight; a pair of weight 0 is no pair."""
    if weights.size == 0:
        return []
    rows, cols = linear_sum_assignment(weights, maximize=True)
    return [(r, c) for r, c in zip(rows, cols) if weights[r, c] > 0]


def _paired_groups(a: list[Unit], b: list[Unit], unit_counts: csr_matrix) -> np.ndarray:
    """Containers paired one to one by the similarity of all their words; the result says, for
    each unit of a and each unit of b, whether their containers are paired."""
    ga, gb = list(dict.fromkeys(u.group for u in a)), list(dict.fromkeys(u.group for u in b))
    ia = np.array([ga.index(u.group) for u in a])
    ib = np.array([gb.index(u.group) for u in b])
    rows = np.concatenate([ia, len(ga) + ib])
    member = csr_matrix((np.ones(len(rows)), (rows, np.arange(len(rows)))), shape=(len(ga) + len(gb), len(rows)))
    s = _cosine(member @ unit_counts, len(ga))
    paired = np.zeros(s.shape, dtype=bool)
    for i, j in assign(np.where(s >= GROUPS, s, 0.0)):
        paired[i, j] = True
    return paired[ia][:, ib]


def align(a: list[Unit], b: list[Unit]) -> list[Pair]:
    """Every unit of a and b exactly once: paired, or alone with its nearest unit for information.
    Order: a's reading order; a unit of b left alone comes before the first pair that follows it in b."""
    if not a or not b:
        return [_lone(u, None, np.zeros(0), b) for u in a] + [_lone(None, u, np.zeros(0), a) for u in b]
    unit_counts = counts([u.text for u in a + b])
    s = _cosine(unit_counts, len(a))
    paired_groups = _paired_groups(a, b, unit_counts)
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
