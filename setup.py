"""What pyproject.toml cannot say: the drafters' folders at the top of the checkout ship inside the
package, so an installed wheel works anywhere. templates/, schemas/, site/ and scaffold/ (what
`fuhua init` writes) are mapped to the
packages generator.shipped.<name> (package-dir) with all their files as package data; mkdocs.yml and
the shared vocabulary, single files beside other things, are copied in by build_py. generator/__init__.py
looks in generator/shipped/ first, then in the checkout. Everything else is in pyproject.toml."""
from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

FOLDERS = ("templates", "schemas", "site", "scaffold")
FILES = ("mkdocs.yml", "policy/vocabulary.yaml")
ROOT = Path(__file__).resolve().parent


class build_py_with_files(build_py):
    def run(self):
        super().run()
        for name in FILES:
            target = Path(self.build_lib, "generator", "shipped", name)
            self.mkpath(str(target.parent))
            self.copy_file(str(ROOT / name), str(target))


setup(
    packages=find_packages(include=["generator", "generator.*"]) + [f"generator.shipped.{name}" for name in FOLDERS],
    package_dir={f"generator.shipped.{name}": name for name in FOLDERS},
    package_data={
        # data beside the code: selfcheck.js and its vendored libraries with their licences, the jieba
        # dictionary; a new kind of file here needs its pattern added
        "generator": ["**/*.json", "**/*.js", "**/*.txt", "**/*.LICENSE"],
        **{f"generator.shipped.{name}": ["**/*"] for name in FOLDERS},
    },
    exclude_package_data={"": ["*.pyc", "__pycache__/*"]},
    cmdclass={"build_py": build_py_with_files},
)
