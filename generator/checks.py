"""The validation pipeline: every check a load of policy/ runs, listed once, in order (CHECKS).

    schema       each file against schemas/<part>.schema.json, as policy.py reads it (nothing past a
                 malformed file can be read, so this one runs per file, first)
    references   every id, metric, unit, period, material, type, procedure, scheme and document named exists
    home         project.yaml's home jurisdiction is one of its jurisdictions, served by a current local document
    quotes       every cited provision exists and holds the words its rule quotes
    dates        meta.yaml's dates are in order
    consistency  every number rules.yaml encodes stands in its quote, and every quantity of the text is
                 encoded or waived (crossref/consistency.py: the regex core, no spaCy)
    text dates   every date of meta.yaml is in its source, every date of the text in meta.yaml

The text checks run when the others found nothing (they rely on ids and quotes being right), and
are left out by commands that read only the text (`load_policy(extra_checks=False)`). Every check
is imported here at the top: a check that cannot be imported fails the load, never skips itself.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Callable

from generator.crossref.consistency import check_dates_against_text, check_thresholds_against_text
from generator.model import Policy, Version
from generator.ruleset import condition as typed_condition


def _suggest(name, options) -> str:
    hint = difflib.get_close_matches(str(name), [str(o) for o in options], n=1)
    return f" (did you mean '{hint[0]}'?)" if hint else ""


def _each_version(method: str) -> Callable:
    def run(policy: Policy, c) -> None:
        for doc in policy.documents.values():
            for v in doc.versions.values():
                getattr(VersionChecker(policy, v, c), method)()
    return run


def check_home(policy: Policy, c) -> None:
    """project.yaml names a home jurisdiction that a current local document serves (not checked
    once something is wrong: a document that failed to load would look like a missing home)."""
    if c.problems:
        return
    home, known = policy.project["home_jurisdiction"], policy.project["jurisdictions"]
    path = policy.directory / "project.yaml"
    if home not in known:
        c.add(path, None, (), f"home_jurisdiction: '{home}' is not one of jurisdictions ({', '.join(known)}){_suggest(home, known)}")
    elif policy.documents and not any(v.jurisdiction == home and v.role == "local" for v in policy.current_versions()):
        c.add(path, None, (), f"home_jurisdiction: no current version of a document with role 'local' has jurisdiction '{home}'")


@dataclass(frozen=True)
class Check:
    name: str
    run: Callable[[Policy, object], None]  # (policy, policy.Collector): adds every problem it finds
    against_text: bool = False  # runs only when the checks before the text checks found nothing; skipped by extra_checks=False


CHECKS: tuple[Check, ...] = (
    Check("references", _each_version("references")),
    Check("home", check_home),
    Check("quotes", _each_version("quotes")),
    Check("dates", _each_version("dates")),
    Check("consistency", check_thresholds_against_text, against_text=True),
    Check("text dates", check_dates_against_text, against_text=True),
)


def check_policy(policy: Policy, c, extra: bool = True) -> None:
    """Run CHECKS over a loaded policy (its files already passed the schema check)."""
    found_before_text = None
    for check in CHECKS:
        if check.against_text:
            if found_before_text is None:
                found_before_text = bool(c.problems)
            if found_before_text or not extra:
                continue
        check.run(policy, c)


class VersionChecker:
    def __init__(self, policy: Policy, version: Version, collector) -> None:
        self.policy, self.v, self.c = policy, version, collector
        self.vocab = policy.vocabulary

    def report(self, part: str, where: tuple, message: str) -> None:
        self.c.add(self.v.directory / f"{part}.yaml", self.v.marks[part], where, message)

    def references(self) -> None:
        self.meta_references()
        self.rules()

    def quotes(self) -> None:
        self.sourced("meta", self.v.meta, ())
        self.sourced("rules", self.v.raw_rules, ())  # validation reads the YAML as written, with its paths

    # every mapping with a 'provision' key: the provision exists and contains the quote
    def sourced(self, part: str, node, where: tuple) -> None:
        if isinstance(node, dict):
            pid = node.get("provision")
            if isinstance(pid, str) and node.get("kind") not in ("blank_lines", "separator_space", "stray_space", "page_break", "letter_spacing"):
                self.provision_quote(part, where, pid, node.get("quote"))
            for key, value in node.items():
                self.sourced(part, value, where + (key,))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                self.sourced(part, value, where + (i,))

    def provision_quote(self, part: str, where: tuple, pid: str, quote: str | None) -> None:
        prov = self.v.provisions.get(pid)
        if prov is None:
            self.report(part, where + ("provision",), f"provision '{pid}' does not exist in {self.v.doc_id}/{self.v.version}/text.yaml{_suggest(pid, self.v.provisions)}")
        elif quote is not None and quote not in prov.full_text:
            self.report(part, where + ("quote",), f"quote not found in {prov.citation} ({pid}): '{quote}'")

    def dates(self) -> None:
        dates = self.v.meta["dates"]
        eff, exp = dates.get("effective"), dates.get("expires")
        if eff and exp and eff > exp:
            self.report("meta", ("dates", "expires"), f"dates.expires: {exp} is before dates.effective {eff}")

    def meta_references(self) -> None:
        known = self.policy.project["jurisdictions"]
        if self.v.jurisdiction not in known:
            self.report("meta", ("jurisdiction",), f"jurisdiction: '{self.v.jurisdiction}' is not one of project.yaml jurisdictions ({', '.join(known)}){_suggest(self.v.jurisdiction, known)}")
        for key in ("based_on", "repeals"):
            for i, ref in enumerate(self.v.meta[key]):
                if "document" in ref and not (self.policy.directory / ref["document"] / "document.yaml").is_file():
                    self.report("meta", (key, i, "document"), f"{key}[{i}].document: no document '{ref['document']}' in policy/{_suggest(ref['document'], self.policy.documents)}")

    def rules(self) -> None:
        r = self.v.raw_rules
        types = self.vocab["institution_types"]
        for t, spec in r["institution_types"].items():
            if t not in types:
                self.report("rules", ("institution_types", t), f"institution_types.{t}: not an institution type of vocabulary.yaml{_suggest(t, types)}")
            if spec.get("procedure") and spec["procedure"] not in r.get("procedures", {}):
                self.report("rules", ("institution_types", t, "procedure"), f"institution_types.{t}.procedure: no procedure '{spec['procedure']}'")
        seen: dict[str, tuple] = {}
        for t, conds in r["conditions"].items():
            if t not in r["institution_types"]:
                self.report("rules", ("conditions", t), f"conditions.{t}: '{t}' is not listed under institution_types")
            for i, cond in enumerate(conds):
                where = ("conditions", t, i)
                if cond["id"] in seen:
                    self.report("rules", where + ("id",), f"duplicate condition id '{cond['id']}'")
                seen[cond["id"]] = where
                self.condition(cond, where)
        for d, definition in r.get("definitions", {}).items():
            if definition.get("counts") and definition["counts"] not in self.vocab["metrics"]:
                self.report("rules", ("definitions", d, "counts"), f"counts: unknown metric '{definition['counts']}' (not in vocabulary.yaml){_suggest(definition['counts'], self.vocab['metrics'])}")
            for i, crit in enumerate(definition["criteria"]):
                self.condition(crit, ("definitions", d, "criteria", i))
        schemes = r.get("assessment", {})
        for i, reward in enumerate(r.get("rewards", [])):
            where = ("rewards", i)
            scheme = schemes.get(reward["scheme"])
            if scheme is None:
                self.report("rules", where + ("scheme",), f"rewards[{i}].scheme: no assessment scheme '{reward['scheme']}'{_suggest(reward['scheme'], schemes)}")
            elif reward["grade"] not in scheme["grades"]:
                self.report("rules", where + ("grade",), f"rewards[{i}].grade: '{reward['grade']}' is not a grade of {reward['scheme']} ({', '.join(scheme['grades'])})")
            if reward["type"] not in r["institution_types"]:
                self.report("rules", where + ("type",), f"rewards[{i}].type: unknown institution type '{reward['type']}'")
            self.unit(reward["unit"], where + ("unit",))
        for key in ("rewards", "obligations", "sanctions"):
            ids = [x["id"] for x in r.get(key, [])]
            for i, x in enumerate(r.get(key, [])):
                if ids.count(x["id"]) > 1 and ids.index(x["id"]) != i:
                    self.report("rules", (key, i, "id"), f"duplicate id '{x['id']}' in {key}")
        for i, ob in enumerate(r.get("obligations", [])):
            t = ob.get("institution_type")
            if t is not None and t not in r["institution_types"]:
                self.report("rules", ("obligations", i, "institution_type"), f"obligations[{i}].institution_type: '{t}' is not listed under institution_types"
                            f"{_suggest(t, r['institution_types'])}")
            if ob.get("role") == "periodic_report" and not (t and ob.get("periods")):
                self.report("rules", ("obligations", i, "role"), f"obligations[{i}]: a periodic_report names its institution_type and periods")
        for i, s in enumerate(r.get("obligations", []) + r.get("sanctions", [])):
            for k in ("deadline", "duration"):
                if k in s:
                    self.unit(s[k]["unit"], ())
        for i, scheme in schemes.items():
            if scheme["failing_grade"] not in scheme["grades"]:
                self.report("rules", ("assessment", i, "failing_grade"), f"assessment.{i}.failing_grade: '{scheme['failing_grade']}' is not one of its grades")

    def condition(self, cond: dict, where: tuple) -> None:
        metrics = self.vocab["metrics"]
        for key, metric in typed_condition(cond, lambda pid: None).metric_refs:
            if metric not in metrics:
                self.report("rules", where + (key,), f"{key}: unknown metric '{metric}' (not in vocabulary.yaml){_suggest(metric, metrics)}")
        if "unit" in cond:
            self.unit(cond["unit"], where + ("unit",))
            m = metrics.get(cond.get("metric"))
            if cond["unit"] in self.vocab["units"] and cond["kind"] in ("threshold", "ratio") and m and m.get("unit") and m["unit"] != cond["unit"]:
                self.report("rules", where + ("unit",), f"unit: '{cond['unit']}' differs from the unit of metric '{cond['metric']}' ('{m['unit']}')")
            if cond["kind"] in ("share", "growth") and self.vocab["units"].get(cond["unit"], {}).get("kind") != "share":
                self.report("rules", where + ("unit",), f"unit: a {cond['kind']} condition is a percentage; got '{cond['unit']}'")
        if "about" in cond and cond["about"] not in metrics:
            self.report("rules", where + ("about",), f"about: unknown metric '{cond['about']}' (not in vocabulary.yaml){_suggest(cond['about'], metrics)}")
        if "institution_type" in cond and cond["institution_type"] not in self.v.raw_rules["institution_types"]:
            self.report("rules", where + ("institution_type",), f"institution_type: '{cond['institution_type']}' is not listed under institution_types"
                        f"{_suggest(cond['institution_type'], self.v.raw_rules['institution_types'])}")
        prov = self.v.provisions.get(cond["provision"])
        if "of_term" in cond and prov is not None and cond["of_term"] not in prov.full_text:
            self.report("rules", where + ("of_term",), f"of_term: '{cond['of_term']}' is not in the words of {prov.citation}")
        if "period" in cond and cond["period"] not in self.vocab["periods"]:
            self.report("rules", where + ("period",), f"period: unknown period '{cond['period']}'{_suggest(cond['period'], self.vocab['periods'])}")
        for j, mat in enumerate(cond.get("materials", [])):
            if mat not in self.v.raw_rules.get("materials", {}):
                self.report("rules", where + ("materials", j), f"materials: unknown material '{mat}'{_suggest(mat, self.v.raw_rules.get('materials', {}))}")
        for key in ("metric", "of"):
            m = metrics.get(cond.get(key))
            if m and m["type"] == "boolean" and cond["kind"] != "boolean":
                self.report("rules", where + (key,), f"{key}: metric '{cond[key]}' is yes/no and cannot be compared with a number")

    def unit(self, unit: str, where: tuple) -> None:
        units = self.vocab["units"]
        if unit not in units:
            self.report("rules", where, f"unit: unknown unit '{unit}' (vocabulary.yaml units: {', '.join(units)}){_suggest(unit, units)}")
