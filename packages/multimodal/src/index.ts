/**
 * `@pretext/multimodal`: CLIP-style contrastive training of any two Pretext encoders — image–text,
 * audio–text, audio–image — with projection heads, L2-normalised embeddings, a learnable logit
 * scale and core's symmetric CLIP loss; pair data from folders and captions files (CSV/JSONL),
 * MNIST with template captions and spoken digits paired with handwritten ones; zero-shot
 * classification with prompt ensembling and Recall@K retrieval. Importing it registers the
 * objective `clip` with `@pretext/core`.
 */
export { DEFAULT_TOWER_KEYS, audioTowerSchema, imageTowerSchema, projectionSchema, textTowerSchema, towerSchema, type Modality, type ProjectionConfig, type TowerConfig, type TowerConfigInput } from './model/tower-config.js';
export { projectionHead } from './model/projection-head.js';
export { buildTower, checkTowerInput, towerInput, type Tower, type TowerSide } from './model/tower.js';

export { Clip } from './objectives/clip.js';
export { clipConfigSchema, type ClipConfig, type ClipConfigInput } from './objectives/clip-config.js';
export { registerMultimodalObjectives } from './objectives/register-objectives.js';

export { readCaptionsFile, type CaptionLine, type CaptionsFormat } from './data/captions-file.js';
export { matchCaptions, mediaKey, type MatchedCaptions } from './data/match-captions.js';
export { audioMedia, imageMedia, type AudioMediaOptions, type MediaSet } from './data/media-set.js';
export { pairBatches, partnerChoices, type PairBatchOptions, type PairBatchPlan } from './data/pair-batches.js';
export { tokenizeCaptions, type CaptionTokenization } from './data/tokenize-captions.js';
export { CaptionPairs, type CaptionBatchOptions } from './data/caption-pairs.js';
export { ClassMatchedPairs, type ClassMatchedBatchOptions } from './data/class-matched-pairs.js';
export { imageCaptionPairs, type ImageCaptionPairsOptions } from './data/image-caption-pairs.js';
export { audioCaptionPairs, type AudioCaptionPairsOptions } from './data/audio-caption-pairs.js';
export { digitPromptTemplates, MNIST_EVALUATION_TEMPLATES, MNIST_TRAINING_TEMPLATES, renderDigitCaption } from './data/mnist-templates.js';
export { mnistCaptions, type MnistCaptions, type MnistCaptionsOptions } from './data/mnist-captions.js';
export { spokenDigitImagePairs, type SpokenDigitImagePairs, type SpokenDigitImagePairsOptions } from './data/spoken-digit-image-pairs.js';

export { renderPrompt, type PromptTemplate } from './eval/prompt-template.js';
export { ensemblePromptEmbeddings } from './eval/ensemble-prompts.js';
export { argmaxRows } from './eval/argmax-rows.js';
export { ZeroShotClassifier, zeroShotClassifier, type ZeroShotOptions, type ZeroShotTowers } from './eval/zero-shot.js';
export { bestRelevantRank, retrievalRecall, type Relevance, type RetrievalRecall } from './eval/retrieval.js';
export { embedSide } from './eval/embed-side.js';

import { registerMultimodalObjectives } from './objectives/register-objectives.js';

registerMultimodalObjectives();
