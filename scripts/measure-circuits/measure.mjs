// Memory per Blazor Server circuit, as docs/operations.md ("Sizing") reports it.
//
//   node measure.mjs --url http://127.0.0.1:5080 --pid <Coop.Web pid> --email admin@demo.coop --password '...' \
//       [--circuits 20] [--page /] [--chromium /usr/bin/chromium] [--counters /path/to/dotnet-counters] [--screenshot last.png]
//
// Signs in N separate browser contexts (N users, each with its own circuit) with headless Chromium, opens the page in
// each and waits until its circuit is connected, then reads the server process's resident memory (VmRSS from
// /proc/<pid>/status) and, when dotnet-counters is given, the GC heap size. One warm-up circuit first, so JIT and
// caches are not counted. Reports (after - before) / N. The browsers and the server should run on the same machine.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, value, i, all) => (i % 2 === 0 ? [...pairs, [value.replace(/^--/, ''), all[i + 1]]] : pairs), []));
const url = args.url ?? 'http://127.0.0.1:5080';
const pid = Number(args.pid);
const circuits = Number(args.circuits ?? 20);
const page = args.page ?? '/';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const rssMb = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
function gcHeapMb() {
  if (!args.counters) return null;
  const dir = mkdtempSync(join(tmpdir(), 'coop-counters-'));
  try {
    execFileSync(args.counters, ['collect', '-p', String(pid), '--counters', 'System.Runtime', '--format', 'csv', '-o', join(dir, 'c.csv'), '--duration', '00:00:04', '--refresh-interval', '1'], { stdio: 'ignore' });
    // Managed heap after the last collection: dotnet.gc.last_collection.heap.size summed over the generations,
    // from the last sample.
    const rows = readFileSync(join(dir, 'c.csv'), 'utf8').split('\n').filter((l) => l.includes('dotnet.gc.last_collection.heap.size'));
    const lastTime = rows.at(-1)?.split(',')[0];
    const bytes = rows.filter((l) => l.startsWith(lastTime + ',')).reduce((sum, l) => sum + Number(l.split(',').at(-1)), 0);
    return bytes / 1024 / 1024;
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function openCircuit(browser) {
  const context = await browser.newContext();
  const tab = await context.newPage();
  await tab.goto(`${url}/account/login`);
  await tab.fill('[data-testid=login-email]', args.email);
  await tab.fill('[data-testid=login-password]', args.password);
  await Promise.all([tab.waitForURL((u) => !u.pathname.startsWith('/account/login')), tab.click('button[type=submit]')]);
  // The circuit is up once its WebSocket to /_blazor carries the first render batch from the server.
  let frames = 0;
  tab.on('websocket', (ws) => { if (ws.url().includes('/_blazor')) ws.on('framereceived', () => { frames++; }); });
  await tab.goto(`${url}${page}`);
  for (let waited = 0; frames < 2; waited += 100) {
    if (waited > 60000) throw new Error(`no circuit on ${page}`);
    await sleep(100);
  }
  await tab.waitForLoadState('networkidle');
  await sleep(500);
  return context;
}

const browser = await chromium.launch({ executablePath: args.chromium ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const warm = await openCircuit(browser);
await warm.close();
await sleep(5000);
const before = { rss: rssMb(), heap: gcHeapMb() };

const contexts = [];
for (let i = 0; i < circuits; i++) contexts.push(await openCircuit(browser));
await sleep(10000);
const after = { rss: rssMb(), heap: gcHeapMb() };
// --screenshot file.png: what the last circuit showed, to check the measured page really rendered signed in.
if (args.screenshot) await contexts.at(-1).pages()[0].screenshot({ path: args.screenshot, fullPage: true });

for (const context of contexts) await context.close();
await browser.close();

const per = (a, b) => (a === null || b === null ? 'n/a' : ((b - a) / circuits).toFixed(2));
console.log(`circuits: ${circuits}, page: ${page}`);
console.log(`working set: ${before.rss.toFixed(1)} MB -> ${after.rss.toFixed(1)} MB, ${per(before.rss, after.rss)} MB per circuit`);
console.log(`GC heap:     ${before.heap?.toFixed(1) ?? 'n/a'} MB -> ${after.heap?.toFixed(1) ?? 'n/a'} MB, ${per(before.heap, after.heap)} MB per circuit`);
