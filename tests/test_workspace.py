"""Workspaces: the policy folder is found from --policy, then FUHUA_POLICY, then policy/ here or in a
parent; `fuhua init` creates a workspace that validates, checks and builds as created; the Python
API (generator.api) does what the commands do."""
import datetime as dt
import json
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlparse

import pytest
import yaml

from generator import SCAFFOLD_DIR, VOCABULARY_FILE, api
from generator.build import TARGETS
from generator.errors import InputError
from generator.model import Policy
from generator.workspace import find_policy_dir


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    monkeypatch.delenv("FUHUA_POLICY", raising=False)
    monkeypatch.delenv("FUHUA_EXAMPLES", raising=False)
    monkeypatch.setenv("FUHUA_BUILD_DATE", "2026-11-20")
    ws = tmp_path / "另一个城市"
    api.init(ws)
    return ws


def test_init_writes_the_scaffold_and_the_shared_vocabulary(workspace):
    written = sorted(p.relative_to(workspace).as_posix() for p in workspace.rglob("*") if p.is_file())
    scaffold = sorted(p.relative_to(SCAFFOLD_DIR).as_posix() for p in SCAFFOLD_DIR.rglob("*") if p.is_file())
    assert written == sorted([*scaffold, "policy/vocabulary.yaml"])
    # the shared vocabulary as it is; the workspace's own place (another city) is its project.yaml
    assert (workspace / "policy" / "vocabulary.yaml").read_bytes() == VOCABULARY_FILE.read_bytes()
    project = yaml.safe_load((workspace / "policy" / "project.yaml").read_text(encoding="utf-8"))
    assert project["home_jurisdiction"] == "example" and project["jurisdictions"]["example"] == {"name": "示例市"}
    for rel in scaffold:  # the example explains itself: every YAML file opens with comments
        if rel.endswith(".yaml"):
            assert "\n# " in "\n" + (SCAFFOLD_DIR / rel).read_text(encoding="utf-8"), rel


def test_init_refuses_a_folder_that_holds_anything(tmp_path, cli):
    (tmp_path / "mine.txt").write_text("keep me", encoding="utf-8")
    code, _, err = cli("init", tmp_path)
    assert code == 2 and "not an empty folder" in err
    assert [p.name for p in tmp_path.iterdir()] == ["mine.txt"]


def test_the_policy_folder_is_found_from_flag_environment_and_parents(workspace, tmp_path, monkeypatch):
    policy = workspace / "policy"
    monkeypatch.chdir(policy / "example-measures" / "2026")
    assert find_policy_dir() == policy  # the nearest policy/ upwards
    other = tmp_path / "other"
    monkeypatch.setenv("FUHUA_POLICY", str(other))
    assert find_policy_dir() == other  # FUHUA_POLICY before the folders
    assert find_policy_dir(policy) == policy  # --policy before all
    monkeypatch.delenv("FUHUA_POLICY")
    lonely = tmp_path / "lonely"
    lonely.mkdir()
    monkeypatch.chdir(lonely)
    if not any((p / "policy" / "vocabulary.yaml").is_file() for p in lonely.parents):
        with pytest.raises(InputError, match="no policy folder"):
            find_policy_dir()


def test_init_output_validates_checks_and_builds_from_inside_it(workspace, cli, monkeypatch):
    monkeypatch.chdir(workspace / "examples")  # any folder inside the workspace
    code, out, err = cli("validate")
    assert code == 0, err
    assert out.startswith("ok: 1 documents")
    code, out, err = cli("check", "--profile", "profiles/incubator.yaml", "--type", "incubator", "--format", "json")
    assert code == 0, err
    result = json.loads(out)
    assert result["verdict"] == "not_eligible"
    assert {c["id"]: c["status"] for c in result["conditions"]} == {
        "ex_legal_person": "met", "ex_site_area": "met", "ex_incubated_firms": "not_met", "ex_service_staff": "unknown"}
    monkeypatch.chdir(workspace)
    code, out, err = cli("build")  # every target, the site too
    assert code == 0, err
    assert "rebuilt: " + ", ".join(t.name for t in TARGETS) + ";" in out
    built = {p.relative_to(workspace / "build").as_posix() for p in (workspace / "build").rglob("*") if p.is_file()}
    for expected in ("forms/application-incubator.docx", "checklists/checklist-incubator.docx",
                     "eligibility/rules.json", "eligibility/tailored-checklist-incubator.docx", "crossref/crossref.json",
                     "site/index.html", "site/types/incubator.html", "site/texts/example-measures.html"):
        assert expected in built
    assert "示例市科技企业孵化器认定办法" in (workspace / "build" / "forms" / "application-incubator.md").read_text(encoding="utf-8")
    _site_has_no_dead_nav_link(workspace / "build" / "site", built)
    _nothing_says_tianjin(workspace / "build")
    home = (workspace / "build" / "site" / "index.html").read_text(encoding="utf-8")
    assert "<title>首页 - 示例市孵化载体政策</title>" in home and '<h1 id="示例市孵化载体政策">示例市孵化载体政策' in home
    assert "本站发布示例市科技企业孵化器的管理政策，以及据此生成的申报指南、表格和自评工具。全部内容" in home  # no space between
    assert '<h2 id="孵化载体">孵化载体' in home and "类孵化载体" not in home  # one type: no count
    assert "例如“二、1”" in home  # a citation of its own text
    downloads = (workspace / "build" / "site" / "downloads.html").read_text(encoding="utf-8")
    assert "申报书和申报材料清单的 Word 文件" in downloads and ">公示<" not in downloads and ">报告<" not in downloads
    assert "区科技局" not in downloads  # its forms ask the 市科学技术局: the downloads page names no body of its own
    from tests.test_site_visible_text import latin_words
    english = {p.name: latin_words(p.read_text(encoding="utf-8")) for p in (workspace / "build" / "site").rglob("*.html")}
    assert {name: words for name, words in english.items() if words} == {}  # a new city's site shows no English either


def _nothing_says_tianjin(out):
    """Not a byte of this repository's place in any built file, the documents inside .docx/.xlsx too."""
    import zipfile
    said = []
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        data = path.read_bytes()
        parts = [data]
        if data[:2] == b"PK":
            with zipfile.ZipFile(path) as z:
                parts = [z.read(name) for name in z.namelist()]
        if any("天津".encode() in part or b"tianjin" in part.lower() for part in parts):
            said.append(path.relative_to(out).as_posix())
    assert not said, said


class _NavLinks(HTMLParser):
    """The addresses the <nav> elements of a page link to."""

    def __init__(self) -> None:
        super().__init__()
        self.depth, self.hrefs = 0, []

    def handle_starttag(self, tag, attrs):
        self.depth += tag == "nav"
        if self.depth and tag == "a" and dict(attrs).get("href"):
            self.hrefs.append(dict(attrs)["href"])

    def handle_endtag(self, tag):
        self.depth -= tag == "nav" and self.depth > 0


def _site_has_no_dead_nav_link(site, built):
    """A workspace without a reference document has no comparison page, and one whose policy reads
    fewer facts than the default population no 政策影响测算 page: neither is linked, and every page
    the navigation names exists."""
    pages = sorted(p for p in built if p.startswith("site/") and p.endswith(".html"))
    dead, seen = [], set()
    for page in pages:
        nav = _NavLinks()
        nav.feed((site.parent / page).read_text(encoding="utf-8"))
        for href in nav.hrefs:
            url = urlparse(href)
            assert not url.scheme and not url.netloc, f"{page}: outside link {href}"
            target = "site/" + unquote(urljoin(page.removeprefix("site/"), url.path)).lstrip("/") if url.path else page  # 404.html: from the root
            seen.add(target)
            if target not in built:
                dead.append(f"{page}: {href}")
    assert not dead, dead
    assert {"site/index.html", "site/types/incubator.html", "site/selfcheck.html", "site/downloads.html"} <= seen
    assert not {"site/compare.html", "site/impact.html", "site/types/makerspace.html"} & (seen | built)


def test_api_load_and_problems(policy_copy):
    loaded = api.load(policy_copy)
    assert isinstance(loaded, Policy) and len(loaded.documents) == 2
    assert api.problems(policy_copy) == []
    rules = policy_copy / "tianjin-measures" / "draft-2024" / "rules.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("metric: site_area\n", "metric: site_aera\n", 1), encoding="utf-8")
    found = api.problems(policy_copy)
    assert found and all(p.path.endswith("rules.yaml") and p.line > 1 for p in found)
    assert any("unknown metric 'site_aera'" in p.message and "did you mean 'site_area'" in p.message for p in found)
    with pytest.raises(InputError):
        api.load(policy_copy)


def test_api_check_equals_the_command(cli, policy):
    from generator import PROJECT_ROOT
    profile = PROJECT_ROOT / "examples" / "profiles" / "incubator.yaml"
    code, out, _ = cli("check", "--policy", policy.directory, "--profile", profile, "--type", "incubator", "--format", "json")
    assert code == 0
    assert json.loads(json.dumps(api.check(profile, "incubator", policy=policy), ensure_ascii=False)) == json.loads(out)
    mapping = api.check({"site_area": 100, "independent_legal_person": True}, "incubator", policy=policy)
    assert mapping["verdict"] == "not_eligible"
    assert {c["id"]: c["status"] for c in mapping["conditions"]}["inc_site_area"] == "not_met"
    with pytest.raises(InputError, match="site_aera"):
        api.check({"site_aera": 100}, "incubator", policy=policy)
    with pytest.raises(InputError, match="unknown institution type"):
        api.check({}, "incubatr", policy=policy)


def test_api_build_equals_the_command(tmp_path, cli, policy, monkeypatch):
    monkeypatch.setenv("FUHUA_BUILD_DATE", "2026-11-20")
    only = ["forms", "eligibility"]
    report = api.build(tmp_path / "api", policy=policy.directory, only=only)
    assert sorted(report.rebuilt) == sorted(only) and report.written
    code, _, err = cli("build", "--policy", policy.directory, "--out", tmp_path / "cli", "--only", *only, "-q")
    assert code == 0, err

    def files(root):
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")}

    assert files(tmp_path / "api") == files(tmp_path / "cli") != {}
    assert api.build(tmp_path / "api", policy=policy.directory, only=only).skipped == only


def test_a_workspace_may_carry_its_own_templates(tmp_path):
    """`fuhua init --templates` copies the templates; FUHUA_TEMPLATES makes the build use them (read
    when fuhua starts, so the builds run as separate processes)."""
    import os
    import subprocess
    import sys

    from generator import TEMPLATES_DIR
    ws = tmp_path / "ws"
    api.init(ws, templates=True)
    assert _tree(ws / "templates") == _tree(TEMPLATES_DIR)
    form = ws / "templates" / "forms" / "application.md.j2"
    text = form.read_text(encoding="utf-8")
    assert "申报单位" in text
    form.write_text(text.replace("申报单位", "本工作区的申报单位"), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("FUHUA_")}
    env["FUHUA_BUILD_DATE"] = "2026-11-20"

    def built(out, **extra):
        cmd = [sys.executable, "-m", "generator", "build", "--only", "forms", "--out", out, "-q"]
        done = subprocess.run(cmd, cwd=ws, env={**env, **extra}, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return (ws / out / "forms" / "application-incubator.md").read_text(encoding="utf-8")

    assert "本工作区的申报单位" in built("own", FUHUA_TEMPLATES=str(ws / "templates"))
    assert "本工作区的申报单位" not in built("shipped")


def test_a_workspace_names_its_site_and_may_carry_its_own_pages(workspace, cli, monkeypatch):
    """project.yaml `site:` names the site and its address; a page in the workspace's site/ replaces the
    shipped one of that name, and adds files; its mkdocs.yml overrides shipped settings (theme key by
    key, the shipped theme overrides stay)."""
    project = workspace / "policy" / "project.yaml"
    project.write_text(project.read_text(encoding="utf-8") + (
        "site:\n  name: 新城市科创载体政策库\n  intro: 新城市科学技术局整理的载体政策。\n"
        "  url: https://zhengce.xincheng.example/\n"), encoding="utf-8")
    (workspace / "site" / "assets").mkdir(parents=True)
    (workspace / "site" / "about.md").write_text("---\ntitle: 关于本站\n---\n\n# 关于本站\n\n由{{ home }}编写的说明。\n",
                                                 encoding="utf-8")
    (workspace / "site" / "synonyms.yaml").write_text("新城载体: [孵化器]\n", encoding="utf-8")
    (workspace / "site" / "assets" / "local.css").write_text(".md-header { border-bottom: 2px solid; }\n", encoding="utf-8")
    (workspace / "mkdocs.yml").write_text("copyright: 新城市科学技术局\nextra_css: [assets/fuhua.css, assets/local.css]\n"
                                          "theme:\n  icon: {logo: material/city}\n", encoding="utf-8")
    monkeypatch.chdir(workspace)
    code, out, err = cli("build", "--only", "site")
    assert code == 0, err
    site = workspace / "build" / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "<title>首页 - 新城市科创载体政策库</title>" in home and "新城市科学技术局整理的载体政策。" in home
    assert '<link rel="canonical" href="https://zhengce.xincheng.example/index.html">' in home
    assert 'lang="zh-CN"' in home  # the shipped theme overrides still apply
    assert '<p class="fuhua-footer__who">新城市科学技术局</p>' in home
    assert 'href="assets/local.css"' in home and (site / "assets" / "local.css").is_file()
    assert "由示例市编写的说明。" in (site / "about.html").read_text(encoding="utf-8")
    worker = next((site / "assets" / "javascripts" / "workers").glob("search*.js")).read_text(encoding="utf-8")
    assert "新城载体" in worker and "辅导老师" not in worker and not (site / "synonyms.yaml").exists()  # its own search synonyms, not published
    assert "https://zhengce.xincheng.example/downloads.html" in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_a_bad_site_setting_is_reported_with_its_line(workspace, cli):
    project = workspace / "policy" / "project.yaml"
    text = project.read_text(encoding="utf-8")
    project.write_text(text + "site:\n  name: 新城市\n  adress: https://x.example/\n", encoding="utf-8")
    code, _, err = cli("validate", "--policy", workspace / "policy")
    assert code == 2 and "Traceback" not in err
    assert f"project.yaml:{text.count(chr(10)) + 3}:" in err and "adress" in err


def _tree(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts}


def test_the_impact_page_needs_a_population_written_for_the_policy(workspace, policy, tmp_path, monkeypatch, cli):
    """The default population describes the facts this repository's policy reads: a workspace whose
    policy reads fewer gets no 政策影响测算 page, while a wrong config under the full policy still
    stops the build with file, line and field."""
    from generator.eligibility.rules import export_rules
    from generator.impact import population
    from generator.impact import site as impact_site
    from generator.policy import load_policy

    small = load_policy(workspace / "policy")
    unread = population.unread_facts(None, export_rules(small), small.vocabulary["metrics"])
    assert {"mentors", "fund_size", "revenue_by_year"} <= set(unread)
    assert impact_site.page(small, dt.date(2026, 11, 20)) is None
    assert population.unread_facts(None, export_rules(policy), policy.vocabulary["metrics"]) == []

    config = tmp_path / "population.yaml"
    text = population.DEFAULT_CONFIG.read_text(encoding="utf-8")
    assert text.count("\n  mentors: {") == 1
    config.write_text(text.replace("\n  mentors: {", "\n  mentor: {"), encoding="utf-8")  # a typo, not a smaller policy
    monkeypatch.setattr(population, "DEFAULT_CONFIG", config)
    code, _, err = cli("build", "--policy", policy.directory, "--only", "site", "--out", tmp_path / "out")
    assert code == 2 and "Traceback" not in err
    line = text[:text.index("\n  mentors: {") + 1].count("\n") + 1
    assert f"population.yaml:{line}:" in err and "facts.mentor: " in err and "did you mean 'mentors'" in err
    assert not (tmp_path / "out" / "site").exists()
