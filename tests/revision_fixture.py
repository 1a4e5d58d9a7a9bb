"""The fixture revision of tianjin-measures (tests/fixtures/revision/), laid over a copy of policy/.

It is NOT real policy (meta.yaml says `fixture: true`). Against draft-2024 it changes one
threshold (第六条第二项 2500 -> 3000平方米), adds an item (第六条第八项), removes a sentence
(the last of 第十五条), adds an article (第三十三条) so the old 第三十三条 becomes 第三十四条,
and changes the status and header.
"""
import shutil
from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "revision"
OLD, NEW = "tianjin-measures@draft-2024", "tianjin-measures@fixture-revision"


def lay_fixture(policy_dir: Path) -> Path:
    """Add the fixture version to a scratch policy folder and make it the current one."""
    shutil.copytree(FIXTURE, policy_dir, dirs_exist_ok=True)
    return policy_dir
