"""fuhua: policy-as-code toolkit for Chinese incubation policy.

Pipeline: policy/ (YAML) -> model -> {generators, eligibility, crossref} -> renderers {docx, md, site}.
The Python API, mirroring the `fuhua` commands, is generator.api.

What ships with the code: templates/, schemas/, site/, scaffold/ and mkdocs.yml sit at the top of a
checkout, where drafters find them; a wheel carries them inside the package as generator/shipped/
(setup.py). Each is looked for there first, then beside the package (a checkout or an editable install).
"""
import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent  # a checkout's root; in an installed wheel, site-packages
SHIPPED_DIR = PACKAGE_DIR / "shipped"


def shipped(name: str) -> Path:
    """A folder or file that ships with fuhua: inside the installed package, else in the checkout."""
    inside = SHIPPED_DIR / name
    return inside if inside.exists() else PROJECT_ROOT / name


TEMPLATES_ENV = "FUHUA_TEMPLATES"  # a complete templates folder of one's own (`fuhua init --templates` copies one)
TEMPLATES_DIR = Path(os.environ[TEMPLATES_ENV]) if os.environ.get(TEMPLATES_ENV) else shipped("templates")
SCHEMAS_DIR = shipped("schemas")
MKDOCS_YML = shipped("mkdocs.yml")  # the site's configuration; a workspace may have its own (workspace.py)
SCAFFOLD_DIR = shipped("scaffold")  # what `fuhua init` writes, besides the shared vocabulary (an example policy)
VOCABULARY_FILE = shipped("policy/vocabulary.yaml")  # the shared vocabulary `fuhua init` starts from
DEFAULT_POLICY_DIR = PROJECT_ROOT / "policy"  # the checkout's own policy/, for its tests and benchmarks;
# commands find theirs with generator.workspace.find_policy_dir (--policy, FUHUA_POLICY, ./policy upwards)
DATE_ENV = "FUHUA_BUILD_DATE"  # YYYY-MM-DD: the day validity is judged on (default: today)
POLICY_ENV = "FUHUA_POLICY"  # the policy folder when --policy is not given
EXAMPLES_ENV = "FUHUA_EXAMPLES"  # sample inputs of the notices and reports when --examples is not given
