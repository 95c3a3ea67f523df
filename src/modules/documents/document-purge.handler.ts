import { Injectable } from '@nestjs/common';
import { JobName } from '@common/jobs/job-name';
import { OutsideTransactionJobHandler, type OutsideJobContext } from '@infra/queue/job-handler.decorator';
import { DocumentStreams } from './document-streams.service';

/** `document.purge`, outside a transaction (object storage): DocumentStreams does the work. */
@Injectable()
export class DocumentPurgeHandler {
  constructor(private readonly streams: DocumentStreams) {}

  @OutsideTransactionJobHandler(JobName.DocumentPurge)
  purge(context: OutsideJobContext): Promise<void> {
    return this.streams.purge(context);
  }
}
