"""What every page builder needs: the policy, the build settings and where each page lives."""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from generator import DEFAULT_POLICY_DIR, PROJECT_ROOT
from generator.model import Policy, Version
from generator.policy import load_policy

DATE_ENV = "FUHUA_BUILD_DATE"     # YYYY-MM-DD: the day validity is computed for (default: today)
POLICY_ENV = "FUHUA_POLICY"       # the policy folder (default: the project's policy/)
OUTPUTS_ENV = "FUHUA_OUTPUTS"     # where `fuhua build` wrote forms/, checklists/, ... (default: build/)


@dataclass(frozen=True)
class Settings:
    policy_dir: Path
    outputs_dir: Path
    build_date: dt.date

    @classmethod
    def resolve(cls, extra: dict | None = None) -> "Settings":
        """From mkdocs.yml `extra.fuhua` (set by `fuhua build`), else the environment, else defaults."""
        extra = extra or {}
        day = extra.get("build_date") or os.environ.get(DATE_ENV)
        return cls(
            Path(extra.get("policy") or os.environ.get(POLICY_ENV) or DEFAULT_POLICY_DIR),
            Path(extra.get("outputs") or os.environ.get(OUTPUTS_ENV) or PROJECT_ROOT / "build"),
            dt.date.fromisoformat(str(day)) if day else dt.date.today(),
        )


@dataclass
class Site:
    policy: Policy
    settings: Settings

    @classmethod
    def load(cls, settings: Settings) -> "Site":
        return cls(load_policy(settings.policy_dir), settings)

    @property
    def versions(self) -> list[Version]:
        """Current versions, local documents before national ones (this is a local site)."""
        return sorted(self.policy.current_versions(), key=lambda v: v.jurisdiction == "national")

    def types_of(self, version: Version) -> list[str]:
        return [t for t in self.policy.vocabulary["institution_types"] if t in version.institution_types]

    def versions_for(self, inst_type: str) -> list[Version]:
        return [v for v in self.versions if inst_type in v.institution_types]


def text_uri(doc_id: str) -> str:
    return f"texts/{doc_id}.md"


def rules_uri(doc_id: str) -> str:
    return f"rules/{doc_id}.md"


def type_uri(inst_type: str) -> str:
    return f"types/{inst_type}.md"
