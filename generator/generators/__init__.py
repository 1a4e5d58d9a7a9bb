"""Template contexts for the generated documents: every value comes from policy/ or an input file.

    context.py     shared pieces: the document, a type's conditions/materials/procedure, sanctions
    forms.py       申报书 and 申报材料清单/自查表 per institution type
    notice.py      公示: reads a YAML/CSV list, counts working days with chinesecalendar
    assessment.py  考核结果与奖励测算: reads grades, applies 第十四条–第十六条
    comparison.py  a reference document's conditions for a type vs the home measure's
    reports.py     periodic report forms (per period of each report duty)

Each module returns plain dicts; the wording is in templates/, the rendering in generator.render.
"""
