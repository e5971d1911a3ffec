#!/usr/bin/env node
/**
 * Prints the one closing line CI is judged by, `N passed, N failed[, N skipped]`, counted from
 * vitest's JSON report (not from grepping its console output). Exits non-zero when any test
 * failed or when there is no report (the build or type check failed before tests ran).
 */
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2] ?? '.vitest-report.json';
if (!existsSync(file)) {
  console.log('no test report: the build or type check failed before the tests ran');
  console.log('0 passed, 0 failed');
  process.exit(1);
}
const report = JSON.parse(readFileSync(file, 'utf8'));
const passed = report.numPassedTests ?? 0;
const failed = report.numFailedTests ?? 0;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
// A suite that fails to load has no failed *tests*; count it so it cannot pass silently.
const brokenSuites = (report.testResults ?? []).filter(
  (suite) => suite.status === 'failed' && (suite.assertionResults ?? []).every((test) => test.status !== 'failed'),
).length;
const failedTotal = failed + brokenSuites;
console.log(`${passed} passed, ${failedTotal} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failedTotal > 0 || report.success === false ? 1 : 0);
