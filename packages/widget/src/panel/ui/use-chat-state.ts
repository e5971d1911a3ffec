/** Subscribes a component to the transport's chat state. */
import { useEffect, useState } from 'preact/hooks';
import type { ChatState } from '../state/chat-state.js';
import type { Transport } from '../transport/transport.js';

export function useChatState(transport: Transport): ChatState {
  const [state, setState] = useState(transport.state);
  useEffect(() => {
    setState(transport.state);
    return transport.subscribe(setState);
  }, [transport]);
  return state;
}
