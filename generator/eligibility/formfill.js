/* fuhua form filling in the browser: the twin of generator/render/fields.py (fill_fields, show)
 * and generator/generators/fill.py (value_of), step for step. It takes the build's application
 * form (forms/application-<type>.docx), fills its tagged content controls from a profile and the
 * self-check's result, and zips it again with the vendored fflate (vendor/fflate.js, MIT). No
 * server: everything happens in the page. tests/test_fill.py runs it in Node and requires the same
 * document text as `fuhua fill`.
 *
 *   FuhuaFormFill.fill(formBytes, rules, jurisdiction, profile, result) -> Uint8Array (.docx)
 *   FuhuaFormFill.fillFromUrl(url, rules, type, jurisdiction, profile) -> Promise<Blob>
 *       (fetches the form, evaluates with FuhuaSelfcheck, fills; for a download button)
 *
 * Load after vendor/fflate.js and selfcheck.js: <script src="fflate.js">, <script src="selfcheck.js">,
 * <script src="formfill.js">.
 */
(function (root) {
  "use strict";

  var fflate = root.fflate || (typeof require === "function" ? require("./vendor/fflate.js") : null);
  var DOCUMENT = "word/document.xml";
  var TICK = "■";  // fields.py TICK: ☑ has no glyph in the CJK faces
  var SDT = /<w:sdt><w:sdtPr>(.*?)<\/w:sdtPr><w:sdtContent>(.*?)<\/w:sdtContent><\/w:sdt>/g;
  var TAG = /<w:tag w:val="([^"]*)"\/>/;
  var TEXT = /<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g;
  var RPR = /^<w:r>(<w:rPr>.*?<\/w:rPr>)?/;
  // XML 1.0 forbids these (docx.py _ILLEGAL); a surrogate counts only when it stands alone
  var ILLEGAL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(^|[^\ud800-\udbff])[\udc00-\udfff]/g;
  var ESCAPE = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": " ", "\r": "" };
  var has = function (obj, key) { return obj != null && Object.prototype.hasOwnProperty.call(obj, key); };

  function unescapeXml(s) {
    return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, function (_, e) {
      if (e[0] === "#") return String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
      return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[e];
    });
  }

  function xmlText(s) {
    return s.replace(ILLEGAL, "$1").replace(/[&<>"\t\r]/g, function (c) { return ESCAPE[c]; });
  }

  function text(content) {
    var out = "";
    content.replace(TEXT, function (m, t) { out += m === "<w:br/>" ? "\n" : unescapeXml(t); return m; });
    return out;
  }

  // fields.py show()
  function show(value, current) {
    if (typeof value === "boolean") {
      if (current.indexOf("□") >= 0) {
        var parts = current.split("□"), k = value ? 1 : 2;
        return parts.map(function (p, i) { return i ? (i === k ? TICK : "□") + p : p; }).join("");
      }
      return value ? "是" : "否";
    }
    return String(value);
  }

  // fill.py value_of()
  function valueOf(tag, profile, result, rules, jurisdiction) {
    var parts = tag.split(":"), kind = parts[0], value;
    if (kind === "applicant") return has(profile, "applicant") ? profile.applicant : null;
    if (kind === "fact") {
      value = has(profile, parts[1]) ? profile[parts[1]] : null;
      if (parts.length > 2 && Array.isArray(value)) {
        var i = parseInt(parts[2], 10);
        return i < value.length ? value[i] : null;
      }
      return Array.isArray(value) ? null : value;
    }
    if (kind === "actual" || kind === "status") {
      var c = null;
      result.conditions.forEach(function (x) { if (c === null && x.id === parts[1]) c = x; });
      if (c === null) return null;
      if (kind === "actual") return c.actual;
      return c.status_text + (c.gap ? "：" + c.gap : "");
    }
    if (kind === "row") {
      var firms = listedFirms(parts[1], profile, rules, jurisdiction);
      if (firms === null) return null;
      var r = parseInt(parts[2], 10);
      if (r >= firms.length) return null;
      return has(firms[r], parts[3]) ? firms[r][parts[3]] : null;
    }
    return null;
  }

  // fill.py listed_firms()
  function listedFirms(metric, profile, rules, jurisdiction) {
    var derived = rules.jurisdictions[jurisdiction].derived;
    if (!has(derived, metric)) return null;
    var keys = derived[metric].criteria.map(function (x) { return x.metric; });
    return (profile.firms || []).filter(function (f) { return keys.some(function (k) { return has(f, k); }); });
  }

  // fill.py rows_needed()
  function rowsNeeded(profile, rules, jurisdiction) {
    var out = {};
    Object.keys(rules.jurisdictions[jurisdiction].derived).forEach(function (m) {
      out[m] = listedFirms(m, profile, rules, jurisdiction).length;
    });
    return out;
  }

  // fields.py extend_rows()
  var ROW = /<w:tr>(?:(?!<\/w:tr>)[\s\S])*<\/w:tr>/g;
  var TAG_VALUE = /(<w:tag w:val=")([^"]*)("\/>)/g;
  var KEEP_CELL = /(<w:p><w:pPr><w:pStyle w:val="[^"]*"\/>)(?!<w:keepNext\/>)/g;
  function extendRows(xml, family, count) {
    var marker = 'w:val="row:' + family + ":", rows = [], m;
    ROW.lastIndex = 0;
    while ((m = ROW.exec(xml)) !== null) if (m[0].indexOf(marker) >= 0) rows.push(m);
    if (!rows.length || rows.length >= count) return xml;
    var last = rows[rows.length - 1], r0 = rows.length - 1, end = last.index + last[0].length;
    var number = '<w:t xml:space="preserve">' + (r0 + 1) + "</w:t>", tail = [last[0]];
    for (var r = rows.length; r < count; r++) {
      tail.push(last[0].replace(TAG_VALUE, function (whole, open, tag, close) {
        var parts = tag.split(":");
        if (parts.length >= 3 && parts[parts.length - 2] === String(r0)) parts[parts.length - 2] = String(r);
        return open + parts.join(":") + close;
      }).replace(number, '<w:t xml:space="preserve">' + (r + 1) + "</w:t>"));
    }
    tail[tail.length - 2] = tail[tail.length - 2].replace(KEEP_CELL, "$1<w:keepNext/>");
    var start = rows.length > 1 ? rows[rows.length - 2].index : last.index;
    var head = xml.slice(start, last.index).split("<w:keepNext/>").join("");  // the old second-to-last row keeps no more
    return xml.slice(0, start) + head + tail.join("") + xml.slice(end);
  }

  function fillXml(xml, valueFor) {
    return xml.replace(SDT, function (whole, props, content) {
      var tag = TAG.exec(props);
      if (!tag) return whole;
      var current = text(content);
      var value = valueFor(unescapeXml(tag[1]), current);
      if (value === null || value === undefined) return whole;
      var rpr = RPR.exec(content)[1] || "";
      var runs = show(value, current).split("\n").map(function (line) {
        return "<w:r>" + rpr + '<w:t xml:space="preserve">' + xmlText(line) + "</w:t></w:r>";
      }).join("<w:r>" + rpr + "<w:br/></w:r>");
      return "<w:sdt><w:sdtPr>" + props + "</w:sdtPr><w:sdtContent>" + runs + "</w:sdtContent></w:sdt>";
    });
  }

  function fill(formBytes, rules, jurisdiction, profile, result) {
    var files = fflate.unzipSync(formBytes);
    var xml = fflate.strFromU8(files[DOCUMENT]);
    var rows = rowsNeeded(profile, rules, jurisdiction);
    Object.keys(rows).sort().forEach(function (family) { xml = extendRows(xml, family, rows[family]); });
    files[DOCUMENT] = fflate.strToU8(fillXml(xml, function (tag, current) {
      return valueOf(tag, profile, result, rules, jurisdiction);
    }));
    var out = {};
    Object.keys(files).forEach(function (name) { out[name] = [files[name], { mtime: new Date(1980, 0, 1) }]; });
    return fflate.zipSync(out, { level: 6 });
  }

  function fillFromUrl(url, rules, type, jurisdiction, profile) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.arrayBuffer();
    }).then(function (buffer) {
      var result = root.FuhuaSelfcheck.evaluate(rules, type, jurisdiction, profile);
      var bytes = fill(new Uint8Array(buffer), rules, jurisdiction, profile, result);
      return new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
    });
  }

  var api = { fill: fill, fillFromUrl: fillFromUrl, valueOf: valueOf, show: show, extendRows: extendRows };
  root.FuhuaFormFill = api;
  if (typeof module === "object" && module.exports) module.exports = api;
})(typeof globalThis !== "undefined" ? globalThis : this);
