import { InputError } from '../packages/common/errors.js';
import { targetImageOf, type PromotionPlan, type TrainMember } from '../packages/promotion/plan.js';
import type { PromotionOutcome } from '../packages/promotion/promote.js';

/*
 * The image and to-image inputs of plan-promotion and promote: one image, or a release train of
 * several (one a line), each with its to-image on the same line number.
 */

export function trainInputs(
  images: readonly string[],
  toImages: readonly string[],
): { image: string; toImage?: string; train?: TrainMember[] } {
  if (images.length === 0) {
    throw new InputError(
      'image',
      '',
      'an image name without tag, e.g. ghcr.io/acme/backend (several, one a line: a release train)',
      'the input is required',
    );
  }
  if (toImages.length > 0 && toImages.length !== images.length) {
    throw new InputError(
      'to-image',
      toImages.join('\n'),
      `one to-image a line for each image line, in the same order (${images.length}), or none`,
      `${toImages.length} given for ${images.length} images`,
    );
  }
  const [image, ...rest] = images as [string, ...string[]];
  return {
    image,
    ...(toImages[0] ? { toImage: toImages[0] } : {}),
    ...(rest.length
      ? { train: rest.map((i, n) => ({ image: i, ...(toImages[n + 1] ? { toImage: toImages[n + 1] } : {}) })) }
      : {}),
  };
}

/** Every image of the promotion (a train's too) as the `images` output: JSON, one object an image. */
export function imagesOutput(plan: PromotionPlan, outcome?: PromotionOutcome): string {
  const members = [plan, ...(plan.train ?? [])];
  return JSON.stringify(
    members.map((m, i) => ({
      image: m.image,
      'to-image': targetImageOf(m),
      'source-tag': m.sourceTag,
      'target-tag': (i === 0 ? outcome?.targetTag : outcome?.train?.[i - 1]?.targetTag) ?? m.targetTag,
      digest: m.digest,
    })),
  );
}
