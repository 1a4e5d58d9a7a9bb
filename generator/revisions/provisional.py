"""Provisional output map, until generator.build declares what each target reads."""
from generator.revisions.impact import Output

TJ = "tianjin-measures"
OUTPUTS = [
    *[Output(f"forms/{t}", (f"{TJ}:rules.conditions.{t}.*", f"{TJ}:rules.institution_types.{t}", f"{TJ}:rules.procedures.*",
                            f"{TJ}:rules.sanctions.*", f"{TJ}:rules.materials.*", f"{TJ}:meta.title", f"{TJ}:meta.issuer"))
      for t in ("makerspace", "incubator", "accelerator")],
    *[Output(f"checklists/{t}", (f"{TJ}:rules.conditions.{t}.*", f"{TJ}:rules.materials.*", f"{TJ}:meta.title"))
      for t in ("makerspace", "incubator", "accelerator")],
    Output("notice", (f"{TJ}:meta.*", f"{TJ}:rules.procedures.*", f"{TJ}:rules.institution_types.*")),
    Output("reports/comparison", ("*:rules.conditions.accelerator.*", "national-accelerator-guideline:rules.conditions.*", "*:meta.title")),
    Output("reports/assessment", (f"{TJ}:rules.rewards.*", f"{TJ}:rules.reward_rules.*", f"{TJ}:rules.assessment.*")),
    Output("reports/accelerator-reports", (f"{TJ}:rules.obligations.*",)),
    Output("crossref", ("*:text.*", "*:rules.*")),
    Output("site", ("*",)),
]
