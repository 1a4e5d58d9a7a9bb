"""Reform impact: what a revision of policy/ does to a whole population of institutions.

population (synthetic or a real register) -> engine (every condition evaluated for every
institution at once, column-wise) -> run (baseline vs reform: counts, switchers, pass rates,
by district) -> sweep (a threshold moved step by step) and fiscal (the rewards' exposure) ->
report (text, json, md, docx, xlsx) and site (the page with the default population's figures).
"""
