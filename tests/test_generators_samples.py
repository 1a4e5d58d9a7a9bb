"""Sample outputs: what the build makes from examples/ says 示例 at the top of every page of its
.docx and at the top of its .md; the blank forms and checklists (made from policy/ alone) never do;
and the sample inputs carry no real-looking names, telephone numbers or addresses.

Every page as users see it is checked in tests/test_layout_contract.py (LibreOffice and pdfplumber)."""
from __future__ import annotations

import csv
import io
import re
import zipfile

import pytest
import yaml

from generator import PROJECT_ROOT

EXAMPLES = PROJECT_ROOT / "examples"
MARK = "示例"


def sample_stems() -> set[str]:
    """The outputs the build makes from examples/: one per notice and assessment input, and the
    tailored checklist (and, for a type two documents cover, the comparison) per sample profile."""
    stems = {f"notices/{p.stem}" for p in (EXAMPLES / "notices").glob("*.yaml")}
    stems |= {f"reports/{p.stem}" for p in (EXAMPLES / "assessments").glob("*.yaml")}
    stems |= {f"eligibility/tailored-checklist-{p.stem}" for p in (EXAMPLES / "profiles").glob("*.yaml")}
    return stems


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from generator.build import build
    out = tmp_path_factory.mktemp("build")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FUHUA_BUILD_DATE", "2026-11-23")
        build(None, out, only=["forms", "checklists", "notices", "assessment-reports", "eligibility"])
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")}


def _parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml") or n.endswith(".rels")}


def test_every_sample_is_marked_on_every_page(built):
    stems = {rel.rsplit(".", 1)[0] for rel in built if rel.endswith(".docx")}
    samples = {s for s in stems if s in sample_stems() or s.startswith("eligibility/compare-")}
    assert sample_stems() <= samples and any(s.startswith("eligibility/compare-") for s in samples)
    for stem in sorted(samples):
        md = built[f"{stem}.md"].decode()
        assert md.split("\n", 1)[0].replace("*", "").startswith(MARK), stem
        parts = _parts(built[f"{stem}.docx"])
        headers = [name for name, xml in parts.items() if name.startswith("word/") and "<w:hdr" in xml and MARK in xml]
        assert len(headers) == 1, stem
        target = headers[0].removeprefix("word/")
        rel_id = re.search(rf'Id="([^"]+)"[^>]*Target="{re.escape(target)}"', parts["word/_rels/document.xml.rels"]).group(1)
        document = parts["word/document.xml"]
        sections = re.findall(r"<w:sectPr\b.*?</w:sectPr>", document, re.S)
        assert sections, stem
        for section in sections:  # odd, even and first pages of every section
            for kind in ("default", "even", "first"):
                assert f'<w:headerReference w:type="{kind}" r:id="{rel_id}"/>' in section, (stem, kind)


def test_blank_forms_and_checklists_are_not_marked(built):
    blank = [rel for rel in built if rel.startswith(("forms/", "checklists/"))]
    assert len(blank) >= 4
    for rel in blank:
        text = built[rel].decode() if rel.endswith(".md") else "".join(_parts(built[rel]).values())
        assert MARK not in text, rel


NAMES = ("name", "applicant", "operator", "person", "unit")  # who: must be visibly made up
PHONE = re.compile(r"(?<!\d)(?:\d{3,4}-\d{7,8}|1[3-9]\d{9})(?!\d)")  # 022-12345678, a mobile number
EMAIL = re.compile(r"[\w.+-]+@([\w-]+\.)+[\w-]+")


def test_sample_inputs_carry_no_real_looking_contact_data():
    records = []
    for path in sorted(EXAMPLES.rglob("*")):
        if path.suffix == ".yaml":
            records.append((path, yaml.safe_load(path.read_text(encoding="utf-8"))))
        elif path.suffix == ".csv":
            records.append((path, list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))))
    assert len(records) >= 5
    seen = 0

    def walk(path, value, key=None):
        nonlocal seen
        if isinstance(value, dict):
            for k, v in value.items():
                walk(path, v, k)
        elif isinstance(value, list):
            for v in value:
                walk(path, v, key)
        elif isinstance(value, str):
            if key in NAMES:
                seen += 1
                assert value.startswith(MARK), f"{path.name}: {key}: {value!r} does not look made up"
            for number in PHONE.findall(value) + ([value] if key == "phone" else []):
                assert set(re.sub(r"\D", "", number)) == {"0"}, f"{path.name}: {key}: {value!r} looks like a real number"
            for found in EMAIL.finditer(value):
                assert found.group(0).endswith((".invalid", ".example")), f"{path.name}: {value!r} looks like a real address"

    for path, data in records:
        walk(path, data)
    assert seen >= 20
