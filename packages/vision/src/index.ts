/**
 * @pretext/vision — SimCLR, BYOL and MAE on images: tensor augmentations (random resized crop, colour jitter, blur, solarize), ResNet and ViT encoders, image folders decoded with sharp, and the MNIST split.
 *
 * Not implemented yet: this package is an empty shell of the monorepo (see its README).
 */
export {};
