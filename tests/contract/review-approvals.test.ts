/**
 * Contract: review approvals (four-eyes, DESIGN.md section 2) are decided once across nodes.
 * Issue 6 builds review; its store joins this suite here, over DRIVERS like the others, with at
 * least: two leads approving one draft on two nodes at once → one approval, one post; no
 * self-approval; an expired or superseded draft cannot be approved.
 */
import { describe } from 'vitest';
import { DRIVERS } from './drivers.js';

describe.each(DRIVERS)('review approvals ($name)', () => {
  describe.todo('two approvals of one draft racing on two nodes: approved once, posted once (issue 6)');
  describe.todo('the author of a draft cannot approve it (issue 6)');
  describe.todo('an expired or superseded draft cannot be approved (issue 6)');
});
