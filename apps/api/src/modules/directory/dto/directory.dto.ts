import { z } from 'zod';
import { IDENTITY_KINDS } from '../entities/identity.entity';

const name = z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters');
export const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'is not a calendar date');

export const identityInput = z.object({
  kind: z.enum(IDENTITY_KINDS as [string, ...string[]], { error: `must be one of ${IDENTITY_KINDS.join(', ')}` }),
  value: z.string().trim().min(1, 'must not be empty').max(320),
});

export const createDepartmentDto = z.strictObject({ name });
export const createTeamDto = z.strictObject({ name, department: name.optional() });
export const updateTeamDto = z.strictObject({ name: name.optional(), department: name.nullable().optional() });
export const createPersonDto = z.strictObject({
  name,
  isBot: z.boolean().default(false),
  identities: z.array(identityInput).default([]),
});
export const updatePersonDto = z.strictObject({ name: name.optional(), isBot: z.boolean().optional() });
export const mergePeopleDto = z.strictObject({ personId: z.string().min(1) });

const dateRange = {
  startDate: isoDate,
  endDate: isoDate.nullable().optional(),
};
const checkRange = (value: { startDate: string; endDate?: string | null }) => !value.endDate || value.endDate >= value.startDate;
export const createMembershipDto = z
  .strictObject({ team: name, ...dateRange })
  .refine(checkRange, { path: ['endDate'], message: 'must not be before startDate' });
export const createSeatDto = z
  .strictObject({ tool: z.string().trim().min(1).max(64), ...dateRange })
  .refine(checkRange, { path: ['endDate'], message: 'must not be before startDate' });
export const endDto = z.strictObject({ endDate: isoDate });
export const putRepoOwnerDto = z.strictObject({ repo: z.string().trim().min(1).max(300), team: name });
export const createRolloutPhaseDto = z.strictObject({
  name,
  startDate: isoDate,
  targetShare: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1'),
});
