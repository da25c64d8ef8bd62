import * as tf from '@tensorflow/tfjs';
import { fileIO } from './file-io-handler.js';

const SCHEME = 'file://';
let registered = false;

/**
 * Lets `model.save('file://dir')` and `tf.loadLayersModel('file://dir/model.json')` use
 * {@link fileIO}, as tfjs-node does. Does nothing (and returns false) when another handler already
 * serves `file://` URLs, e.g. because tfjs-node is loaded: tfjs refuses URLs that two handlers
 * claim. Safe to call more than once.
 *
 * @returns Whether `file://` URLs are now served by {@link fileIO}.
 */
export function registerFileRouter(): boolean {
  if (registered) return true;
  const probe = `${SCHEME}pretext-probe`;
  if (tf.io.getSaveHandlers(probe).length > 0 || tf.io.getLoadHandlers(probe).length > 0) return false;
  // tfjs routers answer null for URLs they do not serve (its typings omit the null).
  const route = ((url: string | string[]): tf.io.IOHandler | null =>
    typeof url === 'string' && url.startsWith(SCHEME) ? fileIO(url) : null) as (url: string | string[]) => tf.io.IOHandler;
  tf.io.registerSaveRouter(route);
  tf.io.registerLoadRouter(route);
  registered = true;
  return true;
}
