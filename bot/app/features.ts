import { type FeatureModule } from '../host/featureHost.ts';
import { parseQuestion } from '../questions/parseQuestion.ts';
import { queriesFeature } from '../queries/queriesFeature.ts';
import { setupFeature } from '../setup/setupFeature.ts';
import { type BotServices } from './botServices.ts';

/**
 * The bot's features, in registration order. To add one, append its factory here: its anchored message
 * routes are tried after those of the features above it, and the question catch-all (queries) always runs
 * last whatever its place in this list.
 */
export function botFeatures(services: BotServices): FeatureModule[] {
  return [setupFeature(services), queriesFeature({ ...services, parse: parseQuestion })];
}
