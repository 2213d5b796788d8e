// Validates every object in the given multi-document YAML files against the Kubernetes OpenAPI schema of its
// apiVersion and kind (the kubernetes-models package). Prints one line per invalid object and exits 1 when there is
// one, or when an object's kind has no schema here; prints how many objects were valid otherwise.
// Usage: node validate.mjs rendered.yaml...
// kubernetes-models checks types, required fields and formats; like the API server without strict field
// validation, it does not refuse unknown fields.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

async function modelFor(apiVersion, kind) {
  try {
    const module = await import(`kubernetes-models/${apiVersion}/${kind}`);
    return module[kind];
  } catch {
    return undefined;
  }
}

const problems = [];
let valid = 0;
for (const file of process.argv.slice(2)) {
  for (const document of parseAllDocuments(readFileSync(file, 'utf8'))) {
    if (document.errors.length > 0) {
      problems.push(`${file}: not YAML: ${document.errors[0].message}`);
      continue;
    }
    const object = document.toJS();
    if (object === null) {
      continue;
    }
    const name = `${object.kind}/${object.metadata?.name ?? '?'}`;
    const Model = typeof object.apiVersion === 'string' && typeof object.kind === 'string'
      ? await modelFor(object.apiVersion, object.kind) : undefined;
    if (Model === undefined) {
      problems.push(`${file}: ${name}: no schema for apiVersion ${object.apiVersion} and kind ${object.kind}`);
      continue;
    }
    try {
      new Model(object).validate();
      valid++;
    } catch (error) {
      problems.push(`${file}: ${name} (${object.apiVersion}): ${error.message}`);
    }
  }
}
for (const problem of problems) {
  console.log(problem);
}
console.log(`${valid} valid, ${problems.length} invalid`);
process.exit(problems.length === 0 ? 0 : 1);
