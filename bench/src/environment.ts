import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { tf, type BackendName, type BackendReport } from '@pretext/core';

/** Where and with what a benchmark ran: enough to tell two result files apart. */
export interface Environment {
  readonly hostname: string;
  readonly platform: string;
  readonly arch: string;
  readonly osRelease: string;
  readonly cpuModel: string;
  /** Logical CPUs (`os.cpus().length`). */
  readonly cpuCores: number;
  /** `os.availableParallelism()` (respects affinity / cgroup limits where Node can see them). */
  readonly availableParallelism: number;
  readonly totalMemoryBytes: number;
  readonly freeMemoryBytes: number;
  /** 1, 5 and 15 minute load averages at capture time: high values mean noisy timings. */
  readonly loadAverage: readonly number[];
  readonly node: string;
  readonly v8: string;
  /** tfjs package versions (from `tf.version`) plus tinybench. */
  readonly versions: Readonly<Record<string, string>>;
  readonly git: GitInfo;
  /** The report of every backend that loaded, by backend. */
  readonly backends: Readonly<Partial<Record<BackendName, BackendReport>>>;
}

/** The commit the benchmark ran on. */
export interface GitInfo {
  /** `git rev-parse HEAD`, or null outside a repository / without git. */
  readonly commit: string | null;
  /** Whether tracked files differ from the commit; null when unknown. */
  readonly dirty: boolean | null;
}

/**
 * Captures the host (CPU model, cores, memory, load), Node and tfjs versions, the git commit and
 * the given backend reports.
 *
 * @param backends - reports of the backends that loaded (from each child process).
 * @param cwd - directory to ask git in (default: this package's directory).
 */
export function captureEnvironment(
  backends: Readonly<Partial<Record<BackendName, BackendReport>>> = {},
  cwd: string = packageDir(),
): Environment {
  const cpus = os.cpus();
  return {
    hostname: os.hostname(),
    platform: process.platform,
    arch: process.arch,
    osRelease: os.release(),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuCores: cpus.length,
    availableParallelism: os.availableParallelism(),
    totalMemoryBytes: os.totalmem(),
    freeMemoryBytes: os.freemem(),
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.versions.node,
    v8: process.versions.v8,
    versions: { ...tfVersions(), tinybench: tinybenchVersion() },
    git: gitInfo(cwd),
    backends,
  };
}

function tfVersions(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tf.version)) if (typeof v === 'string') out[k] = v;
  return out;
}

function tinybenchVersion(): string {
  try {
    // tinybench exports only its entry point: find package.json beside its dist/ folder.
    const entry = fileURLToPath(import.meta.resolve('tinybench'));
    const pkg = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Read-only git queries; `GIT_OPTIONAL_LOCKS=0` keeps `git status` from touching the index. */
function gitInfo(cwd: string): GitInfo {
  const git = (args: string[]): string =>
    execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
    }).trim();
  let commit: string | null = null;
  try {
    commit = git(['rev-parse', 'HEAD']);
  } catch {
    return { commit: null, dirty: null };
  }
  try {
    return { commit, dirty: git(['status', '--porcelain', '--untracked-files=no']).length > 0 };
  } catch {
    return { commit, dirty: null };
  }
}

function packageDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..');
}
