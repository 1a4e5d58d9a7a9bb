"""What every page builder needs: the policy, the build settings, the generated documents and
where each page lives."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from generator import clock
from generator.model import CONSULTATION_STATUS, DRAFT_STATUSES, Policy, Version
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
        """From mkdocs.yml `extra.fuhua` (set by `fuhua build`), else the environment, else defaults.
        The build date is the running build's, else `build_date`, else FUHUA_BUILD_DATE, else today."""
        extra = extra or {}
        context = extra.get("context")
        policy = find_policy_dir(extra.get("policy"))
        return cls(
            policy,
            examples_dir(policy, extra.get("examples")),
            context.today if context is not None else clock.build_date(extra.get("build_date")),
            context,
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
        """Current versions, local documents before reference ones (this is a local site)."""
        return sorted(self.policy.current_versions(), key=lambda v: v.role == "reference")

    def types_of(self, version: Version) -> list[str]:
        return [t for t in self.policy.vocabulary["institution_types"] if t in version.institution_types]

    def versions_for(self, inst_type: str) -> list[Version]:
        return [v for v in self.versions if inst_type in v.institution_types]

    def published(self, doc_id: str) -> list[Version]:
        """The versions of a document the site publishes, in document.yaml order: never a test fixture."""
        return [v for v in self.policy.documents[doc_id].versions.values() if not v.meta.get("fixture")]

    def version_list(self, doc_id: str) -> list[dict]:
        """Each published version with its page, status and dates, for the version list of a text."""
        from generator.policy import parse_date
        return [{"uri": version_uri(doc_id, v.version), "current": v.is_current, "status": v.meta["status"],
                 "draft": v.meta["status"] in DRAFT_STATUSES, "consultation": v.meta["status"] == CONSULTATION_STATUS,
                 "title": v.title,
                 **{key: parse_date((v.meta.get("dates") or {}).get(key)) for key in ("issued", "effective", "expires")}}
                for v in self.published(doc_id)]

    def comparisons(self, doc_id: str) -> list[tuple[Version, Version]]:
        """Consecutive published versions: each pair gets a 新旧对照 page."""
        versions = self.published(doc_id)
        return list(zip(versions, versions[1:]))

    def comparison_list(self, doc_id: str) -> list[dict]:
        """Each 新旧对照 page with its two versions' entries of the version list (status and dates)."""
        listed = {entry["uri"]: entry for entry in self.version_list(doc_id)}
        return [{"uri": comparison_uri(old, new), "old": listed[version_uri(doc_id, old.version)],
                 "new": listed[version_uri(doc_id, new.version)]}
                for old, new in self.comparisons(doc_id)]

    @cached_property
    def lint_findings(self) -> list:
        """`fuhua lint` on every current version, on the build date."""
        from generator.crossref.lint import lint
        return lint(self.policy, today=self.settings.build_date)

    def lint_provisions(self, version: Version) -> set[str]:
        """Provision ids of a version with a drafting problem (only the current version is linted)."""
        if not version.is_current:
            return set()
        return {f.provision for f in self.lint_findings if f.document == version.doc_id and f.provision}

    @staticmethod
    def lint_anchor(version: Version, provision_id: str) -> str:
        return f"{version.doc_id}--{provision_id}"

    @cached_property
    def impact(self) -> tuple[str, dict[str, bytes]] | None:
        """The 政策影响测算 page and its charts (generator/impact/site.py), made once per build; None
        when the default population is written for a larger policy (a one-document workspace)."""
        from generator.impact import site as impact_site

        return impact_site.page(self.policy, self.settings.build_date)

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


def version_uri(doc_id: str, version: str) -> str:
    """A version's permanent page: texts/<doc>/<version>/ (index.html)."""
    return f"texts/{doc_id}/{version}/index.md"


def comparison_uri(old: Version, new: Version) -> str:
    return f"texts/{old.doc_id}/compare-{old.version}-{new.version}.md"


def docx_text_uri(version: Version) -> str:
    return f"downloads/texts/{version.doc_id}-{version.version}.docx"


def drafting_uri() -> str:
    return "drafting.md"


def rules_uri(doc_id: str) -> str:
    return f"rules/{doc_id}.md"


def type_uri(inst_type: str) -> str:
    return f"types/{inst_type}.md"


def download_uri(rel: str) -> str:
    return f"downloads/{rel}"
