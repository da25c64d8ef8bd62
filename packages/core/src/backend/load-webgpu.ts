import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { LoadedBackend, LoaderOptions } from './loaded-backend.js';

const require = createRequire(import.meta.url);

/** Adapter descriptions of CPU (software) Vulkan/WebGPU implementations: slower than wasm. */
const SOFTWARE_ADAPTER = /llvmpipe|lavapipe|swiftshader|software|cpu/i;

// Minimal structural types of the WebGPU objects used here (the full ones live in @webgpu/types).
interface GpuAdapterLike {
  readonly info?: AdapterInfoLike;
  readonly limits: Record<string, number>;
  readonly features: { has(name: string): boolean };
  requestDevice(desc: { requiredFeatures: string[]; requiredLimits: Record<string, number> }): Promise<unknown>;
}
interface GpuLike { requestAdapter(opts: { powerPreference: string }): Promise<GpuAdapterLike | null> }
interface Dawn { create(flags: string[]): GpuLike; globals: Record<string, unknown> }
type WebgpuBackendCtor = new (device: unknown, info?: unknown) => tf.KernelBackend;

interface AdapterInfoLike { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean }

function describeAdapter(info: AdapterInfoLike | undefined): string {
  if (!info) return 'unknown adapter';
  const parts = [info.description, info.vendor, info.architecture, info.device].filter((p) => p && p.length > 0);
  return parts.length ? [...new Set(parts)].join(' / ') : 'unknown adapter';
}

/**
 * Activates `@tensorflow/tfjs-backend-webgpu` in Node through Dawn (the `webgpu` package).
 * Node has no `navigator.gpu`, so the backend never registers itself: this provides one and
 * registers the backend by hand. Unless asked for by name, a missing or software adapter is refused.
 */
export async function loadWebgpu(opts: LoaderOptions): Promise<LoadedBackend> {
  if (!opts.explicit && process.platform === 'linux' && !hasVulkanLoader()) {
    throw new Error('no Vulkan loader (libvulkan.so.1) on this machine');
  }
  let dawn: Dawn;
  try {
    const spec = 'webgpu'; // untyped optional dependency
    dawn = (await import(spec)) as Dawn;
  } catch (e) {
    throw new Error(`the optional 'webgpu' package (Dawn for Node) does not load: ${(e as Error).message.split('\n')[0]}`);
  }
  Object.assign(globalThis, dawn.globals);
  const gpu = dawn.create([]);
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new Error('no WebGPU adapter found (no Vulkan/Metal/D3D12 driver)');
  const info = adapter.info;
  const name = describeAdapter(info);
  if (!opts.explicit && (info?.isFallbackAdapter || SOFTWARE_ADAPTER.test(name))) {
    throw new Error(`only a software adapter (${name}); ask for webgpu by name to use it anyway`);
  }
  const g = globalThis as unknown as { navigator?: { gpu?: GpuLike } };
  g.navigator ??= {};
  g.navigator.gpu = gpu;
  const wg = (await import('@tensorflow/tfjs-backend-webgpu')) as unknown as { WebGPUBackend: WebgpuBackendCtor };
  if (tf.findBackendFactory('webgpu')) tf.removeBackend('webgpu');
  tf.registerBackend('webgpu', async () => {
    const L = adapter.limits;
    const requiredFeatures = adapter.features.has('timestamp-query') ? ['timestamp-query'] : [];
    const device = await adapter.requestDevice({
      requiredFeatures,
      requiredLimits: {
        maxComputeWorkgroupStorageSize: L.maxComputeWorkgroupStorageSize,
        maxComputeWorkgroupsPerDimension: L.maxComputeWorkgroupsPerDimension,
        maxStorageBufferBindingSize: L.maxStorageBufferBindingSize,
        maxBufferSize: L.maxBufferSize,
        maxComputeWorkgroupSizeX: L.maxComputeWorkgroupSizeX,
        maxComputeInvocationsPerWorkgroup: L.maxComputeInvocationsPerWorkgroup,
      },
    });
    return new wg.WebGPUBackend(device, info);
  }, 0);
  if (!(await tf.setBackend('webgpu'))) throw new Error('setBackend("webgpu") returned false');
  const version = (require('webgpu/package.json') as { version: string }).version;
  return { tfBackend: 'webgpu', versions: { webgpu: version }, adapters: [name], details: { softwareAdapter: SOFTWARE_ADAPTER.test(name) } };
}

/** Dawn on Linux needs the Vulkan loader; without it Dawn only prints a warning and finds nothing. */
function hasVulkanLoader(): boolean {
  const dirs = [
    ...(process.env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean),
    '/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib', '/lib/x86_64-linux-gnu',
    '/lib/aarch64-linux-gnu', '/usr/local/lib',
  ];
  return dirs.some((d) => existsSync(join(d, 'libvulkan.so.1')));
}
