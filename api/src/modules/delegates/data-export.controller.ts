import { Controller, Get, Header } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { MyDataExport } from '@upstand/contracts';
import { Authenticated, CurrentUser } from '../../common/auth/access.decorators';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { DataExportService } from './data-export.service';

@ApiTags('delegates')
@Controller('me')
export class DataExportController {
  constructor(private readonly dataExport: DataExportService) {}

  /** Everyone signed in may download what is held about them; nobody can ask for another person's. */
  @Authenticated()
  @Get('data-export')
  @Header('Content-Disposition', 'attachment; filename="upstand-my-data.json"')
  @Header('Cache-Control', 'no-store')
  export(@CurrentUser() user: AuthenticatedUser): Promise<MyDataExport> {
    return this.dataExport.exportFor(user.id);
  }
}
