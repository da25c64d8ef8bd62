import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';

/** File extensions read as images (lower case). */
export const IMAGE_EXTENSIONS: readonly string[] = ['.jpg', '.jpeg', '.png', '.webp', '.gif', '.tif', '.tiff'];

/** What {@link listImageFiles} found. */
export interface ImageFileList {
  /** Image paths, sorted (by class, then path). */
  readonly files: string[];
  /** Class index per file, or `undefined` for a flat folder. */
  readonly labels: Int32Array | undefined;
  /** Sub-folder names, sorted; class index i is `classNames[i]`. Empty for a flat folder. */
  readonly classNames: string[];
}

/**
 * Lists the images of a folder. Sub-folders are classes (their names, sorted, give the label
 * indices; images anywhere below a class folder belong to it); a folder with images and no
 * sub-folders is unlabeled. Hidden entries (`.name`) and files with other extensions are ignored.
 *
 * @throws Error naming `dir` when it cannot be read, when it mixes images and class sub-folders,
 *   or when it holds no image.
 */
export async function listImageFiles(dir: string): Promise<ImageFileList> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((e: unknown) => {
    throw new Error(`imageFolder: cannot read folder ${dir}: ${(e as Error).message}`, { cause: e });
  });
  const visible = entries.filter((e) => !e.name.startsWith('.'));
  const classNames = visible.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const topImages = visible.filter((e) => e.isFile() && isImageName(e.name)).map((e) => join(dir, e.name)).sort();
  if (classNames.length > 0 && topImages.length > 0) {
    throw new Error(
      `imageFolder: ${dir} has both image files (${topImages.length}, e.g. ${topImages[0]}) and class sub-folders ` +
        `(${classNames.join(', ')}); put every image in a class folder, or use a flat folder for unlabeled images`,
    );
  }
  if (classNames.length === 0) {
    if (topImages.length === 0) throw new Error(`imageFolder: no image (${IMAGE_EXTENSIONS.join(' ')}) in ${dir}`);
    return { files: topImages, labels: undefined, classNames: [] };
  }
  const files: string[] = [];
  const labels: number[] = [];
  for (const [c, name] of classNames.entries()) {
    const found = (await walk(join(dir, name))).sort();
    if (found.length === 0) throw new Error(`imageFolder: class folder ${join(dir, name)} holds no image`);
    for (const f of found) {
      files.push(f);
      labels.push(c);
    }
  }
  return { files, labels: Int32Array.from(labels), classNames };
}

function isImageName(name: string): boolean {
  return IMAGE_EXTENSIONS.includes(extname(name).toLowerCase());
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(path)));
    else if (e.isFile() && isImageName(e.name)) out.push(path);
  }
  return out;
}
