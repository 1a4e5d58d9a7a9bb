/* The self-assessment page: a form generated from the exported rules (window.FUHUA_RULES), the
 * evaluation by FuhuaSelfcheck (generator/eligibility/selfcheck.js, the twin of `fuhua check`),
 * and a tailored checklist downloaded as Markdown. Nothing leaves the browser.
 * Every value is inserted with textContent, never as HTML. */
(function () {
  "use strict";

  var rules = window.FUHUA_RULES, check = window.FuhuaSelfcheck;
  var root = document.getElementById("fuhua-selfcheck");
  if (!root || !rules || !check) return;
  var ph = rules.phrases;
  var state = { type: null, jurisdiction: null, result: null };
  var NUMBER = /^\s*-?(\d+(\.\d*)?|\.\d+)\s*$/;
  var MESSAGES = {
    type: function (limit) { return limit === "integer" ? "请填写整数" : "请填写数字"; },
    negative: function () { return "不能为负数"; },
    above_100: function () { return "百分比不能超过100"; },
    too_large: function () { return "数值过大，不是真实数据"; },
    years: function (limit) { return "请填满" + limit + "年的数字，或全部留空"; },
    unknown_key: function () { return "不是本类型使用的数据"; },
    above_whole: function (limit) { return "不能大于" + rules.facts[limit].short; },
    firm_count: function (limit) { return "与企业名单不符（名单计得" + limit + "）"; },
    control_character: function () { return "含有不可见的控制字符，请删除"; },
    not_mapping: function () { return "数据格式有误"; }
  };

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

  function factsInOrder(type, jurisdiction) {
    var wanted = check.factsFor(rules, type, jurisdiction), seen = [];
    rules.jurisdictions[jurisdiction].types[type].conditions.forEach(function (c) {
      [c.metric, c.per && c.per.metric, c.of].concat(c.metrics || [], [c.applies_if && c.applies_if.metric]).forEach(function (m) {
        if (m && wanted.indexOf(m) >= 0 && seen.indexOf(m) < 0) seen.push(m);
      });
    });
    return seen.concat(wanted.filter(function (m) { return seen.indexOf(m) < 0; }));
  }

  function citationsOf(id) {
    var out = [];
    rules.facts[id].used_by.forEach(function (u) {
      if (u.type === state.type && u.jurisdiction === state.jurisdiction && out.indexOf(u.citation) < 0) out.push(u.citation);
    });
    return out.join("、");
  }

  function jurisdictionsFor(type) {
    return Object.keys(rules.jurisdictions).filter(function (j) { return rules.jurisdictions[j].types[type]; })
      .sort(function (a, b) { return (a === "national") - (b === "national"); });
  }

  // --- the form -----------------------------------------------------------------------------
  var form = el("form", { className: "fuhua-sc-form", autocomplete: "off" });
  var typeBox = el("fieldset", { className: "fuhua-sc-choice" }, [el("legend", { text: "申报类型" })]);
  var jurBox = el("fieldset", { className: "fuhua-sc-choice" }, [el("legend", { text: "对照文件" })]);
  var applicant = el("input", { type: "text", name: "applicant", id: "fuhua-sc-applicant", maxlength: "200" });
  var applicantError = el("span", { className: "fuhua-sc-error", role: "alert" });
  var factsBox = el("fieldset", { className: "fuhua-sc-facts" }, [el("legend", { text: "本单位数据（不清楚的留空，结果显示为“信息不足”）" })]);
  var output = el("div", { className: "fuhua-sc-output", "aria-live": "polite" });
  form.appendChild(typeBox);
  form.appendChild(jurBox);
  form.appendChild(el("p", { className: "fuhua-sc-applicant" }, [el("label", { for: "fuhua-sc-applicant", text: "申报单位名称（可选）" }), applicant, applicantError]));
  form.appendChild(factsBox);
  root.textContent = "";
  root.appendChild(form);
  root.appendChild(output);

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
    form.querySelector('input[name="type"][value="' + type + '"]').checked = true;
    while (jurBox.children.length > 1) jurBox.removeChild(jurBox.lastChild);
    options.forEach(function (j) {
      var doc = rules.jurisdictions[j].document;
      radio(jurBox, "jurisdiction", j, "《" + doc.short_title + "》", j === state.jurisdiction);
    });
    buildFacts();
    update();
  }

  function buildFacts() {
    var kept = {};  // values survive a change of type or document where the same fact is asked
    Array.prototype.forEach.call(factsBox.querySelectorAll("[name]"), function (f) { kept[f.name] = f.value; });
    while (factsBox.children.length > 1) factsBox.removeChild(factsBox.lastChild);
    factsInOrder(state.type, state.jurisdiction).forEach(function (id) {
      var fact = rules.facts[id];
      var row = el("div", { className: "fuhua-sc-fact", "data-fact": id });
      var label = el("label", { for: "fuhua-sc-f-" + id }, [fact.label, el("span", { className: "fuhua-sc-cite", text: citationsOf(id) })]);
      var inputs = el("span", { className: "fuhua-sc-inputs" });
      if (fact.type === "boolean") {
        var select = el("select", { name: id, id: "fuhua-sc-f-" + id }, [
          el("option", { value: "", text: "未填" }), el("option", { value: "true", text: ph.yes }), el("option", { value: "false", text: ph.no })]);
        inputs.appendChild(select);
      } else if (fact.type === "series") {
        for (var i = 0; i < fact.years; i++) {
          inputs.appendChild(el("input", { type: "text", inputmode: "decimal", name: id + "[" + i + "]", id: i ? "fuhua-sc-f-" + id + "-" + i : "fuhua-sc-f-" + id,
            placeholder: "第" + (i + 1) + "年", "aria-label": fact.short + " 第" + (i + 1) + "年" }));
        }
      } else {
        inputs.appendChild(el("input", { type: "text", inputmode: "decimal", name: id, id: "fuhua-sc-f-" + id }));
      }
      if (fact.unit) inputs.appendChild(el("span", { className: "fuhua-sc-unit", text: fact.unit }));
      row.appendChild(label);
      row.appendChild(inputs);
      row.appendChild(el("span", { className: "fuhua-sc-error", role: "alert" }));
      factsBox.appendChild(row);
    });
    Array.prototype.forEach.call(factsBox.querySelectorAll("[name]"), function (f) {
      if (Object.prototype.hasOwnProperty.call(kept, f.name)) f.value = kept[f.name];
    });
  }

  // --- reading the form into a profile -------------------------------------------------------
  function readProfile() {
    var profile = {}, problems = [];
    if (applicant.value.trim()) profile.applicant = applicant.value.trim();
    check.factsFor(rules, state.type, state.jurisdiction).forEach(function (id) {
      var fact = rules.facts[id];
      if (fact.type === "boolean") {
        var v = form.elements[id].value;
        if (v) profile[id] = v === "true";
      } else if (fact.type === "series") {
        var values = [], filled = 0, bad = false;
        for (var i = 0; i < fact.years; i++) {
          var raw = form.elements[id + "[" + i + "]"].value;
          if (raw.trim() === "") { values.push(null); continue; }
          filled += 1;
          if (!NUMBER.test(raw)) bad = true;
          values.push(Number(raw));
        }
        if (bad) problems.push({ field: id, code: "type", limit: fact.item });
        else if (filled === fact.years) profile[id] = values;
        else if (filled) problems.push({ field: id, code: "years", limit: fact.years });
      } else {
        var text = form.elements[id].value;
        if (text.trim() === "") return;
        if (!NUMBER.test(text)) problems.push({ field: id, code: "type", limit: fact.type });
        else profile[id] = Number(text);
      }
    });
    return { profile: profile, problems: problems.concat(check.validate(rules, profile)) };
  }

  function showProblems(problems) {
    var named = problems.filter(function (p) { return p.field === "applicant"; });
    applicantError.textContent = named.map(function (p) { return MESSAGES[p.code](p.limit); }).join("；");
    Array.prototype.forEach.call(factsBox.querySelectorAll(".fuhua-sc-fact"), function (row) {
      var mine = problems.filter(function (p) { return p.field === row.getAttribute("data-fact"); });
      row.querySelector(".fuhua-sc-error").textContent = mine.map(function (p) { return MESSAGES[p.code](p.limit); }).join("；");
      row.classList.toggle("fuhua-sc-invalid", mine.length > 0);
    });
  }

  // --- results -------------------------------------------------------------------------------
  function textUrl(result, provision) {
    return "texts/" + encodeURIComponent(result.document.id) + ".html#" + encodeURIComponent(provision);
  }

  function update() {
    var read = readProfile();
    showProblems(read.problems);
    output.textContent = "";
    if (read.problems.length) {
      state.result = null;
      output.appendChild(el("p", { className: "fuhua-sc-verdict fuhua-sc-verdict--invalid", text: "请先更正标出的数据，再查看自评结果。" }));
      return;
    }
    var r = state.result = check.evaluate(rules, state.type, state.jurisdiction, read.profile);
    var who = r.applicant ? r.applicant + "：" : "";
    output.appendChild(el("h2", { id: "fuhua-sc-result", text: "自评结果" }));
    output.appendChild(el("p", { className: "fuhua-sc-verdict fuhua-sc-verdict--" + r.verdict, "data-verdict": r.verdict },
      [el("span", { className: "fuhua-sc-who", text: who }), el("strong", { text: r.verdict_text })]));
    output.appendChild(el("p", { className: "fuhua-sc-counts", text: check.STATUS_ORDER.filter(function (s) { return r.counts[s]; })
      .map(function (s) { return ph.status[s] + " " + r.counts[s] + " 项"; }).join("，") + "。对照《" + r.document.title + "》" + r.conditions_in + "。" }));
    var body = el("tbody");
    r.conditions.forEach(function (c) {
      body.appendChild(el("tr", { "data-condition": c.id, "data-status": c.status }, [
        el("td", { className: "fuhua-sc-req" }, [c.requirement,
          c.when ? el("div", { className: "fuhua-sc-when", text: "（" + c.when + "）" }) : null,
          el("div", { className: "fuhua-sc-cite" }, [el("a", { href: textUrl(r, c.provision), text: c.citation })])]),
        el("td", { className: "fuhua-sc-status fuhua-sc-status--" + c.status, text: c.status_text }),
        el("td", {}, [el("div", { className: "fuhua-sc-actual", text: c.actual || "—" }),
          c.gap ? el("div", { className: "fuhua-sc-gap", text: c.gap }) : null]),
        el("td", { className: "fuhua-sc-action", text: c.action || "" })
      ]));
    });
    var head = el("tr", {}, ["要求及依据", "结果", "实际与差距", "怎么做"].map(function (h) { return el("th", { text: h }); }));
    output.appendChild(el("div", { className: "md-typeset__scrollwrap" }, [el("div", { className: "md-typeset__table" },
      [el("table", {}, [el("thead", {}, [head]), body])])]));
    var button = el("button", { type: "button", className: "md-button md-button--primary fuhua-sc-download", text: "下载量身材料清单（Markdown）" });
    button.addEventListener("click", download);
    output.appendChild(el("p", {}, [button]));
    var forms = window.FUHUA_FORMS;  // the pre-filled form (formfill.js), where the bureau issues one
    if (window.FuhuaFormFill && forms && forms.jurisdiction === state.jurisdiction && forms.forms[state.type]) {
      var fill = el("button", { type: "button", className: "md-button fuhua-sc-fill", text: "下载预填的申报书（Word）" });
      fill.addEventListener("click", downloadForm);
      output.lastChild.appendChild(fill);
    }
  }

  function downloadForm() {
    var read = readProfile();
    window.FuhuaFormFill.fillFromUrl(window.FUHUA_FORMS.forms[state.type], rules, state.type, state.jurisdiction, read.profile)
      .then(function (blob) {
        var a = el("a", { href: URL.createObjectURL(blob), download: "申报书-" + state.type + ".docx" });
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
      });
  }

  // --- the tailored checklist ----------------------------------------------------------------
  function mdText(s) { return String(s).replace(/[\\`*_{}\[\]<>#|&~!]/g, "\\$&"); }

  function checklist(r) {
    var order = { not_met: 0, unknown: 1, evidence: 2, met: 3, not_applicable: 4 };
    var rows = r.conditions.slice().sort(function (a, b) { return order[a.status] - order[b.status]; });
    var lines = ["# 申报材料清单：" + mdText(r.recognised_as), ""];
    if (r.applicant) lines.push("申报单位：" + mdText(r.applicant), "");
    lines.push("对照文件：《" + mdText(r.document.title) + "》" + mdText(r.conditions_in), "",
      "自评结论：" + mdText(r.verdict_text), "", "## 一、逐条自评（先列需要处理的条件）", "");
    rows.forEach(function (c, i) {
      lines.push((i + 1) + ". 【" + mdText(c.status_text) + "】" + mdText(c.requirement) + "（" + mdText(c.citation) + "）" +
        (c.action ? "：" + mdText(c.action) : ""));
    });
    lines.push("", "## 二、需要准备的材料", "");
    r.materials.forEach(function (m, i) {
      lines.push((i + 1) + ". " + mdText(m.name) + "（证明" + mdText(m.citations.join("、")) + "）" + (m.when ? "（" + mdText(m.when) + "）" : ""));
    });
    return lines.join("\n") + "\n";
  }

  function download() {
    if (!state.result) return;
    var blob = new Blob([checklist(state.result)], { type: "text/markdown;charset=utf-8" });
    var a = el("a", { href: URL.createObjectURL(blob), download: "申报材料清单-" + state.result.type + "-" + state.jurisdiction + ".md" });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }
  window.fuhuaChecklist = function () { return state.result ? checklist(state.result) : null; };

  // --- events --------------------------------------------------------------------------------
  // Only the two choices rebuild on "change"; fields update on "input". (A text field also fires
  // "change" when it loses focus, e.g. to the download button: rebuilding then would eat the click.)
  form.addEventListener("change", function (e) {
    if (e.target.name === "type") choose(e.target.value, state.jurisdiction);
    else if (e.target.name === "jurisdiction") { state.jurisdiction = e.target.value; buildFacts(); update(); }
  });
  form.addEventListener("input", function (e) { if (e.target.type !== "radio") update(); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  function fromHash() {  // selfcheck.html#type=incubator, as the type guides link here
    var wanted = /(?:^|[#&])type=(\w+)/.exec(location.hash);
    return wanted && jurisdictionsFor(wanted[1]).length ? wanted[1] : null;
  }
  window.addEventListener("hashchange", function () { if (fromHash()) choose(fromHash(), state.jurisdiction); });
  choose(fromHash() || typeBox.querySelector("input").value, null);
})();
