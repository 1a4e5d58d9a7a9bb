"""fuhua: policy-as-code toolkit for Chinese incubation policy.

Pipeline: policy/ (YAML) -> model -> {generators, eligibility, crossref} -> renderers {docx, md, site}.
"""
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
DEFAULT_POLICY_DIR = PROJECT_ROOT / "policy"
TEMPLATES_DIR = PROJECT_ROOT / "templates"
SCHEMAS_DIR = PROJECT_ROOT / "schemas"
DATE_ENV = "FUHUA_BUILD_DATE"  # YYYY-MM-DD: the day validity is judged on (default: today)
