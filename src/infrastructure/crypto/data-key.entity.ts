import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One data key (DEK) per owner, stored only wrapped under a master key (KEK). Deleting the row is
 * crypto-shredding: the owner's protected fields become unreadable, even with every master key.
 */
@Entity({ name: 'data_keys' })
export class DataKeyEntity {
  @PrimaryColumn({ name: 'owner_type', type: 'varchar', length: 32 })
  ownerType!: string;

  @PrimaryColumn({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  /** Version of the DEK itself (bound into every field's AAD); a KEK rotation leaves it alone. */
  @Column({ name: 'key_version', type: 'integer' })
  keyVersion!: number;

  /** The master key that wraps it. */
  @Column({ name: 'kek_id', type: 'varchar', length: 32 })
  kekId!: string;

  /** AES-256-GCM envelope of the DEK, AAD = owner type, owner id, key version, KEK id. */
  @Column({ name: 'wrapped_key', type: 'bytea' })
  wrappedKey!: Buffer;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Last re-wrap under a new master key; null until the first rotation. */
  @Column({ name: 'rotated_at', type: 'timestamptz', nullable: true })
  rotatedAt!: Date | null;
}
