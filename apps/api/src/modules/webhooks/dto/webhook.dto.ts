import { z } from 'zod';
import { WORK_ITEM_KINDS } from '../webhook-mapping';
import { WEBHOOK_PROVIDERS } from '../webhook.entity';

const kind = z.enum(WORK_ITEM_KINDS, { error: `must be one of ${WORK_ITEM_KINDS.join(', ')}` });
const kindsByName = z.record(z.string().trim().min(1, 'must not be empty').max(200), kind);

export const webhookMappingDto = z.strictObject({
  labelKinds: kindsByName.optional(),
  issueTypeKinds: kindsByName.optional(),
});

export const createWebhookDto = z.strictObject({
  provider: z.enum(WEBHOOK_PROVIDERS, { error: `must be one of ${WEBHOOK_PROVIDERS.join(', ')}` }),
  name: z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters'),
  mapping: webhookMappingDto.optional(),
});

export type CreateWebhookDto = z.output<typeof createWebhookDto>;

/** What the API shows of a webhook: never its secret. */
export type WebhookView = {
  id: string;
  provider: string;
  name: string;
  url: string;
  mapping: z.output<typeof webhookMappingDto>;
  createdAt: string;
};

/** The creation answer: the only time the secret is shown. */
export type CreatedWebhook = WebhookView & { secret: string };
