/* The Node side of tests/test_eligibility_node.py: loads selfcheck.js and rules.json once, then
 * answers one JSON line per profile read on stdin, {profile, cases: [[type, jurisdiction], ...]},
 * with one JSON line: {problems, results} (results only for a profile validate accepts), or
 * {error} when selfcheck.js throws. A figure JSON cannot carry (Infinity, NaN) arrives as
 * {"__fuhua_float__": "Infinity"}.
 *
 *   node tests/node/selfcheck_runner.js generator/eligibility/selfcheck.js rules.json
 */
"use strict";
const fs = require("fs");
const readline = require("readline");

const check = require(require("path").resolve(process.argv[2]));
const rules = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const FLOAT = "__fuhua_float__";

function revive(key, value) {
  if (value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 1 && typeof value[FLOAT] === "string") {
    return Number(value[FLOAT]);
  }
  return value;
}

readline.createInterface({ input: process.stdin, crlfDelay: Infinity }).on("line", function (line) {
  let out;
  try {
    const job = JSON.parse(line, revive);
    const problems = check.validate(rules, job.profile);
    out = { problems: problems, results: problems.length ? null : job.cases.map(function (c) {
      return check.evaluate(rules, c[0], c[1], job.profile);
    }) };
  } catch (e) {
    out = { error: String((e && e.stack) || e) };
  }
  process.stdout.write(JSON.stringify(out) + "\n");
});
