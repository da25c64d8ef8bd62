/**
 * The installed modality packages, loaded with dynamic `import()`: each registers its objectives
 * (and its custom layers, needed to load saved encoders) with `@pretext/core` on import. A package
 * that is not installed is skipped.
 */
export interface Modalities {
  readonly vision?: typeof import('@pretext/vision');
  readonly text?: typeof import('@pretext/text');
  readonly audio?: typeof import('@pretext/audio');
  readonly multimodal?: typeof import('@pretext/multimodal');
}

let loaded: Promise<Modalities> | undefined;

function isNotInstalled(e: unknown, pkg: string): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && String((e as Error).message).includes(pkg);
}

async function optional<T>(pkg: string, load: () => Promise<T>): Promise<T | undefined> {
  try {
    return await load();
  } catch (e) {
    if (isNotInstalled(e, pkg)) return undefined;
    throw e;
  }
}

/** Imports every installed modality package once per process (later calls share the result). */
export function loadModalities(): Promise<Modalities> {
  loaded ??= (async () => {
    const vision = await optional('@pretext/vision', () => import('@pretext/vision'));
    const text = await optional('@pretext/text', () => import('@pretext/text'));
    const audio = await optional('@pretext/audio', () => import('@pretext/audio'));
    const multimodal = await optional('@pretext/multimodal', () => import('@pretext/multimodal'));
    return { ...(vision ? { vision } : {}), ...(text ? { text } : {}), ...(audio ? { audio } : {}), ...(multimodal ? { multimodal } : {}) };
  })();
  return loaded;
}

/** The modality package `name`, or a one-line error saying it is not installed. */
export function need<K extends keyof Modalities>(m: Modalities, name: K): NonNullable<Modalities[K]> {
  const pkg = m[name];
  if (!pkg) throw new Error(`@pretext/${name} is not installed (pnpm add @pretext/${name})`);
  return pkg;
}
