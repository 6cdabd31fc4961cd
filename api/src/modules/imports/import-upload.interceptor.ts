import {
  BadRequestException,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { IMPORT_MAX_BYTES } from '@upstand/contracts';
import { Observable } from 'rxjs';

const MultipartFile = FileInterceptor('file', {
  limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 10, fieldSize: 1024 * 1024 },
});

/**
 * Reads a multipart upload's `file` (kept in memory, at most 10 MB) and `mapping` field; other requests
 * (text/csv bodies) pass untouched. multer's errors become 413/400 answers that name the field.
 */
@Injectable()
export class ImportUploadInterceptor implements NestInterceptor {
  private readonly multipart = new MultipartFile();

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await this.multipart.intercept(context, next);
    } catch (error) {
      if (error instanceof PayloadTooLargeException)
        throw new PayloadTooLargeException({
          message: 'The file is larger than 10 MB',
          errors: [
            { field: 'file', message: 'The file must be 10 MB or smaller: split it into several files' },
          ],
        });
      // Only reading the upload happens here (the handler's own errors travel in the observable).
      const reason = error instanceof Error ? error.message : String(error);
      const message = `The upload could not be read (${reason}). Send one file in the field "file"`;
      throw new BadRequestException({ message, errors: [{ field: 'file', message }] });
    }
  }
}
