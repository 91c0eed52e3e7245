import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export const WEBHOOK_PROVIDERS = ['github', 'gitlab', 'jira'] as const;
export type WebhookProvider = (typeof WEBHOOK_PROVIDERS)[number];

/**
 * A code host's or tracker's webhook into the collector. The secret must be readable again (HMAC needs it), so
 * it is stored AES-256-GCM encrypted under UPLIFT_SECRET_KEY, never in plain text.
 */
@Entity('webhooks')
export class WebhookEntity {
  /** Unguessable (random UUID): part of the receiving URL. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index()
  @Column({ name: 'org_id', type: 'varchar', length: 36 })
  orgId!: string;

  @Column({ type: 'varchar', length: 16 })
  provider!: WebhookProvider;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** `v1.<iv>.<tag>.<ciphertext>` (base64url), see webhook-crypto.ts. */
  @Column({ name: 'secret_ciphertext', type: 'text' })
  secretCiphertext!: string;

  /** JSON text: label / issue-type → work item kind overrides (WebhookMapping). */
  @Column({ type: 'text' })
  mapping!: string;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
