import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RecordNotFoundException } from '@common/access/access.exception';
import { actorOf, staffOf, type RequestContext } from '@common/access/request-context';
import { Clock } from '@common/clock/clock';
import { startAfter, toPage, type Page } from '@common/pagination/keyset';
import type { PageQueryDto } from '@common/pagination/page-query.dto';
import { CaseFieldGroup } from '@modules/access/case-access.policy';
import { AuditService } from '@modules/audit/audit.service';
import { CaseAccessService } from './case-access.service';
import { CaseJournal } from './case-journal';
import { CaseSealer } from './case-sealer';
import { CasesRepository } from './cases.repository';
import type { NoteDto } from './dto/case-commands.dto';

export interface NoteView {
  id: string;
  authorId: string;
  body: string;
  createdAt: string;
}

const TABLE = 'case_notes';

/** Append-only notes, sealed under the case key; reading them is audited. */
@Injectable()
export class CaseNotesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CasesRepository,
    private readonly access: CaseAccessService,
    private readonly sealer: CaseSealer,
    private readonly journal: CaseJournal,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  add(ctx: RequestContext, reference: string, dto: NoteDto): Promise<NoteView> {
    const author = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'write');
      if (!found.fieldGroups.has(CaseFieldGroup.Notes)) throw new RecordNotFoundException('case');
      const id = randomUUID();
      const now = this.clock.now();
      const bodySealed = this.sealer.sealText(await this.sealer.key(tx, found.row.id), found.row.id, TABLE, 'body', id, dto.body);
      await this.cases.insertNote(tx, { id, caseId: found.row.id, authorId: author.userId, bodySealed, createdAt: now });
      await this.journal.record(tx, author, ctx.requestId, found.row, { kind: 'NOTE_ADDED', auditAction: 'case.note_added', details: { noteId: id } });
      return { id, authorId: author.userId, body: dto.body, createdAt: now.toISOString() };
    });
  }

  list(ctx: RequestContext, reference: string, query: PageQueryDto): Promise<Page<NoteView>> {
    return this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'read');
      if (!found.fieldGroups.has(CaseFieldGroup.Notes)) throw new RecordNotFoundException('case');
      const rows = await this.cases.notes(found.row.id, startAfter(query.cursor), query.limit, tx);
      const dek = rows.length > 0 ? await this.sealer.key(tx, found.row.id) : null;
      const page = toPage(rows, query.limit, (row) => ({
        id: row.id,
        authorId: row.authorId,
        body: dek ? this.sealer.openText(dek, found.row.id, TABLE, 'body', row.id, row.bodySealed) : '',
        createdAt: row.createdAt.toISOString(),
      }));
      await this.audit.record(tx, {
        actor: actorOf(ctx),
        action: 'case.notes_read',
        resourceType: 'case',
        resourceId: reference,
        caseId: found.row.id,
        requestId: ctx.requestId,
        details: { notes: page.items.length },
      });
      return page;
    });
  }
}
