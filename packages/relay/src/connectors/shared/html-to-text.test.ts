import { describe, expect, it } from 'vitest';
import { htmlToText } from './html-to-text.js';

describe('htmlToText', () => {
  it('turns a Mastodon status content into text', () => {
    // Shape of `Status.content` in https://docs.joinmastodon.org/entities/Status/
    const html =
      '<p><span class="h-card" translate="no"><a href="https://social.example/@brand" class="u-url mention">@<span>brand</span></a></span> my order &amp; invoice &lt;3</p><p>second<br />line</p>';
    expect(htmlToText(html)).toBe('@brand my order & invoice <3\n\nsecond\nline');
  });

  it('never lets markup through, even encoded', () => {
    expect(htmlToText('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>')).toBe('<script>alert(1)</script>');
    expect(htmlToText('<img src=x onerror=alert(1)>hi')).toBe('hi');
  });
});
