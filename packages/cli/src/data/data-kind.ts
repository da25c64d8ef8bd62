/** The kinds of data an objective trains on. */
export type DataKind = 'images' | 'text' | 'audio' | 'pairs';

/** How a data kind is named in messages ("mae needs images"). */
export const KIND_WORDS: Readonly<Record<DataKind, string>> = {
  images: 'images',
  text: 'text',
  audio: 'audio (WAV)',
  pairs: 'image–caption pairs',
};
