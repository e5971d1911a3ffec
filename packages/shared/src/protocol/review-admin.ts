/**
 * The admin API for four-eyes review (issue 6): review policies per scope and the agents flagged
 * as in training. Admins and leads change these (leads run the review process).
 */
import { z } from 'zod';
import { idSchema, timestampSchema } from './primitives.js';
import { REVIEW_SCOPES, reviewRulesSchema } from './review.js';

export const reviewPolicyViewSchema = z.strictObject({
  scope: z.enum(REVIEW_SCOPES),
  /** The channel, team or site; null for the workspace's own policy. */
  scopeId: idSchema.nullable(),
  rules: reviewRulesSchema,
  /** What the scope id names (channel, team or site name), for lists. */
  label: z.string(),
});
export type ReviewPolicyView = z.infer<typeof reviewPolicyViewSchema>;

/** The body of `PUT /api/admin/review-policies/...`: the scope's rules (all off = "none"). */
export const setReviewPolicyRequestSchema = reviewRulesSchema;

export const traineeSchema = z.strictObject({ agentId: idSchema, since: timestampSchema });
export type Trainee = z.infer<typeof traineeSchema>;

export const setTrainingRequestSchema = z.strictObject({ inTraining: z.boolean() });

export const trainingAnswerSchema = z.strictObject({ agentId: idSchema, inTraining: z.boolean(), since: timestampSchema.nullable() });
