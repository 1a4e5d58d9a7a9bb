/* The self-assessment page: a form generated from the exported rules (window.FUHUA_RULES), the
 * evaluation by FuhuaSelfcheck (generator/eligibility/selfcheck.js, the twin of `fuhua check`),
 * and a tailored checklist downloaded as Word or Markdown. Nothing leaves the browser.
 *
 * - Figures are read tolerantly (1,200 / １２００ / 1200万元 / 75%) and the page shows how it read
 *   each one; a figure it cannot read, or one the command line refuses (negative, 10^15 or more,
 *   a share above 100, control characters), is flagged beside its field. Conditions that do not
 *   read a flagged field keep their result; no verdict is given until every field is valid.
 * - Yearly series are labelled with calendar years counted back from the application year.
 * - A firm list (rows typed or pasted from a spreadsheet) lets selfcheck.js count 在孵企业 and
 *   毕业企业 by their definitions, as `fuhua check` does with `firms:`.
 * - Where a type has conditions in two documents, both can be shown side by side (`--compare`).
 * - The result is announced to screen readers once per change (after typing pauses), not per key.
 * Every value is inserted with textContent, never as HTML. */
(function () {
  "use strict";

  var rules = window.FUHUA_RULES, check = window.FuhuaSelfcheck, site = window.FUHUA_SITE || { documents: {} };
  var root = document.getElementById("fuhua-selfcheck");
  if (!root || !rules || !check) return;
  var ph = rules.phrases;
  var buildYear = site.build_date ? Number(site.build_date.slice(0, 4)) : new Date().getFullYear();
  var state = { type: null, jurisdiction: null, compare: false, results: [] };
  var CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ud800-\udfff\ufffe\uffff]/;
  var MESSAGES = {
    type: function (limit) { return limit === "integer" ? "请填写整数" : "请填写数字"; },
    unit: function (limit) { return "单位应为" + limit + "（请换算后填写数字）"; },
    negative: function () { return "不能为负数"; },
    above_100: function () { return "百分比不能超过100"; },
    too_large: function () { return "数值过大，不是真实数据"; },
    years: function (limit) { return "请填满" + limit + "年的数字，或全部留空"; },
    unknown_key: function () { return "不是本类型使用的数据"; },
    control: function () { return "含有不可见的控制字符，请删除后重新输入"; },
    count: function (limit) { return "与企业名单按定义统计的" + limit + "不一致；请改正或留空"; },
    year: function () { return "请填写四位年份"; },
    above_whole: function (limit) { return "不能大于" + rules.facts[limit].short; },      // codes of check.validate
    firm_count: function (limit) { return "与企业名单不符（名单计得" + limit + "）"; },
    control_character: function () { return "含有不可见的控制字符，请删除"; },
    not_mapping: function () { return "数据格式有误"; }
  };
  var UNIT_WORDS = { "平方米": ["平方米", "平米", "㎡", "m2", "m²"], "%": ["%", "％", "百分之"], "万元": ["万元", "万"],
    "家": ["家", "个"], "个": ["个"], "名": ["名", "人", "位"], "年": ["年"], "项": ["项", "件"], "场次": ["场次", "场", "次"] };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }

  // --- reading a figure as a person types it --------------------------------------------------
  /* -> {value} or {error: code, limit}; `note` says how the text was read when it was not plain. */
  function readNumber(raw, unit, type) {
    var text = String(raw).replace(/[\uff01-\uff5e]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xfee0); })
      .replace(/[\s\u3000]+/g, "").replace(/。/g, ".");
    if (CONTROL.test(raw)) return { error: "control" };
    var m = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d*)(\.\d*)?(.*)$/.exec(text);
    if (!m || (m[2] === "" && !m[3]) || m[3] === ".") return { error: "type", limit: type };
    var tail = m[4];
    if (tail) {
      var words = UNIT_WORDS[unit] || (unit ? [unit] : []);
      if (words.indexOf(tail) < 0) return unit ? { error: "unit", limit: unit } : { error: "type", limit: type };
    }
    var value = Number(m[1] + m[2].replace(/,/g, "") + (m[3] || ""));
    if (!isFinite(value)) return { error: "type", limit: type };
    if (type === "integer" && value !== Math.floor(value)) return { error: "type", limit: type };
    var plain = /^[+-]?\d+(\.\d+)?$/.test(String(raw).trim());
    return { value: value, note: plain ? null : "读作：" + check.fmt(value) + (unit || "") };
  }

  function yearsOf(fact) {  // the calendar years of a series, oldest first, ending the year before the application
    var out = [];
    for (var i = fact.years; i >= 1; i--) out.push(state.year - i);
    return out;
  }

  function jurisdictionsFor(type) {
    return Object.keys(rules.jurisdictions).filter(function (j) { return rules.jurisdictions[j].types[type]; })
      .sort(function (a, b) { return (a === "national") - (b === "national"); });
  }

  function shownJurisdictions() {
    return state.compare ? jurisdictionsFor(state.type) : [state.jurisdiction];
  }

  function factsInOrder() {
    var seen = [];
    shownJurisdictions().forEach(function (j) {
      var wanted = check.factsFor(rules, state.type, j);
      rules.jurisdictions[j].types[state.type].conditions.forEach(function (c) {
        [c.metric, c.per && c.per.metric, c.of].concat(c.metrics || [], [c.applies_if && c.applies_if.metric]).forEach(function (m) {
          if (m && wanted.indexOf(m) >= 0 && seen.indexOf(m) < 0) seen.push(m);
        });
      });
      wanted.forEach(function (m) { if (seen.indexOf(m) < 0) seen.push(m); });
    });
    return seen;
  }

  function citationsOf(id) {
    var out = [];
    rules.facts[id].used_by.forEach(function (u) {
      if (u.type === state.type && shownJurisdictions().indexOf(u.jurisdiction) >= 0 && out.indexOf(u.citation) < 0) out.push(u.citation);
    });
    return out.join("、");
  }

  /* Metrics the firm list can count here: derived metrics that the shown conditions read. */
  function countable() {
    var out = {};
    shownJurisdictions().forEach(function (j) {
      var wanted = check.factsFor(rules, state.type, j), derived = rules.jurisdictions[j].derived;
      Object.keys(derived).forEach(function (m) { if (wanted.indexOf(m) >= 0 && !out[m]) out[m] = derived[m]; });
    });
    return out;
  }

  function firmFacts() {
    var ids = [], counts = countable();
    Object.keys(counts).forEach(function (m) {
      counts[m].criteria.forEach(function (c) { if (ids.indexOf(c.metric) < 0) ids.push(c.metric); });
    });
    return ids;  // in the order of the definitions' criteria (第八条, then 第九条)
  }

  // --- the form -----------------------------------------------------------------------------
  var form = el("form", { className: "fuhua-sc-form", autocomplete: "off", "aria-label": "申报自评" });
  var typeBox = el("fieldset", { className: "fuhua-sc-choice" }, [el("legend", { text: "申报类型" })]);
  var jurBox = el("fieldset", { className: "fuhua-sc-choice" }, [el("legend", { text: "对照文件" })]);
  var applicant = el("input", { type: "text", name: "applicant", id: "fuhua-sc-applicant", maxlength: "200" });
  var yearInput = el("input", { type: "text", inputmode: "numeric", name: "application_year", id: "fuhua-sc-year", value: String(buildYear), maxlength: "4" });
  var factsBox = el("fieldset", { className: "fuhua-sc-facts" }, [el("legend", { text: "本单位数据（不清楚的留空，结果显示为“信息不足”）" })]);
  var firmsBox = el("fieldset", { className: "fuhua-sc-firms" });
  var output = el("div", { className: "fuhua-sc-output", id: "fuhua-sc-output" });
  var announcer = el("p", { className: "fuhua-sr-only", role: "status", "aria-live": "polite", id: "fuhua-sc-announce" });
  form.appendChild(typeBox);
  form.appendChild(jurBox);
  form.appendChild(el("div", { className: "fuhua-sc-basics" }, [
    el("p", { className: "fuhua-sc-applicant" }, [el("label", { for: "fuhua-sc-applicant", text: "申报单位名称（可选）" }), applicant,
      el("span", { className: "fuhua-sc-error", "data-error-for": "applicant" })]),
    el("p", { className: "fuhua-sc-yearrow" }, [el("label", { for: "fuhua-sc-year", text: "申报年度" }), yearInput,
      el("span", { className: "fuhua-sc-hint", text: "逐年数据按申报年度之前的自然年填写" }),
      el("span", { className: "fuhua-sc-error", "data-error-for": "application_year" })])]));
  form.appendChild(factsBox);
  form.appendChild(firmsBox);
  root.textContent = "";
  root.appendChild(form);
  root.appendChild(announcer);
  root.appendChild(output);
  state.year = buildYear;

  function radio(box, name, value, label, checked) {
    var id = "fuhua-sc-" + name + "-" + value;
    var input = el("input", { type: "radio", name: name, value: value, id: id });
    input.checked = checked;
    box.appendChild(el("label", { for: id, className: "fuhua-sc-radio" }, [input, label]));
  }

  Object.keys(rules.types).forEach(function (t) {
    if (jurisdictionsFor(t).length) radio(typeBox, "type", t, rules.types[t], false);
  });

  function choose(type, jurisdiction) {
    state.type = type;
    var options = jurisdictionsFor(type);
    state.jurisdiction = options.indexOf(jurisdiction) >= 0 ? jurisdiction : options[0];
    if (options.length < 2) state.compare = false;
    form.querySelector('input[name="type"][value="' + type + '"]').checked = true;
    while (jurBox.children.length > 1) jurBox.removeChild(jurBox.lastChild);
    options.forEach(function (j) {
      var doc = rules.jurisdictions[j].document;
      radio(jurBox, "jurisdiction", j, "《" + doc.name + "》" + statusWords(doc), j === state.jurisdiction && !state.compare);
    });
    if (options.length > 1) radio(jurBox, "jurisdiction", "compare", "两份文件并列对照", state.compare);
    buildFacts();
    update(true);
  }

  // The status after a title, unless the title already carries it (《…（征求意见稿）》: doc.draft_status).
  function statusWords(doc) {
    var s = site.documents[doc.id];
    if (!s) return doc.draft_status || !doc.status ? "" : "（" + doc.status + "）";
    if (s.expired) return "（已失效）";
    var words = [doc.draft_status ? "" : s.status, s.draft ? "尚未施行" : ""].filter(Boolean);
    return words.length ? "（" + words.join("，") + "）" : "";
  }

  function keptValues(box) {
    var kept = {};
    Array.prototype.forEach.call(box.querySelectorAll("[name]"), function (f) { kept[f.name] = f.value; });
    return kept;
  }

  function restore(box, kept) {
    Array.prototype.forEach.call(box.querySelectorAll("[name]"), function (f) {
      if (Object.prototype.hasOwnProperty.call(kept, f.name)) f.value = kept[f.name];
    });
  }

  function errorSpan(name) { return el("span", { className: "fuhua-sc-error", "data-error-for": name }); }

  function buildFacts() {
    var kept = keptValues(factsBox);  // values survive a change of type or document where the same fact is asked
    while (factsBox.children.length > 1) factsBox.removeChild(factsBox.lastChild);
    var counts = countable();
    factsInOrder().forEach(function (id) {
      var fact = rules.facts[id];
      var row = el("div", { className: "fuhua-sc-fact", "data-fact": id });
      var label = el("label", { for: "fuhua-sc-f-" + id }, [fact.label, el("span", { className: "fuhua-sc-cite", text: citationsOf(id) })]);
      var inputs = el("span", { className: "fuhua-sc-inputs" });
      if (fact.type === "boolean") {
        inputs.appendChild(el("select", { name: id, id: "fuhua-sc-f-" + id }, [
          el("option", { value: "", text: "未填" }), el("option", { value: "true", text: ph.yes }), el("option", { value: "false", text: ph.no })]));
      } else if (fact.type === "series") {
        yearsOf(fact).forEach(function (year, i) {
          inputs.appendChild(el("span", { className: "fuhua-sc-year" }, [
            el("span", { className: "fuhua-sc-yearlabel", "aria-hidden": "true", text: year + "年" }),
            el("input", { type: "text", inputmode: "decimal", name: id + "[" + i + "]", id: i ? "fuhua-sc-f-" + id + "-" + i : "fuhua-sc-f-" + id,
              "aria-label": fact.short + " " + year + "年" })]));
        });
      } else {
        inputs.appendChild(el("input", { type: "text", inputmode: "decimal", name: id, id: "fuhua-sc-f-" + id }));
      }
      if (fact.unit) inputs.appendChild(el("span", { className: "fuhua-sc-unit", text: fact.unit }));
      row.appendChild(label);
      row.appendChild(inputs);
      if (counts[id]) row.appendChild(el("span", { className: "fuhua-sc-hint", text: "也可以留空，在下面的企业名单中逐家填写，按" + counts[id].citation + "的定义统计" + counts[id].term + "。" }));
      row.appendChild(el("span", { className: "fuhua-sc-read", "aria-live": "off" }));
      row.appendChild(errorSpan(id));
      factsBox.appendChild(row);
    });
    restore(factsBox, kept);
    buildFirms();
  }

  // --- the firm list ------------------------------------------------------------------------
  var firmRows = [];  // [{name, facts...}] as text, kept across rebuilds

  function buildFirms() {
    firmsBox.textContent = "";
    var facts = firmFacts(), counts = countable();
    firmsBox.hidden = !facts.length;
    if (!facts.length) return;
    var terms = Object.keys(counts).map(function (m) { return counts[m].term + "（" + counts[m].citation + "）"; }).join("、");
    firmsBox.appendChild(el("legend", { text: "企业名单（可选）" }));
    firmsBox.appendChild(el("p", { className: "fuhua-sc-hint", text: "逐家填写企业情况，本页按定义统计" + terms +
      "，与命令行工具的统计方法相同。可以逐行添加，也可以从电子表格中复制整张表（第一行为表头）粘贴到下面的框中。" }));
    var head = el("tr", {}, [el("th", { scope: "col", text: "企业名称" })].concat(facts.map(function (id) {
      return el("th", { scope: "col", text: rules.facts[id].label + (rules.facts[id].unit ? "（" + rules.facts[id].unit + "）" : "") });
    }), [el("th", { scope: "col", text: "操作" })]));
    var body = el("tbody");
    firmRows.forEach(function (row, n) {
      var cells = [el("td", { "data-label": "企业名称" }, [el("input", { type: "text", name: "firm-" + n + "-name", "aria-label": "第" + (n + 1) + "家企业名称", value: row.name || "" })])];
      facts.forEach(function (id) {
        var fact = rules.facts[id], name = "firm-" + n + "-" + id, label = "第" + (n + 1) + "家企业：" + fact.label;
        var input = fact.type === "boolean"
          ? el("select", { name: name, "aria-label": label }, [el("option", { value: "", text: "未填" }),
            el("option", { value: "true", text: ph.yes }), el("option", { value: "false", text: ph.no })])
          : el("input", { type: "text", inputmode: "decimal", name: name, "aria-label": label });
        input.value = row[id] == null ? "" : row[id];
        cells.push(el("td", { "data-label": fact.label }, [input, errorSpan(name)]));
      });
      var remove = el("button", { type: "button", className: "md-button fuhua-sc-remove", "data-row": String(n), text: "删除", "aria-label": "删除第" + (n + 1) + "家企业" });
      cells.push(el("td", { "data-label": "操作" }, [remove]));
      body.appendChild(el("tr", { "data-firm": String(n) }, cells));
    });
    firmsBox.appendChild(el("div", { className: "md-typeset__scrollwrap fuhua-sc-firmtable", tabindex: "0", role: "region", "aria-label": "企业名单" },
      [el("div", { className: "md-typeset__table" }, [el("table", {}, [el("thead", {}, [head]), body])])]));
    var add = el("button", { type: "button", className: "md-button fuhua-sc-add", text: "添加一家企业" });
    var paste = el("textarea", { id: "fuhua-sc-paste", rows: "3", "aria-describedby": "fuhua-sc-paste-hint" });
    var read = el("button", { type: "button", className: "md-button fuhua-sc-read-paste", text: "读入粘贴的名单" });
    firmsBox.appendChild(el("p", { className: "fuhua-sc-actions" }, [add]));
    firmsBox.appendChild(el("p", {}, [el("label", { for: "fuhua-sc-paste", text: "从电子表格粘贴企业名单" }), paste,
      el("span", { id: "fuhua-sc-paste-hint", className: "fuhua-sc-hint", text: "列可按表头名称识别（" +
        ["企业名称"].concat(facts.map(function (id) { return rules.facts[id].label; })).join("、") + "），是/否列填“是”或“否”。" }),
      el("span", { className: "fuhua-sc-error", "data-error-for": "paste" })]));
    firmsBox.appendChild(el("p", { className: "fuhua-sc-actions" }, [read]));
    if (window.fuhuaTidyTables) window.fuhuaTidyTables(firmsBox);
    add.addEventListener("click", function () { saveFirms(); firmRows.push({}); buildFirms(); update(true); });
    read.addEventListener("click", function () { saveFirms(); readPaste(paste.value); });
    Array.prototype.forEach.call(firmsBox.querySelectorAll(".fuhua-sc-remove"), function (b) {
      b.addEventListener("click", function () { saveFirms(); firmRows.splice(Number(b.getAttribute("data-row")), 1); buildFirms(); update(true); });
    });
  }

  function saveFirms() {
    var facts = firmFacts();
    firmRows = firmRows.map(function (row, n) {
      var out = {};
      var name = form.elements["firm-" + n + "-name"];
      out.name = name ? name.value : row.name;
      facts.forEach(function (id) {
        var f = form.elements["firm-" + n + "-" + id];
        out[id] = f ? f.value : row[id];
      });
      return out;
    });
  }

  function readPaste(text) {
    var facts = firmFacts();
    var lines = String(text).replace(/\r\n?/g, "\n").split("\n").filter(function (l) { return l.trim() !== ""; });
    var errorBox = firmsBox.querySelector('[data-error-for="paste"]');
    if (!lines.length) return;
    var split = function (l) { return l.indexOf("\t") >= 0 ? l.split("\t") : l.split(/[,，]/); };
    var header = split(lines[0]).map(function (h) { return h.trim(); });
    var columns = header.map(function (h) {
      if (h === "企业名称" || h === "名称" || h === "name") return "name";
      var hit = facts.filter(function (id) { return id === h || rules.facts[id].label === h || rules.facts[id].short === h ||
        rules.facts[id].label + "（" + rules.facts[id].unit + "）" === h; });
      return hit.length ? hit[0] : null;
    });
    var known = columns.filter(function (c) { return c; }).length;
    var rows = lines;
    if (known) rows = lines.slice(1);
    else columns = ["name"].concat(facts);  // no header: the columns in the order the table shows them
    var unknown = header.filter(function (h, i) { return known && !columns[i]; });
    errorBox.textContent = unknown.length ? "未识别的列已忽略：" + unknown.join("、") : "";
    rows.forEach(function (line) {
      var cells = split(line), row = {};
      columns.forEach(function (c, i) {
        if (!c || cells[i] == null) return;
        var v = cells[i].trim();
        if (c !== "name" && rules.facts[c].type === "boolean") v = /^(是|yes|true|y|1|√)$/i.test(v) ? "true" : /^(否|no|false|n|0|×)$/i.test(v) ? "false" : v;
        row[c] = v;
      });
      firmRows.push(row);
    });
    buildFirms();
    update(true);
  }

  // --- reading the form into a profile -------------------------------------------------------
  function readProfile() {
    var profile = {}, problems = [], notes = {};
    var who = applicant.value.trim();
    if (CONTROL.test(applicant.value)) problems.push({ field: "applicant", code: "control" });
    else if (who) profile.applicant = who;
    var yearText = yearInput.value.trim().replace(/[\uff10-\uff19]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xfee0); });
    if (/^\d{4}$/.test(yearText)) state.year = Number(yearText);
    else problems.push({ field: "application_year", code: "year" });
    factsInOrder().forEach(function (id) {
      var fact = rules.facts[id];
      if (fact.type === "boolean") {
        var v = form.elements[id].value;
        if (v) profile[id] = v === "true";
      } else if (fact.type === "series") {
        var values = [], filled = 0, bad = null, read = [];
        for (var i = 0; i < fact.years; i++) {
          var raw = form.elements[id + "[" + i + "]"].value;
          if (raw.trim() === "") { values.push(null); continue; }
          filled += 1;
          var got = readNumber(raw, fact.unit, fact.item);
          if (got.error) bad = bad || got;
          else { values.push(got.value); if (got.note) read.push(yearsOf(fact)[i] + "年" + got.note); }
        }
        if (bad) problems.push({ field: id, code: bad.error, limit: bad.limit });
        else if (filled === fact.years) profile[id] = values;
        else if (filled) problems.push({ field: id, code: "years", limit: fact.years });
        if (read.length) notes[id] = read.join("；");
      } else {
        var text = form.elements[id].value;
        if (text.trim() === "") return;
        var one = readNumber(text, fact.unit, fact.type);
        if (one.error) problems.push({ field: id, code: one.error, limit: one.limit });
        else { profile[id] = one.value; if (one.note) notes[id] = one.note; }
      }
    });
    var firms = readFirms(problems);
    if (firms.length) profile.firms = firms;
    problems = problems.concat(check.validate(rules, profile));
    problems = problems.concat(countProblems(profile, problems));
    return { profile: profile, problems: problems, notes: notes };
  }

  function readFirms(problems) {
    if (firmsBox.hidden) return [];
    saveFirms();
    var facts = firmFacts(), out = [];
    firmRows.forEach(function (row, n) {
      var firm = {}, any = false;
      if (row.name && row.name.trim()) {
        if (CONTROL.test(row.name)) problems.push({ field: "firm-" + n + "-name", code: "control" });
        firm.name = row.name.trim();
        any = true;
      }
      facts.forEach(function (id) {
        var v = row[id] == null ? "" : String(row[id]).trim(), fact = rules.facts[id], name = "firm-" + n + "-" + id;
        if (v === "") return;
        any = true;
        if (fact.type === "boolean") {
          if (v === "true" || v === "false") firm[id] = v === "true";
          else problems.push({ field: name, code: "type", limit: "boolean" });
          return;
        }
        var got = readNumber(v, fact.unit, fact.type);
        if (got.error) { problems.push({ field: name, code: got.error, limit: got.limit }); return; }
        if (got.value < 0) problems.push({ field: name, code: "negative" });
        else if (got.value >= 1e15 || !isFinite(got.value)) problems.push({ field: name, code: "too_large" });
        firm[id] = got.value;
      });
      if (any) out.push(firm);
    });
    return out;
  }

  /* `fuhua check` refuses a count that contradicts the firm list (when the list decides it). */
  function countProblems(profile, problems) {
    if (!profile.firms || problems.length) return [];
    var out = [], counts = countable();
    Object.keys(counts).forEach(function (metric) {
      if (profile[metric] == null) return;
      var without = {};
      Object.keys(profile).forEach(function (k) { if (k !== metric) without[k] = profile[k]; });
      shownJurisdictions().forEach(function (j) {
        if (!rules.jurisdictions[j].derived[metric]) return;
        var r = check.evaluate(rules, state.type, j, without);
        r.derived.forEach(function (d) {
          if (d.metric === metric && d.value !== profile[metric] && !out.some(function (p) { return p.field === metric; })) {
            out.push({ field: metric, code: "count", limit: check.fmt(d.value) + (rules.facts[metric].unit || "") });
          }
        });
      });
    });
    return out;
  }

  function showProblems(problems, notes) {
    Array.prototype.forEach.call(root.querySelectorAll("[data-error-for]"), function (span) {
      var name = span.getAttribute("data-error-for");
      if (name === "paste") return;
      var mine = problems.filter(function (p) { return p.field === name; });
      span.textContent = mine.map(function (p) { return MESSAGES[p.code](p.limit); }).join("；");
      var holder = span.closest(".fuhua-sc-fact") || span.parentNode;
      holder.classList.toggle("fuhua-sc-invalid", mine.length > 0);
      Array.prototype.forEach.call(holder.querySelectorAll("input, select"), function (f) {
        if (mine.length) f.setAttribute("aria-invalid", "true"); else f.removeAttribute("aria-invalid");
      });
    });
    Array.prototype.forEach.call(factsBox.querySelectorAll(".fuhua-sc-fact"), function (row) {
      row.querySelector(".fuhua-sc-read").textContent = notes[row.getAttribute("data-fact")] || "";
    });
  }

  // --- results -------------------------------------------------------------------------------
  function textUrl(result, provision) {
    return "texts/" + encodeURIComponent(result.document.id) + ".html#" + encodeURIComponent(provision);
  }

  function metricsOf(c) {
    return [c.metric, c.per && c.per.metric, c.of].concat(c.metrics || [], [c.applies_if && c.applies_if.metric]).filter(Boolean);
  }

  var announceTimer = null, announced = "";

  function update(now) {
    var read = readProfile();
    showProblems(read.problems, read.notes);
    var bad = read.problems.map(function (p) { return p.field; });
    var usable = {};
    Object.keys(read.profile).forEach(function (k) { if (bad.indexOf(k) < 0) usable[k] = read.profile[k]; });
    if (bad.some(function (f) { return /^firm-/.test(f); })) delete usable.firms;
    output.textContent = "";
    state.results = shownJurisdictions().map(function (j) { return check.evaluate(rules, state.type, j, usable); });
    var invalid = read.problems.length > 0;
    var box = el("div", { className: state.results.length > 1 ? "fuhua-sc-compare" : "fuhua-sc-single" });
    state.results.forEach(function (r) { box.appendChild(resultBlock(r, invalid, bad)); });
    output.appendChild(el("h2", { id: "fuhua-sc-result", text: "自评结果" }));
    output.appendChild(box);
    var actions = el("p", { className: "fuhua-sc-actions" }, [
      el("button", { type: "button", className: "md-button md-button--primary fuhua-sc-download-docx", text: "下载量身材料清单（Word）" }),
      el("button", { type: "button", className: "md-button fuhua-sc-download", text: "下载量身材料清单（Markdown）" }),
      formUrl() ? el("button", { type: "button", className: "md-button fuhua-sc-form-download fuhua-sc-fill", text: "下载预填的申报书（Word）" }) : null,
      el("button", { type: "button", className: "md-button fuhua-sc-print", text: "打印自评结果" })]);
    if (invalid) Array.prototype.forEach.call(actions.querySelectorAll("button"), function (b) { if (!/print/.test(b.className)) b.disabled = true; });
    output.appendChild(actions);
    actions.querySelector(".fuhua-sc-download-docx").addEventListener("click", function () { download("docx"); });
    actions.querySelector(".fuhua-sc-download").addEventListener("click", function () { download("md"); });
    actions.querySelector(".fuhua-sc-print").addEventListener("click", function () { window.print(); });
    var formButton = actions.querySelector(".fuhua-sc-form-download");
    if (formButton) formButton.addEventListener("click", function () { downloadForm(usable); });
    if (window.fuhuaTidyTables) window.fuhuaTidyTables(output);
    announce(invalid ? "有" + read.problems.length + "项数据需要更正，暂不给出结论。" :
      state.results.map(function (r) { return "《" + r.document.name + "》：" + r.verdict_text; }).join("；"), now);
  }

  /* One polite announcement once typing has paused, and only when it says something new. */
  function announce(text, now) {
    clearTimeout(announceTimer);
    announceTimer = setTimeout(function () {
      if (text === announced) return;
      announced = text;
      announcer.textContent = text;
    }, now ? 50 : 800);
  }

  function resultBlock(r, invalid, bad) {
    var block = el("section", { className: "fuhua-sc-result", "data-jurisdiction": r.jurisdiction, "aria-label": "对照《" + r.document.name + "》的结果" });
    var s = site.documents[r.document.id];
    if (state.results.length > 1) block.appendChild(el("h3", { text: "《" + r.document.name + "》" }));
    var who = r.applicant ? r.applicant + "：" : "";
    if (invalid) {
      block.appendChild(el("p", { className: "fuhua-sc-verdict fuhua-sc-verdict--invalid", "data-verdict": "invalid" },
        [el("strong", { text: "请先更正标出的数据，再看结论。" }), " 不受这些数据影响的条件，结果照常列在下面。"]));
    } else {
      block.appendChild(el("p", { className: "fuhua-sc-verdict fuhua-sc-verdict--" + r.verdict, "data-verdict": r.verdict },
        [el("span", { className: "fuhua-sc-who", text: who }), el("strong", { text: r.verdict_text })]));
    }
    if (s && (s.draft || s.expired)) {
      block.appendChild(el("p", { className: "fuhua-sc-docstatus fuhua-status fuhua-status--" + (s.expired ? "expired" : "draft"),
        text: "注意：《" + r.document.cited_title + "》是" + (s.expired ? "已失效的文件" : s.status) +
          "（" + s.term + "）。以上结论是按该文本测算的，不代表正式的认定条件。" }));
    }
    block.appendChild(el("p", { className: "fuhua-sc-counts", text: check.STATUS_ORDER.filter(function (x) { return r.counts[x]; })
      .map(function (x) { return ph.status[x] + " " + r.counts[x] + " 项"; }).join("，") + "。对照《" + r.document.cited_title + "》" + r.conditions_in + "。" }));
    r.derived.forEach(function (d) { block.appendChild(el("p", { className: "fuhua-sc-derived", text: d.text })); });
    var body = el("tbody"), ruleOf = {};
    rules.jurisdictions[r.jurisdiction].types[r.type].conditions.forEach(function (c) { ruleOf[c.id] = c; });
    var derived = rules.jurisdictions[r.jurisdiction].derived;
    var firmsBad = bad.some(function (f) { return /^firm-/.test(f); });
    r.conditions.forEach(function (c) {
      var affected = metricsOf(ruleOf[c.id]).some(function (m) { return bad.indexOf(m) >= 0 || (firmsBad && derived[m]); });
      body.appendChild(el("tr", { "data-condition": c.id, "data-status": affected ? "invalid" : c.status }, [
        el("td", { className: "fuhua-sc-req", "data-label": "要求及依据" }, [c.requirement,
          c.when ? el("div", { className: "fuhua-sc-when", text: "（" + c.when + "）" }) : null,
          el("div", { className: "fuhua-sc-cite" }, [el("a", { href: textUrl(r, c.provision), text: c.citation })])]),
        el("td", { className: "fuhua-sc-status fuhua-sc-status--" + (affected ? "invalid" : c.status), "data-label": "结果", text: affected ? "数据有误" : c.status_text }),
        el("td", { "data-label": "实际与差距" }, [el("div", { className: "fuhua-sc-actual", text: affected ? "—" : (c.actual || "—") }),
          c.gap && !affected ? el("div", { className: "fuhua-sc-gap", text: c.gap }) : null]),
        el("td", { className: "fuhua-sc-action", "data-label": "怎么做", text: affected ? "请先更正标出的数据" : (c.action || "") })
      ]));
    });
    var head = el("tr", {}, ["要求及依据", "结果", "实际与差距", "怎么做"].map(function (h) { return el("th", { scope: "col", text: h }); }));
    block.appendChild(el("div", { className: "md-typeset__scrollwrap" }, [el("div", { className: "md-typeset__table" },
      [el("table", {}, [el("caption", { className: "fuhua-sr-only", text: "逐条自评结果" }), el("thead", {}, [head]), body])])]));
    return block;
  }

  // --- the tailored checklist ----------------------------------------------------------------
  function mdText(s) { return String(s).replace(/[\\`*_{}\[\]<>#|&~!]/g, "\\$&"); }

  /* The checklist as lines: [{kind: "title" | "heading" | "text" | "item", text}], one source for
   * both formats. */
  function checklistLines(r) {
    var order = { not_met: 0, unknown: 1, evidence: 2, met: 3, not_applicable: 4 };
    var rows = r.conditions.slice().sort(function (a, b) { return order[a.status] - order[b.status]; });
    var s = site.documents[r.document.id];
    var lines = [{ kind: "title", text: "申报材料清单：" + r.recognised_as }];
    if (r.applicant) lines.push({ kind: "text", text: "申报单位：" + r.applicant });
    lines.push({ kind: "text", text: "对照文件：《" + r.document.cited_title + "》" + r.conditions_in +
      (s && (s.draft || s.expired) ? statusWords(r.document) : "") });
    lines.push({ kind: "text", text: "自评结论：" + r.verdict_text });
    lines.push({ kind: "heading", text: "一、逐条自评（先列需要处理的条件）" });
    rows.forEach(function (c, i) {
      lines.push({ kind: "item", text: (i + 1) + ". 【" + c.status_text + "】" + c.requirement + "（" + c.citation + "）" + (c.action ? "：" + c.action : "") });
    });
    lines.push({ kind: "heading", text: "二、需要准备的材料" });
    r.materials.forEach(function (m, i) {
      lines.push({ kind: "item", text: (i + 1) + ". " + m.name + "（证明" + m.citations.join("、") + "）" + (m.when ? "（" + m.when + "）" : "") });
    });
    lines.push({ kind: "text", text: "本清单由自评工具按" + (site.build_date || "") + "的政策数据生成，仅供参考，以主管部门审核为准。" });
    return lines;
  }

  function checklist(r) {
    var out = [];
    checklistLines(r).forEach(function (l) {
      var t = mdText(l.text);
      out.push(l.kind === "title" ? "# " + t : l.kind === "heading" ? "## " + t : t, "");
    });
    return out.join("\n").replace(/\n\n$/, "\n");
  }

  function download(format) {
    var r = state.results[0];
    if (!r) return;
    var name = "申报材料清单-" + r.type + "-" + r.jurisdiction + "." + format;
    var blob = format === "docx" ? window.FuhuaDocx.blob(checklistLines(r))
      : new Blob([checklist(r)], { type: "text/markdown;charset=utf-8" });
    var a = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }
  /* The application form of this type, pre-filled from the figures entered (the docs' formfill.js,
   * the twin of `fuhua fill`), for the first document shown. */
  function formUrl() {  // window.FUHUA_FORMS: the forms the bureau issues (generator/site/pages.py form_filling)
    var forms = window.FUHUA_FORMS, r = state.results[0];
    if (!window.FuhuaFormFill || !forms || !r || forms.jurisdiction !== r.jurisdiction) return null;
    return forms.forms[r.type] ? forms.forms[r.type].replace(/\.md$/, "") : null;
  }

  function downloadForm(profile) {
    var r = state.results[0], url = formUrl();
    if (!r || !url) return;
    window.FuhuaFormFill.fillFromUrl(url, rules, r.type, r.jurisdiction, profile)
      .then(function (blob) {
        var a = el("a", { href: URL.createObjectURL(blob), download: "申报书-" + r.type + "-" + r.jurisdiction + ".docx" });
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
      });
  }

  window.fuhuaChecklist = function () { return state.results[0] ? checklist(state.results[0]) : null; };

  // --- events --------------------------------------------------------------------------------
  // Only the choices rebuild on "change"; fields update on "input". (A text field also fires
  // "change" when it loses focus, e.g. to the download button: rebuilding then would eat the click.)
  form.addEventListener("change", function (e) {
    if (e.target.name === "type") choose(e.target.value, state.jurisdiction);
    else if (e.target.name === "jurisdiction") {
      state.compare = e.target.value === "compare";
      if (!state.compare) state.jurisdiction = e.target.value;
      buildFacts();
      update(true);
    } else if (e.target.tagName === "SELECT") update(false);
  });
  form.addEventListener("input", function (e) {
    if (e.target.type === "radio" || e.target.id === "fuhua-sc-paste") return;
    if (e.target === yearInput) {
      var before = state.year;
      readProfile();
      if (state.year !== before) { saveFirms(); buildFacts(); }
    }
    update(false);
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  function fromHash() {  // selfcheck.html#type=incubator, as the type guides link here
    var wanted = /(?:^|[#&])type=(\w+)/.exec(location.hash);
    return wanted && jurisdictionsFor(wanted[1]).length ? wanted[1] : null;
  }
  window.addEventListener("hashchange", function () { if (fromHash()) choose(fromHash(), state.jurisdiction); });
  choose(fromHash() || typeBox.querySelector("input").value, null);
})();
