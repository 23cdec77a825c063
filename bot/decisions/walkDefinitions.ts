import { leaveWalkthrough } from './leaveWalkthrough.ts';
import { partTimeWalkthrough } from './partTimeWalkthrough.ts';
import { penaltyWalkthrough } from './penaltyWalkthrough.ts';
import { sicknessWalkthrough } from './sicknessWalkthrough.ts';
import { type WalkthroughDefinition, type WalkthroughKind } from './walkthrough.ts';
import { whichCodeWalkthrough } from './whichCodeWalkthrough.ts';

export const WALKTHROUGHS: Record<WalkthroughKind, WalkthroughDefinition> = {
  leave: leaveWalkthrough,
  penalty: penaltyWalkthrough,
  sickness: sicknessWalkthrough,
  code: whichCodeWalkthrough,
  'part-time': partTimeWalkthrough,
};
