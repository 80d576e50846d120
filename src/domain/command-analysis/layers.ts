/**
 * One layer of a command line: its text read in one language (folded, lexed), the findings of its
 * commands and text, and the layers it hands on — inner interpreters, decoded payloads, command
 * lines written into strings — analysed recursively within a shared budget (analysis-limits.ts):
 * total characters, layer count, nesting and decoding depth. Each finding names its layer.
 */
import { MAX_DECODE_DEPTH, MAX_LAYER_DEPTH } from './analysis-limits';
import { baseName, DOWNLOADERS, hasRemoteArg, lolbinHits, namedLolbins, programCall, programHits, SHELLS, STDIN_INTERPRETERS, type ProgramCall } from './command-rules';
import { decodePayload, type Inflate } from './decode';
import { removeBackticks, removeCarets } from './deobfuscate';
import { embeddedCommands, stringLiterals } from './embedded';
import { cleanEvidence, type Finding, type FindingId } from './findings';
import { foldStrings } from './fold';
import { innerScripts } from './inner-scripts';
import { LAYER_SEPARATOR, type Shell } from './layer-types';
import { lex, type Command, type Dialect } from './lexer';
import { switchFindings } from './powershell-switches';
import { TEXT_RULES } from './text-rules';

export interface LayerContext {
  inflate?: Inflate;
  /** Characters and layers left for the whole analysis. */
  budget: { chars: number; layers: number; commands: number };
  findings: Finding[];
  /** The text of each layer, for IOC extraction (payloads replaced by their decoding). */
  scanTexts: string[];
  /** The first -EncodedCommand decoding: the answer card shows it. */
  decoded: string | null;
}

interface Outcome {
  downloads: boolean;
  runs: boolean;
}

interface Layer {
  shell: Shell;
  path: string[];
  name: string;
  text: string;
  ctx: LayerContext;
  outcome: Outcome;
  payloads: Set<string>;
}

const DIALECT: Partial<Record<Shell, Dialect>> = { cmd: 'cmd', powershell: 'powershell', sh: 'sh' };

export function analyzeLayer(raw: string, shell: Shell, path: string[], ctx: LayerContext): Outcome {
  const outcome: Outcome = { downloads: false, runs: false };
  if (ctx.budget.layers <= 0 || ctx.budget.chars <= 0 || !raw.trim()) return outcome;
  ctx.budget.layers--;
  const taken = raw.slice(0, ctx.budget.chars);
  ctx.budget.chars -= taken.length;
  const text = shell === 'cmd' ? removeCarets(taken) : shell === 'sh' ? taken : foldStrings(removeBackticks(taken));
  const layer: Layer = { shell, path, name: path.join(LAYER_SEPARATOR), text, ctx, outcome, payloads: new Set() };
  const dialect = DIALECT[shell];
  if (dialect) for (const pipeline of lex(shell === 'cmd' ? taken : text, dialect)) analysePipeline(layer, pipeline, shell === 'cmd' ? taken : text);
  else for (const s of stringLiterals(text)) embedded(layer, s);
  textFindings(layer);
  decodedLiterals(layer);
  if (outcome.downloads && outcome.runs) add(layer, 'download-and-execute', 'T1105', downloadEvidence(layer) ?? text);
  ctx.scanTexts.push(withoutPayloads(text, layer.payloads));
  return outcome;
}

function add(layer: Layer, id: FindingId, mitre: string, evidence: string): void {
  if (id === 'download-cradle' || id === 'lolbin-download') layer.outcome.downloads = true;
  layer.ctx.findings.push({ id, evidence: cleanEvidence(evidence), mitre, layer: layer.name });
}

function downloadEvidence(layer: Layer): string | undefined {
  return layer.ctx.findings.find((f) => f.layer.startsWith(layer.name) && (f.id === 'download-cradle' || f.id === 'lolbin-download'))?.evidence;
}

/** Analyses `text` one layer deeper, named by `names` ("powershell", "base64"). */
function child(layer: Layer, text: string, shell: Shell, names: string[]): Outcome {
  const path = [...layer.path, ...names];
  const decodes = path.filter((p) => p === 'base64' || p === 'gzip').length;
  if (path.length > MAX_LAYER_DEPTH || decodes > MAX_DECODE_DEPTH) return { downloads: false, runs: false };
  const out = analyzeLayer(text, shell, path, layer.ctx);
  layer.outcome.downloads ||= out.downloads;
  layer.outcome.runs ||= out.runs;
  return out;
}

function analysePipeline(layer: Layer, pipeline: Command[], source: string): void {
  let downloaded = false;
  let decodedBase64 = false;
  for (let i = 0; i < pipeline.length; i++) {
    if (layer.ctx.budget.commands-- <= 0) return;
    const command = pipeline[i]!;
    const call = programCall(command.words);
    if (!call) continue;
    const evidence = source.slice(command.start, command.end);
    const downloads = analyseCommand(layer, call, command, source, evidence);
    if (i > 0 && STDIN_INTERPRETERS.has(call.program) && !call.args.some((w) => !w.text.startsWith('-'))) {
      if (downloaded) add(layer, 'download-and-execute', 'T1105', source.slice(pipeline[0]!.start, command.end));
      if (decodedBase64) add(layer, 'base64-decode-execute', 'T1140', source.slice(pipeline[0]!.start, command.end));
      layer.outcome.runs = true;
    }
    if (i > 0 && isBase64Decode(call)) {
      decodedBase64 = true;
      const echoed = pipeline[i - 1] && programCall(pipeline[i - 1]!.words);
      if (echoed && /^(?:echo|printf)$/.test(echoed.program)) {
        const payload = echoed.args.find((w) => /^[A-Za-z0-9+/=_-]{8,}$/.test(w.text))?.text;
        const decoded = payload && decodePayload(payload, layer.ctx.inflate, false);
        if (decoded) {
          layer.payloads.add(payload);
          child(layer, decoded.text, layer.shell === 'powershell' ? 'powershell' : 'sh', ['base64']);
        }
      }
    }
    downloaded ||= downloads;
  }
}

function isBase64Decode(call: ProgramCall): boolean {
  return (call.program === 'base64' && /(?:^|\s)(?:-d|--decode|-D)\b/.test(call.argText)) || call.program === 'b64decode' || (call.program === 'openssl' && /\bbase64\b.*-d\b|enc\s+-d\s+-base64/.test(call.argText));
}

/** A command's own findings and inner layers; true when it downloads. */
function analyseCommand(layer: Layer, call: ProgramCall, command: Command, source: string, evidence: string): boolean {
  let downloads = false;
  const isExe = /\.exe["']?$/i.test(command.words.find((w) => baseName(w.text) === call.program)?.text ?? '');
  for (const hit of [...programHits(call), ...lolbinHits(call, isExe)]) {
    add(layer, hit.id, hit.mitre, evidence);
    if (hit.id === 'download-cradle' || hit.id === 'lolbin-download') downloads = true;
  }
  if (call.program === 'powershell' || call.program === 'pwsh') for (const f of switchFindings(call.args)) add(layer, f.id, f.mitre, f.evidence);
  if (runsAFile(call, command)) layer.outcome.runs = true;
  for (const inner of innerScripts(call, source, command)) {
    let text = inner.text;
    if (inner.encoded) {
      const decoded = decodePayload(text.replace(/^["']|["']$/g, ''), undefined, false);
      if (!decoded) continue;
      layer.payloads.add(text);
      layer.ctx.decoded ??= decoded.text;
      text = decoded.text;
    }
    const out = child(layer, text, inner.shell, inner.encoded ? [inner.shell, 'base64'] : [inner.shell]);
    if (out.downloads) downloads = true;
  }
  for (const w of command.words) if (w.quoted) embedded(layer, w.text);
  return downloads || (DOWNLOADERS.has(call.program) && hasRemoteArg(call));
}

const TEMP_PATH = /^["']?(?:\.\/|\/tmp\/|\/dev\/shm\/|\/var\/tmp\/|~\/|\$HOME\/|\$env:(?:temp|tmp|appdata|public|localappdata)|%(?:temp|tmp|appdata|public|localappdata)%|c:\\users\\public\\|c:\\programdata\\)/i;

/** Running a file rather than a system program: `./x`, `/tmp/x`, `chmod +x`, `sh file`, Start-Process. */
function runsAFile(call: ProgramCall, command: Command): boolean {
  const first = command.words.find((w) => baseName(w.text) === call.program)?.text ?? '';
  if (TEMP_PATH.test(first)) return true;
  if (call.program === 'chmod' && /(?:^|\s)(?:[ugoa]*\+[rw]*x|0?[0-7]?[75][0-7]{2})\b/.test(call.argText)) return true;
  const interpreter = SHELLS.has(call.program) || /^(?:python[23]?|perl|ruby|php|node)$/.test(call.program);
  if (interpreter && !call.args.some((w) => /^-[a-z]*[cemr]$/i.test(w.text)) && call.args.some((w) => !w.text.startsWith('-'))) return true;
  return call.program === 'start-process' || call.program === 'saps';
}

/** A string that is itself a command line (a Run key value, an os.system argument, a cron line). */
function embedded(layer: Layer, text: string): void {
  for (const e of embeddedCommands(text, layer.shell)) child(layer, e.text, e.shell, [e.shell]);
}

function textFindings(layer: Layer): void {
  const { text, shell } = layer;
  for (const rule of TEXT_RULES) {
    if (rule.shells && !rule.shells.includes(shell)) continue;
    const m = rule.pattern.exec(text);
    if (m && (!rule.also || rule.also.every((re) => re.test(text)))) add(layer, rule.id, rule.mitre, m[0]);
  }
  for (const { name, mitre } of namedLolbins(text)) add(layer, 'lolbin-execute', mitre, `${name}.exe`);
}

const DECODER_CALL = /\b(FromBase64String|b64decode|base64_decode|atob|decodebytes)\s*\(\s*(?:['"]([A-Za-z0-9+/=_-]{8,})['"])/gi;

/** Base64 literals a script decodes (`FromBase64String('…')`, `base64_decode("…")`), inflated when the script inflates them. */
function decodedLiterals(layer: Layer): void {
  const compressed = /gzinflate|gzuncompress|gzdecode|GzipStream|DeflateStream|zlib\.decompress/i.test(layer.text);
  let n = 0;
  for (const m of layer.text.matchAll(DECODER_CALL)) {
    if (++n > 16) break;
    const decoded = decodePayload(m[2]!, layer.ctx.inflate, compressed);
    if (!decoded) continue;
    layer.payloads.add(m[2]!);
    const shell: Shell = layer.shell === 'php' || layer.shell === 'python' || layer.shell === 'script' ? layer.shell : 'powershell';
    child(layer, decoded.text, shell, decoded.inflated ? ['base64', 'gzip'] : ['base64']);
  }
}

/** The text without its base64 payloads (their decoding is scanned instead), in one pass. */
function withoutPayloads(text: string, payloads: Set<string>): string {
  if (!payloads.size) return text;
  return text.replace(/[^\s"':()]+/g, (word) => (payloads.has(word) ? ' ' : word));
}
