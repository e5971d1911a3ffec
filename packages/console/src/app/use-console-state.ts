/**
 * Subscribes a component to the controller's state. Components re-render on every change, but
 * Preact batches those renders, so a burst of frames costs one paint.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ConsoleController } from './console-controller.js';
import type { ConsoleState } from '../state/console-state.js';

export function useConsoleState(controller: ConsoleController): ConsoleState {
  const [state, setState] = useState(() => controller.getState());
  useEffect(() => {
    setState(controller.getState());
    return controller.subscribe(() => setState(controller.getState()));
  }, [controller]);
  return state;
}
