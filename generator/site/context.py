"""What every page builder needs: the policy, the build settings, the generated documents and
where each page lives."""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from generator import DATE_ENV
from generator.model import Policy, Version
from generator.policy import load_policy
from generator.workspace import examples_dir, find_policy_dir

SITE_TARGET = "site"              # the `fuhua build` target that builds this site


@dataclass(frozen=True)
class Settings:
    policy_dir: Path
    examples_dir: Path
    build_date: dt.date
    build_context: object | None = None  # generator.build.BuildContext of a running `fuhua build`

    @classmethod
    def resolve(cls, extra: dict | None = None) -> "Settings":
        """From mkdocs.yml `extra.fuhua` (set by `fuhua build`), else the environment, else defaults."""
        extra = extra or {}
        day = extra.get("build_date") or os.environ.get(DATE_ENV)
        policy = find_policy_dir(extra.get("policy"))
        return cls(
            policy,
            examples_dir(policy, extra.get("examples")),
            dt.date.fromisoformat(str(day)) if day else dt.date.today(),
            extra.get("context"),
        )


@dataclass
class Site:
    policy: Policy
    settings: Settings

    @classmethod
    def load(cls, settings: Settings) -> "Site":
        ctx = settings.build_context
        return cls(ctx.policy if ctx is not None else load_policy(settings.policy_dir), settings)

    @property
    def versions(self) -> list[Version]:
        """Current versions, local documents before national ones (this is a local site)."""
        return sorted(self.policy.current_versions(), key=lambda v: v.jurisdiction == "national")

    def types_of(self, version: Version) -> list[str]:
        return [t for t in self.policy.vocabulary["institution_types"] if t in version.institution_types]

    def versions_for(self, inst_type: str) -> list[Version]:
        return [v for v in self.versions if inst_type in v.institution_types]

    @cached_property
    def documents(self) -> dict[str, bytes]:
        """Every file the other `fuhua build` targets generate (forms, checklists, notices, reports),
        made in memory from the same policy and examples, so the site never shows stale ones."""
        from generator.build import TARGETS, BuildContext

        ctx = self.settings.build_context
        if ctx is None:
            ctx = BuildContext(self.settings.policy_dir, self.settings.policy_dir.parent / "build", self.settings.examples_dir,
                               build_date=self.settings.build_date)
            ctx.policy = self.policy
        out: dict[str, bytes] = {}
        for target in TARGETS:
            if target.name != SITE_TARGET:
                out.update(target.run(ctx))
        return dict(sorted(out.items()))


def text_uri(doc_id: str) -> str:
    return f"texts/{doc_id}.md"


def rules_uri(doc_id: str) -> str:
    return f"rules/{doc_id}.md"


def type_uri(inst_type: str) -> str:
    return f"types/{inst_type}.md"


def download_uri(rel: str) -> str:
    return f"downloads/{rel}"
