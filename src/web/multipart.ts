import type { Request, RequestHandler, Response } from 'express';
import { AppError } from '../shared/errors';

declare global {
  namespace Express {
    interface Request {
      /** The files of a multipart form, by field name, read as UTF-8 text. */
      uploads?: Map<string, { filename: string; text: string }>;
    }
  }
}

/**
 * Reads a multipart/form-data post of at most `maxBytes` into req.body (its text fields) and
 * req.uploads (its files, as text), with the multipart parser Node itself ships (the fetch API's
 * FormData). Only for a form that posts a file, mounted on its own path: the form's token is among
 * the fields, so this runs before the token check. A larger post is not read: `onTooLarge` answers.
 */
export function readMultipartForm({
  maxBytes,
  onTooLarge,
}: {
  maxBytes: number;
  onTooLarge: (req: Request, res: Response) => void;
}): RequestHandler {
  return async (req, res, next) => {
    const type = req.get('content-type') ?? '';
    if (!/^multipart\/form-data\s*;/i.test(type)) return next();
    const body = await readAtMost(req, maxBytes);
    if (!body) return onTooLarge(req, res);
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(body), { headers: { 'content-type': type } }).formData();
    } catch {
      throw new AppError(400, 'request.invalid', 'The form could not be read');
    }
    const fields: Record<string, string> = {};
    const files: [string, File][] = [];
    form.forEach((value, name) => {
      if (typeof value === 'string') fields[name] ??= value;
      else files.push([name, value]);
    });
    const uploads = new Map<string, { filename: string; text: string }>();
    for (const [name, file] of files) {
      if (!uploads.has(name)) uploads.set(name, { filename: file.name, text: await file.text() });
    }
    req.body = fields;
    req.uploads = uploads;
    next();
  };
}

/**
 * The whole body, or undefined when it exceeds `maxBytes`. An oversized body is still read to its
 * end, but dropped: breaking off would destroy the socket, and with it the answer.
 */
function readAtMost(req: Request, maxBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on('end', () => resolve(size <= maxBytes ? Buffer.concat(chunks) : undefined));
    req.on('error', reject);
  });
}
