"""Property-based tests over every reader of an applicant's or a drafter's input (the policy loader
has its own, in test_fuzz_policy.py): applicant profiles (`fuhua check`, single and batch CSV),
notice and assessment inputs (`fuhua build`), and the text importer (`fuhua import`). Arbitrary and
mutated input ends in success or a clear error (exit 2, one `file:line:column: message` per
problem, no traceback), and whatever is accepted goes on to evaluate and render without a crash."""
from __future__ import annotations

import csv
import functools
import io
import shutil
import tempfile
from pathlib import Path

import docx
import openpyxl
import pytest
from hypothesis import event, given, strategies as st

from generator import PROJECT_ROOT
from generator.eligibility import outputs
from generator.eligibility.evaluate import evaluate
from generator.eligibility.profile import validate_profile
from generator.eligibility.rules import export_rules
from generator.errors import InputError
from generator.policy import load_policy
from generator.generators.assessment import build_assessment
from generator.generators.notice import build_notice
from generator.render import render
from generator.importer.draft import draft, dump
from generator.yamlio import Marks, control_chars, load_text
from tests.conftest import SEEDS_DIR
from tests.fuzzing import as_yaml, ANY, HOSTILE, NAME, PROBLEM, SCALAR, TEXT, assert_clear, assert_cli_clear, budget, mutated

EXAMPLES = PROJECT_ROOT / "examples"
PROFILE_TEXTS = {p.name: p.read_text(encoding="utf-8") for p in sorted((EXAMPLES / "profiles").glob("*.yaml"))}
SEED_TEXTS = {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS_DIR.glob("*.txt"))}
NOTICE = """publish_date: "2025-06-03"
working_days: 5
contact: {unit: 天津市科学技术局, person: 王老师, phone: 022-00000000, address: 天津市, email: a@b.invalid}
institutions:
  - {name: 甲众创空间, type: makerspace, district: 和平区, operator: 甲公司}
  - {name: 乙孵化器, type: incubator, district: 河西区, operator: 乙公司}
"""
ASSESSMENT = (EXAMPLES / "assessments" / "assessment-2024.yaml").read_text(encoding="utf-8")


# Functions, not fixtures: hypothesis prints a test's arguments in its reports.
@functools.cache
def the_policy():
    return load_policy()


@functools.cache
def eligibility_rules() -> dict:
    return export_rules(the_policy())


def write(folder: str, name: str, text: str) -> Path:
    path = Path(folder) / name
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


def mostly(valid, invalid):
    """Each field is usually valid, so that whole inputs get through to rendering as well."""
    return st.one_of(valid, valid, valid, valid, invalid)


def reopens(data: bytes) -> None:
    docx.Document(io.BytesIO(data))


# --- applicant profiles --------------------------------------------------------------------------

# Figures a profile may hold (zero, tiny, fractional, large) and figures it may not (negative,
# infinite, not a number, beyond 10^15, beyond a float).
WHOLE = st.one_of(st.integers(0, 10**6), st.sampled_from([0, 10**14]))
FIGURE = st.one_of(WHOLE, st.floats(0, 1e14), st.sampled_from([0.0, 1e-300, 5e-324]))
NUMBER = st.one_of(FIGURE, st.integers(-10**30, 10**30), st.floats(), st.sampled_from([-0.0, 1.7976931348623157e308, 10**400]))


def fact_value(fact: dict, clean: bool):
    kind = fact["item"] if fact["type"] == "series" else fact["type"]
    value = {"boolean": st.booleans(), "integer": WHOLE}.get(kind, FIGURE) if clean else {"boolean": st.booleans()}.get(kind, NUMBER)
    if fact["type"] == "series":
        value = st.lists(value, min_size=fact["years"], max_size=fact["years"])
    return st.one_of(st.none(), value) if clean else st.one_of(st.none(), value, value, SCALAR, ANY)


@st.composite
def profiles(draw, rules: dict):
    """Half the profiles hold figures of the right type and range (edge values included), so that
    they reach the evaluator and the renderers; the other half mix in wrong types, out-of-range
    numbers, unknown keys and control characters, to exercise the validator."""
    clean = draw(st.booleans())
    text, facts = (NAME if clean else TEXT), rules["facts"]
    firm = st.fixed_dictionaries({}, optional={"name": text, **{k: fact_value(f, clean) for k, f in facts.items() if f["scope"] == "firm"}})
    data = draw(st.fixed_dictionaries({}, optional={**{k: fact_value(f, clean) for k, f in facts.items() if f["scope"] != "firm"},
                                                    "applicant": text, "firms": st.lists(firm, max_size=6) if clean else ANY}))
    if not clean:
        data.update(draw(st.dictionaries(st.text(max_size=10), ANY, max_size=2)))
        data = draw(st.one_of(st.just(data), st.just(data), ANY))
    return data


@budget(250)
@given(data=st.data())
def test_profile_validator_and_evaluator_are_total(data):
    rules = eligibility_rules()
    profile = data.draw(profiles(rules))
    try:
        valid = validate_profile(profile, Marks(), "p.yaml", rules)
    except InputError as exc:
        event("refused")
        assert_clear(exc)
        return
    event("accepted")
    combos = [(t, j) for j, spec in rules["jurisdictions"].items() for t in spec["types"]]
    results = {combo: evaluate(rules, combo[0], combo[1], valid) for combo in combos}
    assert all(r["verdict"] in ("eligible", "undetermined", "not_eligible") for r in results.values())
    (t, j), fmt = data.draw(st.sampled_from(combos)), data.draw(st.sampled_from(["text", "json", "md", "docx"]))
    out = outputs.render({j: results[(t, j)]}, rules, fmt, j)
    if fmt == "docx":
        reopens(out)


@budget(30)
@given(st.sampled_from(sorted(PROFILE_TEXTS)).flatmap(lambda name: mutated(PROFILE_TEXTS[name])),
       st.sampled_from(["makerspace", "incubator", "accelerator"]), st.sampled_from(["text", "json", "md", "docx"]))
def test_check_on_mutated_profiles(cli, text, inst_type, fmt):
    with tempfile.TemporaryDirectory() as tmp:
        path = write(tmp, "p.yaml", text)
        out = Path(tmp) / f"out.{fmt}"
        code, _, stderr = cli("check", "--profile", path, "--type", inst_type, "--format", fmt, "--out", out)
        event(f"exit {code}")
        assert_cli_clear(code, stderr)
        assert out.exists() == (code == 0) and len(list(Path(tmp).iterdir())) == 1 + out.exists()


@st.composite
def profile_csv(draw, rules: dict):
    """Rows of applicants under known columns (fact ids or their Chinese labels) with valid or
    invalid cells, or a header with unknown columns, a field longer than the csv module accepts,
    stray quotes and separators."""
    facts = {k: f for k, f in rules["facts"].items() if f["scope"] != "firm"}
    clean = draw(st.booleans())
    keys = draw(st.lists(st.sampled_from(sorted(facts)), min_size=1, max_size=6, unique=True))
    header = ["applicant"] + [draw(st.sampled_from([k, facts[k]["label"]])) for k in keys]
    if not clean:
        header = draw(st.permutations(header + draw(st.lists(TEXT, max_size=1))))

    def cell(key):
        if not clean or key not in facts:
            return st.one_of(TEXT, NUMBER.map(str), st.sampled_from(["是", "否", "yes", "1;2;3", "1；2", "", "1,000", "x" * 140000]))
        kind = facts[key]["item"] if facts[key]["type"] == "series" else facts[key]["type"]
        value = {"boolean": st.sampled_from(["是", "否", "true", "no", ""]), "integer": WHOLE.map(str)}.get(kind, FIGURE.map(str))
        return st.lists(value, min_size=facts[key]["years"], max_size=facts[key]["years"]).map(";".join) if facts[key]["type"] == "series" else value
    columns = [NAME] + [cell(k) for k in keys] if clean else [cell(None) for _ in header]
    rows = draw(st.lists(st.tuples(*columns).map(list), max_size=4))
    buf = io.StringIO(newline="")
    csv.writer(buf).writerows([header, *rows])
    return buf.getvalue() if clean else draw(st.one_of(st.just(buf.getvalue()), mutated(buf.getvalue(), st.sampled_from([",", '"', "\n", "\r", ";"]))))


@budget(25)
@given(data=st.data())
def test_batch_check_on_arbitrary_csv(cli, data):
    rules = eligibility_rules()
    text = data.draw(profile_csv(rules))
    with tempfile.TemporaryDirectory() as tmp:
        path = write(tmp, "round.csv", text)
        out = Path(tmp) / "out"
        code, _, stderr = cli("check", "--profiles", path, "--type", data.draw(st.sampled_from(sorted(rules["types"]))), "--out", out)
        event(f"exit {code}")
        assert_cli_clear(code, stderr, ok=(0, 1))
        assert all(PROBLEM.match(line) or line.startswith("checked ") for line in stderr.splitlines()[:-1] if code == 1), stderr
        if code == 2:
            assert not out.exists()
        else:
            table = openpyxl.load_workbook(out / "summary.xlsx").active
            assert table.max_row == len(list(csv.reader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8-sig")))))
            assert all(cell.data_type != "f" for row in table.iter_rows() for cell in row)  # a name is never a formula


# --- notice and assessment inputs -----------------------------------------------------------------

TYPES = st.sampled_from(["makerspace", "incubator", "accelerator", "众创空间", "科技企业孵化器", "市级创新加速器"])
BAD_DATE = st.one_of(st.sampled_from(["2031-06-03", "2025-02-30", "1999-01-01", "9999-12-31"]), st.dates().map(str), SCALAR)
BAD_DAYS = st.one_of(st.integers(-2, 0), st.sampled_from([10**6, 10**30]), SCALAR)


VALID_NAME = NAME.filter(str.strip)  # a blank name is reported as missing


def institutions(name, kind, unique=True):
    row = st.fixed_dictionaries({"name": name, "type": kind, "district": name, "operator": name})
    return st.lists(row, min_size=1, max_size=5, unique_by=(lambda r: str(r["name"]).strip()) if unique else None)


def notices(name, date, days, rows, extra=st.just({})):
    return st.tuples(st.fixed_dictionaries({
        "publish_date": date, "working_days": days, "institutions": rows,
        "contact": st.fixed_dictionaries({"unit": name, "phone": name}, optional={"person": name, "address": name, "email": name})},
        optional={"issuer": name}), extra).map(lambda pair: {**pair[0], **pair[1]})


GOOD_NOTICES = notices(VALID_NAME, st.sampled_from(["2025-06-03", "2025-09-26", "2024-12-30"]), st.integers(1, 60),
                       institutions(VALID_NAME, TYPES))
BAD_NOTICES = notices(mostly(NAME, TEXT), mostly(st.just("2025-06-03"), BAD_DATE), mostly(st.just(5), BAD_DAYS),
                      mostly(institutions(mostly(NAME, TEXT), mostly(TYPES, SCALAR), unique=False), ANY),
                      st.dictionaries(st.sampled_from(["publish_dates", "contact", "x"]), ANY, max_size=1))

GRADES = st.dictionaries(st.integers(2020, 2026), st.sampled_from(["优秀", "良好", "合格", "不合格"]), min_size=1, max_size=4)
MINISTERIAL = st.dictionaries(st.integers(2020, 2026), st.sampled_from(["A", "B", "C", "D"]), max_size=3)
BAD_GRADES = st.dictionaries(st.one_of(st.integers(1890, 3001), TEXT), st.one_of(st.sampled_from(["优秀", "A"]), SCALAR), max_size=3)


def assessments(cycle, name, kind, grades, ministerial, extra=st.just({})):
    row = st.fixed_dictionaries({"name": name, "type": kind, "municipal": grades},
                                optional={"operator": name, "ministerial": ministerial})
    return st.tuples(st.fixed_dictionaries({"cycle": cycle, "institutions": st.lists(row, min_size=1, max_size=5)}), extra).map(
        lambda pair: {**pair[0], **pair[1]})


GOOD_ASSESSMENTS = assessments(st.integers(2022, 2026), VALID_NAME, TYPES, GRADES, MINISTERIAL)
BAD_ASSESSMENTS = assessments(mostly(st.just(2024), SCALAR), mostly(NAME, TEXT), mostly(TYPES, SCALAR), mostly(GRADES, st.one_of(BAD_GRADES, ANY)),
                              mostly(MINISTERIAL, st.one_of(BAD_GRADES, ANY)), st.dictionaries(st.sampled_from(["extra", "cycles"]), ANY, max_size=1))


READERS = {"notice": (build_notice, "notices/notice.md.j2"), "assessment": (build_assessment, "reports/assessment.md.j2")}


def read_and_render(kind: str, text: str, valid: bool = False, csv_text: str | None = None) -> None:
    """Read a notice or assessment input (and its CSV list): a clear error, or (always, when it is
    `valid`) a .docx that reopens and a .md."""
    build_context, template = READERS[kind]
    with tempfile.TemporaryDirectory() as tmp:
        if csv_text is not None:
            write(tmp, "n.csv", csv_text)
        try:
            context = build_context(the_policy(), write(tmp, f"{kind}.yaml", text))
        except InputError as exc:
            event("refused")
            assert not valid, str(exc)
            assert_clear(exc)
            return
    event("accepted")
    files = render(template, context)
    reopens(files["docx"])
    assert files["md"].decode("utf-8")


@budget(60)
@given(GOOD_NOTICES.map(as_yaml))
def test_valid_notices_with_hostile_names_render(text):
    read_and_render("notice", text, valid=True)


@budget(120)
@given(st.one_of(BAD_NOTICES.map(as_yaml), ANY.map(as_yaml), mutated(NOTICE)))
def test_notice_reader_is_total(text):
    read_and_render("notice", text)


ALIASES = {"name": ["name", "名称", "机构名称"], "type": ["type", "类型", "机构类型"], "district": ["district", "所在区"], "operator": ["operator", "运营主体"]}


@st.composite
def institution_csv(draw, clean: bool):
    """A valid list with hostile names, or a broken one: unknown columns and types, bad cells, a
    field longer than the csv module accepts, stray quotes and NUL characters."""
    if clean:
        header = draw(st.permutations([draw(st.sampled_from(names)) for names in ALIASES.values()]))
        kinds = {i for i, h in enumerate(header) if h in ALIASES["type"]}
        rows = draw(st.lists(st.tuples(*[TYPES if i in kinds else VALID_NAME for i in range(len(header))]).map(list), min_size=1, max_size=4,
                             unique_by=lambda row: row[header.index(next(h for h in header if h in ALIASES["name"]))].strip()))
    else:
        header = draw(st.lists(st.one_of(st.sampled_from(sum(ALIASES.values(), [])), TEXT), max_size=5))
        rows = draw(st.lists(st.lists(st.one_of(TEXT, TYPES), min_size=len(header), max_size=len(header) + 1), max_size=4))
        if rows and rows[0] and draw(st.integers(0, 4)) == 0:
            rows[0][0] = "x" * 140000
    buf = io.StringIO(newline="")
    csv.writer(buf).writerows([header, *rows])
    return buf.getvalue() if clean else draw(st.one_of(st.just(buf.getvalue()), mutated(buf.getvalue(), st.sampled_from([",", '"', "\n", "\r", "\x00"]))))


def csv_notice(name: str = "n.csv") -> str:
    return NOTICE.split("institutions:")[0] + as_yaml({"institutions": name})


@budget(40)
@given(institution_csv(clean=True))
def test_valid_csv_notices_with_hostile_names_render(text):
    read_and_render("notice", csv_notice(), valid=True, csv_text=text)


@budget(80)
@given(institution_csv(clean=False), mostly(st.just("n.csv"), st.sampled_from(["missing.csv", "", ".", "a\x00b.csv", "x" * 300 + ".csv"])))
def test_notice_csv_reader_is_total(text, name):
    read_and_render("notice", csv_notice(name), csv_text=text)


@budget(60)
@given(GOOD_ASSESSMENTS.map(as_yaml))
def test_valid_assessments_with_hostile_names_render(text):
    read_and_render("assessment", text, valid=True)


@budget(120)
@given(st.one_of(BAD_ASSESSMENTS.map(as_yaml), ANY.map(as_yaml), mutated(ASSESSMENT)))
def test_assessment_reader_is_total(text):
    read_and_render("assessment", text)


@budget(15)
@given(mutated(NOTICE), mutated(ASSESSMENT))
def test_build_with_mutated_inputs_writes_all_or_nothing(cli, notice, assessment):
    with tempfile.TemporaryDirectory() as tmp:
        examples = Path(tmp) / "examples"
        for folder, text in (("notices", notice), ("assessments", assessment)):
            (examples / folder).mkdir(parents=True)
            write(examples / folder, "in.yaml", text)
        out = Path(tmp) / "out"
        code, _, stderr = cli("build", "--examples", examples, "--out", out, "--only", "notices", "assessment-reports")
        event(f"exit {code}")
        assert_cli_clear(code, stderr)
        written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and not p.name.startswith("."))
        assert written == ([] if code else ["notices/in.docx", "notices/in.md", "reports/in.docx", "reports/in.md"])


# --- the text importer ---------------------------------------------------------------------------

LINE_STARTS = st.sampled_from(["", "", "第一章 ", "第二章　总则", "第一条 ", "第十二条", "第一百零一条 ", "第零条 ", "第十十条 ",
                               "一、", "十一、", "1. ", "2．", "99. ", "（一）", "（1）", "附件", "　", "\t"])
IMPORT_TEXT = st.one_of(HOSTILE, st.text(alphabet=st.characters(codec="utf-8", categories=["Lo", "Nd", "P", "Zs"]), max_size=40),
                        st.sampled_from(["众创空间应当具备以下条件：", "面积不低于500平方米；", "近2年每年", "本办法自2025年1月1日起施行。",
                                         "孵化器", "不少于30家", "第三条", "《天津市科技企业孵化器管理办法》"]))
IMPORT_LINES = st.lists(st.tuples(LINE_STARTS, IMPORT_TEXT).map("".join), max_size=25).map("\n".join)


def mutated_seed():
    return st.sampled_from(sorted(SEED_TEXTS)).flatmap(
        lambda name: mutated(SEED_TEXTS[name], st.sampled_from(["\n", "第一条 ", "一、", "1. ", "第一章 ", "。", "\n\n", "　"])))


@budget(120)
@given(st.one_of(IMPORT_LINES, mutated_seed()))
def test_importer_is_total(text):
    policy = the_policy()
    try:
        result = draft(text, "x.txt", policy)
    except InputError as exc:
        event("refused")
        assert_clear(exc)
        return
    event("accepted")
    loaded, _ = load_text(dump(result), "draft.yaml")  # the draft reads back as fuhua input
    assert set(loaded) == {"meta", "text", "rules"}
    assert not [t for t in texts(loaded) if control_chars(t)]  # nothing `fuhua validate` or a .docx would refuse


def texts(node):
    if isinstance(node, dict):
        yield from node
        node = list(node.values())
    if isinstance(node, list):
        for item in node:
            yield from texts(item)
    elif isinstance(node, str):
        yield node


@budget(15)
@given(st.one_of(IMPORT_LINES, mutated_seed()))
def test_import_cli_is_total(cli, text):
    with tempfile.TemporaryDirectory() as tmp:
        source = write(tmp, "doc.txt", text)
        out = Path(tmp) / "v"
        code, _, stderr = cli("import", source, "--out", out)
        event(f"exit {code}")
        assert_cli_clear(code, stderr)
        assert out.exists() == (code == 0)


def test_import_refuses_an_oversized_text(cli, tmp_path):  # not UTF-8, no articles: tests/test_import.py
    raw, message = ("第一条 " + "名" * (2 * 1024 * 1024)).encode(), "doc.txt:1:1: file is"
    source = tmp_path / "doc.txt"
    source.write_bytes(raw)
    code, _, stderr = cli("import", source, "--out", tmp_path / "v")
    assert_cli_clear(code, stderr)
    assert code == 2 and message in stderr and not (tmp_path / "v").exists()


# --- crashes the properties found, pinned as examples ---------------------------------------------

@pytest.mark.parametrize("profile, message", [
    ("site_area: 1.0e+306\n", "p.yaml:1:12: site_area (可自主支配的场地面积): 1e+306 is too large to be a real figure"),
    ("mentors: 1" + "0" * 400 + "\n", "p.yaml:1:10: mentors (创业导师数（专兼职）): a 401-digit number is too large"),
    ('applicant: "甲\\a乙"\n', "p.yaml:1:12: applicant: contains control character U+0007"),
    ('firms:\n  - {name: "\\x1b[31m"}\n', "p.yaml:2:12: firms[0].name: contains control character U+001B"),
])
def test_profile_values_that_crashed_the_output_are_refused(cli, tmp_path, profile, message):
    path = tmp_path / "p.yaml"
    path.write_text(profile, encoding="utf-8")
    code, _, stderr = cli("check", "--profile", path, "--type", "incubator", "--format", "docx", "--out", tmp_path / "c.docx")
    assert_cli_clear(code, stderr)
    assert code == 2 and message in stderr and not (tmp_path / "c.docx").exists()


def test_batch_survives_long_formula_and_oversized_cells(cli, tmp_path):
    source = tmp_path / "round.csv"
    source.write_text("applicant,site_area\n" + "名" * 3000 + ",600\n=1+2,600\n", encoding="utf-8")
    code, _, stderr = cli("check", "--profiles", source, "--type", "makerspace", "--out", tmp_path / "out")
    assert code == 0, stderr
    assert max(len(p.name.encode()) for p in (tmp_path / "out").iterdir()) < 160
    table = openpyxl.load_workbook(tmp_path / "out" / "summary.xlsx").active
    assert table["B3"].value == "=1+2" and table["B3"].data_type == "s" and table["B2"].value == "名" * 3000
    source.write_text("applicant,site_area\n" + "x" * 140000 + ",600\n", encoding="utf-8")
    code, _, stderr = cli("check", "--profiles", source, "--type", "makerspace", "--out", tmp_path / "out2")
    assert_cli_clear(code, stderr)
    assert code == 2 and "round.csv:2:1: unreadable CSV: field larger than field limit" in stderr and not (tmp_path / "out2").exists()


@pytest.mark.parametrize("csv_name, csv_text, message", [
    ("n.csv", "name,type,district,operator\n" + "x" * 140000 + ",incubator,a,b\n", "n.csv:2:1: unreadable CSV"),
    ("a\x00b.csv", "", "institutions: cannot read"),
])
def test_notice_csv_that_crashed_the_reader_is_refused(csv_name, csv_text, message):
    with pytest.raises(InputError) as exc:
        with tempfile.TemporaryDirectory() as tmp:
            write(tmp, "n.csv", csv_text)
            build_notice(the_policy(), write(tmp, "n.yaml", csv_notice(csv_name)))
    assert_clear(exc.value)
    assert message in str(exc.value)


def test_unicode_line_separators_in_a_name_stay_in_its_cell():
    text = NOTICE.replace("name: 乙孵化器", 'name: "乙\\u2028孵化\\x85器"')
    with tempfile.TemporaryDirectory() as tmp:
        files = render("notices/notice.md.j2", build_notice(the_policy(), write(tmp, "n.yaml", text)))
    cells = [c.text for t in docx.Document(io.BytesIO(files["docx"])).tables for row in t.rows for c in row.cells]
    assert "乙\u2028孵化\x85器" in cells


def test_control_character_written_as_an_escape_in_policy_is_refused(cli, policy_copy):
    meta = policy_copy / "tianjin-measures" / "draft-2024" / "meta.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("issuer: 天津市科学技术局", 'issuer: "天津市科学技术局\\a"'), encoding="utf-8")
    code, _, stderr = cli("validate", "--policy", policy_copy)
    assert_cli_clear(code, stderr)
    assert code == 2 and "meta.yaml:4:9: issuer: control character U+0007; remove it" in stderr


def test_import_refuses_control_characters_but_takes_form_feeds_as_line_breaks(cli, tmp_path):
    seed = SEED_TEXTS["tianjin-incubation-measures-draft.txt"]
    source = tmp_path / "doc.txt"
    source.write_text(seed.replace("第二条", "\f第二条", 1), encoding="utf-8")  # pdftotext's page break
    code, _, stderr = cli("import", source, "--out", tmp_path / "v")
    assert code == 0, stderr
    lines = seed.split("\n")
    n = next(i for i, line in enumerate(lines) if "第三条" in line)
    lines[n] = lines[n].replace("第三条", "第三条\x1b[0m", 1)
    source.write_text("\n".join(lines), encoding="utf-8")
    code, _, stderr = cli("import", source, "--out", tmp_path / "w")
    assert_cli_clear(code, stderr)
    assert code == 2 and f"doc.txt:{n + 1}:{lines[n].index(chr(27)) + 1}: control character U+001B; remove it" in stderr
    assert not (tmp_path / "w").exists()


# --- the limits, through every command that reads YAML --------------------------------------------

@pytest.fixture(scope="module")
def limit_files(tmp_path_factory) -> dict[str, Path]:
    """A 50 MB file, 10,000 levels of nesting and an alias bomb (test_limits.py checks memory)."""
    folder = tmp_path_factory.mktemp("limits")
    big, deep, bomb = folder / "big.yaml", folder / "deep.yaml", folder / "bomb.yaml"
    with big.open("wb") as f:
        f.write(b"site_area: [" + b"1, " * (50 * 1024 * 1024 // 3) + b"1]\n")
    deep.write_text("site_area: " + "[" * 10000 + "]" * 10000 + "\n", encoding="utf-8")
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)]
    bomb.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"big": big, "deep": deep, "bomb": bomb}


LIMIT_WORDS = {"big": "the limit is", "deep": "nesting deeper than 64 levels", "bomb": "YAML aliases (*name) are not allowed"}


@pytest.mark.parametrize("kind", sorted(LIMIT_WORDS))
@pytest.mark.parametrize("command", ["check", "build", "validate"])
def test_limits_are_refused_by_every_command(cli, tmp_path, policy_copy, limit_files, command, kind):
    source = limit_files[kind]
    if command == "check":
        args = ["check", "--profile", source, "--type", "incubator"]
    elif command == "build":
        (tmp_path / "ex" / "notices").mkdir(parents=True)
        shutil.copy(source, tmp_path / "ex" / "notices" / "n.yaml")
        args = ["build", "--examples", tmp_path / "ex", "--out", tmp_path / "out", "--only", "notices"]
    else:
        shutil.copy(source, policy_copy / "vocabulary.yaml")
        args = ["validate", "--policy", policy_copy]
    code, _, stderr = cli(*args)
    assert_cli_clear(code, stderr)
    assert code == 2 and LIMIT_WORDS[kind] in stderr, stderr
    assert not (tmp_path / "out").exists() or not [p for p in (tmp_path / "out").rglob("*") if p.is_file() and not p.name.startswith(".")]
