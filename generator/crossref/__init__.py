"""The cross-reference pass: the toolkit's own reading of the texts, independent of rules.yaml.

    quantities.py   regex core: thresholds (comparator, value, unit, period, base, subject), dates
    references.py   regex core: 第X条, 前款, 本办法, 《title》 and document numbers; resolve()
    pipeline.py     the spaCy pipeline: spacy.blank("zh") + fuhua_quantities + fuhua_references
    analysis.py     a version through the pipeline; `fuhua extract` items
    consistency.py  policy/ against the text (in `fuhua validate`) and the extraction score
    align.py        clause alignment between two documents (TF-IDF + Hungarian assignment)
    compare.py      thresholds of aligned provisions: stricter / looser / same / only-in-one
    lint/           drafting problems (`fuhua lint`)
    report.py       everything as JSON, Markdown and .docx (`fuhua crossref`, build target)
"""
