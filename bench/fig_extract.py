"""Figure 4: extraction throughput against the bare spacy.blank("zh") pipeline on the same texts
(the provisions of the two documents and of a synthetic corpus, bench/corpus.py).

- bare: spacy.blank("zh").pipe(texts), the char segmenter alone;
- fuhua pipeline: the same plus the quantity and reference components (crossref.pipeline);
- fuhua extraction: crossref.analysis.analyse, i.e. the pipeline and reading every span back
  into plain records, document by document, as the cross-reference pass does.
"""
from __future__ import annotations

from measure import median, timed

GOAL = 3.0


def figure(docs: int, reps: int) -> dict:
    import spacy

    from corpus import synthetic_policy
    from generator.crossref.analysis import analyse
    from generator.crossref.pipeline import make_nlp
    from generator.crossref.provisions import text_nodes
    from generator.policy import load_policy

    corpus = synthetic_policy(load_policy(), docs)
    versions = corpus.current_versions()
    texts = [n.own_text for v in versions for n in text_nodes(v)]
    bare, nlp = spacy.blank("zh"), make_nlp(corpus.vocabulary)
    found = sum(len(a.quantities) + len(a.references) for a in (analyse(corpus, v) for v in versions))  # warm-up
    list(bare.pipe(texts))
    runs = {
        "bare spacy.blank(\"zh\")": lambda: list(bare.pipe(texts)),
        "fuhua pipeline (+ quantity and reference components)": lambda: list(nlp.pipe(texts)),
        "fuhua extraction (analyse: pipeline + records)": lambda: [analyse(corpus, v) for v in versions],
    }
    chars = sum(len(t) for t in texts)
    rows, cpu = [], {}
    for label, func in runs.items():
        times = [timed(func) for _ in range(reps)]
        cpu[label] = median(t[1] for t in times)
        rows.append((label, len(texts), median(t[0] for t in times), cpu[label], len(texts) / cpu[label], chars / cpu[label] / 1e6))
    base = cpu[next(iter(runs))]
    labels = list(runs)
    return {
        "title": f"4. Extraction throughput on {len(texts):,} provisions ({chars / 1e6:.2f} M characters) of {len(versions):,} documents, {reps} runs",
        "header": ("pipeline", "texts", "wall s", "CPU s", "texts / CPU s", "M chars / CPU s"),
        "rows": rows,
        "ratios": {"pipeline / bare": cpu[labels[1]] / base, "extraction / bare": cpu[labels[2]] / base,
                   "goal (extraction ≤ 3× bare) met": cpu[labels[2]] / base <= GOAL},
        "notes": [f"{found:,} quantities and references found"],
    }
