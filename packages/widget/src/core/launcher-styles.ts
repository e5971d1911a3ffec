/**
 * The launcher's stylesheet. Theming goes through custom properties set on `eyelevel-widget`
 * (outer-page rules beat `:host`), and `::part(launcher)` / `::part(badge)`. Without an explicit
 * side the launcher sits at the page's inline end, so right-to-left pages get it on the left.
 */
export function launcherCss(zIndex: number, side?: string): string {
  return (
    `:host{all:initial;position:fixed;bottom:20px;${side ? side + ':20px' : 'inset-inline-end:20px'};` +
    `z-index:${zIndex}}` +
    ':host([data-inline]){position:static;display:block;height:100%}' +
    '.l{all:unset;width:56px;height:56px;border-radius:50%;cursor:pointer;display:grid;place-items:center;' +
    'position:relative;background:var(--eyelevel-accent,#0b57d0);color:var(--eyelevel-on-accent,#fff);' +
    'box-shadow:0 4px 14px #0004}' +
    '.l:focus-visible{outline:3px solid var(--eyelevel-focus,#e37400);outline-offset:3px}' +
    // The chat-bubble icon is drawn in CSS: cheaper than building an SVG in the loader.
    '.l:before{content:"";grid-area:1/1;width:26px;height:19px;margin-bottom:5px;border-radius:6px;background:currentColor}' +
    '.l:after{content:"";grid-area:1/1;margin:17px 0 0 -12px;border:5px solid;border-color:currentColor #0000 #0000 currentColor}' +
    '.b{position:absolute;top:-4px;inset-inline-end:-4px;min-width:8px;padding:0 6px;border-radius:10px;' +
    'background:#b3261e;color:#fff;font:700 12px/20px system-ui}'
  );
}
