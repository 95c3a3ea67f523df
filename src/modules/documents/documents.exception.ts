import { DomainException, FailureKind } from '@common/errors/domain.exception';
import { DOCUMENT_MEDIA_TYPES } from './domain/media-type';

/** The upload went past `DOCUMENT_MAX_BYTES`. Nothing was kept. */
export class DocumentTooLargeException extends DomainException {
  constructor(maxBytes: number) {
    super('document-too-large', FailureKind.TooLarge, `A document may have at most ${maxBytes} bytes.`, { maxBytes });
  }
}

/** The content's first bytes are not one of the allowed types (the name and declared type are not looked at). */
export class DocumentTypeNotAllowedException extends DomainException {
  constructor(reason: 'heic-metadata' | 'unknown' | 'malformed-image') {
    const detail =
      reason === 'heic-metadata'
        ? 'HEIC/HEIF images are refused because their location metadata cannot be removed here; convert the photo to JPEG first.'
        : reason === 'malformed-image'
          ? 'The image could not be read, so its metadata could not be removed.'
          : 'Only PDF, JPEG, PNG and WebP documents are accepted (decided from the content).';
    super('document-type-not-allowed', FailureKind.UnsupportedMediaType, detail, { allowed: [...DOCUMENT_MEDIA_TYPES], reason });
  }
}

/** The multipart request lacks the file part, or carries fields after it or more than one file. */
export class DocumentUploadMalformedException extends DomainException {
  constructor(problem: 'not-multipart' | 'no-file' | 'fields-after-file' | 'too-many-parts') {
    super('document-upload-malformed', FailureKind.InvalidInput, 'Send multipart/form-data: the fields first, then exactly one part named "file".', {
      problem,
    });
  }
}

/**
 * A stored document failed to decrypt: a segment was altered, dropped, repeated, reordered or
 * taken from another document. Nothing of its content is answered.
 */
export class DocumentUnreadableException extends DomainException {
  constructor(readonly reason: string) {
    super('document-unreadable', FailureKind.Unavailable, 'This document failed its integrity check and cannot be served.');
  }
}

/** The document store could not be reached. */
export class DocumentStoreUnavailableException extends DomainException {
  constructor() {
    super('document-store-unavailable', FailureKind.Unavailable, 'The document store is unavailable; try again later.');
  }
}

/** The checklist link names no item of the case's resettlement applications. */
export class ChecklistItemNotFoundException extends DomainException {
  constructor() {
    super('checklist-item-not-found', FailureKind.Unprocessable, 'No such checklist item on this case.');
  }
}

/** The upload is not multipart/form-data. */
export class DocumentUploadNotMultipartException extends DomainException {
  constructor() {
    super('unsupported-media-type', FailureKind.UnsupportedMediaType, 'Send multipart/form-data.');
  }
}

/** A share or request names a document that is not one of the case's. */
export class DocumentNotOnCaseException extends DomainException {
  constructor() {
    super('document-not-on-case', FailureKind.Unprocessable, "Every chosen document must be one of this case's documents.");
  }
}
