import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ImportJob } from '@upstand/contracts';
import { CurrentUser, Roles } from '../../common/auth/access.decorators';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { uuidParam } from '../../common/params';
import { ImportJobsService } from './import-jobs.service';

@ApiTags('imports')
@Controller('import-jobs')
export class ImportJobsController {
  constructor(private readonly jobs: ImportJobsService) {}

  /** How far an import has got; its report once it has finished. For the lead who started it and regional leads. */
  @Roles('programme-lead')
  @Get(':id')
  get(@Param('id', uuidParam) id: string, @CurrentUser() user: AuthenticatedUser): Promise<ImportJob> {
    return this.jobs.get(id, user);
  }
}
