// The workbench's derived values (slice.ts) need the rules engine, the catalogue and the
// return-scope logic: they arrive with the workbench code, which imports this module.
import { workingDaysBetween } from '../../domain/calendar';
import { evaluate } from '../../domain/rules';
import { isEditableByAgent } from '../../domain/state-machine';
import { itemForCase, lookupItem } from '../catalog-lookup';
import { flaggedTargets, resubmitBlock } from './return-scope';
import { provideWorkbenchLogic } from './slice';

provideWorkbenchLogic({
  itemForCase,
  lookupItem,
  evaluate: (input) => evaluate({ ...input, workingDaysBetween }),
  isEditableByAgent,
  flaggedTargets,
  resubmitBlock,
});
