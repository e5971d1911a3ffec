/**
 * Styles enter the shadow root only as constructable stylesheets: a strict CSP (`style-src
 * 'self'`) blocks `<style>` elements and style attributes, but not adopted sheets. Browsers
 * without them get an unstyled but working widget rather than a CSP violation.
 */
export function adoptStyles(root: ShadowRoot, css: string): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } catch {
    // Unstyled beats broken.
  }
}
