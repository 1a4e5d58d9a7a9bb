/* fuhua eligibility self-check in the browser: the twin of generator/eligibility/evaluate.py and
 * arith.py, step for step, reading the same exported rules.json. It returns exactly the result
 * structure of `fuhua check --format json` (tests/test_eligibility_js.py compares the two).
 *
 *   FuhuaSelfcheck.evaluate(rules, type, jurisdiction, profile) -> result
 *   FuhuaSelfcheck.factsFor(rules, type, jurisdiction)          -> fact ids the type's conditions read
 *   FuhuaSelfcheck.validate(rules, profile)                      -> [{field, code, limit}] ([] when valid)
 *
 * validate refuses exactly the profiles `fuhua check` refuses (tests/test_eligibility_node.py runs
 * both over thousands of generated profiles in Node). The shared limits (tolerance, largest figure,
 * control characters) are read from rules.json, never written here.
 *
 * Every string in a result is plain text (never HTML): insert it with textContent.
 * Plain script (no modules, no dependencies): load with <script src="selfcheck.js">.
 */
(function (root) {
  "use strict";

  var STATUS_ORDER = ["not_met", "unknown", "evidence", "met", "not_applicable"];
  var FORMAT = 1;  // the rules.json format this evaluator reads (rules.FORMAT)
  var TOLERANCE, LARGEST, CONTROL;  // from rules.json: arith.TOLERANCE, arith.LARGEST, yamlio.CONTROL_CHARACTERS
  var has = function (obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); };

  function use(rules) {
    if (!rules || rules.format !== FORMAT || typeof rules.tolerance !== "number" || typeof rules.largest !== "number") {
      throw new Error("rules.json is not format " + FORMAT);
    }
    TOLERANCE = rules.tolerance;
    LARGEST = rules.largest;
    CONTROL = new RegExp(rules.control_characters, "u");  // a lone surrogate, not a pair
  }

  // --- arith.py ---------------------------------------------------------------------------
  function compare(a, b) {
    if (Math.abs(a - b) <= TOLERANCE * Math.max(Math.abs(a), Math.abs(b), 1)) return 0;
    return a < b ? -1 : 1;
  }

  function holds(a, comparator, b) {
    var c = compare(a, b);
    switch (comparator) {
      case ">=": return c >= 0;
      case ">": return c > 0;
      case "<=": return c <= 0;
      case "<": return c < 0;
      case "=": return c === 0;
    }
    throw new Error("unknown comparator " + comparator);
  }

  function ceilDiv(base, amount) {
    var q = base / amount;
    var nearest = Math.floor(q + 0.5);
    return compare(q, nearest) === 0 ? nearest : Math.ceil(q);
  }

  function fmt(x, rounding) {
    if (x === Math.floor(x) && Math.abs(x) < LARGEST) return String(x === 0 ? 0 : x);
    var scaled = Math.abs(x) * 100;
    var cents = rounding === "up" ? Math.ceil(scaled - TOLERANCE)
      : rounding === "down" ? Math.floor(scaled + TOLERANCE) : Math.floor(scaled + 0.5);
    var sign = x < 0 && cents ? "-" : "";
    var whole = Math.floor(cents / 100), frac = cents % 100;
    var tail = frac ? ("." + (frac < 10 ? "0" : "") + frac).replace(/0+$/, "") : "";
    return sign + whole + tail;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, name) {
      if (!has(values, name)) throw new Error("phrase needs {" + name + "}: " + template);
      return String(values[name]);
    });
  }

  // --- evaluate.py ------------------------------------------------------------------------
  function evaluate(rules, type, jurisdiction, profile) {
    profile = profile || {};
    use(rules);
    var j = rules.jurisdictions[jurisdiction];
    if (!j) throw new Error("unknown jurisdiction " + jurisdiction);
    var spec = j.types[type];
    if (!spec) throw new Error(jurisdiction + " has no conditions for " + type);
    var ph = rules.phrases;
    var resolved = resolveFacts(rules, j, profile);
    var conditions = spec.conditions.map(function (c) {
      return evaluateCondition(c, resolved.values, resolved.reasons, rules);
    });
    var statuses = conditions.map(function (c) { return c.status; });
    var verdict = statuses.indexOf("not_met") >= 0 ? "not_eligible"
      : statuses.indexOf("unknown") >= 0 ? "undetermined" : "eligible";
    var counts = {};
    STATUS_ORDER.forEach(function (s) {
      counts[s] = statuses.filter(function (x) { return x === s; }).length;
    });
    return {
      type: type, type_name: spec.name, recognised_as: spec.recognised_as,
      jurisdiction: jurisdiction, document: j.document, conditions_in: spec.conditions_in,
      applicant: profile.applicant == null ? null : profile.applicant,
      verdict: verdict, verdict_text: ph.verdict[verdict],
      counts: counts, derived: resolved.derived, conditions: conditions,
      materials: materials(conditions)
    };
  }

  function resolveFacts(rules, j, profile) {
    var facts = rules.facts, ph = rules.phrases;
    var values = {}, derived = [], reasons = {};
    Object.keys(profile).forEach(function (k) {
      if (has(facts, k) && profile[k] != null) values[k] = profile[k];
    });
    if (profile.firms == null) return { values: values, derived: derived, reasons: reasons };
    Object.keys(j.derived).forEach(function (metric) {
      if (has(values, metric)) return;
      var d = j.derived[metric];
      var counted = countFirms(d, profile.firms, facts, ph);
      if (counted.undetermined.length) {
        reasons[metric] = counted.undetermined.join(ph.clause_sep);
        return;
      }
      values[metric] = counted.count;
      var text = fill(ph.derived, { citation: d.citation, term: d.term, value: fmt(counted.count) + (facts[metric].unit || "") });
      derived.push({ metric: metric, value: counted.count, text: text });
    });
    return { values: values, derived: derived, reasons: reasons };
  }

  function countFirms(d, firms, facts, ph) {
    var count = 0, undetermined = [];
    firms.forEach(function (firm, index) {
      var results = d.criteria.map(function (c) { return criterion(c, firm); });
      var decided;
      if (d.mode === "all") {
        decided = results.indexOf(false) >= 0 ? false : results.indexOf(null) < 0 ? true : null;
      } else {
        decided = results.indexOf(true) >= 0 ? true : results.indexOf(null) < 0 ? false : null;
      }
      if (decided === null) {
        var labels = d.criteria.filter(function (c, i) { return results[i] === null; })
          .map(function (c) { return facts[c.metric].short; });
        undetermined.push(fill(ph.firm_missing, { n: index + 1, name: firm.name || "", labels: labels.join(ph.list_sep) }));
      } else if (decided) {
        count += 1;
      }
    });
    return { count: count, undetermined: undetermined };
  }

  function criterion(c, firm) {
    var v = firm[c.metric];
    if (v == null) return null;
    if (c.kind === "boolean") return v === c.expected;
    return holds(v, c.comparator, c.value);
  }

  function evaluateCondition(c, values, reasons, rules) {
    var facts = rules.facts, ph = rules.phrases;
    var out = {
      id: c.id, citation: c.citation, provision: c.provision, quote: c.quote, kind: c.kind,
      prerequisite: c.prerequisite, requirement: c.requirement, topic: c.topic, topic_label: c.topic_label,
      status: null, status_text: null, actual: null, gap: null, missing: [], reasons: [],
      evidence: has(c, "evidence") ? c.evidence : null, note: has(c, "note") ? c.note : null,
      when: null, action: null, materials: c.materials
    };
    assign(out, KINDS[c.kind](c, values, facts, ph));
    var applies = c.applies_if;
    if (applies) {
      var fact = applies.metric;
      if (!has(values, fact)) {
        out.when = fill(ph.when, { label: facts[fact].short });
        if (out.status !== "met") assign(out, { status: "unknown", gap: null, missing: [fact].concat(out.missing) });
      } else if (values[fact] !== applies.equals) {
        var actual = fill(ph.fact_value, { label: facts[fact].short, value: values[fact] ? ph.yes : ph.no });
        assign(out, { status: "not_applicable", actual: actual, gap: null, missing: [], reasons: [], materials: [] });
      }
    }
    out.reasons = out.reasons.concat(out.missing.filter(function (m) { return has(reasons, m); })
      .map(function (m) { return reasons[m]; }));
    out.status_text = ph.status[out.status];
    out.action = action(out, facts, ph);
    return out;
  }

  function assign(target, source) {
    Object.keys(source).forEach(function (k) { target[k] = source[k]; });
    return target;
  }

  function gapText(comparator, actual, target, unit, ph) {
    if (comparator === ">=") return fill(ph.gap[">="], { d: fmt(target - actual, "up") + unit });
    if (comparator === "<=") return fill(ph.gap["<="], { d: fmt(actual - target, "up") + unit });
    return fill(ph.gap[comparator], { target: fmt(target) + unit, actual: fmt(actual) + unit });
  }

  function missingOf(metrics, values) {
    var absent = metrics.filter(function (m) { return !has(values, m); });
    return absent.length ? { status: "unknown", missing: absent } : null;
  }

  function threshold(c, values, facts, ph) {
    var unknown = missingOf([c.metric], values);
    if (unknown) return unknown;
    var v = values[c.metric], op = c.comparator, target = c.value, unit = c.unit;
    if (facts[c.metric].type !== "series") {
      var ok = holds(v, op, target);
      var gapUnit = facts[c.metric].percent ? ph.points : unit;
      return { status: ok ? "met" : "not_met", actual: fmt(v) + unit, gap: ok ? null : gapText(op, v, target, gapUnit, ph) };
    }
    var actual = v.map(function (x, i) { return fill(ph.year_value, { n: i + 1, value: fmt(x) + unit }); }).join(ph.list_sep);
    var gaps = [];
    v.forEach(function (x, i) {
      if (!holds(x, op, target)) gaps.push(fill(ph.gap_year, { n: i + 1, gap: gapText(op, x, target, unit, ph) }));
    });
    return { status: gaps.length ? "not_met" : "met", actual: actual, gap: gaps.join(ph.list_sep) || null };
  }

  function ratio(c, values, facts, ph) {
    var per = c.per;
    var unknown = missingOf([c.metric, per.metric], values);
    if (unknown) return unknown;
    var v = values[c.metric], base = values[per.metric], unit = c.unit;
    // metric >= value x base / amount; a count must be whole, so the requirement is the ceiling
    var required = c.value * base / per.amount;
    if (facts[c.metric].type === "integer") required = ceilDiv(c.value * base, per.amount);
    var ok = holds(v, c.comparator, required);
    var form = facts[c.metric].type === "integer" ? ph.ratio_actual_whole : ph.ratio_actual;
    var actual = fill(form, {
      base_label: facts[per.metric].short, base: fmt(base) + (facts[per.metric].unit || ""), base_n: fmt(base),
      amount: fmt(per.amount), value: fmt(c.value), required: fmt(required) + unit, actual: fmt(v) + unit
    });
    return { status: ok ? "met" : "not_met", actual: actual, gap: ok ? null : gapText(c.comparator, v, required, unit, ph) };
  }

  function share(c, values, facts, ph) {
    var unknown = missingOf([c.metric, c.of], values);
    if (unknown) return unknown;
    var num = values[c.metric], den = values[c.of], op = c.comparator, value = c.value;
    if (compare(den, 0) === 0) {
      var text = fill(ph.share_zero, { of_label: c.of_label });
      return { status: "not_met", actual: text, gap: text };
    }
    var pct = num * 100 / den;
    var numUnit = facts[c.metric].unit || "";
    var actual = fill(ph.share_actual, {
      label: facts[c.metric].short, num: fmt(num) + numUnit, of_label: c.of_label,
      den: fmt(den) + (facts[c.of].unit || ""), pct: fmt(pct)
    });
    if (holds(num * 100, op, value * den)) return { status: "met", actual: actual };
    var gap;
    if (op === ">=") {
      var need = value * den / 100;
      if (facts[c.metric].type === "integer") need = ceilDiv(value * den, 100);
      var ofLabel = c.of_label;
      gap = fill(ph.gap_share, { gap: gapText(op, num, need, numUnit, ph), pp: fmt(value - pct, "up") + ph.points, of_label: ofLabel });
      if (numUnit && numUnit === facts[c.of].unit && compare(value, 100) < 0) {
        // the numerator is part of the denominator (staff of all staff): one added to both moves the share less
        var add = (value * den - 100 * num) / (100 - value);
        if (facts[c.metric].type === "integer") add = ceilDiv(value * den - 100 * num, 100 - value);
        gap += fill(ph.gap_share_added, { add: fmt(add, "up") + numUnit, of_label: ofLabel });
      }
    } else {
      gap = gapText(op, pct, value, "%", ph);
    }
    return { status: "not_met", actual: actual, gap: gap };
  }

  function growth(c, values, facts, ph) {
    var reached = 0, unknown = [], items = [], reasons = [];
    c.metrics.forEach(function (m) {
      var label = facts[m].short;
      if (!has(values, m)) { unknown.push(m); return; }
      var series = values[m];
      var first = series[0], last = series[series.length - 1], years = series.length - 1;
      if (compare(first, 0) === 0) { reasons.push(fill(ph.growth_zero, { label: label })); return; }
      var r = last / first, target = 1.0;
      for (var i = 0; i < years; i++) target *= 1 + c.value / 100;
      if (holds(r, c.comparator, target)) reached += 1;
      var rate = (Math.pow(r, 1 / years) - 1) * 100;
      items.push(fill(ph.growth_item, { label: label, first: fmt(first), last: fmt(last), rate: fmt(rate) }));
    });
    var undecided = unknown.length + reasons.length;
    var status = reached >= c.at_least ? "met" : reached + undecided < c.at_least ? "not_met" : "unknown";
    return {
      status: status, actual: items.join(ph.clause_sep) || null,
      gap: status === "not_met" ? fill(ph.gap_growth, { k: c.at_least - reached }) : null,
      missing: status === "unknown" ? unknown : [], reasons: status === "unknown" ? reasons : []
    };
  }

  function boolean(c, values, facts, ph) {
    var unknown = missingOf([c.metric], values);
    if (unknown) return unknown;
    var v = values[c.metric], ok = v === c.expected;
    return {
      status: ok ? "met" : "not_met", actual: v ? ph.yes : ph.no,
      gap: ok ? null : fill(ph.gap_boolean, { expected: c.expected ? ph.yes : ph.no })
    };
  }

  function evidence() { return { status: "evidence" }; }

  var KINDS = { threshold: threshold, ratio: ratio, share: share, growth: growth, boolean: boolean, evidence: evidence };

  function action(r, facts, ph) {
    var forms = ph.action;
    if (r.status === "not_met") return fill(forms.not_met, { requirement: r.requirement, gap: r.gap });
    if (r.status === "evidence") return fill(forms.evidence, { evidence: r.evidence });
    if (r.status !== "unknown") return forms[r.status];
    var parts = r.missing.length
      ? [fill(forms.unknown, { labels: r.missing.map(function (m) { return facts[m].short; }).join(ph.list_sep) })] : [];
    return parts.concat(r.reasons.map(function (x) { return fill(forms.unknown_reason, { reason: x }); })).join("");
  }

  function materials(conditions) {
    var order = [], byId = {};
    conditions.forEach(function (c) {
      c.materials.forEach(function (m) {
        var entry = byId[m.id];
        if (!entry) {
          entry = byId[m.id] = { id: m.id, name: m.name, conditions: [], citations: [], when: c.when };
          order.push(entry);
        }
        entry.conditions.push(c.id);
        if (entry.citations.indexOf(c.citation) < 0) entry.citations.push(c.citation);
        if (!c.when) entry.when = null;
      });
    });
    return order;
  }

  // --- helpers for the page ------------------------------------------------------------------
  function factsFor(rules, type, jurisdiction) {
    return Object.keys(rules.facts).filter(function (id) {
      return rules.facts[id].used_by.some(function (u) { return u.jurisdiction === jurisdiction && u.type === type; });
    });
  }

  // The checks of profile.py, in its order: the schema (types, signs, percentages, years, keys),
  // then, only when that passes, control characters, figures too large, a part above its whole
  // and a count contradicting the firm list.
  function validate(rules, profile) {
    use(rules);
    var problems = [];
    if (profile === null || profile === undefined) return problems;
    if (typeof profile !== "object" || Array.isArray(profile)) return [{ field: "", code: "not_mapping" }];
    Object.keys(profile).forEach(function (field) {
      var fact = has(rules.facts, field) ? rules.facts[field] : null, v = profile[field];
      if (field === "applicant" || field === "$schema") {
        if (typeof v !== "string") problems.push({ field: field, code: "type", limit: "string" });
      } else if (field === "firms") {
        validateFirms(rules, v, problems);
      } else if (!fact || fact.scope === "firm") {
        problems.push({ field: field, code: "unknown_key" });
      } else {
        checkFact(field, fact, v, problems);
      }
    });
    return problems.length ? problems : consistency(rules, profile);
  }

  function validateFirms(rules, firms, problems) {
    if (!Array.isArray(firms)) { problems.push({ field: "firms", code: "type", limit: "array" }); return; }
    firms.forEach(function (firm) {
      if (firm === null || typeof firm !== "object" || Array.isArray(firm)) {
        problems.push({ field: "firms", code: "type", limit: "object" });
        return;
      }
      Object.keys(firm).forEach(function (key) {
        var fact = has(rules.facts, key) ? rules.facts[key] : null;
        if (key === "name") {
          if (typeof firm[key] !== "string") problems.push({ field: "firms", code: "type", limit: "string" });
        } else if (!fact || fact.scope !== "firm") {
          problems.push({ field: "firms", code: "unknown_key" });
        } else {
          checkFact("firms", fact, firm[key], problems);
        }
      });
    });
  }

  function checkFact(field, fact, v, problems) {
    if (v === null) return;
    if (fact.type === "series") {
      if (!Array.isArray(v)) { problems.push({ field: field, code: "type", limit: "series" }); return; }
      if (v.length !== fact.years) problems.push({ field: field, code: "years", limit: fact.years });
      v.forEach(function (x) { checkNumber(field, x, fact.item, false, problems); });
    } else if (fact.type === "boolean") {
      if (typeof v !== "boolean") problems.push({ field: field, code: "type", limit: "boolean" });
    } else {
      checkNumber(field, v, fact.type, fact.percent, problems);
    }
  }

  function checkNumber(field, v, type, percent, problems) {
    if (typeof v !== "number" || (type === "integer" && isFinite(v) && v !== Math.floor(v))) {
      problems.push({ field: field, code: "type", limit: type });
    } else if (v < 0) {
      problems.push({ field: field, code: "negative", limit: 0 });
    } else if (percent && v > 100) {
      problems.push({ field: field, code: "above_100", limit: 100 });
    }
  }

  function consistency(rules, profile) {
    var problems = [], facts = rules.facts;
    leaves(profile, null, function (field, v) {
      if (typeof v === "string") {
        if (CONTROL.test(v)) problems.push({ field: field, code: "control_character" });
      } else if (typeof v === "number" && !isFinite(v)) {
        problems.push({ field: field, code: "type", limit: "number" });
      } else if (typeof v === "number" && Math.abs(v) >= LARGEST) {
        problems.push({ field: field, code: "too_large", limit: LARGEST });
      }
    });
    sharePairs(rules).forEach(function (pair) {
      var part = profile[pair[0]], whole = profile[pair[1]];
      if (part != null && whole != null && compare(part, whole) > 0) {
        problems.push({ field: pair[0], code: "above_whole", limit: pair[1] });
      }
    });
    if (profile.firms == null) return problems;
    Object.keys(rules.jurisdictions).forEach(function (j) {
      var derived = rules.jurisdictions[j].derived;
      Object.keys(derived).forEach(function (metric) {
        var counted = countFirms(derived[metric], profile.firms, facts, rules.phrases);
        if (profile[metric] != null && !counted.undetermined.length && counted.count !== profile[metric]) {
          problems.push({ field: metric, code: "firm_count", limit: counted.count });
        }
      });
    });
    return problems;
  }

  function leaves(node, field, visit) {
    if (Array.isArray(node)) node.forEach(function (x) { leaves(x, field, visit); });
    else if (node !== null && typeof node === "object") Object.keys(node).forEach(function (k) { leaves(node[k], field || k, visit); });
    else visit(field, node);
  }

  function sharePairs(rules) {
    var seen = {}, out = [];
    Object.keys(rules.jurisdictions).forEach(function (j) {
      var types = rules.jurisdictions[j].types;
      Object.keys(types).forEach(function (t) {
        types[t].conditions.forEach(function (c) {
          if (c.kind === "share" && !seen[c.metric + " " + c.of]) { seen[c.metric + " " + c.of] = true; out.push([c.metric, c.of]); }
        });
      });
    });
    return out;
  }

  var api = { evaluate: evaluate, factsFor: factsFor, validate: validate, fmt: fmt, STATUS_ORDER: STATUS_ORDER };
  root.FuhuaSelfcheck = api;
  if (typeof module === "object" && module.exports) module.exports = api;
})(typeof globalThis !== "undefined" ? globalThis : this);
