/* A small Word (.docx) writer for the self-assessment page, so the tailored checklist downloads as a
 * Word file without a server: a few OOXML parts (document, styles, settings with zh-CN) in a zip
 * archive (stored, not compressed), built in the browser.
 *
 *   FuhuaDocx.blob([{kind: "title" | "heading" | "text" | "item", text}]) -> Blob
 *
 * Chinese text names its East Asian face explicitly (宋体 body, 黑体 headings), as the generated
 * documents do, so Word and WPS do not fall back to a Japanese face. */
(function (root) {
  "use strict";

  var CRC = (function () {
    var table = [];
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table.push(c >>> 0);
    }
    return table;
  })();

  function crc32(bytes) {
    var c = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) c = CRC[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  }

  function utf8(s) { return new TextEncoder().encode(s); }

  function u16(v) { return [v & 0xff, (v >>> 8) & 0xff]; }
  function u32(v) { return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff]; }

  /* A zip archive of [name, bytes] entries, stored; fixed date 1980-01-01 (the same checklist gives
   * the same bytes). */
  function zip(entries) {
    var parts = [], central = [], offset = 0;
    entries.forEach(function (e) {
      var name = utf8(e[0]), data = e[1], crc = crc32(data);
      var head = [].concat(u32(0x04034b50), u16(20), u16(0x0800), u16(0), u16(0), u16(0x21), u32(crc),
        u32(data.length), u32(data.length), u16(name.length), u16(0));
      parts.push(new Uint8Array(head), name, data);
      central.push([].concat(u32(0x02014b50), u16(20), u16(20), u16(0x0800), u16(0), u16(0), u16(0x21), u32(crc),
        u32(data.length), u32(data.length), u16(name.length), u16(0), u16(0), u16(0), u16(0), u32(0), u32(offset)), name);
      offset += head.length + name.length + data.length;
    });
    var size = 0;
    central.forEach(function (c, i) {
      var bytes = i % 2 ? c : new Uint8Array(c);
      central[i] = bytes;
      size += bytes.length;
    });
    var end = new Uint8Array([].concat(u32(0x06054b50), u16(0), u16(0), u16(entries.length), u16(entries.length),
      u32(size), u32(offset), u16(0)));
    return parts.concat(central, [end]);
  }

  function xml(s) {
    return String(s).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  var STYLE_OF = { title: "Title", heading: "Heading1", text: "Normal", item: "ListItem" };

  function documentXml(lines) {
    var body = lines.map(function (l) {
      return '<w:p><w:pPr><w:pStyle w:val="' + STYLE_OF[l.kind] + '"/></w:pPr><w:r><w:t xml:space="preserve">' +
        xml(l.text) + "</w:t></w:r></w:p>";
    }).join("");
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' + body +
      '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" ' +
      'w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>';
  }

  function style(id, name, font, size, extra) {
    return '<w:style w:type="paragraph" w:styleId="' + id + '"><w:name w:val="' + name + '"/>' +
      (id === "Normal" ? "" : '<w:basedOn w:val="Normal"/>') + "<w:pPr>" + (extra || "") + "</w:pPr>" +
      '<w:rPr><w:rFonts w:ascii="' + font + '" w:hAnsi="' + font + '" w:eastAsia="' + font + '"/>' +
      '<w:sz w:val="' + size + '"/><w:szCs w:val="' + size + '"/><w:lang w:val="zh-CN" w:eastAsia="zh-CN"/></w:rPr></w:style>';
  }

  var STYLES = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/>' +
    '<w:lang w:val="zh-CN" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault></w:docDefaults>' +
    style("Normal", "Normal", "宋体", 24, '<w:spacing w:after="120" w:line="360" w:lineRule="auto"/>') +
    style("Title", "Title", "黑体", 36, '<w:jc w:val="center"/><w:spacing w:after="240"/>') +
    style("Heading1", "heading 1", "黑体", 28, '<w:keepNext/><w:spacing w:before="240" w:after="120"/>') +
    style("ListItem", "List Paragraph", "宋体", 24, '<w:ind w:left="420" w:hanging="420"/>') + "</w:styles>";

  var SETTINGS = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>';

  var TYPES = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>' +
    "</Types>";

  var RELS = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
    "</Relationships>";

  var DOC_RELS = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>' +
    "</Relationships>";

  function parts(lines) {
    return zip([["[Content_Types].xml", utf8(TYPES)], ["_rels/.rels", utf8(RELS)],
      ["word/document.xml", utf8(documentXml(lines))], ["word/_rels/document.xml.rels", utf8(DOC_RELS)],
      ["word/styles.xml", utf8(STYLES)], ["word/settings.xml", utf8(SETTINGS)]]);
  }

  var api = {
    blob: function (lines) {
      return new Blob(parts(lines), { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
    }
  };
  root.FuhuaDocx = api;
})(typeof globalThis !== "undefined" ? globalThis : this);
