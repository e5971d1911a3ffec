/**
 * Small DOM helpers for component tests in happy-dom: mount with Preact's act so effects have
 * run before assertions, and fire the events the console listens to.
 */
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';

export function mount(vnode: ComponentChild): { container: HTMLElement; unmount: () => void } {
  const container = document.createElement('div');
  document.body.appendChild(container);
  act(() => render(vnode, container));
  return {
    container,
    unmount: () => {
      act(() => render(null, container));
      container.remove();
    },
  };
}

export function press(target: Element, key: string, init: KeyboardEventInit = {}): void {
  act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
  });
}

export function type(target: HTMLTextAreaElement | HTMLInputElement, value: string): void {
  act(() => {
    target.value = value;
    target.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export function click(target: Element): void {
  act(() => {
    (target as HTMLElement).click();
  });
}

export function get<T extends Element = HTMLElement>(root: ParentNode, selector: string): T {
  const element = root.querySelector<T>(selector);
  if (!element) throw new Error(`no element matches ${selector}`);
  return element;
}

/** Picks an option of a select, as the agent would. */
export function choose(target: HTMLSelectElement, value: string): void {
  act(() => {
    target.value = value;
    target.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
