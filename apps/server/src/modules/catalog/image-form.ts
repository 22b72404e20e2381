import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../platform/errors.ts';

export interface UploadedFile {
  /** The name the client gave the file; checked and sanitised by the image service, never used as a path. */
  filename: string;
  bytes: Buffer;
}

/**
 * Options of the upload form for @fastify/multipart (busboy): its limits, and
 * the file name exactly as sent (busboy would otherwise cut a path off
 * silently; a name with a path is refused instead).
 */
export const uploadOptions = (maxBytes: number) => ({ preservePath: true, limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: 2_000, parts: 6, headerPairs: 50 } });

const formError = (code: string, path: string, message: string, detail: string) => new DomainError(code, detail, [{ path, message }]);

/** Busboy's and the plugin's complaints, said in the API's words. */
function translated(err: unknown, maxBytes: number): DomainError {
  switch ((err as { code?: string }).code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return formError('CATALOG_IMAGE_TOO_LARGE', 'body.file', `must be at most ${maxBytes} bytes`, `The file is larger than the ${maxBytes} bytes this server accepts.`);
    case 'FST_FILES_LIMIT':
      return formError('CATALOG_IMAGE_FORM_INVALID', 'body.file', 'send one file per request', 'Send one image per request.');
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return formError('CATALOG_IMAGE_FORM_INVALID', 'body', 'has too many fields', 'The form has more fields than an image upload takes: file, alt, variantId and position.');
    case 'FST_PROTO_VIOLATION':
      return formError('CATALOG_IMAGE_FORM_INVALID', 'body', 'has a field name that is not allowed', 'The form has a field name that is not allowed.');
    default:
      return formError('CATALOG_IMAGE_FORM_INVALID', 'body', 'is not a readable multipart form', 'The body is not a readable multipart/form-data form.');
  }
}

/**
 * Reads the upload form into a plain object for schema validation: `file` as
 * { filename, bytes } and the other fields as text. The file is held in memory,
 * at most `maxBytes` (the form's limits stop the client early), so it can be
 * checked whole before any of it is stored.
 */
export async function readImageForm(request: FastifyRequest, maxBytes: number): Promise<Record<string, unknown>> {
  if (!request.isMultipart()) {
    throw formError('CATALOG_IMAGE_FORM_INVALID', 'body.file', 'is required: send a multipart/form-data form', 'Send the image as multipart/form-data with the file in a field named file.');
  }
  const body: Record<string, unknown> = {};
  try {
    for await (const part of request.parts(uploadOptions(maxBytes))) {
      if (body[part.fieldname] !== undefined) {
        throw formError('CATALOG_IMAGE_FORM_INVALID', `body.${part.fieldname}`, 'is sent more than once', `The form field ${part.fieldname} is sent more than once.`);
      }
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          await part.toBuffer().catch(() => undefined);
          throw formError('CATALOG_IMAGE_FORM_INVALID', `body.${part.fieldname}`, 'is not expected: send the image as the field named file', 'Send the image in the form field named file.');
        }
        body.file = { filename: part.filename, bytes: await part.toBuffer() } satisfies UploadedFile;
      } else {
        if (part.valueTruncated) throw formError('CATALOG_IMAGE_FORM_INVALID', `body.${part.fieldname}`, 'is too long', `The form field ${part.fieldname} is too long.`);
        body[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    throw err instanceof DomainError ? err : translated(err, maxBytes);
  }
  return body;
}
