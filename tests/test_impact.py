"""`fuhua population` and `fuhua impact`: the synthetic population, the column-wise engine against
the reference evaluator, consistency with batch `fuhua check --profiles`, switchers, sweeps, the
fiscal exposure worked by hand, bad rows, and the report's formats."""
from __future__ import annotations

import csv
import io
import json
import random
import zipfile
from pathlib import Path

import numpy as np
import pytest
from openpyxl import load_workbook

from generator.eligibility.evaluate import evaluate
from generator.eligibility.profile import _plainly_valid, _validator, validate_profile
from generator.eligibility.rules import export_rules
from generator.errors import InputError
from generator.impact import engine, fiscal, population
from generator.impact.run import resolve_side
from generator.policy import load_policy
from generator.yamlio import Marks

DATE = "2026-03-01"
PROFILES = Path(__file__).parent / "profiles"


@pytest.fixture(scope="module")
def rules(policy):
    return export_rules(policy)


def _reform(policy_dir: Path, old: str, new: str) -> Path:
    """A revised copy of policy/: one threshold changed in both the text and its rule."""
    version = policy_dir / "tianjin-measures" / "draft-2024"
    for name in ("text.yaml", "rules.yaml"):
        path = version / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")
    return policy_dir


@pytest.fixture
def reform(policy_copy):
    """The incubator site requirement halved (what a drafter would try)."""
    path = _reform(policy_copy, "不低于2500平方米", "不低于1250平方米")
    rules_file = path / "tianjin-measures" / "draft-2024" / "rules.yaml"
    text = rules_file.read_text(encoding="utf-8")
    start = text.index("id: inc_site_area")
    end = text.index("value: 2500", start)
    rules_file.write_text(text[:end] + "value: 1250" + text[end + len("value: 2500"):], encoding="utf-8")
    assert not load_policy(path).documents is None  # validates: quote and value agree
    return path


@pytest.fixture(scope="module")
def pop_csv(tmp_path_factory, rules):
    from generator.cli import main

    path = tmp_path_factory.mktemp("pop") / "pop.csv"
    assert main(["population", "--size", "600", "--seed", "7", "--out", str(path)]) == 0
    return path


# --- the population -----------------------------------------------------------------------------------

def test_population_is_seeded_and_covers_every_fact(cli, tmp_path, rules):
    a, b, c = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "c.csv"
    for path, seed in ((a, 3), (b, 3), (c, 4)):
        assert cli("population", "--size", "300", "--seed", seed, "--out", path)[0] == 0
    assert a.read_bytes() == b.read_bytes() != c.read_bytes()
    header = next(csv.reader(io.StringIO(a.read_text(encoding="utf-8-sig"))))
    for m in population.needed_facts(rules):
        assert rules["facts"][m]["label"] in header
    pop = population.read(a, rules)
    assert len(pop.institutions) == 300 and not pop.problems and pop.synthetic
    assert {i.type for i in pop.institutions} == set(rules["types"])
    # every fact a type's conditions read is filled for that type (but for the few blanked at random)
    for m, types in population.needed_facts(rules).items():
        rows = [i for i in pop.institutions if i.type in types]
        assert sum(m in i.profile for i in rows) >= 0.9 * len(rows), m


def test_population_correlations_are_plausible(rules):
    config = population.load_config(None, rules)
    pop = population.generate(rules, config, 2000, 1, "incubator")
    pairs = [(i.profile["site_area"], i.profile["incubated_firms"]) for i in pop.institutions
             if "site_area" in i.profile and "incubated_firms" in i.profile]
    x, y = (np.argsort(np.argsort(np.array(v, dtype=float))) for v in zip(*pairs))
    assert np.corrcoef(x, y)[0, 1] > 0.6  # a bigger site has more firms
    for i in pop.institutions:  # a part never exceeds its whole
        p = i.profile
        if "incubated_firm_area" in p and "site_area" in p:
            assert p["incubated_firm_area"] <= p["site_area"]


def test_population_type_and_xlsx(cli, tmp_path, rules):
    out = tmp_path / "inc.xlsx"
    assert cli("population", "--size", "50", "--type", "accelerator", "--out", out)[0] == 0
    pop = population.read(out, rules)
    assert len(pop.institutions) == 50 and {i.type for i in pop.institutions} == {"accelerator"}
    again = tmp_path / "again.xlsx"
    cli("population", "--size", "50", "--type", "accelerator", "--out", again)
    assert out.read_bytes() == again.read_bytes()


def test_population_config_errors_name_the_line(cli, tmp_path):
    config = tmp_path / "pop.yaml"
    text = population.DEFAULT_CONFIG.read_text(encoding="utf-8")
    text = text.replace("  site_area: {median:", "  site_aera: {median:").replace("  mentors: {", "  # mentors: {")
    config.write_text(text, encoding="utf-8")
    code, _, err = cli("population", "--size", "5", "--config", config, "--out", tmp_path / "x.csv")
    assert code == 2
    line = next(n for n, t in enumerate(text.splitlines(), start=1) if t.startswith("  site_aera"))
    assert f"pop.yaml:{line}:" in err and "site_aera" in err and "did you mean 'site_area'" in err
    assert "no distribution for mentors" in err and "no distribution for site_area" in err
    assert not (tmp_path / "x.csv").exists()


def test_bad_rows_are_reported_with_line_and_skipped(cli, tmp_path, pop_csv, reform):
    lines = pop_csv.read_text(encoding="utf-8-sig").splitlines()
    header = next(csv.reader([lines[0]]))
    rows = [next(csv.reader([line])) for line in lines[1:6]]
    rows[1][header.index("类型")] = "孵化园"  # unknown type
    area = header.index("可自主支配的场地面积")
    rows[3][area] = "-5"  # negative
    bad = tmp_path / "bad.csv"
    with bad.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header] + rows)
    code, out, err = cli("impact", "--population", bad, "--reform", reform, "--format", "json", "--date", DATE)
    assert code == 1
    assert "bad.csv:3:2: type: unknown institution type '孵化园'" in err
    assert f"bad.csv:5:{area + 1}: site_area" in err and "must not be negative" in err
    data = json.loads(out)
    assert data["population"]["n"] == 3 and data["population"]["skipped"] == 2


# --- the engine is the evaluator -------------------------------------------------------------------------

def test_engine_matches_evaluate_for_every_type_and_document(rules, pop_csv):
    pop = population.read(pop_csv, rules)
    profiles = [i.profile for i in pop.institutions]
    # the test profiles too (those without a firm list: a table row never has one)
    for path in sorted(PROFILES.glob("*.yaml")):
        from generator.eligibility.profile import load_profile
        try:
            p = load_profile(path, rules)
        except InputError:
            continue
        if p.get("firms") is None:
            profiles.append(p)
    cols = engine.columns(profiles, rules["facts"])
    checked = 0
    for j, spec in rules["jurisdictions"].items():
        for t, ts in spec["types"].items():
            statuses = engine.evaluate_all(ts["conditions"], cols, rules["facts"])
            verdicts = engine.verdicts(statuses)
            for i, p in enumerate(profiles):
                r = evaluate(rules, t, j, p)
                assert [engine.STATUSES[s] for s in statuses[i]] == [c["status"] for c in r["conditions"]], (j, t, i)
                assert engine.VERDICTS[verdicts[i]] == r["verdict"]
                checked += 1
    assert checked > 2000


def test_fast_validation_never_accepts_what_the_schema_refuses(rules):
    validator, kinds, _ = _validator(rules)
    rng = random.Random(5)
    odd = [None, True, False, -1, -0.5, 0, 3, 2.5, 101, 1e20, "12", [1, 2], [1, 2, 3], [1.5, 2, 3], [-1, 2, 3], {}, float("nan")]
    keys = list(kinds) + ["applicant", "unknown_key"]
    for _ in range(3000):
        data = {k: rng.choice(odd) for k in rng.sample(keys, rng.randint(1, 6))}
        if _plainly_valid(data, kinds):
            assert not list(validator.iter_errors(data)), data
    with pytest.raises(InputError):
        validate_profile({"site_area": -1}, Marks(), "x", rules)


# --- consistency with batch check ---------------------------------------------------------------------

def _batch_counts(cli, source: Path, inst_type: str, out: Path, policy_dir) -> dict:
    code, stdout, err = cli("check", "--policy", policy_dir, "--profiles", source, "--type", inst_type, "--out", out, "--workers", "2")
    assert code == 0, err
    text = (out / "summary.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    phrases = export_rules(load_policy(policy_dir, extra_checks=False))["phrases"]["verdict"]
    names = {v: k for k, v in phrases.items()}
    found = [names[r[3]] for r in rows[1:]]
    return {v: found.count(v) for v in engine.VERDICTS}


@pytest.mark.slow  # a batch check under each policy
def test_counts_equal_batch_check_under_each_policy(cli, tmp_path, reform, rules):
    from generator import DEFAULT_POLICY_DIR

    source = tmp_path / "pop.csv"
    assert cli("population", "--size", "160", "--seed", "11", "--out", source)[0] == 0
    code, out, err = cli("impact", "--population", source, "--reform", reform, "--format", "json", "--date", DATE)
    assert code == 0, err
    data = json.loads(out)
    assert [t["type"] for t in data["types"]] == ["makerspace", "incubator", "accelerator"]
    for t in data["types"]:
        if t["type"] == "accelerator":
            continue  # covered by the engine test; keeps this test's checklists few
        assert _batch_counts(cli, source, t["type"], tmp_path / f"b-{t['type']}", DEFAULT_POLICY_DIR) == t["base"]
        assert _batch_counts(cli, source, t["type"], tmp_path / f"r-{t['type']}", reform) == t["reform"]


# --- switchers, sweeps -------------------------------------------------------------------------------------

def test_switchers_and_their_reasons(cli, pop_csv, reform, rules):
    code, out, _ = cli("impact", "--population", pop_csv, "--reform", reform, "--type", "incubator", "--format", "json", "--date", DATE)
    data = json.loads(out)["types"][0]
    pop = population.read(pop_csv, rules, "incubator")
    reform_rules = export_rules(load_policy(reform))
    gained = [i for i in pop.institutions
              if evaluate(rules, "incubator", "tianjin", i.profile)["verdict"] != "eligible"
              and evaluate(reform_rules, "incubator", "tianjin", i.profile)["verdict"] == "eligible"]
    assert gained, "the population should have institutions that only the halved site requirement held back"
    switch = {(s["from_id"], s["to_id"]): s for s in data["switchers"]}
    moved = sum(s["count"] for (a, b), s in switch.items() if b == "eligible")
    assert moved == len(gained)
    assert all(a != "eligible" for a, b in switch)  # a looser rule makes no one lose
    reasons = switch[("not_eligible", "eligible")]["conditions"]
    assert [c["label"] for c in reasons] == [c for c in [reasons[0]["label"]]] and "1250平方米" in reasons[0]["label"]
    site = next(c for c in data["conditions"] if c["reform_condition"] and c["reform_condition"]["id"] == "inc_site_area")
    assert site["reform"]["pass"] >= site["base"]["pass"] and site["changed"]


@pytest.mark.slow  # a sweep and its chart
def test_sweep_curve_and_chart(cli, tmp_path, pop_csv, reform):
    args = ["impact", "--population", pop_csv, "--reform", reform, "--type", "incubator", "--date", DATE,
            "--sweep", "inc_site_area=500:3000:250"]
    data = json.loads(cli(*args, "--format", "json")[1])
    curve = data["curves"][0]
    values = [p["value"] for p in curve["points"]]
    assert values == [500 + 250 * k for k in range(11)]
    passes = [p["pass"] for p in curve["points"]]
    assert passes == sorted(passes, reverse=True)  # a higher minimum never lets more through
    at_current = next(p for p in curve["points"] if p["value"] == 1250)
    assert {v: at_current[v] for v in engine.VERDICTS} == data["types"][0]["reform"]
    md_a, md_b = tmp_path / "a" / "r.md", tmp_path / "b" / "r.md"
    assert cli(*args, "--format", "md", "--out", md_a)[0] == 0
    assert cli(*args, "--format", "md", "--out", md_b)[0] == 0
    svg = (md_a.parent / "r-sweep-1.svg").read_bytes()
    assert svg == (md_b.parent / "r-sweep-1.svg").read_bytes()  # deterministic
    assert b"<dc:date>" not in svg and b"r-sweep-1.svg" in md_a.read_bytes()
    code, _, err = cli("impact", "--population", pop_csv, "--reform", reform, "--sweep", "inc_site_area=5:1:1")
    assert code == 2 and "FROM ≤ TO" in err
    code, _, err = cli("impact", "--population", pop_csv, "--reform", reform, "--sweep", "inc_sit_area=1:5:1")
    assert code == 2 and "no condition 'inc_sit_area'" in err


# --- fiscal exposure, by hand ------------------------------------------------------------------------------

def test_fiscal_exposure_worked_by_hand(cli, tmp_path, policy):
    """Four incubators that meet every condition, two of one operating entity; grades 优秀 25%,
    良好 25%, A 25%, B 25%. Worked by hand from the caps in rules.yaml."""
    v = policy.by_jurisdiction("tianjin")
    cap = {(r.scheme, r.grade): r.value for r in v.rules.rewards if r.type == "incubator"}
    good = {"registered_in_tianjin": "是", "independent_legal_person": "是", "years_in_operation": 5, "torch_statistics_years": 3,
            "site_area": 6000, "incubated_firm_area": 5000, "fund_size": 1000, "incubated_firms": 40, "financed_incubated_firms": 10,
            "fund_use_cases": 5, "professional_staff": 18, "total_staff": 20, "mentors": 10, "graduated_firms": 20}
    path = tmp_path / "four.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["applicant", "type", "operator", *good])
        for name, op in (("甲", "甲乙公司"), ("乙", "甲乙公司"), ("丙", "丙公司"), ("丁", "丁公司")):
            w.writerow([name, "incubator", op, *good.values()])
    code, out, err = cli("impact", "--population", path, "--reform", "tianjin-measures@draft-2024", "--format", "json",
                         "--grades", "优秀=25%,良好=25%,A=25%,B=25%", "--seed", "3", "--date", DATE)
    assert code == 0, err
    data = json.loads(out)
    assert data["types"][0]["base"]["eligible"] == 4
    f = data["fiscal"]["reform"]
    assert f["types"]["incubator"]["municipal"] == {"优秀": 1, "良好": 1}
    assert f["types"]["incubator"]["ministerial"] == {"A": 1, "B": 1}
    # reproduce the seeded allocation, then add up as 第十六条 is read in the assessment report
    rng = np.random.default_rng(3)
    rng.permutation(4)  # the baseline side draws first
    order = [["甲", "乙", "丙", "丁"][i] for i in rng.permutation(4)]
    municipal = dict(zip(order, ["优秀", "良好", None, None]))
    ministerial = dict(zip(order, ["A", "B", None, None]))
    amounts = {n: (cap.get(("municipal", municipal[n]), 0), cap.get(("ministerial", ministerial[n]), 0)) for n in order}
    assert f["gross"] == sum(a + b for a, b in amounts.values())
    bound = {n: max(a, b) for n, (a, b) in amounts.items()}
    assert f["per_institution"] == sum(bound.values())
    total = 0
    for members in (["甲", "乙"], ["丙"], ["丁"]):
        s = sum(bound[n] for n in members)
        graded = any(ministerial[n] for n in members)
        m_sum = sum(amounts[n][1] for n in members)
        total += m_sum if graded and s > m_sum else s
    assert f["total"] == total
    assert data["fiscal"]["base"]["total"] == total  # same policy, same seed


def test_grade_shares_are_exact_and_checked(policy):
    assert fiscal.allocate(20, {"优秀": 0.15, "良好": 0.35}) == ["优秀"] * 3 + ["良好"] * 7 + [None] * 10
    # 7 × 50% = 3.5 graded, rounded half up to 4; 1.05 and 2.45: the larger remainder gets the extra one
    assert fiscal.allocate(7, {"优秀": 0.15, "良好": 0.35}) == ["优秀"] + ["良好"] * 3 + [None] * 3
    scales = policy.home.raw_rules["assessment"]
    with pytest.raises(InputError, match="出色"):
        fiscal.parse_grades("出色=10%", scales)
    with pytest.raises(InputError, match="more than 100%"):
        fiscal.parse_grades("优秀=60%,良好=50%", scales)


# --- outputs ---------------------------------------------------------------------------------------------

def test_xlsx_one_row_per_institution(cli, tmp_path, pop_csv, reform, rules):
    out = tmp_path / "r.xlsx"
    assert cli("impact", "--population", pop_csv, "--reform", reform, "--format", "xlsx", "--out", out, "--date", DATE)[0] == 0
    ws = load_workbook(out, read_only=True).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    assert len(rows) - 1 == len(population.read(pop_csv, rules).institutions)
    changed = [r for r in rows[1:] if r[7] == "是"]
    assert changed and all(r[5] != r[6] and "1250平方米" in r[8] for r in changed)


@pytest.mark.slow  # the .docx report with charts
def test_docx_report_has_charts_and_the_caveat_in_its_header(cli, tmp_path, pop_csv, reform):
    out = tmp_path / "report.docx"
    code, _, err = cli("impact", "--population", pop_csv, "--reform", reform, "--format", "docx", "--out", out, "--date", DATE,
                       "--sweep", "inc_site_area=500:3000:250")
    assert code == 0, err
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        header = z.read("word/fuhuaheader1.xml").decode("utf-8")
        document = z.read("word/document.xml").decode("utf-8")
    assert "合成数据" in header and 'w:headerReference w:type="default"' in document
    assert sum(n.startswith("word/media/") for n in names) == 2  # the counts chart and the sweep
    again = tmp_path / "again.docx"
    cli("impact", "--population", pop_csv, "--reform", reform, "--format", "docx", "--out", again, "--date", DATE,
        "--sweep", "inc_site_area=500:3000:250")
    assert out.read_bytes() == again.read_bytes()


def test_register_report_has_no_synthetic_caveat(cli, tmp_path, pop_csv, reform):
    lines = pop_csv.read_text(encoding="utf-8-sig").splitlines()
    header = next(csv.reader([lines[0]]))
    keep = [i for i, h in enumerate(header) if h != "合成数据"]
    register = tmp_path / "register.csv"
    with register.open("w", encoding="utf-8", newline="") as f:
        for line in lines:
            row = next(csv.reader([line]))
            csv.writer(f).writerow([row[i] for i in keep])
    out = tmp_path / "r.docx"
    assert cli("impact", "--population", register, "--reform", reform, "--format", "docx", "--out", out, "--date", DATE)[0] == 0
    with zipfile.ZipFile(out) as z:
        assert "word/fuhuaheader1.xml" not in z.namelist()


def test_resolve_side_refuses_unknown_version(tmp_path):
    from generator import DEFAULT_POLICY_DIR

    with pytest.raises(InputError, match="no version 'final-2099'"):
        resolve_side("tianjin-measures@final-2099", DEFAULT_POLICY_DIR, "tianjin", "--reform")


def test_site_page_is_deterministic_and_says_it_is_synthetic(policy):
    import datetime as dt
    import re

    from generator.impact import site

    md, files = site.page(policy, dt.date(2026, 3, 1))
    again, files_again = site.page(policy, dt.date(2026, 3, 1))
    assert md == again and files == files_again
    assert md.startswith("---\nsearch:\n  exclude: true\n---")  # synthetic figures never outrank the texts in search
    assert "合成数据" in md.split("\n\n")[2]  # said before anything else
    for path in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", md):
        assert path in files and files[path].startswith(b"<?xml")
    assert len(files) == 1 + len(re.findall(r"^### .*：", md, flags=re.M))  # the counts chart and one sweep per type
    body = md.split("---\n", 2)[2]
    assert not re.search(r"[A-Za-z_]{4,}", re.sub(r"\]\([^)]*\)", "]", body))  # no ids, file names or English on the page


def test_docx_report_caveat_on_every_page_in_libreoffice(cli, tmp_path, pop_csv, reform):
    import subprocess

    from tests.conftest import require_tool
    from generator.render.pdf import to_pdf

    require_tool("soffice")
    pdftotext = require_tool("pdftotext")
    out = tmp_path / "report.docx"
    assert cli("impact", "--population", pop_csv, "--reform", reform, "--format", "docx", "--out", out, "--date", DATE,
               "--sweep", "inc_site_area=500:3000:250", "--sweep", "ms_site_area=100:1000:100")[0] == 0
    pdf = to_pdf([out], tmp_path)[0]
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) >= 4
    caveat = population_caveat()
    assert all(caveat in " ".join(p.split()) for p in pages), [p[:80] for p in pages]
    assert "{:" not in text and "<br>" not in text  # no markup leaked into the document


def population_caveat() -> str:
    from generator.impact.report import phrases

    return phrases()["synthetic_caveat"]
