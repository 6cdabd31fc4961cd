import { Pipe, PipeTransform } from '@angular/core';
import { formatNhsDate } from '@upstand/schedule';

/** Formats an ISO date (YYYY-MM-DD) the NHS way, "1 April 2024" (shared with the API's emails and PDFs). */
export { formatNhsDate };

@Pipe({ name: 'nhsDate' })
export class NhsDatePipe implements PipeTransform {
  transform(value: string | null | undefined): string {
    return formatNhsDate(value);
  }
}
